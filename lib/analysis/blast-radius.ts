import { resourceId } from '../engine/engine';
import type { ResourceId } from '../engine/finding';
import type { Model } from '../model/model';
import type { Resource } from '../model/resource';
import { Zone, uniqueZones, zoneLabels } from '../model/zones';
import { DependencyGraph, Edge, dependencyGraph } from './graph';
import { copiesOf, isCompute, isPlumbingType, recordOf, singleUnit, storeKind } from '../catalog';
import { compareStrings } from '../util/compare';
import { KEEPS_SERVING, Recovery, hasFailoverMode, ownRecovery, through, combine, ServiceRecovery, ThroughMemo } from './recovery';
import { serviceRecovery } from './service-recovery';

export type { Recovery } from './recovery';

/**
 * Per-zone blast radius: remove one zone at a time, propagate the failure along the dependency edges (graph.ts) and
 * classify every affected resource as **down** (no surviving capacity, or its data lives only in that zone) or
 * **degraded** (capacity or redundancy lost), each with the chain of causes. Resources whose zone AWS picks at
 * deploy time (placement `single`) get a group of their own ("wherever it lands"): they are down in whichever zone
 * they land, but the template does not say which, so listing them under every zone would claim that every zone takes
 * them down. Resources whose placement is `unknown` are listed as unknown, never guessed.
 *
 * Cost: one memoized evaluation per resource and zone, each reading the resource's own edges — O((resources + edges) ×
 * zones). Each single-zone resource adds one evaluation of the resources that depend on it (reverse reachability only).
 * The JSON shape is documented in docs/blast-radius.md.
 */

/** `egress`: running and serving inside the VPC, but its only way out of the VPC was in the failed zone. */
export type Status = 'ok' | 'degraded' | 'down' | 'egress' | 'unknown';

export interface ChainStep {
  /** One cause, in words: `all 2 targets of Web/Listener are down`, `in us-east-1a`. (Text only: an item's chain is
   *  repeated for every zone, and resource ids in every step made the JSON of large inputs several times bigger.) */
  readonly text: string;
}

export interface ImpactItem {
  readonly resource: ResourceId;
  /** Short name (construct path without the stack, or the logical id). */
  readonly label: string;
  /**
   * `down`: no surviving capacity, or its data only in that zone; `degraded`: capacity or redundancy lost, or fails
   * over by itself; `egress-lost`: running, but its only way out of the VPC was in the failed zone.
   */
  readonly status: 'down' | 'degraded' | 'egress-lost';
  /** `service`: the resource itself; `egress`: a subnet that keeps running but loses its default route. */
  readonly aspect: 'service' | 'egress';
  /** The resource holds data that exists only in the failed zone (no replica, no standby, no backup or snapshot). */
  readonly dataOnlyInZone: boolean;
  /** Down through its own placement (its zones or subnets), not only through something it needs. */
  readonly ownPlacement: boolean;
  /** Causes, from the immediate one to the root. */
  readonly chain: readonly ChainStep[];
  /** The zones the resource itself runs in (its own placement); empty when it is regional or its zone is AWS's pick. */
  readonly zones: readonly string[];
  /** The resource the immediate cause names (a NAT gateway, a target, a data store), when there is one. */
  readonly cause?: ResourceId;
  /**
   * How long until it serves again and how much data is lost (docs/recovery.md): `rpoSeconds` null means the data
   * is lost (no copy outside the zone), 0 none lost.
   */
  readonly recovery: Recovery;
}

export interface Counts {
  readonly down: number;
  readonly degraded: number;
  readonly egressLost: number;
  readonly dataOnlyInZone: number;
}

export interface ZoneImpact {
  /** Zone label (name, or `AZ[0]`-style when only the index is known). */
  readonly zone: string;
  /** AZ id (use1-az6) when known (live scans). */
  readonly zoneId?: string;
  /** Identity of the zone in the model (two resources are in the same zone iff keys are equal). */
  readonly key: string;
  readonly down: readonly ImpactItem[];
  readonly degraded: readonly ImpactItem[];
  /** Compute that keeps running but loses its only way out of the VPC (counted apart from down). */
  readonly egressLost: readonly ImpactItem[];
  readonly counts: Counts;
}

/**
 * A resource in one zone AWS picks at deploy time (or one instance or task in whichever of its zones it runs), and
 * what goes with it when that zone fails.
 */
export interface WhereverImpact {
  readonly cause: ResourceId;
  readonly label: string;
  /** Zones it can land in, when the template says (its subnet group's zones). */
  readonly among: readonly string[];
  readonly down: readonly ImpactItem[];
  readonly degraded: readonly ImpactItem[];
  readonly counts: Counts;
}

export interface UnknownItem {
  readonly resource: ResourceId;
  readonly label: string;
  readonly reason: string;
}

export interface BlastRadius {
  /** Worst zone first: most down, then most data only in the zone, then most degraded. */
  readonly zones: readonly ZoneImpact[];
  /** Single-zone resources whose zone AWS picks at deploy time. */
  readonly wherever: readonly WhereverImpact[];
  /** Resources whose placement (or the placement of what they need) cannot be decided: may or may not be hit. */
  readonly unknown: readonly UnknownItem[];
  /** The service view: per request path and per stack, the combined recovery of losing each zone. */
  readonly recovery: ServiceRecovery;
  readonly summary: {
    readonly zones: number;
    readonly worstZone: string | null;
    readonly resourcesAnalysed: number;
    readonly edges: number;
    readonly unknown: number;
  };
}

