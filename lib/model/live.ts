/**
 * Live-only facts of a resource (Metadata.ZonelintLive, written by lib/load/inventory.ts), read by the live rules
 * and the per-zone report, and the zone placement of live resources from what AWS reported (zones keyed by AZ id,
 * labelled with the account's names). No AWS SDK here.
 */
import type { Model } from './model';
import type { Resource } from './resource';
import { Zone, zone } from './zones';
import { recordOf } from '../catalog';
import type { LiveZoneIndex } from '../catalog/types';
import type { StackInput } from '../load/stack-input';
import { LIVE_METADATA, ScopeInventory, SnapshotRef, TargetRecord, ZoneRecord } from '../load/inventory-types';
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

// ---------------------------------------------------------------------------------------------------------------
// Placement: what AWS reported, keyed by AZ id.

interface ZoneIndex {
  byName: Map<string, Zone>;
  byId: Map<string, Zone>;
}

export function liveZone(record: ZoneRecord): Zone {
  return zone(record.id, `${record.id} (${record.name})`, record.id);
}

function zoneIndex(zones: readonly ZoneRecord[]): ZoneIndex {
  const byName = new Map<string, Zone>();
  const byId = new Map<string, Zone>();
  for (const z of zones) {
    const v = liveZone(z);
    byName.set(z.name, v);
    byId.set(z.id, v);
  }
  return { byName, byId };
}

/** The template metadata of a live stack. */
export function liveStackMetadata(stack: { input: StackInput }): { account: string; region: string; scannedAt: string; zones: ZoneRecord[]; gaps: ScopeInventory['gaps']; services: string[] } | undefined {
  const m = (stack.input.template.Metadata as Record<string, unknown> | undefined)?.[LIVE_METADATA];
  return m && typeof m === 'object' ? (m as ReturnType<typeof liveStackMetadata>) : undefined;
}

/**
 * Sets the placement of every live resource whose zones AWS reported, so that zones are keyed by AZ id everywhere
 * (subnets report ids, most other APIs only names). Resources placed through others (route, attachment) keep the
 * model's own resolution, which now reads these.
 */
export function applyLivePlacements(model: Model): void {
  for (const stack of model.stacks) {
    if (stack.input.origin !== 'live') continue;
    const meta = liveStackMetadata(stack);
    if (!meta) continue;
    const idx = zoneIndex(meta.zones ?? []);
    const byName = (name: unknown): Zone | undefined => (typeof name === 'string' && name ? (idx.byName.get(name) ?? zone(name)) : undefined);
    const byId = (id: unknown): Zone | undefined => (typeof id === 'string' && id ? (idx.byId.get(id) ?? zone(id, id, id)) : undefined);
    const resources = [...stack.resources.values()];
    const subnetZone = new Map<string, Zone>();
    const index: LiveZoneIndex = {
      byName,
      byId,
      subnets: (list) =>
        (Array.isArray(list) ? list : []).map((s) => {
          const id = typeof s === 'string' ? s : (s as { Ref?: string })?.Ref;
          return id ? subnetZone.get(id) : undefined;
        }),
    };
    const place = (r: Resource) => {
      const live = (r.raw.Metadata as Record<string, Record<string, unknown>> | undefined)?.[LIVE_METADATA] ?? {};
      const p = recordOf(r.type)?.live?.place?.(r, live, index);
      if (p) model.setPlacement(r, p);
      return p;
    };
    // subnets first: the other resources read their zones
    for (const r of resources) {
      if (r.type !== 'AWS::EC2::Subnet') continue;
      const p = place(r);
      if (p?.kind === 'zonal') subnetZone.set(r.logicalId, p.zones[0]);
    }
    for (const r of resources) if (r.type !== 'AWS::EC2::Subnet') place(r);
  }
}


/** Zone list of a live stack in display order. */
export function liveZones(stack: { input: StackInput }): Zone[] {
  const meta = liveStackMetadata(stack);
  return (meta?.zones ?? []).filter((z) => !z.type || z.type === 'availability-zone').map(liveZone);
}

/** The account's zone names (`us-east-1a`) of a live stack, each to its zone (keyed by AZ id). */
export function liveZonesByName(stack: { input: StackInput }): Map<string, Zone> {
  return new Map((liveStackMetadata(stack)?.zones ?? []).map((z) => [z.name, liveZone(z)]));
}
