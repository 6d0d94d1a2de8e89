/**
 * Live-only facts of a resource (Metadata.ZonelintLive, written by lib/load/inventory.ts), read by the live rules
 * and the per-zone report, and the zone placement of live resources from what AWS reported (zones keyed by AZ id,
 * labelled with the account's names). No AWS SDK here.
 */
import type { Model } from './model';
import type { Resource } from './resource';
import { Zone, zone } from './zones';
import { recordOf } from '../catalog';
import { isRootDevice, volumeAttachments } from './placement';
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
  /** Instances: the root volume's device name. */
  readonly rootDevice?: string;
  /** Volume attachments: whether the volume is deleted with the instance. */
  readonly deleteOnTermination?: boolean;
  /** Volumes: their attachments as DescribeVolumes reports them. */
  readonly attachments?: ReadonlyArray<{ readonly instanceId: string; readonly device?: string; readonly deleteOnTermination?: boolean }>;
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
export function liveStackMetadata(stack: { input: StackInput }): { account: string; region: string; scannedAt: string; zones: ZoneRecord[]; gaps: ScopeInventory['gaps']; services: string[]; maxSnapshotAgeHours?: number } | undefined {
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

// ---------------------------------------------------------------------------------------------------------------
// Data to protect

const autoScalingByModel = new WeakMap<Model, Set<Resource>>();
const attachmentsByModel = new WeakMap<Model, Map<Resource, ReturnType<typeof volumeAttachments>>>();

function attachmentIndex(model: Model): Map<Resource, ReturnType<typeof volumeAttachments>> {
  let index = attachmentsByModel.get(model);
  if (!index) {
    index = new Map();
    for (const e of volumeAttachments(model)) index.set(e.volume, [...(index.get(e.volume) ?? []), e]);
    attachmentsByModel.set(model, index);
  }
  return index;
}

/** Instances an Auto Scaling group launched (its live instance list, or the tag EC2 Auto Scaling puts on them). */
function autoScalingInstances(model: Model): Set<Resource> {
  let set = autoScalingByModel.get(model);
  if (set) return set;
  set = new Set();
  const ids = new Set<string>();
  for (const g of model.ofType('AWS::AutoScaling::AutoScalingGroup')) for (const i of liveFacts(g)?.instances ?? []) ids.add(i.id);
  for (const i of model.ofType('AWS::EC2::Instance')) {
    const tags = i.get('Tags');
    const tagged = Array.isArray(tags) && tags.some((t) => (t as Record<string, unknown> | undefined)?.Key === 'aws:autoscaling:groupName');
    if (tagged || ids.has(liveFacts(i)?.physicalId ?? i.logicalId)) set.add(i);
  }
  autoScalingByModel.set(model, set);
  return set;
}

/**
 * Why a volume holds no data to protect, or undefined when it does. A root volume deleted with its instance
 * (DeleteOnTermination, the default for root volumes) and any volume deleted with an Auto Scaling instance go when
 * the instance goes: the image and the launch template recreate them, and a snapshot of them restores nothing anyone
 * relies on. A volume set to outlive its instance (DeleteOnTermination false), or a data volume of a standalone
 * instance, is data. Templates: root volumes come from the image and are never AWS::EC2::Volume resources, so only a
 * volume attached at a root device name is skipped, as before.
 */
export function deletedWithInstance(model: Model, volume: Resource): string | undefined {
  const edges = attachmentIndex(model).get(volume) ?? [];
  const facts = liveFacts(volume);
  // A live volume's own attachment records (DescribeVolumes) say the device and DeleteOnTermination even when its
  // instances could not be read; then Auto Scaling membership is unknown. Older inventories: the attachment resources.
  const byId = new Map(edges.map((e) => [liveFacts(e.instance)?.physicalId ?? e.instance.logicalId, e.instance]));
  const attachments: Array<{ name: string; instance?: Resource; device?: string; dot?: boolean }> = facts?.attachments?.length
    ? facts.attachments.map((a) => ({ name: a.instanceId, instance: byId.get(a.instanceId), device: a.device, dot: a.deleteOnTermination }))
    : edges.map((e) => ({ name: e.instance.label, instance: e.instance, device: e.device, dot: e.via !== e.instance ? liveFacts(e.via)?.deleteOnTermination : undefined }));
  if (!attachments.length) return undefined;
  const asg = autoScalingInstances(model);
  const reasons = attachments.map((a) => {
    const root = a.device !== undefined && (a.device === (a.instance && liveFacts(a.instance)?.rootDevice) || isRootDevice(a.device));
    if (!facts) return root ? 'root volume' : undefined;
    if (root && a.dot !== false) return `root volume of ${a.name}, deleted with it`;
    if (a.instance && asg.has(a.instance) && a.dot === true) return `volume of Auto Scaling instance ${a.name}, deleted with it`;
    return undefined;
  });
  return reasons.every((r) => r !== undefined) ? reasons.join('; ') : undefined;
}

/** The services and operations whose data decide whether a backup selection or lifecycle policy covers a volume. */
export const BACKUP_SELECTION_SOURCES: ReadonlyArray<readonly [string, string]> = [
  ['backup', 'ListBackupPlans'],
  ['backup', 'ListBackupSelections'],
  ['backup', 'GetBackupSelection'],
  ['dlm', 'GetLifecyclePolicies'],
  ['dlm', 'GetLifecyclePolicy'],
];

/** For a live resource: the sources among `sources` the scan could not read (`backup:ListBackupPlans`); [] otherwise. */
export function unreadSources(r: Resource, sources: ReadonlyArray<readonly [string, string]>): string[] {
  if (r.stack.input.origin !== 'live') return [];
  return sources.filter(([service, operation]) => !covered(r, service, operation)).map(([service, operation]) => `${service}:${operation}`);
}

/** The `--snapshot-max-age` (hours) a saved scan ran with, from the first live stack that records it. */
export function savedSnapshotThreshold(stacks: readonly StackInput[]): number | undefined {
  for (const input of stacks) {
    if (input.origin !== 'live') continue;
    const hours = liveStackMetadata({ input })?.maxSnapshotAgeHours;
    if (typeof hours === 'number') return hours;
  }
  return undefined;
}