export interface BlastRadiusOptions {
  /** Simulate only these zones (labels, keys or AZ ids). Default: every zone the input places something in. */
  readonly zones?: readonly string[];
  /**
   * Called once between the zone scenarios and the single-resource ones, when the zones' memos are garbage (the CLI
   * runs a full collection there on large inputs: peak RSS at 100k resources ~530 -> ~490 MiB, no slower).
   */
  readonly betweenScenarios?: () => void;
}

interface Reason {
  readonly text: string;
  readonly resource?: Resource;
  readonly cause?: State;
}

interface State {
  readonly status: Status;
  readonly reasons: readonly Reason[];
  readonly dataOnlyInZone?: boolean;
  /** Down through its own placement. */
  readonly own?: boolean;
  /** What takes it down besides its own placement: a volume or data store it needs, the capacity that serves it. */
  readonly causes?: readonly Resource[];
  /** Down (or degraded) because what serves it (members, targets, mount targets) is lost, or degraded by its own placement. */
  readonly capacity?: boolean;
  readonly ownDegraded?: boolean;
  /** A read replica that survives in another zone. */
  readonly replica?: Resource;
}

const OK: State = { status: 'ok', reasons: [] };
/** Marks a state being computed in a scenario's memo (never returned: a lookup that finds it gets OK). */
const IN_PROGRESS: State = { status: 'ok', reasons: [] };
/** Marks a recovery being computed (a lookup that finds it gets KEEPS_SERVING). */
const RECOVERY_IN_PROGRESS: Recovery = { ...KEEPS_SERVING };

/** Types that carry other resources' placement but are not worth a line of their own (catalog roles). */
export function isPlumbing(r: Resource): boolean {
  return r.type === 'AWS::EC2::Subnet' || isPlumbingType(r.type);
}

/** Whether the resource holds data of its own (catalog), not as a cluster member or a replica. */
function holdsData(g: DependencyGraph, r: Resource): boolean {
  const data = recordOf(r.type)?.data;
  return data?.holds(r, g.model) === true && !g.edgesTo(r, 'member').length && !g.edgesFrom(r, 'replica-of').length;
}

/** Whether it fails over to another zone by itself (catalog). */
function failsOver(r: Resource): boolean {
  return recordOf(r.type)?.failover?.automatic(r, r.stack.model) === true;
}

const zoneTexts = new Map<Zone, string>();

function zoneText(z: Zone): string {
  let t = zoneTexts.get(z);
  if (t === undefined) {
    t = z.id && z.id !== z.label && !z.label.startsWith(`${z.id} `) ? `${z.label} (${z.id})` : z.label; // live labels already lead with the id
    zoneTexts.set(z, t);
  }
  return t;
}

/** ResourceId and display label per resource, computed once (items repeat them across zones). */
const idCache = new WeakMap<Resource, { id: ResourceId; label: string }>();

function idOf(r: Resource): { id: ResourceId; label: string } {
  let x = idCache.get(r);
  if (!x) {
    x = { id: resourceId(r), label: displayLabel(r) };
    idCache.set(r, x);
  }
  return x;
}

/** A resource's estimates from its own modes, by kind and whether another zone is left (Scenario.ownEstimate). */
interface OwnEstimates {
  readonly own: Map<Resource, Recovery[]>;
  readonly throughs: ThroughMemo;
}
const ESTIMATE_KINDS = { failover: 0, down: 1, replica: 2 } as const;

/** What losing one zone (or one single-zone resource) does; one memo per scenario. */
class Scenario {
  /** State per resource; IN_PROGRESS while it is being computed (a cycle back to it adds nothing new). */
  private readonly memo = new Map<Resource, State>();
  /** Egress per subnet, made on first use (a single-resource scenario rarely asks). */
  private egressMemo: Map<Resource, State> | undefined;

  constructor(
    private readonly g: DependencyGraph,
    /** Estimates from a resource's own modes, shared by every scenario of one simulation (see ownEstimate). */
    private readonly estimates: OwnEstimates,
    /** The failed zone, or undefined for a single-resource scenario. */
    private readonly failedZone: Zone | undefined,
    /** For a single-resource scenario: the resource that fails. */
    private readonly failed?: Resource,
    /** For a single-resource scenario: the only resources that can be affected. */
    private readonly scope?: Set<Resource>,
    /** For a zone scenario: zone keys each resource can be hit through ('all' when something on the way is unknown). */
    private readonly footprint?: Footprints,
  ) {}

  state(r: Resource): State {
    const m = this.memo.get(r);
    if (m) return m === IN_PROGRESS ? OK : m; // a cycle adds nothing new
    if (this.scope && !this.scope.has(r)) return OK;
    if (this.footprint && this.failedZone) {
      const f = this.footprint.of(r);
      if (f !== 'all' && !f.has(this.failedZone.key)) return OK; // nothing it stands on is in the failed zone
    }
    this.memo.set(r, IN_PROGRESS);
    let s: State;
    try {
      s = this.compute(r);
    } catch (e) {
      this.memo.delete(r);
      throw e;
    }
    this.memo.set(r, s);
    return s;
  }

