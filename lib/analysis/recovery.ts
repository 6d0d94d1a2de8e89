/**
 * Recovery estimates: for a resource the blast radius lists, how long until it serves again (RTO) and how much data
 * is lost (RPO), from the modes of lib/catalog/recovery.ts its catalog record names. The blast radius (blast-radius.ts)
 * decides which mode applies — a failover when it degrades, a restore or a replacement when it is down by its own
 * placement, the recovery of what it needs when that takes it down — and this module turns the mode into figures and
 * one sentence of basis. Live facts (allocated storage, the newest recovery point's age) replace the template's
 * guesses where a scan has them (recovery-live.ts). The service view (per request path and per stack) is at the end.
 */
import type { ResourceId } from '../engine/finding';
import type { Resource } from '../model/resource';
import { asNumber } from '../model/values';
import { recordOf } from '../catalog';
import { COPY_RPO, RECOVERY_MODES, RecoveryMode, RecoveryModeId } from '../catalog/recovery';
import type { DataCopy, ModeRef, RecoverySpec } from '../catalog/types';
import { liveRecoveryFacts } from './recovery-live';

/** How long until a resource serves again after losing a zone, and how much of its data is lost. */
export interface Recovery {
  /** Time until it serves again, in seconds (0–0: it keeps serving). */
  readonly rtoSeconds: { readonly min: number; readonly max: number };
  /** Data lost: `null` — all of it (no copy outside the zone); `0` — none; otherwise the window, in seconds. */
  readonly rpoSeconds: number | null;
  /** Why, in one sentence: the mode, its figures and where they come from. */
  readonly basis: string;
  /** The mode of the recovery table (docs/recovery.md) that decides it. */
  readonly mode: string;
  /** The resource whose recovery decides this one's (its database, its volume, its cluster), when not itself. */
  readonly decidedBy?: string;
}

/** What an estimate needs to know about the resource, from the blast radius. */
export interface RecoveryInput {
  readonly resource: Resource;
  /** Which of its record's modes applies: it lost a zone but fails over or keeps serving; it is down; a replica survives. */
  readonly kind: 'failover' | 'down' | 'replica';
  /** It holds data of its own (not a cluster member or a replica). */
  readonly holdsData: boolean;
  /** Its copies outside the zone (catalog); undefined when that cannot be decided. */
  readonly copies: readonly DataCopy[] | undefined;
  /** It can run in a zone other than the one lost (a surviving subnet, a candidate zone). */
  readonly otherZone: boolean;
}

function modeOf(ref: ModeRef | undefined, r: Resource): RecoveryModeId | undefined {
  return typeof ref === 'function' ? ref(r, r.stack.model) : ref;
}

function specOf(r: Resource): RecoverySpec | undefined {
  return recordOf(r.type)?.recovery;
}

/** Whether the type names a failover mode (the mode used when it degrades by losing one of its zones or members). */
export function hasFailoverMode(r: Resource): boolean {
  return specOf(r)?.failover !== undefined;
}

/** The resource's size in GiB: the live scan's, else the template's size property when it is a number. */
export function sizeGiB(r: Resource): number | undefined {
  const live = liveRecoveryFacts(r)?.sizeGiB;
  if (live !== undefined) return live;
  const prop = specOf(r)?.sizeProperty;
  return prop ? asNumber(r.get(prop)) : undefined;
}

/** The mode's source, short: the guide's name before its colon. */
function sourceName(m: RecoveryMode): string {
  return m.source.short ?? m.source.title.split(':')[0];
}

