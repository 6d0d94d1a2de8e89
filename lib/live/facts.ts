/**
 * Live-only facts of a resource (Metadata.ZonelintLive, written by lib/live/inventory.ts), read by the live rules
 * and the per-zone report. No AWS SDK here.
 */
import type { Resource } from '../model/resource';
import { LIVE_METADATA, liveStackMetadata } from './inventory';
import type { SnapshotRef, TargetRecord } from './types';
import { formatAge } from '../util/duration';

export { formatAge };

export interface LiveFacts {
  readonly physicalId?: string;
  readonly arn?: string;
  readonly state?: string;
  readonly status?: string;
  readonly sizeGiB?: number;
  readonly storageGiB?: number;
  readonly sizeBytes?: number;
  readonly newestSnapshot?: SnapshotRef;
  readonly lastBackupTime?: string;
  readonly latestRestorableTime?: string;
  readonly targetHealth?: readonly TargetRecord[];
  readonly healthKnown?: boolean;
  readonly instances?: ReadonlyArray<{ id: string; zone?: string; lifecycleState?: string; health?: string }>;
  readonly zones?: readonly string[];
}

export function liveFacts(r: Resource): LiveFacts | undefined {
  if (r.stack.input.origin !== 'live') return undefined;
  const m = (r.raw.Metadata as Record<string, unknown> | undefined)?.[LIVE_METADATA];
  return m && typeof m === 'object' ? (m as LiveFacts) : {};
}

/** Time the scan of the resource's account and region ran: the reference for every age. */
export function scanTime(r: Resource): number | undefined {
  const t = liveStackMetadata(r.stack)?.scannedAt;
  const ms = t ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? undefined : ms;
}

export interface RecoveryPoint {
  readonly kind: 'snapshot' | 'backup' | 'point-in-time';
  readonly time: string;
  readonly id?: string;
}

/** Every recovery point known for a resource, newest first: own snapshot, AWS Backup, point-in-time restore. */
export function recoveryPoints(r: Resource): RecoveryPoint[] {
  const f = liveFacts(r);
  if (!f) return [];
  const out: RecoveryPoint[] = [];
  if (f.newestSnapshot?.time) out.push({ kind: 'snapshot', time: f.newestSnapshot.time, id: f.newestSnapshot.id });
  if (f.lastBackupTime) out.push({ kind: 'backup', time: f.lastBackupTime });
  if (f.latestRestorableTime) out.push({ kind: 'point-in-time', time: f.latestRestorableTime });
  return out.filter((p) => !Number.isNaN(Date.parse(p.time))).sort((a, b) => Date.parse(b.time) - Date.parse(a.time));
}

export interface RecoveryStatus {
  /** Whether a recovery point newer than the threshold exists. */
  readonly recent: boolean;
  readonly newest?: RecoveryPoint;
  /** Age of the newest recovery point at scan time, in ms. */
  readonly ageMs?: number;
  /** The words a message uses after "has": "no snapshot or backup", "only an old recovery point (snapshot snap-1, 3d old)". */
  readonly phrase: string;
}

export function recoveryStatus(r: Resource, maxAgeMs: number): RecoveryStatus {
  const points = recoveryPoints(r);
  const newest = points[0];
  if (!newest) return { recent: false, phrase: 'no snapshot or backup' };
  const ref = scanTime(r) ?? Date.now();
  const ageMs = ref - Date.parse(newest.time);
  const what = newest.kind === 'snapshot' ? `snapshot ${newest.id ?? ''}`.trim() : newest.kind === 'backup' ? 'AWS Backup recovery point' : 'restorable point in time';
  return { recent: ageMs <= maxAgeMs, newest, ageMs, phrase: `only an old recovery point (${what}, ${formatAge(ageMs)} old)` };
}

/** Parses `24h`, `90m`, `7d`, `1d12h`, or a bare number of hours. Returns milliseconds, or undefined when invalid. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t) * 3600_000;
  const re = /(\d+(?:\.\d+)?)\s*(w|d|h|m|s)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(t))) {
    const n = Number(m[1]);
    total += n * { w: 604800_000, d: 86400_000, h: 3600_000, m: 60_000, s: 1000 }[m[2] as 'w' | 'd' | 'h' | 'm' | 's'];
    matched = re.lastIndex;
  }
  return matched === t.length && matched > 0 ? total : undefined;
}

/**
 * Whether the scan read `service:operation` completely in the resource's account and region. A rule that concludes
 * from absence (no snapshot, no healthy target) must only do so when the data it would be absent from was read.
 */
export function covered(r: Resource, service: string, operation: string): boolean {
  const meta = liveStackMetadata(r.stack);
  if (!meta) return false;
  if (meta.services && !meta.services.includes(service)) return false;
  return !(meta.gaps ?? []).some((g) => g.service === service && g.operation === operation);
}

/** Default threshold for "recent" recovery points, in hours (ZL405, ZL306, the per-zone report). */
export const DEFAULT_MAX_SNAPSHOT_AGE_HOURS = 24;