  /** Whether a subnet loses its default route (all 0.0.0.0/0 targets are down), with the route's chain. */
  egress(subnet: Resource): State {
    const memo = (this.egressMemo ??= new Map());
    const m = memo.get(subnet);
    if (m) return m;
    let s: State = OK;
    const routes = this.g.defaultRoutes(subnet);
    if (routes.length && routes.every((x) => x.target)) {
      const states = routes.map((x) => ({ x, st: this.state(x.target!) }));
      if (states.every(({ st }) => st.status === 'down')) {
        const { x, st } = states[0];
        s = { status: 'down', reasons: [{ text: `default route via ${x.targetKind} ${x.target!.label}${this.where(x.target!)}`, resource: x.target, cause: st }] };
      }
    }
    memo.set(subnet, s);
    return s;
  }

  private where(r: Resource): string {
    const p = this.g.model.placement(r);
    if (p.kind === 'zonal') return ` in ${p.zones.map(zoneText).join(', ')}`;
    return '';
  }

  private compute(r: Resource): State {
    const own = this.own(r);
    const reasons: Reason[] = [];
    /** Causes that take the resource down, listed first in its chain. */
    const downReasons: Reason[] = [];
    let down = own.status === 'down';
    let degraded = own.status === 'degraded';
    let unknown = own.status === 'unknown';
    const egress = own.status === 'egress';
    if (own.status === 'down') downReasons.push(...own.reasons);
    else if (own.status !== 'ok') reasons.push(...own.reasons);

    // needs every volume and every data store (a cache only degrades its clients)
    const needs = this.g.edgesFrom(r).length ? this.g.edgesFrom(r, 'volume', 'data') : [];
    const causes: Resource[] = [];
    let capacityHit = false;
    for (const e of needs) {
      const st = this.state(e.to);
      if (st.status !== 'down') continue;
      const kind = storeKind(e.to.type);
      const cache = e.role === 'data' && kind === 'cache';
      const what = e.role === 'volume' ? 'its volume' : `its ${kind === 'search' ? 'search domain' : (kind ?? 'data store')}`;
      const reason = { text: `${what} ${e.to.label} is down${e.role === 'data' && e.evidence ? ` (${e.evidence})` : ''}`, resource: e.to, cause: st };
      if (cache) {
        degraded = true;
        reasons.push(reason);
      } else {
        down = true;
        downReasons.push(reason);
        causes.push(e.to);
      }
    }

    // capacity behind it: target groups, targets, cluster members, mount targets
    const capacity = this.capacity(r);
    if (capacity) {
      if (capacity.status === 'down') {
        down = true;
        capacityHit = true;
        downReasons.push(...capacity.reasons);
        for (const x of capacity.reasons) if (x.resource) causes.push(x.resource);
      } else if (capacity.status === 'degraded') {
        degraded = true;
        capacityHit = true;
      }
      else if (capacity.status === 'unknown') unknown = true;
      if (capacity.status !== 'ok' && capacity.status !== 'down') reasons.push(...capacity.reasons);
    }

    if (down) {
      const ordered = [...downReasons, ...reasons];
      const dataOnly = own.status === 'down' && own.dataOnlyInZone === true;
      const replica = this.survivingReplica(r);
      if (replica) ordered.push({ text: `read replica ${replica.label}${this.where(replica)} survives (promote it)`, resource: replica });
      return { status: 'down', reasons: ordered, dataOnlyInZone: dataOnly && !replica, own: own.status === 'down', causes, capacity: capacityHit, replica };
    }
    if (egress) return { status: 'egress', reasons, causes: reasons.flatMap((x) => (x.resource ? [x.resource] : [])) };
    if (unknown && !degraded) return { status: 'unknown', reasons };
    if (degraded || unknown) return { status: 'degraded', reasons, capacity: capacityHit, ownDegraded: own.status === 'degraded' };
    return OK;
  }

  /** Recovery per resource; RECOVERY_IN_PROGRESS while it is computed (a cycle adds nothing). */
  private readonly recoveryMemo = new Map<Resource, Recovery>();

  /** How the resource recovers in this scenario (its state decides which of its catalog modes applies). */
  recovery(r: Resource, st: State = this.state(r)): Recovery {
    const m = this.recoveryMemo.get(r);
    if (m) return m === RECOVERY_IN_PROGRESS ? KEEPS_SERVING : m;
    this.recoveryMemo.set(r, RECOVERY_IN_PROGRESS);
    let rec: Recovery;
    try {
      rec = this.computeRecovery(r, st);
    } catch (e) {
      this.recoveryMemo.delete(r);
      throw e;
    }
    this.recoveryMemo.set(r, rec);
    return rec;
  }

