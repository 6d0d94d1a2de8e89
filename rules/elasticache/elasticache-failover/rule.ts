import { defineRule, type Severity } from '../../../lib/engine/types';
import type { Resource } from '../../../lib/model/resource';
import { Unknown, ZoneValue, asBoolean, asNumber } from '../../../lib/model/values';

interface Problem {
  readonly path: string;
  /** No node would survive the zone (no replica, or all in one zone), as opposed to a replica nobody promotes. */
  readonly losesData?: boolean;
  readonly text: string;
  readonly severity: Severity;
}

/** A zone named by a template value (literal name or Fn::Select of a zone list); undefined when unknown. */
function zoneKey(v: unknown): string | undefined {
  if (v instanceof ZoneValue) return v.zone.label;
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Zones the template pins nodes to: PreferredCacheClusterAZs, or per-shard zones in cluster mode. */
function pinnedZones(rg: Resource): { zones: Array<string | undefined>; path: string } | undefined {
  const azs = rg.get('PreferredCacheClusterAZs');
  if (Array.isArray(azs) && azs.length) return { zones: azs.map(zoneKey), path: 'Properties.PreferredCacheClusterAZs' };
  const groups = rg.get('NodeGroupConfiguration');
  if (!Array.isArray(groups) || !groups.length) return undefined;
  const zones: Array<string | undefined> = [];
  for (const g of groups as Array<Record<string, unknown>>) {
    if (g?.PrimaryAvailabilityZone === undefined) return undefined; // AWS places this shard
    zones.push(zoneKey(g.PrimaryAvailabilityZone));
    const replicas = g.ReplicaAvailabilityZones;
    if (Array.isArray(replicas)) zones.push(...replicas.map(zoneKey));
  }
  return { zones, path: 'Properties.NodeGroupConfiguration' };
}

/** Nodes per shard (primary + replicas) and where the template says so; undefined when undecidable. */
function nodesPerShard(rg: Resource): { nodes: number; setting: string; path: string } | undefined {
  const clusterMode = ['NumNodeGroups', 'NodeGroupConfiguration', 'ReplicasPerNodeGroup'].some((p) => rg.get(p) !== undefined);
  if (clusterMode) {
    const perGroup = rg.get('ReplicasPerNodeGroup');
    if (perGroup !== undefined) {
      const n = asNumber(perGroup);
      return n === undefined ? undefined : { nodes: n + 1, setting: `ReplicasPerNodeGroup ${n}`, path: 'Properties.ReplicasPerNodeGroup' };
    }
    const groups = rg.get('NodeGroupConfiguration');
    if (!Array.isArray(groups) || !groups.length) return undefined;
    const counts = (groups as Array<Record<string, unknown>>).map((g) => asNumber(g?.ReplicaCount));
    if (counts.some((c) => c === undefined)) return undefined;
    const min = Math.min(...(counts as number[]));
    return { nodes: min + 1, setting: `a shard with ReplicaCount ${min}`, path: 'Properties.NodeGroupConfiguration' };
  }
  const num = rg.get('NumCacheClusters');
  if (num !== undefined) {
    const n = asNumber(num);
    return n === undefined ? undefined : { nodes: n, setting: `NumCacheClusters ${n}`, path: 'Properties.NumCacheClusters' };
  }
  const azs = rg.get('PreferredCacheClusterAZs');
  if (Array.isArray(azs)) return { nodes: azs.length, setting: `${azs.length} PreferredCacheClusterAZs`, path: 'Properties.PreferredCacheClusterAZs' };
  if (rg.get('PrimaryClusterId') !== undefined) return undefined; // built around an existing cluster
  return { nodes: 1, setting: 'NumCacheClusters is not set: 1 node', path: 'Properties.NumCacheClusters' };
}

function booleanSetting(rg: Resource, prop: string): { value: boolean | undefined; text: string } {
  const raw = rg.get(prop);
  if (raw === undefined) return { value: false, text: `${prop} is not set` };
  const value = raw instanceof Unknown ? undefined : asBoolean(raw);
  return { value, text: `${prop} is ${String(value)}` };
}

function replicationGroupProblems(rg: Resource): Problem[] {
  const problems: Problem[] = [];
  const shard = nodesPerShard(rg);
  if (shard && shard.nodes < 2) {
    problems.push({ path: shard.path, severity: 'error', losesData: true, text: `it has no replica to promote (${shard.setting})` });
  }
  const failover = booleanSetting(rg, 'AutomaticFailoverEnabled');
  if (failover.value === false) {
    problems.push({ path: 'Properties.AutomaticFailoverEnabled', severity: 'error', text: `automatic failover is off (${failover.text})` });
  }
  const pinned = pinnedZones(rg);
  const known = pinned && pinned.zones.every((z) => z !== undefined) ? new Set(pinned.zones) : undefined;
  if (pinned && known && known.size === 1 && pinned.zones.length >= 2) {
    const all = pinned.zones.length === 2 ? 'both nodes are' : `all ${pinned.zones.length} nodes are`;
    problems.push({ path: pinned.path, severity: 'error', losesData: true, text: `${all} ${rg.stack.input.origin === 'live' ? 'in' : 'pinned to'} ${[...known][0]}` });
  }
  if (problems.length) return problems;
  // Failover works; Multi-AZ is what keeps replicas in other zones than the primary, unless the template spreads them.
  const multiAz = booleanSetting(rg, 'MultiAZEnabled');
  if (multiAz.value === false && !(known && known.size >= 2)) {
    problems.push({
      path: 'Properties.MultiAZEnabled',
      severity: 'warning',
      text: `Multi-AZ is not enabled (${multiAz.text}), so nothing keeps its replicas out of the primary's zone; if they share it, losing that zone loses every node`,
    });
  }
  return problems;
}

export default defineRule({
  id: 'ZL501',
  slug: 'elasticache-failover',
  service: 'elasticache',
  title: 'ElastiCache (Redis/Valkey) without automatic failover to another zone',
  severity: 'error',
  resourceTypes: ['AWS::ElastiCache::ReplicationGroup'],
  rationale:
    'A Redis or Valkey primary lives in one zone. With Multi-AZ, automatic failover and a replica in another zone, ' +
    'ElastiCache promotes the replica when that zone fails, in well under a minute. Without them, writes stop and the ' +
    'cached data is gone until a new primary is created and warmed up or restored from a snapshot.',
  fix: {
    cloudformation: 'set NumCacheClusters: 2 or more (ReplicasPerNodeGroup: 1+ in cluster mode), AutomaticFailoverEnabled: true and MultiAZEnabled: true',
    cdk: 'on elasticache.CfnReplicationGroup set numCacheClusters: 2+ (replicasPerNodeGroup in cluster mode), automaticFailoverEnabled: true, multiAzEnabled: true',
  },
  check(ctx) {
    // standalone Redis/Valkey CacheClusters are ZL503's; memcached ones ZL502's
    for (const rg of ctx.resources('AWS::ElastiCache::ReplicationGroup')) {
      const engine = rg.get('Engine');
      if (engine instanceof Unknown || (engine !== undefined && !['redis', 'valkey'].includes(String(engine).toLowerCase()))) continue;
      const problems = replicationGroupProblems(rg);
      if (!problems.length) continue;
      const errors = problems.some((p) => p.severity === 'error');
      ctx.report({
        resource: rg,
        path: problems[0].path,
        severity: errors ? 'error' : 'warning',
        message: errors
          ? `ElastiCache replication group ${rg.label} cannot fail over to another zone: ${problems.map((p) => p.text).join('; ')}. ` +
            (problems.some((p) => p.losesData)
              ? "When the primary's zone fails the cache is down until a new primary is created, and its data is lost unless restored from a snapshot."
              : "When the primary's zone fails, writes stop until someone promotes a replica by hand.")
          : `ElastiCache replication group ${rg.label} has automatic failover, but ${problems[0].text}.`,
      });
    }
  },
});
