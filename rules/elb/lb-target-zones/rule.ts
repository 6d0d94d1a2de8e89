import { dependencyGraph } from '../../../lib/analysis/graph';
import { loadBalancerTargetGroups, TargetGroupZones } from '../../../lib/analysis/paths';
import { defineRule, RuleFix } from '../../../lib/engine/types';
import type { Resource } from '../../../lib/model/resource';
import { asBoolean, asString } from '../../../lib/model/values';
import { zoneLabels } from '../../../lib/model/zones';

const CLASSIC = 'AWS::ElasticLoadBalancing::LoadBalancer';
const CROSS_ZONE = 'load_balancing.cross_zone.enabled';

/** An attribute's value in a Key/Value list: undefined when it is not set, null when the list cannot be read. */
function attribute(list: unknown, key: string): unknown {
  if (list === undefined) return undefined;
  if (!Array.isArray(list)) return null;
  let unreadable = false;
  for (const a of list) {
    const entry = (a && typeof a === 'object' ? a : {}) as Record<string, unknown>;
    if (entry.Key === key) return entry.Value ?? null;
    if (typeof entry.Key !== 'string') unreadable = true;
  }
  return unreadable ? null : undefined;
}

/**
 * Whether the nodes of a load balancer send a target group's traffic to targets in other zones, and why; undefined when
 * the template does not say (a value that cannot be resolved). A target group's own setting overrides the load
 * balancer's; an ALB balances across zones, NLBs and GWLBs do not by default, nor a Classic LB created through
 * CloudFormation (the API's default).
 */
function crossZone(lb: Resource, group: Resource | undefined): { on: boolean; why: string } | undefined {
  if (lb.type === CLASSIC) {
    const v = lb.get('CrossZone');
    if (v === undefined) return { on: false, why: 'CrossZone is not set, and false is the default' };
    const on = asBoolean(v);
    return on === undefined ? undefined : { on, why: `CrossZone is ${on}` };
  }
  if (group) {
    const v = attribute(group.get('TargetGroupAttributes'), CROSS_ZONE);
    if (v === null) return undefined;
    if (v !== undefined && v !== 'use_load_balancer_configuration') {
      const on = asBoolean(v);
      return on === undefined ? undefined : { on, why: `target group ${group.label} sets ${CROSS_ZONE} to ${on}` };
    }
  }
  const rawType = lb.get('Type');
  const type = rawType === undefined ? 'application' : asString(rawType);
  if (type === undefined) return undefined;
  if (type === 'application') return { on: true, why: 'an Application Load Balancer balances across zones' };
  const v = attribute(lb.get('LoadBalancerAttributes'), CROSS_ZONE);
  if (v === undefined) return { on: false, why: `the default for a ${type} load balancer` };
  const on = v === null ? undefined : asBoolean(v);
  return on === undefined ? undefined : { on, why: `the load balancer sets ${CROSS_ZONE} to ${on}` };
}

/** "target group Tg (listener L)" for a group; empty for a Classic Load Balancer's own targets. */
function groupLabel(t: TargetGroupZones): string {
  if (!t.group) return '';
  return `target group ${t.group.label}${t.listener ? ` (listener ${t.listener.label})` : ''}`;
}

/** How to turn cross-zone load balancing on where it is off for a group. */
function crossZoneFix(lb: Resource, group: Resource | undefined): RuleFix {
  if (lb.type === CLASSIC) return { cloudformation: 'set CrossZone: true, or register targets in every zone of the load balancer', cdk: 'pass crossZone: true to elb.LoadBalancer, or register targets in every zone' };
  const own = group && attribute(group.get('TargetGroupAttributes'), CROSS_ZONE) !== undefined;
  return own
    ? { cloudformation: `set the target group attribute ${CROSS_ZONE} to 'true' (or use_load_balancer_configuration where the load balancer has it on), or register targets in every zone`, cdk: 'pass crossZoneEnabled: true to the target group (or leave it unset where the load balancer has it on), or register targets in every zone' }
    : { cloudformation: `set the attribute ${CROSS_ZONE} to 'true' on the load balancer or the target group, or register targets in every zone`, cdk: 'pass crossZoneEnabled: true to the NetworkLoadBalancer or the target group, or register targets in every zone' };
}