  private computeRecovery(r: Resource, st: State): Recovery {
    const own = (kind: 'failover' | 'down' | 'replica'): Recovery => this.ownEstimate(r, kind);
    if (st.status === 'degraded') return (st.ownDegraded || st.capacity) && hasFailoverMode(r) ? own('failover') : KEEPS_SERVING;
    if (st.status !== 'down' && st.status !== 'egress') return KEEPS_SERVING;
    // a DB instance of a cluster comes back with its cluster (a failover to another instance, or a new writer)
    const cluster = this.g.edgesTo(r, 'member')[0]?.from;
    if (cluster) {
      const cs = this.state(cluster);
      if (cs.status === 'down' || cs.status === 'degraded') return this.through(cluster.label, this.recovery(cluster, cs));
    }
    const parts: Array<{ label?: string; recovery: Recovery }> = [];
    const dataStore = recordOf(r.type)?.role === 'data-store';
    if (st.own || (st.capacity && dataStore)) parts.push({ recovery: own(st.replica ? 'replica' : 'down') });
    for (const c of st.causes ?? []) {
      if (st.capacity && dataStore && !st.own && c !== r && this.g.edgesFrom(r, 'member', 'mount-target').some((e) => e.to === c)) continue; // its own members: its mode covers them
      parts.push({ label: c.label, recovery: this.through(c.label, this.recovery(c)) });
    }
    return combine(parts)?.recovery ?? own('down');
  }

  /**
   * The estimate from the resource's own mode. Its inputs are the resource's own (data, copies) but for the kind and
   * whether another zone is left, so it is computed once per resource and combination, not once per scenario.
   */
  private ownEstimate(r: Resource, kind: 'failover' | 'down' | 'replica'): Recovery {
    const otherZone = this.otherZone(r);
    const slot = ESTIMATE_KINDS[kind] * 2 + (otherZone ? 1 : 0);
    let cached = this.estimates.own.get(r);
    if (!cached) this.estimates.own.set(r, (cached = []));
    return (cached[slot] ??= ownRecovery({ resource: r, kind, holdsData: holdsData(this.g, r), copies: copiesOf(r), otherZone }));
  }

  /** Back when `label` is back, with its data (shared per simulation, see ThroughMemo). */
  through(label: string, cause: Recovery): Recovery {
    return through(label, cause, this.estimates.throughs);
  }

  /** Whether it can run in a zone other than the one lost (a surviving subnet or zone, another candidate zone). */
  private otherZone(r: Resource): boolean {
    const p = this.g.model.placement(r);
    const zones = p.kind === 'zonal' ? p.zones : p.kind === 'single' ? (p.among ?? []) : [];
    if (!this.failedZone) return zones.length !== 1;
    return p.kind === 'regional' || zones.some((z) => z.key !== this.failedZone!.key);
  }

  private survivingReplica(r: Resource): Resource | undefined {
    for (const e of this.g.edgesTo(r, 'replica-of')) if (this.state(e.from).status !== 'down') return e.from;
    return undefined;
  }

  /** How its data fares when its own zone is lost: only there, copied elsewhere (which), or not decidable. */
  private dataText(r: Resource, where: string): { text: string; dataOnly: boolean } {
    if (!holdsData(this.g, r)) return { text: where, dataOnly: false };
    const copies = copiesOf(r);
    if (!copies) return { text: where, dataOnly: false };
    if (!copies.length) return { text: `${where}, with its data`, dataOnly: true };
    return { text: `${where}; its data survives in ${copies.map((c) => c.text).join(' and ')}`, dataOnly: false };
  }

