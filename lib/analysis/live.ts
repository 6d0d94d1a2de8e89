/**
 * The live layer of the blast radius: per zone of a scanned account, how many instances, volumes (and GiB), databases,
 * caches, file systems and load balancers go down or degrade (from computeBlastRadius), which of the lost volumes and
 * databases have no snapshot or backup newer than the threshold (what could not be restored elsewhere), and what the
 * scan could not read. No AWS SDK here: `check inventory.json` computes the same section. Rendered by lib/report/live.ts.
 */
import type { BlastRadius, ImpactItem } from './blast-radius';
import { resourceId } from '../engine/engine';
import type { ResourceId } from '../engine/finding';
import type { LintResult } from '../lint';
import type { Model } from '../model/model';
import type { Resource } from '../model/resource';
import { DEFAULT_MAX_SNAPSHOT_AGE_HOURS, deletedWithInstance, liveFacts, liveStackMetadata, recoveryStatus, unreadSources } from '../model/live';
import type { CoverageGap } from '../load/inventory-types';
import { recordOf } from '../catalog';

export interface Tally {
  instances: number;
  volumes: number;
  volumeGiB: number;
  databases: number;
  caches: number;
  fileSystems: number;
  loadBalancers: number;
}

export interface Unrestorable {
  readonly resource: ResourceId;
  readonly label: string;
  readonly kind: 'volume' | 'database';
  readonly sizeGiB?: number;
  /** Newest recovery point, when there is one (older than the threshold). */
  readonly newest?: { readonly kind: string; readonly time: string; readonly ageHours: number };
  readonly reason: string;
}

export interface LiveZone {
  /** Zone label: AZ id with the account's zone name (`use1-az6 (us-east-1a)`). */
  readonly zone: string;
  readonly zoneId?: string;
  /** The zone's name in each scanned account/region (names map to AZ ids differently per account). */
  readonly names: ReadonlyArray<{ readonly scope: string; readonly name: string }>;
  readonly down: Tally;
  readonly degraded: Tally;
  /** Running, but without their only way out of the VPC (counted apart from down). */
  readonly egressLost: Tally;
  /** Lost volumes and databases without a snapshot, backup or restorable time newer than the threshold. */
  readonly unrestorable: readonly Unrestorable[];
  /** Lost volumes and databases without a recent recovery point the scan knows of, whose snapshots or backups it could not read. */
  readonly recoveryUnknown: readonly Unrestorable[];
}

export interface LiveScope {
  readonly scope: string;
  readonly account: string;
  readonly region: string;
  readonly scannedAt: string;
  /** False when a service or operation could not be read: results are partial. */
  readonly complete: boolean;
  readonly gaps: readonly CoverageGap[];
}

export interface LiveSection {
  readonly maxSnapshotAgeHours: number;
  readonly scopes: readonly LiveScope[];
  /** Accounts or regions that could not be scanned at all (from the load notes). */
  readonly notScanned: readonly string[];
  readonly zones: readonly LiveZone[];
}

const emptyTally = (): Tally => ({ instances: 0, volumes: 0, volumeGiB: 0, databases: 0, caches: 0, fileSystems: 0, loadBalancers: 0 });

/** Counts a resource into a tally by its catalog record's live tally kind. */
function tallyOf(r: Resource, t: Tally): void {
  const kind = recordOf(r.type)?.live?.tally;
  if (!kind) return;
  t[kind]++;
  if (kind === 'volumes') t.volumeGiB += liveFacts(r)?.sizeGiB ?? Number(r.get('Size') ?? 0);
}

