/**
 * The service view of the recovery estimates: for each request path (load balancer → targets → the data stores they
 * use) and for each stack, how long losing each zone keeps it down and how much data it loses. A path is back when its
 * slowest part is back; its RPO is the worst of its parts (its data stores'). Scenarios that hit no part are left out.
 */
import type { ResourceId } from '../engine/finding';
import type { Resource } from '../model/resource';
import { isLoadBalancerType, outageCoverage } from '../catalog';
import type { DependencyGraph } from './graph';
import { dataStoresOf, loadBalancerTargets } from './paths';
import type { ImpactItem, WhereverImpact, ZoneImpact } from './blast-radius';
import { PathRecovery, ScenarioRecovery, ServiceRecovery, StackRecovery, combine } from './recovery';

interface Scenario {
  readonly zone: string;
  readonly items: Map<ResourceId, ImpactItem>;
}

function scenarios(zones: readonly ZoneImpact[], wherever: readonly WhereverImpact[]): Scenario[] {
  const out: Scenario[] = [];
  const index = (label: string, lists: ReadonlyArray<readonly ImpactItem[]>) => {
    const items = new Map<ResourceId, ImpactItem>();
    for (const list of lists) for (const i of list) if (i.aspect === 'service' && !items.has(i.resource)) items.set(i.resource, i);
    out.push({ zone: label, items });
  };
  for (const z of zones) index(z.zone, [z.down, z.degraded, z.egressLost]);
  for (const w of wherever) index(`wherever ${w.label} lands`, [w.down, w.degraded]);
  return out;
}

/** The combined recovery of some items, or undefined when none is hit. */
function combined(zone: string, items: readonly ImpactItem[]): ScenarioRecovery | undefined {
  const c = combine(items.map((i) => ({ label: i.label, recovery: i.recovery })));
  if (!c) return undefined;
  const d = items[c.decider];
  return { zone, rtoSeconds: c.recovery.rtoSeconds, rpoSeconds: c.recovery.rpoSeconds, decidedBy: d.resource, basis: `${d.label}: ${d.recovery.basis}` };
}

export function serviceRecovery(g: DependencyGraph, zones: readonly ZoneImpact[], wherever: readonly WhereverImpact[], idOf: (r: Resource) => { id: ResourceId; label: string }): ServiceRecovery {
  const all = scenarios(zones, wherever);
  const paths: PathRecovery[] = [];
  for (const lb of g.model.resources) {
    if (!isLoadBalancerType(lb.type) || lb.created === false) continue;
    const targets = loadBalancerTargets(g.model, lb, g);
    if (!targets) continue;
    const parts = new Set<Resource>([lb]);
    for (const t of targets.targets) {
      if (!t.resource) continue;
      parts.add(t.resource);
      for (const s of dataStoresOf(g.model, t.resource, g)) parts.add(s.store);
    }
    const ids = [...parts].map((r) => idOf(r));
    const perZone: ScenarioRecovery[] = [];
    for (const sc of all) {
      const hit = ids.flatMap((x) => (sc.items.has(x.id) ? [sc.items.get(x.id)!] : []));
      const c = combined(sc.zone, hit);
      if (c) perZone.push(c);
    }
    const { id, label } = idOf(lb);
    paths.push({ entry: id, label, parts: ids.map((x) => x.label), zones: perZone });
  }
  const stacks: StackRecovery[] = [];
  const byStack = new Map<string, ScenarioRecovery[]>();
  // Resources zonal by design (a NAT gateway or mount target per zone) go with their zone and come back with it; what
  // their loss interrupts elsewhere (a subnet's egress, a file system's clients) is counted at those resources.
  const zonalByDesign = new Set<ResourceId>();
  for (const r of g.model.resources) {
    const o = outageCoverage(r);
    if (o && 'byDesign' in o) zonalByDesign.add(idOf(r).id);
  }
  for (const sc of all) {
    const groups = new Map<string, ImpactItem[]>();
    for (const i of sc.items.values()) {
      if (zonalByDesign.has(i.resource)) continue;
      const list = groups.get(i.resource.stack);
      if (list) list.push(i);
      else groups.set(i.resource.stack, [i]);
    }
    for (const [stack, items] of groups) {
      const c = combined(sc.zone, items);
      if (!c) continue;
      const list = byStack.get(stack);
      if (list) list.push(c);
      else byStack.set(stack, [c]);
    }
  }
  for (const s of g.model.stacks) {
    const list = byStack.get(s.name);
    if (list) stacks.push({ stack: s.name, zones: list });
  }
  return { paths, stacks };
}