  /** Failure of the resource's own placement (its subnets or zones). */
  private own(r: Resource): State {
    if (!this.failedZone) {
      if (r !== this.failed) return OK;
      const d = this.dataText(r, whereverText(this.g.model, r));
      return { status: 'down', reasons: [{ text: d.text }], dataOnlyInZone: d.dataOnly };
    }
    const Z = this.failedZone;
    const p = this.g.model.placement(r);
    if (r.type === 'AWS::EC2::Subnet') {
      if (p.kind === 'unknown') return { status: 'unknown', reasons: [{ text: p.reason }] };
      return p.kind === 'zonal' && p.zones.some((z) => z.key === Z.key) ? { status: 'down', reasons: [{ text: `in ${zoneText(Z)}` }] } : OK;
    }
    if (p.kind === 'regional') return OK;
    if (p.kind === 'unknown') return { status: 'unknown', reasons: [{ text: `placement unknown: ${p.reason}` }] };
    const zones = p.kind === 'zonal' ? p.zones : p.among && p.among.length === 1 ? p.among : undefined;
    if (!zones) return OK; // single, zone picked at deploy time: see the wherever scenarios
    if (singleUnit(this.g.model, r)) return OK; // one unit in whichever of its zones it runs: a wherever scenario too
    const subnets = this.g.edgesFrom(r, 'subnet');
    const compute = isCompute(r.type);
    if (subnets.length) {
      const lost: Resource[] = [];
      const noEgress: Array<{ subnet: Resource; st: State }> = [];
      let unknownSubnet: string | undefined;
      for (const e of subnets) {
        const z = this.g.subnetZone(e.to);
        if (!z) {
          unknownSubnet ??= `the zone of subnet ${e.to.label} is not known`;
          continue;
        }
        if (z.key === Z.key) lost.push(e.to);
        else if (compute) {
          const eg = this.egress(e.to);
          if (eg.status === 'down') noEgress.push({ subnet: e.to, st: eg });
        }
      }
      const n = subnets.length;
      const lostText = lost.length
        ? n === 1
          ? this.oneSubnetText(lost[0], Z)
          : lost.length === n
            ? `all ${n} subnets are in ${zoneText(Z)}`
            : `loses subnet${lost.length > 1 ? 's' : ''} ${lost.map((s) => s.label).join(', ')} in ${zoneText(Z)} (${lost.length} of ${n})`
        : undefined;
      const reasons: Reason[] = [];
      if (lostText) reasons.push({ text: lost.length === n ? this.dataText(r, lostText).text : lostText });
      for (const { subnet, st } of noEgress) {
        const sz = this.g.subnetZone(subnet)!;
        reasons.push({ text: `egress of subnet ${subnet.label} (${zoneText(sz)}) lost: ${st.reasons[0].text}`, resource: st.reasons[0].resource, cause: st.reasons[0].cause });
      }
      if (unknownSubnet && lost.length + noEgress.length < n) {
        return lost.length || noEgress.length ? { status: 'degraded', reasons: [...reasons, { text: unknownSubnet }] } : { status: 'unknown', reasons: [{ text: unknownSubnet }] };
      }
      if (lost.length === n) return { status: 'down', reasons, dataOnlyInZone: this.dataText(r, '').dataOnly };
      // running in its other subnets, but none of them has a way out of the VPC: egress lost, not down
      if (lost.length + noEgress.length === n && noEgress.length) return { status: 'egress', reasons };
      if (reasons.length) return { status: 'degraded', reasons: this.failoverNote(r, reasons) };
      return OK;
    }
    const hit = zones.some((z) => z.key === Z.key);
    if (!hit) return OK;
    if (zones.length === 1) {
      const d = this.dataText(r, `in ${zoneText(Z)}`);
      return { status: 'down', reasons: [{ text: d.text }], dataOnlyInZone: d.dataOnly };
    }
    return { status: 'degraded', reasons: this.failoverNote(r, [{ text: `loses ${zoneText(Z)} (${zones.length - 1} of ${zones.length} zones remain: ${zoneLabels(zones.filter((z) => z.key !== Z.key))})` }]) };
  }

  /** `its subnet X is in Z`, one string per subnet and scenario (every resource in that subnet says it). */
  private oneSubnetText(subnet: Resource, Z: Zone): string {
    const texts = (this.subnetTexts ??= new Map());
    let t = texts.get(subnet);
    if (t === undefined) texts.set(subnet, (t = `its subnet ${subnet.label} is in ${zoneText(Z)}`));
    return t;
  }

  private subnetTexts: Map<Resource, string> | undefined;

  private failoverNote(r: Resource, reasons: Reason[]): Reason[] {
    if (!failsOver(r) || !reasons.length) return reasons;
    return [{ ...reasons[0], text: `${reasons[0].text}; fails over to another zone` }, ...reasons.slice(1)];
  }

  /** Aggregate state of what serves the resource's traffic (load balancer targets, cluster members, mount targets). */
  private capacity(r: Resource): State | undefined {
    const tgs = this.g.edgesFrom(r, 'target-group');
    if (!this.g.edgesFrom(r).length && !this.g.ipTargets.has(r)) return undefined;
    const direct = this.g.edgesFrom(r, 'target', 'member', 'mount-target');
    const ips = this.g.ipTargets.get(r);
    if (!tgs.length && !direct.length && !ips?.length) return undefined;
    if (tgs.length) {
      // a load balancer: down when no target group it forwards to keeps a target
      const groups = tgs.map((e) => ({ e, st: this.targetGroup(e) }));
      const known = groups.filter((x) => x.st);
      if (!known.length) return undefined;
      const downs = known.filter((x) => x.st!.status === 'down');
      if (downs.length === known.length) return { status: 'down', reasons: downs.slice(0, 1).map((x) => x.st!.reasons[0]) };
      const bad = known.filter((x) => x.st!.status !== 'ok');
      if (!bad.length) return OK;
      const st = bad.some((x) => x.st!.status !== 'unknown') ? 'degraded' : 'unknown';
      return { status: st, reasons: bad.map((x) => x.st!.reasons[0]) };
    }
    return this.members(r, direct, ips, r.label);
  }

  private targetGroup(e: Edge): State | undefined {
    const tg = e.to;
    const members = this.g.edgesFrom(tg, 'target');
    const ips = this.g.ipTargets.get(tg);
    if (!members.length && !ips?.length) return undefined;
    return this.members(tg, members, ips, e.via ? e.via.label : tg.label);
  }