/** The live section for a model with live stacks (undefined otherwise). */
export function liveSection(model: Model, br: BlastRadius, maxSnapshotAgeHours = DEFAULT_MAX_SNAPSHOT_AGE_HOURS, notes: readonly string[] = []): LiveSection | undefined {
  const live = model.stacks.filter((s) => s.input.origin === 'live');
  if (!live.length) return undefined;
  const maxAgeMs = maxSnapshotAgeHours * 3600_000;
  const byId = new Map<string, Resource>();
  for (const s of live) for (const r of s.resources.values()) byId.set(`${s.name}\u0000${r.logicalId}`, r);
  const find = (i: ImpactItem) => byId.get(`${i.resource.stack}\u0000${i.resource.logicalId}`);

  const zoneNames = new Map<string, Array<{ scope: string; name: string }>>();
  for (const s of live) {
    const meta = liveStackMetadata(s);
    for (const z of meta?.zones ?? []) zoneNames.set(z.id, [...(zoneNames.get(z.id) ?? []), { scope: s.name, name: z.name }]);
  }

  const zones: LiveZone[] = [];
  for (const z of br.zones) {
    const down = emptyTally();
    const degraded = emptyTally();
    const unrestorable: Unrestorable[] = [];
    const recoveryUnknown: Unrestorable[] = [];
    let any = false;
    for (const i of z.down) {
      const r = find(i);
      if (!r || i.aspect !== 'service') continue;
      any = true;
      tallyOf(r, down);
      const kind = r.type === 'AWS::EC2::Volume' ? 'volume' : r.type === 'AWS::RDS::DBInstance' || r.type === 'AWS::RDS::DBCluster' ? 'database' : undefined;
      if (!kind) continue;
      // Cluster members and read replicas are restored through their cluster or source.
      if (r.type === 'AWS::RDS::DBInstance' && (r.get('DBClusterIdentifier') !== undefined || r.get('SourceDBInstanceIdentifier') !== undefined)) continue;
      if (kind === 'volume' && deletedWithInstance(model, r)) continue; // not data to protect
      const st = recoveryStatus(r, maxAgeMs);
      if (st.recent) continue;
      const size = kind === 'volume' ? liveFacts(r)?.sizeGiB : liveFacts(r)?.storageGiB;
      // "No recovery point" is only known when the snapshots and AWS Backup were both read.
      const unread = unreadSources(r, [kind === 'volume' ? ['ec2', 'DescribeSnapshots'] : r.type === 'AWS::RDS::DBCluster' ? ['rds', 'DescribeDBClusterSnapshots'] : ['rds', 'DescribeDBSnapshots'], ['backup', 'ListProtectedResources']]);
      (unread.length ? recoveryUnknown : unrestorable).push({
        resource: resourceId(r),
        label: r.label,
        kind,
        ...(size !== undefined ? { sizeGiB: size } : {}),
        ...(st.newest ? { newest: { kind: st.newest.kind, time: st.newest.time, ageHours: Math.round(((st.ageMs ?? 0) / 3600_000) * 10) / 10 } } : {}),
        reason: unread.length ? `unknown: ${unread.join(', ')} not readable` : st.phrase,
      });
    }
    for (const i of z.degraded) {
      const r = find(i);
      if (!r || i.aspect !== 'service') continue;
      any = true;
      tallyOf(r, degraded);
    }
    const egressLost = emptyTally();
    for (const i of z.egressLost) {
      const r = find(i);
      if (!r) continue;
      any = true;
      tallyOf(r, egressLost);
    }
    const names = z.zoneId ? (zoneNames.get(z.zoneId) ?? []) : [];
    if (!any && !names.length) continue; // a zone of template stacks only
    zones.push({ zone: z.zone, ...(z.zoneId ? { zoneId: z.zoneId } : {}), names, down, degraded, egressLost, unrestorable, recoveryUnknown });
  }
  // Zones of the account where nothing is placed still belong in the picture (nothing lost there).
  const seen = new Set(zones.map((z) => z.zoneId));
  for (const [id, names] of zoneNames) {
    if (seen.has(id)) continue;
    zones.push({ zone: `${id} (${names.map((n) => n.name).filter((n, i, a) => a.indexOf(n) === i).join(', ')})`, zoneId: id, names, down: emptyTally(), degraded: emptyTally(), egressLost: emptyTally(), unrestorable: [], recoveryUnknown: [] });
  }

  const scopes: LiveScope[] = live.map((s) => {
    const meta = liveStackMetadata(s)!;
    return { scope: s.name, account: meta.account, region: meta.region, scannedAt: meta.scannedAt, complete: (meta.gaps ?? []).length === 0, gaps: meta.gaps ?? [] };
  });
  return { maxSnapshotAgeHours, scopes, notScanned: notes.filter((n) => n.startsWith('not scanned: ')).map((n) => n.slice('not scanned: '.length)), zones };
}

/** The blast radius with its live section, when the input has live stacks: what every report format renders. */
export type BlastRadiusWithLive = BlastRadius & { readonly live?: LiveSection };

/** The blast radius with the live section added (`blastRadius.live` in JSON), when the input has live stacks. */
export function withLiveSection(br: BlastRadius, result: Pick<LintResult, 'model' | 'rules' | 'load'>): BlastRadiusWithLive {
  const opt = result.rules.find((r) => r.rule.id === 'ZL405')?.options.maxSnapshotAgeHours ?? result.rules.find((r) => r.rule.id === 'ZL306')?.options.maxSnapshotAgeHours;
  const section = liveSection(result.model, br, typeof opt === 'number' ? opt : DEFAULT_MAX_SNAPSHOT_AGE_HOURS, result.load.notes);
  return section ? { ...br, live: section } : br;
}
