import { defineRule } from '../../../lib/engine/types';
import { liveFacts, liveZonesByName } from '../../../lib/model/live';
import type { Resource } from '../../../lib/model/resource';
import { ResourceRef, asArray } from '../../../lib/model/values';

export default defineRule({
  id: 'ZL603',
  slug: 'lb-zone-healthy-targets',
  service: 'elb',
  title: 'Load balancer zone without a healthy target (live)',
  severity: 'warning',
  resourceTypes: ['AWS::ElasticLoadBalancingV2::LoadBalancer'],
  liveOnly: true,
  scope: 'graph',
  rationale:
    'A load balancer keeps a node in each of its zones, but the capacity behind it is its healthy targets. When every ' +
    'healthy target sits in some zones only, losing those zones leaves the load balancer up with nothing to send ' +
    'traffic to; with cross-zone load balancing off, the nodes of the empty zones fail their share of requests even now.',
  fix: {
    cloudformation: 'register healthy targets in every zone of the load balancer (an Auto Scaling group over the same subnets, with TargetGroupARNs) and fix failing health checks',
    cdk: 'attach an autoscaling.AutoScalingGroup spanning the load balancer\u2019s subnets (addTargets) and fix failing health checks',
  },
  check(ctx) {
    const groupsOf = new Map<Resource, Resource[]>();
    for (const listener of ctx.resources('AWS::ElasticLoadBalancingV2::Listener')) {
      const lb = listener.get('LoadBalancerArn');
      if (!(lb instanceof ResourceRef)) continue;
      for (const action of asArray(listener.get('DefaultActions')) ?? []) {
        const tg = (action as Record<string, unknown> | null)?.TargetGroupArn;
        if (tg instanceof ResourceRef) groupsOf.set(lb.target, [...(groupsOf.get(lb.target) ?? []), tg.target]);
      }
    }
    for (const lb of ctx.resources('AWS::ElasticLoadBalancingV2::LoadBalancer')) {
      const facts = liveFacts(lb);
      if (!facts) continue;
      const placement = ctx.model.placement(lb);
      const groups = groupsOf.get(lb) ?? [];
      if (placement.kind !== 'zonal' || !groups.length) continue;
      const healthFacts = groups.map((g) => liveFacts(g));
      if (healthFacts.some((f) => !f?.healthKnown)) continue; // target health not read: absence proves nothing
      const byName = new Map([...liveZonesByName(lb.stack)].map(([name, z]) => [name, z.key]));
      const healthy = new Map<string, number>();
      let unzoned = 0;
      let total = 0;
      for (const f of healthFacts) {
        for (const t of f!.targetHealth ?? []) {
          total++;
          if (t.state !== 'healthy') continue;
          let key = t.zone && t.zone !== 'all' ? byName.get(t.zone) : undefined;
          if (!key && !t.zone) {
            const instance = lb.stack.resources.get(t.id);
            const p = instance ? ctx.model.placement(instance) : undefined;
            if (p?.kind === 'zonal' && p.zones.length === 1) key = p.zones[0].key;
          }
          if (key) healthy.set(key, (healthy.get(key) ?? 0) + 1);
          else unzoned++;
        }
      }
      if (unzoned) continue; // healthy targets outside the VPC's zones (IP targets with zone "all"): cannot tell
      const empty = placement.zones.filter((z) => !healthy.has(z.key));
      if (!empty.length) continue;
      const healthyCount = [...healthy.values()].reduce((a, b) => a + b, 0);
      const withTargets = placement.zones.filter((z) => healthy.has(z.key));
      ctx.report({
        resource: lb,
        severity: healthyCount === 0 ? 'error' : undefined,
        message:
          healthyCount === 0
            ? `Load balancer ${lb.label} has no healthy target in any of its zones (${total} registered): it serves nothing now.`
            : `Load balancer ${lb.label} has no healthy target in ${empty.map((z) => z.label).join(', ')}; all ${healthyCount} healthy target${healthyCount === 1 ? ' is' : 's are'} in ` +
              `${withTargets.map((z) => z.label).join(', ')}: losing ${withTargets.length === 1 ? 'that zone' : 'those zones'} leaves it with nothing to route to.`,
        related: groups.map((g) => ({ resource: g, role: 'target group' })),
        key: empty.map((z) => z.key).join(','),
      });
    }
  },
});
