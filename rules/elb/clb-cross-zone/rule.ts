import { dependencyGraph } from '../../../lib/analysis/graph';
import { capacityOf, nounOf } from '../../../lib/catalog';
import { defineRule } from '../../../lib/engine/types';
import type { Resource } from '../../../lib/model/resource';
import { asBoolean } from '../../../lib/model/values';
import type { Zone } from '../../../lib/model/zones';

const CLASSIC = 'AWS::ElasticLoadBalancing::LoadBalancer';

/**
 * Instances per zone of the load balancer behind it: exact for instances, balanced for Auto Scaling groups (which
 * zone gets a group's remainder is not known, so it is reported apart). Undefined when a backend's zone or size is not
 * known (never guessed) or it runs outside the load balancer's zones.
 */
function backendsPerZone(lb: Resource, lbZones: readonly Zone[], backends: Resource[]): { counts: Map<string, number>; uneven: string[] } | undefined {
  const counts = new Map(lbZones.map((z) => [z.key, 0]));
  const uneven: string[] = [];
  for (const b of backends) {
    const p = lb.stack.model.placement(b);
    if (p.kind !== 'zonal' || !p.zones.every((z) => counts.has(z.key))) return undefined;
    if (b.type === 'AWS::EC2::Instance') {
      if (p.zones.length !== 1) return undefined;
      counts.set(p.zones[0].key, counts.get(p.zones[0].key)! + 1);
      continue;
    }
    const c = capacityOf(b);
    if (!c) return undefined;
    const each = Math.floor(c.units / p.zones.length);
    for (const z of p.zones) counts.set(z.key, counts.get(z.key)! + each);
    const rest = c.units % p.zones.length;
    if (rest) uneven.push(`${nounOf(b.type)} ${b.label} balances ${c.units} ${c.unit}s over ${p.zones.length} zones, so ${rest === 1 ? 'one zone gets' : `${rest} zones get`} one more than the other${p.zones.length - rest === 1 ? '' : 's'}`);
  }
  return { counts, uneven };
}

export default defineRule({
  id: 'ZL604',
  slug: 'clb-cross-zone',
  service: 'elb',
  title: 'Classic Load Balancer without cross-zone load balancing over unequal zones',
  severity: 'warning',
  resourceTypes: [CLASSIC],
  scope: 'graph',
  rationale:
    'Without cross-zone load balancing (off unless CrossZone is true: the API\u2019s default, which CloudFormation uses), ' +
    'each node of a Classic Load Balancer sends the requests DNS gives it only to the instances of its own zone. With ' +
    'unequal instance counts per zone, the thinner zone\u2019s instances carry as much traffic as the fuller zone\u2019s all ' +
    'together, and when instances of one zone fail or hang, the survivors of that zone take its whole share while the ' +
    'other zone has room to spare.',
  fix: {
    cloudformation: 'set CrossZone: true (or keep the same number of instances in every zone of the load balancer)',
    cdk: 'leave crossZone at its CDK default (true) on elb.LoadBalancer, or set crossZone: true',
  },
  check(ctx) {
    const g = dependencyGraph(ctx.model);
    for (const lb of ctx.resources(CLASSIC)) {
      const raw = lb.get('CrossZone');
      const on = raw === undefined ? false : asBoolean(raw);
      if (on !== false) continue; // on, or cannot be decided
      const p = ctx.model.placement(lb);
      if (p.kind !== 'zonal' || p.zones.length < 2) continue; // one zone: ZL601
      const backends = g.edgesFrom(lb, 'target').map((e) => e.to);
      if (!backends.length) continue;
      const per = backendsPerZone(lb, p.zones, backends);
      if (!per) continue;
      const values = p.zones.map((z) => per.counts.get(z.key)!);
      if (values.some((n) => n === 0)) continue; // a zone with a node and no instance: ZL602
      const equal = values.every((n) => n === values[0]);
      if (equal && !per.uneven.length) continue;
      const tally = p.zones.map((z) => `${z.label}: ${per.counts.get(z.key)}`).join(', ');
      const why = raw === undefined ? 'CrossZone is not set, and false is the default' : 'CrossZone is false';
      const lo = Math.min(...values);
      const hi = Math.max(...values);
      const imbalance = equal
        ? `${per.uneven.join('; ')}: DNS gives each zone's node an equal share of the requests and each node sends its share only to its own zone's instances, so the zone with fewer instances works harder`
        : `unequal instances per zone (${tally}): DNS gives each zone's node an equal share of the requests and each node sends its share only to its own zone's instances, so ${lo === 1 ? 'the one instance' : `each of the ${lo} instances`} of the thinnest zone carries ${hi / lo === Math.round(hi / lo) ? `${hi / lo} times` : 'more than'} the load of one in the fullest`;
      ctx.report({
        resource: lb,
        path: raw === undefined ? undefined : 'Properties.CrossZone',
        message:
          `Classic Load Balancer ${lb.label} has cross-zone load balancing off (${why}) and ${imbalance}. ` +
          "When instances of a zone fail or hang, that zone's survivors take its whole share of the traffic while the other zones have room to spare.",
        related: backends.map((resource) => ({ resource, role: 'target' })),
      });
    }
  },
});
