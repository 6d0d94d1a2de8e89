import { defineRule } from '../../../lib/engine/types';
import { subnetsOf } from '../../../lib/model/placement';
import { Resource } from '../../../lib/model/resource';
import { zoneLabels } from '../../../lib/model/zones';

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
      const placement = ctx.model.placement(asg);
      if (placement.kind !== 'zonal' || placement.zones.length >= minZones) continue; // unknown placement: never guessed
      const zones = placement.zones;
      const byZones = asg.get('AvailabilityZones') !== undefined;
      ctx.report({
        resource: asg,
        path: byZones ? 'Properties.AvailabilityZones' : 'Properties.VPCZoneIdentifier',
        message:
          `Auto Scaling group ${asg.label} runs in ${zones.length} zone${zones.length === 1 ? '' : 's'} (${zoneLabels(zones)}); minZones is ${minZones}: ` +
          (zones.length === 1
            ? `losing ${zones[0].label} stops every instance and the group has no other zone to launch replacements in.`
            : `losing one of them leaves ${zones.length - 1} zone${zones.length === 2 ? '' : 's'} to launch replacements in, fewer than the policy asks for.`),
        related: byZones ? [] : subnetsOf(asg).filter((s): s is Resource => s instanceof Resource).map((resource) => ({ resource, role: 'subnet' })),
      });
    }
  },
});