/** The estimate of one resource from its own mode (see RecoveryInput). */
export function ownRecovery(input: RecoveryInput): Recovery {
  const r = input.resource;
  const spec = specOf(r);
  let id: RecoveryModeId =
    input.kind === 'failover' ? (modeOf(spec?.failover, r) ?? 'keeps-serving') : input.kind === 'replica' ? (modeOf(spec?.replica, r) ?? modeOf(spec?.down, r) ?? 'manual-rebuild') : (modeOf(spec?.down, r) ?? 'manual-rebuild');
  let mode: RecoveryMode = RECOVERY_MODES[id];
  const notes: string[] = [];
  if (mode.needsOtherZone && !input.otherZone) {
    notes.push(`no other zone to ${id === 'ecs-replace' ? 'start tasks' : 'launch instances'} in`);
    id = 'manual-rebuild';
    mode = RECOVERY_MODES[id];
  }
  // how much data is lost
  let rpo: number | null;
  let rpoWhy = '';
  const live = liveRecoveryFacts(r);
  if (mode.rpo === 'none' || !input.holdsData) rpo = 0;
  else if (typeof mode.rpo === 'object') {
    rpo = mode.rpo.seconds;
    rpoWhy = mode.rpo.why;
  } else if (live?.newestAgeSeconds !== undefined) {
    rpo = live.newestAgeSeconds;
    rpoWhy = `its newest ${live.newestKind} is ${durationText(rpo)} old (live scan)`;
  } else if (input.copies === undefined) {
    rpo = COPY_RPO.backup.seconds;
    rpoWhy = 'whether it has a copy outside the zone cannot be decided: taken as a daily one';
  } else if (!input.copies.length) {
    rpo = null;
  } else {
    const best = [...input.copies].sort((a, b) => COPY_RPO[a.kind].seconds - COPY_RPO[b.kind].seconds)[0];
    rpo = COPY_RPO[best.kind].seconds;
    rpoWhy = best.text;
  }
  if (rpo === null && mode.needsCopy) {
    notes.push(`no copy outside the zone to restore from: rebuilt empty`);
    id = 'manual-rebuild';
    mode = RECOVERY_MODES[id];
  }
  // how long
  const size = mode.perGiBSeconds ? sizeGiB(r) : undefined;
  const extra = size !== undefined && mode.perGiBSeconds ? Math.round(size * mode.perGiBSeconds) : 0;
  const rto = { min: mode.rtoSeconds.min + extra, max: mode.rtoSeconds.max + extra };
  const sizeNote = mode.perGiBSeconds ? (size !== undefined ? `, ${size} GiB${live?.sizeGiB !== undefined ? ' (live scan)' : ''}` : `, plus about ${mode.perGiBSeconds} s per GiB of data`) : '';
  const lead = notes.length ? `${notes.join('; ')}; ` : '';
  const basis = `${lead}${mode.what}: ${rtoText(rto)}${sizeNote}, ${rpoText(rpo)}${rpoWhy ? ` (${rpoWhy})` : ''} [${sourceName(mode)}${mode.judgement ? '; a judgement' : ''}]`;
  return { rtoSeconds: rto, rpoSeconds: rpo, basis, mode: id };
}

/** A resource that loses a zone and keeps serving (capacity or redundancy lost). */
export const KEEPS_SERVING: Recovery = Object.freeze({
  rtoSeconds: Object.freeze({ min: 0, max: 0 }),
  rpoSeconds: 0,
  basis: `${RECOVERY_MODES['keeps-serving'].what}: no interruption, no data lost`,
  mode: 'keeps-serving',
});

/** Whether recovery `a` is worse than `b`: longer RTO (upper bound, then lower), then more data lost. */
export function worse(a: Recovery, b: Recovery): boolean {
  if (a.rtoSeconds.max !== b.rtoSeconds.max) return a.rtoSeconds.max > b.rtoSeconds.max;
  if (a.rtoSeconds.min !== b.rtoSeconds.min) return a.rtoSeconds.min > b.rtoSeconds.min;
  return rpoRank(a.rpoSeconds) > rpoRank(b.rpoSeconds);
}

const rpoRank = (x: number | null): number => (x === null ? Infinity : x);

/** The worse RPO of two (null, data lost, is the worst). */
export function worseRpo(a: number | null, b: number | null): number | null {
  return rpoRank(a) >= rpoRank(b) ? a : b;
}

/**
 * Whether `a` takes over from `b` as the part that decides a combined recovery: the slowest part decides; between
 * equals, the one that decides by itself (not through another) names the cause.
 */
export function replacesDecider(a: Recovery, b: Recovery): boolean {
  return worse(a, b) || (!worse(b, a) && b.decidedBy !== undefined && a.decidedBy === undefined);
}

/**
 * Several recoveries that must all happen (a service is back when its slowest part is back): the RTO of the slowest
 * part, the worst RPO of all, and the basis of the part that decides the RTO.
 */
export function combine(parts: ReadonlyArray<{ label?: string; recovery: Recovery }>): { recovery: Recovery; decider: number } | undefined {
  if (!parts.length) return undefined;
  let k = 0;
  for (let i = 1; i < parts.length; i++) {
    if (replacesDecider(parts[i].recovery, parts[k].recovery)) k = i;
  }
  let rpo: number | null = 0;
  for (const p of parts) rpo = worseRpo(rpo, p.recovery.rpoSeconds);
  const rec = parts[k].recovery;
  return { recovery: rpo === rec.rpoSeconds ? rec : { ...rec, rpoSeconds: rpo }, decider: k };
}

