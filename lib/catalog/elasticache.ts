/** Amazon ElastiCache: replication groups (Redis OSS/Valkey), standalone cache clusters (Memcached, Redis), serverless. */
import type { Model } from '../model/model';
import type { Resource } from '../model/resource';
import { groupZones, spreadOverGroup, zonesFromProperties } from '../model/placement';
import { Unknown, asBoolean, asNumber, refTarget } from '../model/values';
import type { RecordSpec } from './types';
import { retentionCopies, reportedBy, spreadOverGroupZones } from './common';
import { liveZonal } from './ec2';
import { uniqueZones } from '../model/zones';

/** The engine in lower case: `redis`, `valkey`, `memcached`; undefined when unknown (a group defaults to redis). */
export function cacheEngine(r: Resource): string | undefined {
  const engine = r.get('Engine');
  if (engine instanceof Unknown) return undefined;
  if (engine === undefined) return r.type === 'AWS::ElastiCache::ReplicationGroup' ? 'redis' : undefined;
  return String(engine).toLowerCase();
}

/** Redis/Valkey caches keep data worth keeping when they take snapshots or tier data to disk; memcached holds none. */
export function cacheHoldsData(r: Resource): boolean | undefined {
  const name = cacheEngine(r);
  if (name === 'memcached') return false;
  if (name !== 'redis' && name !== 'valkey') return undefined;
  if (asBoolean(r.get('DataTieringEnabled')) === true) return true;
  const limit = r.get('SnapshotRetentionLimit');
  if (limit === undefined) return false; // default 0: no automatic snapshots
  const n = asNumber(limit);
  return n === undefined ? undefined : n > 0;
}

/** Whether a cache runs Redis OSS or Valkey (the engines that replicate and take snapshots). */
export const isRedisLike = (r: Resource): boolean => cacheEngine(r) === 'redis' || cacheEngine(r) === 'valkey';

/** Whether a cache cluster is the primary a replication group was built around (PrimaryClusterId): not standalone. */
export function isGroupPrimary(r: Resource): boolean {
  return r.stack.model.referencesTo(r).some((x) => x.type === 'AWS::ElastiCache::ReplicationGroup' && refTarget(x.get('PrimaryClusterId')) === r);
}

/**
 * Where a cache cluster's nodes go: the zones it names (PreferredAvailabilityZone(s)) first, whatever AZMode says;
 * without them `cross-az` spreads memcached nodes over the subnet group, and `single-az` (the default when neither
 * AZMode nor PreferredAvailabilityZones is set, per the CreateCacheCluster API) leaves them in one zone AWS picks.
 */
function cacheClusterPlacement(model: Model, r: Resource) {
  if (['PreferredAvailabilityZone', 'PreferredAvailabilityZones'].some((p) => r.get(p) !== undefined)) return undefined;
  const mode = r.get('AZMode');
  if (mode instanceof Unknown) return { kind: 'unknown' as const, reason: 'AZMode cannot be decided before deployment' };
  return String(mode) === 'cross-az' ? spreadOverGroupZones(model, r, 'cross-AZ cache cluster') : undefined;
}

/** Nodes of a replication group: NumCacheClusters, or 1 + ReplicasPerNodeGroup in cluster mode. */
function groupNodes(r: Resource): number {
  return asNumber(r.get('NumCacheClusters')) ?? (asNumber(r.get('ReplicasPerNodeGroup')) !== undefined ? (asNumber(r.get('ReplicasPerNodeGroup')) ?? 0) + 1 : 1);
}

function groupFailsOver(r: Resource): boolean {
  return groupNodes(r) >= 2 && (asBoolean(r.get('MultiAZEnabled')) === true || asBoolean(r.get('AutomaticFailoverEnabled')) === true);
}

const redisData = {
  holds: (r: Resource) => {
    const e = cacheEngine(r);
    return e === 'memcached' ? false : e === 'redis' || e === 'valkey' ? true : undefined;
  },
  copies: (r: Resource) => retentionCopies(r, 'SnapshotRetentionLimit', 0, 'snapshot', 'automatic snapshots'),
  decidedBy: ['Engine', 'SnapshotRetentionLimit'],
};

