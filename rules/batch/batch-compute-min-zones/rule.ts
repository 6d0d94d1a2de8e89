import { reportMinZones } from '../../../lib/engine/min-zones';
import { defineRule } from '../../../lib/engine/types';

export default defineRule({
  id: 'ZL212',
  slug: 'batch-compute-min-zones',
  service: 'batch',
  title: 'Batch compute environment with subnets in fewer zones than minZones',
  severity: 'error',
  resourceTypes: ['AWS::Batch::ComputeEnvironment'],
  options: {
    minZones: { default: 2, description: 'Fewest distinct Availability Zones the subnets of a managed compute environment must cover.' },
  },
  rationale:
    'A managed compute environment launches its instances or Fargate tasks only in ComputeResources.Subnets. In one ' +
    'zone, losing that zone fails the jobs running there and leaves every queued job RUNNABLE, with no capacity ' +
    'anywhere else to run it, until the zone recovers.',
  fix: {
    cloudformation: 'list subnets in at least minZones zones in ComputeResources.Subnets',
    cdk: 'pass vpcSubnets that span at least minZones zones to the ManagedEc2EcsComputeEnvironment / FargateComputeEnvironment (or subnets to CfnComputeEnvironment)',
  },
  check(ctx) {
    // UNMANAGED environments name no subnets: their placement is the instances the owner registers (unknown)
    for (const env of ctx.resources('AWS::Batch::ComputeEnvironment')) {
      reportMinZones(ctx, env, {
        path: 'Properties.ComputeResources.Subnets',
        subject: `Batch compute environment ${env.label} launches its compute resources in`,
        onlyZoneLost: 'fails the jobs running there, and every queued job stays RUNNABLE with no capacity in another zone to run it until the zone recovers',
        leftToServe: 'to run jobs in',
      });
    }
  },
});