/** The recovery of a resource that is down only because `cause` is: back when the cause is back, with its data. */
export function through(label: string, cause: Recovery, memo: ThroughMemo): Recovery {
  // decided by another resource already: the same figures, basis and decider, so the estimate itself
  if (cause.decidedBy !== undefined) return cause;
  let byLabel = memo.get(cause);
  if (!byLabel) memo.set(cause, (byLabel = new Map()));
  let rec = byLabel.get(label);
  if (!rec) {
    rec = { rtoSeconds: cause.rtoSeconds, rpoSeconds: cause.rpoSeconds, basis: `back when ${label} is back: ${cause.basis}`, mode: cause.mode, decidedBy: label };
    byLabel.set(label, rec);
  }
  return rec;
}

/**
 * through() results by estimate and label, kept for one simulation (blast-radius.ts): estimates are shared per
 * resource, so the entries behind one database in every zone share one object and one basis string.
 */
export type ThroughMemo = Map<Recovery, Map<string, Recovery>>;

/** `35 seconds`, `1–2 minutes`, `10–30 minutes`, `1–24 hours`, `no interruption`. */
export function rtoText(rto: { readonly min: number; readonly max: number }): string {
  if (rto.max === 0) return 'no interruption';
  if (rto.min === 0) return `under ${durationText(rto.max)}`;
  return rangeText(rto.min, rto.max);
}

function rangeText(min: number, max: number): string {
  const [unit, size] = max < 120 ? ['second', 1] : max < 7200 ? ['minute', 60] : max < 172800 ? ['hour', 3600] : ['day', 86400];
  const a = round(min / size);
  const b = round(max / size);
  return a === b ? `${a} ${unit}${a === 1 ? '' : 's'}` : `${a}–${b} ${unit}s`;
}

const round = (x: number): number => (x >= 10 ? Math.round(x) : Math.round(x * 10) / 10);

/** One duration for people: `35 seconds`, `5 minutes`, `24 hours`. */
export function durationText(seconds: number): string {
  return rangeText(seconds, seconds);
}

/** `no data lost`, `data lost`, `up to 5 minutes of data lost`. */
export function rpoText(rpo: number | null): string {
  if (rpo === null) return 'data lost';
  if (rpo === 0) return 'no data lost';
  return `up to ${durationText(rpo)} of data lost`;
}

/** `back in 1–2 minutes, no data lost`; `data lost (no copy outside the zone), back in 1–24 hours`. */
export function recoveryPhrase(rec: Recovery): string {
  if (rec.rpoSeconds === null) return `data lost (no copy outside the zone); ${rec.rtoSeconds.max ? `rebuilt in ${rtoText(rec.rtoSeconds)}` : 'keeps running'}`;
  const back = rec.rtoSeconds.max === 0 ? 'keeps serving' : `back in ${rtoText(rec.rtoSeconds)}`;
  return `${back}, ${rpoText(rec.rpoSeconds)}`;
}

// ---- the service view: request paths and stacks ------------------------------------------------------------------

/** The combined recovery of a group of resources (a request path, a stack) in one scenario. */
export interface ScenarioRecovery {
  /** The zone lost (its label), or `wherever <resource> lands` for a single-zone resource's own scenario. */
  readonly zone: string;
  readonly rtoSeconds: { readonly min: number; readonly max: number };
  readonly rpoSeconds: number | null;
  /** The part whose recovery is the slowest, and why; null when nothing in the group is hit. */
  readonly decidedBy: ResourceId | null;
  readonly basis: string;
}

export interface PathRecovery {
  /** The load balancer the path starts at. */
  readonly entry: ResourceId;
  readonly label: string;
  /** Its parts: the load balancer, its targets, the data stores they use (labels). */
  readonly parts: readonly string[];
  /** Per zone (and per single-zone part's own scenario) that hits the path. */
  readonly zones: readonly ScenarioRecovery[];
}

export interface StackRecovery {
  readonly stack: string;
  readonly zones: readonly ScenarioRecovery[];
}

export interface ServiceRecovery {
  readonly paths: readonly PathRecovery[];
  readonly stacks: readonly StackRecovery[];
}

