import { defineRule } from '../../../lib/engine/types';
import { subnetsOf } from '../../../lib/model/placement';
import { Resource } from '../../../lib/model/resource';
import { zoneLabels } from '../../../lib/model/zones';

export default defineRule({
  id: 'ZL203',
  slug: 'lambda-vpc-min-zones',
  service: 'lambda',
  title: 'Lambda function in a VPC with subnets in fewer zones than minZones',
  severity: 'error',
  resourceTypes: ['AWS::Lambda::Function', 'AWS::Serverless::Function'],
  options: {
    minZones: { default: 2, description: 'Fewest distinct Availability Zones the subnets of a VPC-attached function must cover.' },
  },
  rationale:
    'A function attached to a VPC runs only in the zones of its VpcConfig subnets. Outside a VPC Lambda spreads over ' +
    'every zone of the region; inside one, subnets in a single zone mean every invocation fails while that zone is out.',
  fix: {
    cloudformation: 'list subnets in at least minZones zones in VpcConfig.SubnetIds',
    cdk: 'pass vpcSubnets that span at least minZones zones (e.g. { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } of a VPC with maxAzs >= 2)',
  },
  check(ctx) {
    const minZones = Number(ctx.options.minZones);
    for (const fn of ctx.resources('AWS::Lambda::Function', 'AWS::Serverless::Function')) {
      const placement = ctx.model.placement(fn);
      // Outside a VPC the placement is regional; unknown subnets are never guessed.
      if (placement.kind !== 'zonal' || placement.zones.length >= minZones) continue;
      const zones = placement.zones;
      ctx.report({
        resource: fn,
        path: 'Properties.VpcConfig.SubnetIds',
        message:
          `Lambda function ${fn.label} runs in ${zones.length} zone${zones.length === 1 ? '' : 's'} (${zoneLabels(zones)}) through its VPC subnets; minZones is ${minZones}: ` +
          (zones.length === 1
            ? `losing ${zones[0].label} makes every invocation fail, since Lambda can only create its network interfaces in these subnets.`
            : `losing one of them leaves ${zones.length - 1} zone${zones.length === 2 ? '' : 's'} to run every invocation, fewer than the policy asks for.`),
        related: subnetsOf(fn).filter((s): s is Resource => s instanceof Resource).map((resource) => ({ resource, role: 'subnet' })),
      });
    }
  },
});
