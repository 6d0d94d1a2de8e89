/** Elastic Load Balancing: Application, Network and Gateway Load Balancers (v2) and Classic Load Balancers. */
import type { Resource } from '../model/resource';
import { ResourceRef, ZoneValue, asString, refTarget } from '../model/values';
import { zone } from '../model/zones';
import type { EdgeSink, RecordSpec } from './types';
import { refsAt } from './autoscaling';
import { liveZonal } from './ec2';
import { liveZonesByName } from '../model/live';

/** Target groups a listener's or listener rule's forward actions name. */
function actionTargetGroups(r: Resource, prop: string): Resource[] {
  return [...refsAt(r, `${prop}.*.TargetGroupArn`), ...refsAt(r, `${prop}.*.ForwardConfig.TargetGroups.*.TargetGroupArn`)].filter((t) => t.type === 'AWS::ElasticLoadBalancingV2::TargetGroup');
}

const TARGET_TYPES = new Set(['AWS::EC2::Instance', 'AWS::Lambda::Function', 'AWS::ElasticLoadBalancingV2::LoadBalancer']);

/** A target group's registered targets: resources of the input, and IP targets with their zone when the template says. */
function addTargets(tg: Resource, g: EdgeSink): void {
  const targets = tg.get('Targets');
  if (!Array.isArray(targets)) return;
  const ips: Array<{ id: string; zone?: ReturnType<typeof zone>; reason?: string }> = [];
  for (const t of targets) {
    const entry = t as Record<string, unknown>;
    const id = entry?.Id;
    const target = refTarget(id);
    if (target && TARGET_TYPES.has(target.type)) {
      g.add(tg, target, 'target');
      continue;
    }
    // IP targets (or an instance attribute such as PrivateIp): zone from the entry's AvailabilityZone or the instance
    const az = entry?.AvailabilityZone;
    const label = target ? `${target.logicalId}${id instanceof ResourceRef && id.attribute ? `.${id.attribute}` : ''}` : (asString(id) ?? 'an unresolved target');
    if (target) {
      const p = g.model.placement(target);
      if (p.kind === 'zonal' && p.zones.length === 1) ips.push({ id: label, zone: p.zones[0] });
      else ips.push({ id: label, reason: `the zone of ${target.logicalId} is not known` });
    } else if (az instanceof ZoneValue) ips.push({ id: label, zone: az.zone });
    else if (typeof az === 'string' && az !== 'all') ips.push({ id: label, zone: liveZonesByName(tg.stack).get(az) ?? zone(az) }); // live: keyed by AZ id
    else ips.push({ id: label, reason: az === 'all' ? 'IP target outside the VPC (AvailabilityZone: all)' : 'IP target without an AvailabilityZone' });
  }
  if (ips.length) g.ipTargets(tg, ips);
}

export const ELB: readonly RecordSpec[] = [
  {
    type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    noun: 'load balancer',
    role: 'load-balancer',
    recovery: { down: 'manual-rebuild' },
    placement: { subnetProperties: ['Subnets', 'SubnetMappings.*.SubnetId'], whenUnset: 'unknown' },
    outage: { rules: ['ZL601'] },
    live: { collector: 'elasticloadbalancing', records: 'loadBalancers', tally: 'loadBalancers', place: (_r, live, zones) => liveZonal(((live.zones as string[]) ?? []).map((z) => zones.byName(z))) },
  },
  {
    type: 'AWS::ElasticLoadBalancing::LoadBalancer',
    noun: 'Classic Load Balancer',
    role: 'load-balancer',
    recovery: { down: 'manual-rebuild' },
    placement: { zoneProperties: ['AvailabilityZones'], subnetProperties: ['Subnets'], whenUnset: 'unknown' },
    edges(r, g) {
      for (const i of refsAt(r, 'Instances')) g.add(r, i, 'target');
    },
    outage: { rules: ['ZL601'] },
    live: {
      collector: 'elb',
      records: 'classicLoadBalancers',
      tally: 'loadBalancers',
      place(r, live, zones) {
        const fromSubnets = zones.subnets(r.rawProperties.Subnets);
        if (fromSubnets.length && fromSubnets.every(Boolean)) return liveZonal(fromSubnets);
        return liveZonal(((live.zones as string[]) ?? []).map((z) => zones.byName(z)));
      },
    },
  },
  {
    type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
    noun: 'target group',
    role: 'target-group',
    edges: addTargets,
    live: { collector: 'elasticloadbalancing', records: 'targetGroups' },
  },
  {
    type: 'AWS::ElasticLoadBalancingV2::Listener',
    noun: 'listener',
    role: 'listener',
    edges(r, g) {
      for (const lb of refsAt(r, 'LoadBalancerArn')) for (const tg of actionTargetGroups(r, 'DefaultActions')) g.add(lb, tg, 'target-group', r);
    },
  },
  {
    type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
    noun: 'listener rule',
    role: 'listener',
    edges(r, g) {
      const listener = refTarget(r.get('ListenerArn'));
      if (!listener) return;
      for (const lb of refsAt(listener, 'LoadBalancerArn')) for (const tg of actionTargetGroups(r, 'Actions')) g.add(lb, tg, 'target-group', listener);
    },
  },
];
