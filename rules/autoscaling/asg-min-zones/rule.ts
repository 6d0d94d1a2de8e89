import { defineRule } from '../../../lib/engine/types';
import { minZonesMessage } from '../../../lib/model/describe';
import { knownSubnets } from '../../../lib/model/placement';

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
    const minZones = Number(ctx.options.minZones);
    for (const asg of ctx.resources('AWS::AutoScaling::AutoScalingGroup')) {
      const message = minZonesMessage(
        ctx.model.placement(asg),
        minZones,
        `Auto Scaling group ${asg.label} runs in`,
        'stops every instance and the group has no other zone to launch replacements in',
        'to launch replacements in',
      );
      if (!message) continue;
      const byZones = asg.get('AvailabilityZones') !== undefined;
      ctx.report({
        resource: asg,
        path: byZones ? 'Properties.AvailabilityZones' : 'Properties.VPCZoneIdentifier',
        message,
        related: knownSubnets(asg).map((resource) => ({ resource, role: 'subnet' })),
      });
    }
  },
});