export const ELASTICACHE: readonly RecordSpec[] = [
  {
    type: 'AWS::ElastiCache::ReplicationGroup',
    noun: 'ElastiCache replication group',
    role: 'data-store',
    recovery: { down: 'cache-recreate', failover: 'elasticache-failover' },
    store: 'cache',
    placement: {
      zoneProperties: ['PreferredCacheClusterAZs'],
      subnetGroupProperties: ['CacheSubnetGroupName'],
      special(model: Model, r: Resource) {
        const explicit = zonesFromProperties(model, r, ['PreferredCacheClusterAZs']);
        if (explicit && !(explicit instanceof Unknown) && explicit.length) return { kind: 'zonal', zones: uniqueZones(explicit) };
        const settings = ['NumCacheClusters', 'ReplicasPerNodeGroup', 'MultiAZEnabled', 'AutomaticFailoverEnabled'].map((p) => r.get(p));
        if (settings.some((v) => v !== undefined && asNumber(v) === undefined && asBoolean(v) === undefined)) return { kind: 'unknown', reason: 'its nodes or failover cannot be decided before deployment' };
        if (groupFailsOver(r)) return spreadOverGroup(model, r, 'replication group with automatic failover');
        return { kind: 'single', among: groupZones(model, r), reason: 'primary node in one zone picked at deploy time' };
      },
    },
    capacity: (r) => ({ units: groupNodes(r), unit: 'node', source: r.get('NumCacheClusters') !== undefined ? `NumCacheClusters ${groupNodes(r)}` : `${groupNodes(r)} node(s) per shard` }),
    failover: { automatic: (r) => groupFailsOver(r), decidedBy: ['AutomaticFailoverEnabled', 'MultiAZEnabled', 'NumCacheClusters', 'ReplicasPerNodeGroup'] },
    data: redisData,
    policies: { snapshot: true, replacedBy: 'a change to ReplicationGroupId', destroysData: cacheHoldsData },
    outage: (r) => (cacheEngine(r) === 'memcached' ? undefined : reportedBy('ZL501')),
    live: {
      collector: 'elasticache',
      records: 'cacheReplicationGroups',
      tally: 'caches',
      place(r, live, zones) {
        const azs = ((r.rawProperties.PreferredCacheClusterAZs as string[]) ?? []).map((z) => zones.byName(z));
        if (r.rawProperties.AutomaticFailoverEnabled === true) return liveZonal(azs);
        // without failover the group lives where its primaries are
        const groups = (live.nodeGroups as Array<{ members: Array<{ zone?: string; role?: string }> }>) ?? [];
        const primaries = groups.flatMap((g) => g.members.filter((m) => m.role === 'primary' || g.members.length === 1).map((m) => zones.byName(m.zone)));
        return liveZonal(primaries.length ? primaries : azs);
      },
    },
  },
  {
    type: 'AWS::ElastiCache::CacheCluster',
    noun: 'ElastiCache cluster',
    role: 'data-store',
    recovery: { down: 'cache-recreate' },
    store: 'cache',
    placement: {
      zoneProperties: ['PreferredAvailabilityZone', 'PreferredAvailabilityZones'],
      subnetGroupProperties: ['CacheSubnetGroupName'],
      whenUnset: 'single',
      special: cacheClusterPlacement,
    },
    capacity: (r) => {
      const n = asNumber(r.get('NumCacheNodes'));
      return n === undefined ? undefined : { units: n, unit: 'node', source: `NumCacheNodes ${n}` };
    },
    failover: { automatic: () => false, decidedBy: ['Engine'] },
    data: redisData,
    policies: { snapshot: true, replacedBy: 'a change to ClusterName or Engine', destroysData: cacheHoldsData },
    outage: (r) => {
      if (isGroupPrimary(r)) return { byDesign: 'the primary cluster of a replication group, whose failover is judged at the group (ZL501)' };
      // a standalone Redis/Valkey node (ZL503); memcached nodes in one zone, or a single one (ZL502)
      return isRedisLike(r) ? reportedBy('ZL503') : cacheEngine(r) === 'memcached' ? reportedBy('ZL502') : undefined;
    },
    // standalone clusters only: members of a replication group are judged at their group
    live: { collector: 'elasticache', records: 'cacheClusters', tally: 'caches', place: (_r, live, zones) => liveZonal(((live.zones as string[]) ?? []).map((z) => zones.byName(z))) },
  },
  {
    // spread over several zones by the service (its subnets in two or more zones): not placed in one
    type: 'AWS::ElastiCache::ServerlessCache',
    noun: 'ElastiCache Serverless cache',
    role: 'data-store',
    recovery: { down: 'cache-recreate' },
    store: 'cache',
    data: {
      holds: (r) => (cacheEngine(r) === undefined ? undefined : isRedisLike(r)),
      // no default documented for a serverless cache: an unset limit is not judged
      copies: (r) => (r.get('SnapshotRetentionLimit') === undefined ? new Unknown('SnapshotRetentionLimit is not set') : retentionCopies(r, 'SnapshotRetentionLimit', undefined, 'snapshot', 'automatic snapshots')),
      decidedBy: ['Engine', 'SnapshotRetentionLimit'],
    },
  },
  { type: 'AWS::ElastiCache::SubnetGroup', noun: 'cache subnet group', role: 'plumbing', placement: { subnetProperties: ['SubnetIds'], subnetEdges: false }, subnetGroup: { places: 'cache nodes' } },
];

