import { dependencyGraph } from '../../../lib/analysis/graph';
import { loadBalancerTargets } from '../../../lib/analysis/paths';
import { defineRule } from '../../../lib/engine/types';
import { asBoolean } from '../../../lib/model/values';
import { zoneLabels } from '../../../lib/model/zones';

/** Whether the load balancer sends traffic only to targets in the zone of the node that received it. */
function crossZoneOff(lb: { type: string; get(p: string): unknown }): boolean {
  if (lb.type === 'AWS::ElasticLoadBalancing::LoadBalancer') return asBoolean(lb.get('CrossZone')) !== true; // Classic: off unless set
  const type = String(lb.get('Type') ?? 'application');
  if (type === 'application') return false; // ALBs always balance across zones
  const attrs = lb.get('LoadBalancerAttributes');
  const entry = Array.isArray(attrs) ? attrs.find((a) => (a as Record<string, unknown>)?.Key === 'load_balancing.cross_zone.enabled') : undefined;
  return asBoolean((entry as Record<string, unknown> | undefined)?.Value) !== true; // NLB/GWLB: off by default
}

export default defineRule({
  id: 'ZL602',
  slug: 'lb-target-zones',
  service: 'elb',
  title: 'Load balancer targets all in one zone, or zones with nodes but no targets',
  severity: 'error',
  scope: 'graph',
  resourceTypes: ['AWS::ElasticLoadBalancing::LoadBalancer', 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancingV2::TargetGroup'],
  rationale:
    'A load balancer in several zones is only as available as its targets: when every target (instance, Auto Scaling ' +
    'group, ECS service, IP) sits in one zone, losing that zone leaves the load balancer with nothing to send traffic ' +
    'to. Without cross-zone load balancing (Network and Classic Load Balancers by default), a zone with a node but no ' +
    'target drops the share of traffic DNS sends to that node.',
  fix: {
    cloudformation: "register targets in every zone the load balancer is enabled in: an Auto Scaling group or ECS service over the same zones' subnets, not instances of one subnet",
    cdk: 'register an AutoScalingGroup or ECS service that spans the same subnets as the load balancer (vpcSubnets over every zone), not single instances in one subnet',
  },
  check(ctx) {
    const g = dependencyGraph(ctx.model);
    for (const lb of ctx.resources('AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancing::LoadBalancer')) {
      const p = ctx.model.placement(lb);
      if (p.kind !== 'zonal') continue;
      const targets = loadBalancerTargets(ctx.model, lb, g);
      if (!targets?.zones) continue; // no targets in the template, a regional target (Lambda), or a target zone unknown
      const lbZones = p.zones;
      const related = targets.targets.filter((t) => t.resource).map((t) => ({ resource: t.resource!, role: 'target' }));
      if (targets.zones.length === 1 && lbZones.length >= 2) {
        const z = targets.zones[0].label;
        ctx.report({
          resource: lb,
          key: 'one-zone',
          message:
            `Load balancer ${lb.label} has nodes in ${zoneLabels(lbZones)} but ` +
            (targets.targets.length === 1 ? `its only target (${targets.targets[0].label}) is` : `all ${targets.targets.length} of its targets (${targets.targets.map((t) => t.label).join(', ')}) are`) +
            ` in ${z}: when ${z} fails it has nothing to send traffic to.`,
          related,
        });
        continue;
      }
      const keys = new Set(targets.zones.map((z) => z.key));
      const empty = lbZones.filter((z) => !keys.has(z.key));
      if (empty.length && crossZoneOff(lb)) {
        ctx.report({
          resource: lb,
          key: 'empty-zones',
          severity: 'warning',
          message:
            `Load balancer ${lb.label} has nodes in ${zoneLabels(empty)} where it has no targets, and cross-zone load ` +
            `balancing is off: the traffic DNS sends to ${empty.length === 1 ? 'that node' : 'those nodes'} fails (targets are only in ${zoneLabels(targets.zones)}).`,
          fix: lb.type === 'AWS::ElasticLoadBalancing::LoadBalancer' ? 'set CrossZone: true, or register targets in every zone of the load balancer' : "set the load balancer attribute load_balancing.cross_zone.enabled to 'true', or register targets in every zone",
          related,
        });
      }
    }
  },
});