/** "its only target (A)" or "all 2 of its targets (A, B)". */
function targetList(t: TargetGroupZones): string {
  return t.targets.length === 1 ? `its only target (${t.targets[0].label})` : `all ${t.targets.length} of its targets (${t.targets.map((x) => x.label).join(', ')})`;
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
    'to. Each target group counts on its own: a fleet spread over every zone behind one listener does not keep the ' +
    'traffic another listener or rule forwards to a one-zone group alive. Without cross-zone load balancing (Network, ' +
    'Gateway and Classic Load Balancers by default; a target group can turn it off on an ALB too), a zone with a node ' +
    'but no target of the group drops the share of traffic DNS sends to that node.',
  fix: {
    cloudformation: "register targets in every zone the load balancer is enabled in: an Auto Scaling group or ECS service over the same zones' subnets, not instances of one subnet",
    cdk: 'register an AutoScalingGroup or ECS service that spans the same subnets as the load balancer (vpcSubnets over every zone), not single instances in one subnet',
  },
  check(ctx) {
    const g = dependencyGraph(ctx.model);
    for (const lb of ctx.resources('AWS::ElasticLoadBalancingV2::LoadBalancer', CLASSIC)) {
      const p = ctx.model.placement(lb);
      if (p.kind !== 'zonal') continue;
      const lbZones = p.zones;
      // each target group on its own: one spread over every zone does not keep another's traffic alive
      for (const t of loadBalancerTargetGroups(ctx.model, lb, g)) {
        if (!t.zones) continue; // a regional target (Lambda), or a target zone unknown: never guessed
        const group = groupLabel(t);
        // one finding per group: the group's construct path (or logical id) in the key keeps fingerprints apart and stable
        const key = (what: string) => (t.group ? `${what}:${t.group.constructPath ?? t.group.logicalId}` : what);
        const related = [
          ...t.targets.filter((x) => x.resource).map((x) => ({ resource: x.resource!, role: 'target' })),
          ...(t.group ? [{ resource: t.group, role: 'target group' }] : []),
          ...(t.listener ? [{ resource: t.listener, role: 'listener' }] : []),
        ];
        if (t.zones.length === 1 && lbZones.length >= 2) {
          const z = t.zones[0].label;
          ctx.report({
            resource: lb,
            key: key('one-zone'),
            message:
              `Load balancer ${lb.label} has nodes in ${zoneLabels(lbZones)} but ${group || 'it'} has ${targetList(t)} in ${z}: ` +
              (t.group ? `when ${z} fails, the traffic forwarded to ${t.group.label} has no target left.` : `when ${z} fails it has nothing to send traffic to.`),
            related,
          });
          continue;
        }
        const keys = new Set(t.zones.map((z) => z.key));
        const empty = lbZones.filter((z) => !keys.has(z.key));
        const cz = empty.length ? crossZone(lb, t.group) : undefined;
        if (!cz || cz.on) continue;
        ctx.report({
          resource: lb,
          key: key('empty-zones'),
          severity: 'warning',
          message:
            `Load balancer ${lb.label} has nodes in ${zoneLabels(empty)} where ${group || 'it'} has no targets, and cross-zone load ` +
            `balancing is off (${cz.why}): the ${t.group ? `${t.group.label} ` : ''}traffic DNS sends to ${empty.length === 1 ? 'that node' : 'those nodes'} fails (targets are only in ${zoneLabels(t.zones)}).`,
          fix: crossZoneFix(lb, t.group),
          related,
        });
      }
    }
  },
});