  private members(r: Resource, edges: readonly Edge[], ips: ReturnType<DependencyGraph['ipTargets']['get']>, what: string): State {
    const kind = edges[0]?.role === 'member' ? 'instances' : edges[0]?.role === 'mount-target' ? 'mount targets' : 'targets';
    const states: Array<{ label: string; st: State; resource?: Resource }> = edges.map((e) => ({ label: e.to.label, st: this.state(e.to), resource: e.to }));
    for (const ip of ips ?? []) {
      let st: State;
      if (!ip.zone) st = { status: 'unknown', reasons: [{ text: ip.reason ?? 'zone unknown' }] };
      else if (this.failedZone && ip.zone.key === this.failedZone.key) st = { status: 'down', reasons: [{ text: `in ${zoneText(ip.zone)}` }] };
      else st = OK;
      states.push({ label: ip.id, st });
    }
    const n = states.length;
    const down = states.filter((x) => x.st.status === 'down');
    const unknown = states.filter((x) => x.st.status === 'unknown');
    // running without egress still serves, but it lost capacity or its way out: degraded capacity, not down
    const degraded = states.filter((x) => x.st.status === 'degraded' || x.st.status === 'egress');
    void r;
    if (down.length === n) {
      const first = down[0];
      return { status: 'down', reasons: [{ text: n === 1 ? `the only ${kind.replace(/s$/, '')} of ${what} is down` : `all ${n} ${kind} of ${what} are down`, resource: first.resource, cause: { status: 'down', reasons: [{ text: `${first.label}: ${first.st.reasons.map((x) => x.text).join('; ') || 'down'}`, resource: first.st.reasons[0]?.resource, cause: first.st.reasons[0]?.cause }] } }] };
    }
    if (down.length && down.length + unknown.length === n) {
      return { status: 'unknown', reasons: [{ text: `${down.length} of ${n} ${kind} of ${what} are down; the zone of the others is unknown` }] };
    }
    if (down.length) {
      return { status: 'degraded', reasons: [{ text: `${down.length} of ${n} ${kind} of ${what} down (${down.map((x) => x.label).join(', ')})`, resource: down[0].resource, cause: down[0].st }] };
    }
    if (degraded.length) return { status: 'degraded', reasons: [{ text: `${kind} of ${what} lose capacity (${degraded.map((x) => x.label).join(', ')})`, resource: degraded[0].resource, cause: degraded[0].st }] };
    if (unknown.length) return { status: 'unknown', reasons: [{ text: `the zone of ${unknown.length} of ${n} ${kind} of ${what} is unknown` }] };
    return OK;
  }
}

/** Why a resource of a wherever scenario is down: in one zone AWS picks, or one unit in whichever of its zones it runs. */
function whereverText(model: Model, r: Resource): string {
  const unit = singleUnit(model, r);
  if (unit) {
    const { capacity: c, zones } = unit;
    const next = c.replaces === true ? `; ${recordOf(r.type)?.noun ?? 'it'} replaces it in a surviving zone` : c.replaces === false ? '; nothing replaces it' : '';
    return `one ${c.unit} (${c.source}), down when the zone it runs in fails (one of ${zoneLabels(zones)})${next}`;
  }
  const p = model.placement(r);
  if (p.kind === 'single' && p.among?.length) return `single zone picked by AWS at deploy time (one of ${zoneLabels(p.among)}); down when that zone fails`;
  return 'single zone picked by AWS at deploy time; down when that zone fails';
}

/**
 * The step of a state in a chain, one object per state: the items whose chains go through the same cause (every
 * instance behind one NAT gateway…) share its steps instead of each holding a copy of the same text.
 */
type Steps = Map<State, ChainStep>;

function stepOf(st: State, steps: Steps): ChainStep {
  let step = steps.get(st);
  if (!step) {
    step = { text: st.reasons.length === 1 ? st.reasons[0].text : st.reasons.map((x) => x.text).join('; ') };
    steps.set(st, step);
  }
  return step;
}

function chainOf(st: State, steps: Steps = new Map()): ChainStep[] {
  const out: ChainStep[] = [];
  const seen: State[] = [];
  let cur: State | undefined = st;
  while (cur && cur.reasons.length && !seen.includes(cur) && out.length < 10) {
    seen.push(cur);
    // one step per level: every reason of the level in words, then down the first reason that has a cause
    const next: Reason | undefined = cur.reasons.find((x) => x.cause);
    out.push(stepOf(cur, steps));
    cur = next?.cause;
  }
  // an exact-size copy: a list grown by push keeps room for 17 steps, and every entry keeps its chain
  return out.slice();
}

/** The name users read: the resource's short label, prefixed with its stack when the input has several. */
export function displayLabel(r: Resource): string {
  if (r.stack.model.stacks.length <= 1) return r.label;
  const p = r.constructPath;
  return p ? p.replace(/\/(Resource|Default)$/, '') : `${r.stack.name}/${r.logicalId}`;
}

function item(r: Resource, st: State, aspect: 'service' | 'egress', steps: Steps, recovery: Recovery): ImpactItem {
  const { id, label } = idOf(r);
  const status = st.status === 'egress' ? 'egress-lost' : (st.status as 'down' | 'degraded');
  const cause = st.reasons.find((x) => x.resource && x.resource !== r)?.resource;
  const dataOnlyInZone = st.dataOnlyInZone === true;
  const ownPlacement = st.own === true;
  const chain = chainOf(st, steps);
  const zones = ownZones(r);
  // one object either way (a copy with `cause` added would make ~100k short-lived objects at 100k resources)
  return cause
    ? { resource: id, label, status, aspect, dataOnlyInZone, ownPlacement, chain, zones, recovery, cause: idOf(cause).id }
    : { resource: id, label, status, aspect, dataOnlyInZone, ownPlacement, chain, zones, recovery };
}

