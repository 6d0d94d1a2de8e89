import { reportMinZones } from '../../../lib/engine/min-zones';
import { defineRule } from '../../../lib/engine/types';

export default defineRule({
  id: 'ZL202',
  slug: 'asg-min-zones',
  service: 'autoscaling',
  title: 'Auto Scaling group in fewer zones than minZones',
  severity: 'error',
  resourceTypes: ['AWS::AutoScaling::AutoScalingGroup'],
  options: {
    minZones: { default: 2, description: 'Fewest distinct Availability Zones a group must be able to launch instances in.' },
  },
  rationale:
    'An Auto Scaling group replaces failed instances only in the zones it is configured for. In one zone, losing that ' +
    'zone stops every instance and the group has nowhere to launch replacements until the zone recovers.',
  fix: {
    cloudformation: 'list one subnet per zone, in at least minZones zones, in VPCZoneIdentifier',
    cdk: 'pass vpcSubnets that span at least minZones zones (e.g. { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } of a VPC with maxAzs >= 2)',
  },
  check(ctx) {
    for (const asg of ctx.resources('AWS::AutoScaling::AutoScalingGroup')) {
      reportMinZones(ctx, asg, {
        path: asg.get('AvailabilityZones') !== undefined ? 'Properties.AvailabilityZones' : 'Properties.VPCZoneIdentifier',
        subject: `Auto Scaling group ${asg.label} runs in`,
        onlyZoneLost: 'stops every instance and the group has no other zone to launch replacements in',
        leftToServe: 'to launch replacements in',
      });
    }
  },
});
