import { defineRule } from '../../../lib/engine/types';
import { liveFacts, liveZonesByName } from '../../../lib/model/live';

export default defineRule({
  id: 'ZL205',
  slug: 'asg-zone-balance',
  service: 'autoscaling',
  title: 'Auto Scaling group instances unbalanced across its zones (live)',
  severity: 'warning',
  resourceTypes: ['AWS::AutoScaling::AutoScalingGroup'],
  liveOnly: true,
  options: {
    maxZoneImbalance: { default: 1, description: 'largest accepted difference between the instance counts of two zones of the group' },
  },
  rationale:
    'Auto Scaling spreads instances evenly over the group\u2019s zones and rebalances them; when it cannot (capacity ' +
    'shortages, suspended AZRebalance, instance protection), instances pile up in one zone. Losing that zone then takes ' +
    'most of the capacity at once, and the replacements must all launch while every other customer of the zone does the same.',
  fix: {
    cloudformation: 'resume the AZRebalance process, use several instance types (MixedInstancesPolicy) so that every zone has capacity, and check that each subnet of VPCZoneIdentifier has free addresses',
    cdk: 'give the autoscaling.AutoScalingGroup a mixedInstancesPolicy with several instance types and do not suspend AZRebalance',
  },
  check(ctx) {
    const maxImbalance = Number(ctx.options.maxZoneImbalance);
    for (const asg of ctx.resources('AWS::AutoScaling::AutoScalingGroup')) {
      const facts = liveFacts(asg);
      if (!facts?.instances) continue;
      const placement = ctx.model.placement(asg);
      if (placement.kind !== 'zonal' || placement.zones.length < 2) continue; // one zone: ZL202
      const names = liveZonesByName(asg.stack);
      const counts = new Map<string, number>(placement.zones.map((z) => [z.key, 0]));
      for (const i of facts.instances) {
        if (i.lifecycleState && !/^(InService|Pending|Pending:Wait|Pending:Proceed)$/.test(i.lifecycleState)) continue;
        const key = i.zone ? (names.get(i.zone)?.key ?? i.zone) : undefined;
        if (key !== undefined && counts.has(key)) counts.set(key, counts.get(key)! + 1);
      }
      const values = [...counts.values()];
      const total = values.reduce((a, b) => a + b, 0);
      const spread = Math.max(...values) - Math.min(...values);
      if (total === 0 || spread <= maxImbalance) continue;
      const worst = placement.zones.reduce((a, b) => (counts.get(b.key)! > counts.get(a.key)! ? b : a));
      const share = Math.round((100 * counts.get(worst.key)!) / total);
      ctx.report({
        resource: asg,
        path: 'Properties.VPCZoneIdentifier',
        message:
          `Auto Scaling group ${asg.label} has its ${total} instance${total === 1 ? '' : 's'} unbalanced over its zones ` +
          `(${placement.zones.map((z) => `${z.label}: ${counts.get(z.key)}`).join(', ')}): losing ${worst.label} takes ${share}% of the capacity at once.`,
      });
    }
  },
});