/** Labels of the zones `r` itself is placed in (memoized per resource: an item is built once per scenario). */
const ownZoneCache = new WeakMap<Resource, readonly string[]>();
function ownZones(r: Resource): readonly string[] {
  let z = ownZoneCache.get(r);
  if (!z) {
    const p = r.stack.model.placement(r);
    z = p.kind === 'zonal' ? p.zones.map(zoneText) : p.kind === 'single' && p.among?.length === 1 ? [zoneText(p.among[0])] : [];
    ownZoneCache.set(r, z);
  }
  return z;
}

/** A subnet that loses its default route: back when the route's target (a NAT gateway) is. */
function egressRecovery(sc: Scenario, eg: State): Recovery {
  const target = eg.reasons[0]?.resource;
  return target ? sc.through(target.label, sc.recovery(target)) : KEEPS_SERVING;
}

function counts(down: ImpactItem[], degraded: ImpactItem[], egressLost: ImpactItem[]): Counts {
  return { down: down.length, degraded: degraded.length, egressLost: egressLost.length, dataOnlyInZone: down.filter((x) => x.dataOnlyInZone).length };
}

/** Sorts a scenario's visited resources into its lists. */
class Lists {
  readonly down: ImpactItem[] = [];
  readonly degraded: ImpactItem[] = [];
  readonly egressLost: ImpactItem[] = [];

  add(r: Resource, st: State, steps: Steps, sc: Scenario): void {
    if (st.status === 'down') this.down.push(item(r, st, 'service', steps, sc.recovery(r, st)));
    else if (st.status === 'degraded') this.degraded.push(item(r, st, 'service', steps, sc.recovery(r, st)));
    else if (st.status === 'egress') this.egressLost.push(item(r, st, 'service', steps, sc.recovery(r, st)));
  }

  get counts(): Counts {
    return counts(this.down, this.degraded, this.egressLost);
  }
}

/** Every zone the input places something in (zonal placements and the candidate zones of single ones). */
export function zonesOf(model: Model): Zone[] {
  return uniqueZones(placedZones(model));
}

function* placedZones(model: Model): Iterable<Zone> {
  for (const r of model.resources) {
    const p = model.placement(r);
    if (p.kind === 'zonal') yield* p.zones;
    else if (p.kind === 'single' && p.among) yield* p.among;
  }
}

/** The blast radius of every zone, per model: the recovery-policy rule (ZL904) and the report share one simulation. */
const fullRadius = new WeakMap<Model, BlastRadius>();

/** Runs the per-zone failure simulation over the model (see the module comment). */
export function computeBlastRadius(model: Model, options: BlastRadiusOptions = {}): BlastRadius {
  if (options.zones) return simulate(model, options);
  let br = fullRadius.get(model);
  if (!br) {
    br = simulate(model, options);
    fullRadius.set(model, br);
  }
  return br;
}

