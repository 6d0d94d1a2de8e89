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
import { PathRecovery, ScenarioRecovery, ServiceRecovery, StackRecovery, replacesDecider, worseRpo } from './recovery';

interface Scenario {
  readonly zone: string;
  /** Its entries about the resources themselves (not a subnet's egress), in list order: down, degraded, egress lost. */
  readonly items: readonly ImpactItem[];
}

/**
 * Every scenario with its service entries. A resource has at most one service entry per scenario (each scenario
 * visits a resource once), so no index is needed to keep the first.
 */
function scenarios(zones: readonly ZoneImpact[], wherever: readonly WhereverImpact[]): Scenario[] {
  const out: Scenario[] = [];
  const collect = (zone: string, lists: ReadonlyArray<readonly ImpactItem[]>) => {
    const items: ImpactItem[] = [];
    for (const list of lists) for (const i of list) if (i.aspect === 'service') items.push(i);
    out.push({ zone, items });
  };
  for (const z of zones) collect(z.zone, [z.down, z.degraded, z.egressLost]);
  for (const w of wherever) collect(`wherever ${w.label} lands`, [w.down, w.degraded]);
  return out;
}

/**
 * The combined recovery of a group's entries in one scenario, folded one entry at a time (what `combine` gives for
 * the group's list, without building it): the slowest entry decides, the worst RPO counts.
 */
class Fold {
  private decider: ImpactItem | undefined;
  private rpo: number | null = 0;

  add(i: ImpactItem): void {
    if (!this.decider || replacesDecider(i.recovery, this.decider.recovery)) this.decider = i;
    this.rpo = worseRpo(this.rpo, i.recovery.rpoSeconds);
  }

  result(zone: string): ScenarioRecovery | undefined {
    const d = this.decider;
    if (!d) return undefined;
    return { zone, rtoSeconds: d.recovery.rtoSeconds, rpoSeconds: this.rpo, decidedBy: d.resource, basis: `${d.label}: ${d.recovery.basis}` };
  }
}

export function serviceRecovery(g: DependencyGraph, zones: readonly ZoneImpact[], wherever: readonly WhereverImpact[], idOf: (r: Resource) => { id: ResourceId; label: string }): ServiceRecovery {
  const all = scenarios(zones, wherever);

  // request paths: each scenario's entries are looked up by resource among the paths' parts (ids are one object per
  // resource), so a scenario costs its own entries, not paths × scenarios
  const pathList: Array<{ id: ResourceId; label: string; parts: ResourceId[]; labels: string[] }> = [];
  const partOf = new Map<ResourceId, number[]>();
  for (const lb of g.model.resources) {
    if (!isLoadBalancerType(lb.type) || lb.created === false) continue;
    const targets = loadBalancerTargets(g.model, lb, g);
    if (!targets) continue;
    const parts = new Set<Resource>([lb]);
    for (const t of targets.targets) {
      if (!t.resource) continue;
      parts.add(t.resource);
      for (const st of dataStoresOf(g.model, t.resource, g)) parts.add(st.store);
    }
    const ids = [...parts].map((r) => idOf(r));
    const k = pathList.length;
    for (const x of ids) {
      const list = partOf.get(x.id);
      if (list) list.push(k);
      else partOf.set(x.id, [k]);
    }
    const { id, label } = idOf(lb);
    pathList.push({ id, label, parts: ids.map((x) => x.id), labels: ids.map((x) => x.label) });
  }
  const pathZones: ScenarioRecovery[][] = pathList.map(() => []);

  // Resources zonal by design (a NAT gateway or mount target per zone) go with their zone and come back with it; what
  // their loss interrupts elsewhere (a subnet's egress, a file system's clients) is counted at those resources.
  const zonalByDesign = new Set<ResourceId>();
  for (const r of g.model.resources) {
    const o = outageCoverage(r);
    if (o && 'byDesign' in o) zonalByDesign.add(idOf(r).id);
  }
  const byStack = new Map<string, ScenarioRecovery[]>();
  for (const sc of all) {
    const stackFolds = new Map<string, Fold>();
    /** The entries of this scenario that are parts of a path, and the paths they are part of. */
    let partItems: Map<ResourceId, ImpactItem> | undefined;
    const hitPaths = new Set<number>();
    for (const i of sc.items) {
      const paths = partOf.get(i.resource);
      if (paths) {
        (partItems ??= new Map()).set(i.resource, i);
        for (const k of paths) hitPaths.add(k);
      }
      if (zonalByDesign.has(i.resource)) continue;
      let f = stackFolds.get(i.resource.stack);
      if (!f) stackFolds.set(i.resource.stack, (f = new Fold()));
      f.add(i);
    }
    // a path's entries in the order of its parts (between equally slow parts, the first decides)
    for (const k of [...hitPaths].sort((a, b) => a - b)) {
      const f = new Fold();
      for (const id of pathList[k].parts) {
        const i = partItems!.get(id);
        if (i) f.add(i);
      }
      const c = f.result(sc.zone);
      if (c) pathZones[k].push(c);
    }
    for (const [stack, f] of stackFolds) {
      const c = f.result(sc.zone);
      if (!c) continue;
      const list = byStack.get(stack);
      if (list) list.push(c);
      else byStack.set(stack, [c]);
    }
  }
  const paths: PathRecovery[] = pathList.map((p, k) => ({ entry: p.id, label: p.label, parts: p.labels, zones: pathZones[k] }));
  const stacks: StackRecovery[] = [];
  for (const st of g.model.stacks) {
    const list = byStack.get(st.name);
    if (list) stacks.push({ stack: st.name, zones: list });
  }
  return { paths, stacks };
}
