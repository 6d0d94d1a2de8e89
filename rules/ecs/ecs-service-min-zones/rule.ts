import { reportMinZones } from '../../../lib/engine/min-zones';
import { defineRule } from '../../../lib/engine/types';

export default defineRule({
  id: 'ZL207',
  slug: 'ecs-service-min-zones',
  service: 'ecs',
  title: 'ECS service whose awsvpc subnets span fewer zones than minZones',
  severity: 'error',
  resourceTypes: ['AWS::ECS::Service'],
  options: {
    minZones: { default: 2, description: 'Fewest distinct Availability Zones the awsvpc subnets of a service must cover.' },
  },
  rationale:
    'A service in awsvpc network mode (every Fargate service) places its tasks only in the subnets of ' +
    'NetworkConfiguration.AwsvpcConfiguration. When they are all in one zone, losing that zone stops every task, and ' +
    'the scheduler has no other subnet to start replacements in until the zone recovers, however many tasks it runs.',
  fix: {
    cloudformation: 'list subnets in at least minZones zones in NetworkConfiguration.AwsvpcConfiguration.Subnets',
    cdk: 'pass vpcSubnets that span at least minZones zones (e.g. { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } of a VPC with maxAzs >= 2) to the FargateService / Ec2Service',
  },
  check(ctx) {
    // bridge/host networking (no awsvpc subnets) runs on the cluster's container instances: placement unknown, never guessed
    for (const service of ctx.resources('AWS::ECS::Service')) {
      reportMinZones(ctx, service, {
        path: 'Properties.NetworkConfiguration.AwsvpcConfiguration.Subnets',
        subject: `ECS service ${service.label} places its tasks through its awsvpc subnets in`,
        onlyZoneLost: 'stops every task, and the scheduler has no subnet in another zone to start replacements in',
        leftToServe: 'to run tasks in',
      });
    }
  },
});
