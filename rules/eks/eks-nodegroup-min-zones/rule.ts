import { reportMinZones } from '../../../lib/engine/min-zones';
import { defineRule } from '../../../lib/engine/types';

const NODEGROUP = 'AWS::EKS::Nodegroup';
const FARGATE_PROFILE = 'AWS::EKS::FargateProfile';

export default defineRule({
  id: 'ZL211',
  slug: 'eks-nodegroup-min-zones',
  service: 'eks',
  title: 'EKS managed node group or Fargate profile with subnets in fewer zones than minZones',
  severity: 'error',
  resourceTypes: [NODEGROUP, FARGATE_PROFILE],
  options: {
    minZones: { default: 2, description: 'Fewest distinct Availability Zones the subnets of a node group or Fargate profile must cover.' },
  },
  rationale:
    'A managed node group launches its nodes (through an Auto Scaling group EKS creates) only in its Subnets, and a ' +
    'Fargate profile runs the pods it selects only in its Subnets. In one zone, losing that zone stops every node or ' +
    'pod, and nothing can start again in another zone: the pods stay Pending until the zone recovers.',
  fix: {
    cloudformation: 'list subnets in at least minZones zones in Subnets of the node group / Fargate profile',
    cdk: 'pass subnets (a SubnetSelection spanning at least minZones zones) to cluster.addNodegroupCapacity / addFargateProfile, or Subnets to CfnNodegroup / CfnFargateProfile',
  },
  check(ctx) {
    for (const r of ctx.resources(NODEGROUP, FARGATE_PROFILE)) {
      const nodes = r.type === NODEGROUP;
      reportMinZones(ctx, r, {
        path: 'Properties.Subnets',
        subject: nodes ? `EKS managed node group ${r.label} launches its nodes in` : `EKS Fargate profile ${r.label} runs the pods it selects in`,
        onlyZoneLost: nodes
          ? 'stops every node of the group, and it has no subnet in another zone to launch replacements in: the pods scheduled on it stay Pending'
          : 'stops every pod the profile selects, and Fargate has no subnet in another zone to start them in: they stay Pending',
        leftToServe: nodes ? 'to launch nodes in' : 'to run pods in',
      });
    }
  },
});