function simulate(model: Model, options: BlastRadiusOptions): BlastRadius {
  const g = dependencyGraph(model);
  let zones = zonesOf(model);
  if (options.zones) {
    const wanted = new Set(options.zones);
    zones = zones.filter((z) => wanted.has(z.label) || wanted.has(z.key) || (z.id !== undefined && wanted.has(z.id)));
  }
  // only resources that can be hit: placed in zones, or depending on something
  // a resource whose Condition is false with the parameter defaults is not created: nothing of it can go down
  const candidates = model.resources.filter((r) => r.created !== false && (model.placement(r).kind !== 'regional' || g.edgesFrom(r).length > 0));
  const unknown = new Map<Resource, string>();
  const footprints = new Footprints(g);
  const estimates: OwnEstimates = { own: new Map(), throughs: new Map() };
  /** Chain steps by state, per scenario (a step is shared by the items whose chains pass through its state). */
  let steps: Steps = new Map();

  // From the second zone on, only the candidates the zone can hit are visited: their footprint (memoized during the
  // first zone, which visits every candidate as before) has the zone's key or is unknown. Any other resource is ok in
  // that zone's scenario. Subnets are always visited (their egress is looked at even when they are ok).
  let hitBy: Map<string, Resource[]> | undefined;
  const visitIn = (Z: Zone, first: boolean): readonly Resource[] => {
    if (first) return candidates;
    if (!hitBy) {
      hitBy = new Map(zones.map((z) => [z.key, []]));
      const every = [...hitBy.values()];
      for (const r of candidates) {
        if (r.type !== 'AWS::EC2::Subnet' && isPlumbing(r)) continue; // skipped in every zone
        const f = r.type === 'AWS::EC2::Subnet' ? 'all' : footprints.of(r);
        if (f === 'all') for (const list of every) list.push(r);
        else for (const k of f) hitBy.get(k)?.push(r);
      }
    }
    return hitBy.get(Z.key) ?? candidates;
  };

  const zoneImpacts: ZoneImpact[] = zones.map((Z, zi) => {
    const sc = new Scenario(g, estimates, Z, undefined, undefined, footprints);
    steps = new Map();
    const lists = new Lists();
    for (const r of visitIn(Z, zi === 0)) {
      if (r.type === 'AWS::EC2::Subnet') {
        if (sc.state(r).status === 'ok') {
          const eg = sc.egress(r);
          if (eg.status === 'down') lists.down.push(item(r, eg, 'egress', steps, egressRecovery(sc, eg)));
        }
        continue;
      }
      if (isPlumbing(r)) continue;
      const st = sc.state(r);
      lists.add(r, st, steps, sc);
      if (st.status === 'unknown' && !unknown.has(r)) unknown.set(r, chainOf(st).map((c) => c.text).join(' ← '));
    }
    const base = { zone: Z.label, key: Z.key, down: lists.down, degraded: lists.degraded, egressLost: lists.egressLost, counts: lists.counts };
    return Z.id ? { ...base, zoneId: Z.id } : base;
  });
  zoneImpacts.sort(
    (a, b) =>
      b.counts.down - a.counts.down ||
      b.counts.dataOnlyInZone - a.counts.dataOnlyInZone ||
      b.counts.degraded - a.counts.degraded ||
      b.counts.egressLost - a.counts.egressLost ||
      compareStrings(a.zone, b.zone),
  );

  options.betweenScenarios?.();
  const wherever: WhereverImpact[] = [];
  for (const r of candidates) {
    const p = model.placement(r);
    if (p.kind === 'unknown' && !isPlumbing(r) && !unknown.has(r)) unknown.set(r, p.reason);
    if (isPlumbing(r)) continue;
    const unit = singleUnit(model, r);
    if (!unit && (p.kind !== 'single' || (p.among && p.among.length === 1))) continue;
    const scope = dependants(g, r);
    const sc = new Scenario(g, estimates, undefined, r, scope);
    steps = new Map();
    const lists = new Lists();
    for (const x of scope) if (!isPlumbing(x)) lists.add(x, sc.state(x), steps, sc);
    const among = unit ? unit.zones : p.kind === 'single' ? (p.among ?? []) : [];
    // exact-size lists: a list grown by push keeps room for 17 entries, and there is a scenario per single-zone resource
    wherever.push({ cause: resourceId(r), label: displayLabel(r), among: among.map(zoneText), down: lists.down.slice(), degraded: lists.degraded.slice(), counts: lists.counts });
  }

  const unknownItems = [...unknown].map(([r, reason]) => ({ resource: resourceId(r), label: displayLabel(r), reason }));
  return {
    zones: zoneImpacts,
    wherever,
    unknown: unknownItems,
    recovery: serviceRecovery(g, zoneImpacts, wherever, idOf),
    summary: { zones: zoneImpacts.length, worstZone: zoneImpacts[0]?.zone ?? null, resourcesAnalysed: candidates.length, edges: g.edges.length, unknown: unknownItems.length },
  };
}

/**
 * The zones a resource can be hit through: its own zones and those of everything it stands on (subnets, route
 * targets, volumes, targets, members, data stores), memoized. Lets each zone scenario skip, in O(1), the resources
 * it cannot touch; 'all' when a placement on the way is unknown (those are evaluated, and reported as unknown).
 */
class Footprints {
  /** Footprint per resource; FOOTPRINT_IN_PROGRESS while it is collected (a cycle: the outer call collects the rest). */
  private readonly memo = new Map<Resource, Set<string> | 'all'>();

  constructor(private readonly g: DependencyGraph) {}

  of(r: Resource): Set<string> | 'all' {
    const m = this.memo.get(r);
    if (m) return m === FOOTPRINT_IN_PROGRESS ? EMPTY : m;
    this.memo.set(r, FOOTPRINT_IN_PROGRESS);
    let out: Set<string> | 'all';
    const p = this.g.model.placement(r);
    if (p.kind === 'unknown') out = 'all';
    else {
      const own = p.kind === 'zonal' ? p.zones : p.kind === 'single' && p.among?.length === 1 ? p.among : [];
      const acc = new Set(own.map((z) => z.key));
      let all = false;
      for (const e of this.g.edgesFrom(r)) {
        if (e.role === 'replica-of') continue; // a replica does not stand on its source
        const f = this.of(e.to);
        if (f === 'all') {
          all = true;
          break;
        }
        for (const k of f) acc.add(k);
      }
      for (const ip of this.g.ipTargets.get(r) ?? []) {
        if (ip.zone) acc.add(ip.zone.key);
        else all = true;
      }
      out = all ? 'all' : acc;
    }
    this.memo.set(r, out);
    return out;
  }
}

const EMPTY: Set<string> = new Set();
const FOOTPRINT_IN_PROGRESS: Set<string> = new Set();

/** `r` and every resource that (transitively) needs it, replica edges excepted (a replica outlives its source). */
function dependants(g: DependencyGraph, r: Resource): Set<Resource> {
  const seen = new Set<Resource>([r]);
  const queue = [r];
  while (queue.length) {
    const x = queue.pop()!;
    for (const e of g.edgesTo(x)) {
      if (e.role === 'replica-of' || seen.has(e.from)) continue;
      seen.add(e.from);
      queue.push(e.from);
    }
  }
  return seen;
}
