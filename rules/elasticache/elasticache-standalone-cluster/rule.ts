import { isGroupPrimary, isRedisLike } from '../../../lib/catalog/elasticache';
import { defineRule } from '../../../lib/engine/types';
import { placementPhrase, zoneOf } from '../../../lib/model/describe';
import { Unknown, asNumber } from '../../../lib/model/values';

export default defineRule({
  id: 'ZL503',
  slug: 'elasticache-standalone-cluster',
  service: 'elasticache',
  title: 'Standalone ElastiCache Redis/Valkey cluster: one node, no replica, no failover',
  severity: 'error',
  resourceTypes: ['AWS::ElastiCache::CacheCluster'],
  tags: ['data-loss'],
  rationale:
    'An AWS::ElastiCache::CacheCluster running Redis OSS or Valkey is a single node in one zone, outside any replication ' +
    'group: nothing can fail over when its zone fails. The cache is down until someone creates a new one in another ' +
    'zone, and what it held survives only in a snapshot, if it takes any.',
  fix: {
    cloudformation: 'replace it with an AWS::ElastiCache::ReplicationGroup (NumCacheClusters: 2, AutomaticFailoverEnabled: true, MultiAZEnabled: true); meanwhile set SnapshotRetentionLimit: 1 or more',
    cdk: 'use elasticache.CfnReplicationGroup (numCacheClusters: 2, automaticFailoverEnabled: true, multiAzEnabled: true) instead of CfnCacheCluster; meanwhile set snapshotRetentionLimit',
  },
  check(ctx) {
    for (const node of ctx.resources('AWS::ElastiCache::CacheCluster')) {
      if (!isRedisLike(node) || isGroupPrimary(node)) continue; // memcached (ZL502), unknown, or a group's primary (ZL501)
      const engine = String(node.get('Engine')).toLowerCase() === 'valkey' ? 'Valkey' : 'Redis';
      const raw = node.get('SnapshotRetentionLimit');
      const days = raw === undefined ? 0 : raw instanceof Unknown ? undefined : asNumber(raw);
      const p = ctx.model.placement(node);
      const where = p.kind === 'unknown' ? '' : ` ${placementPhrase(p)}`;
      const base = `ElastiCache ${engine} cluster ${node.label} is a single standalone node${where}, with no replica to fail over to: when ${zoneOf(p)} fails the cache is down until a new one is created in another zone`;
      if (days === 0) {
        ctx.report({
          resource: node,
          path: 'Properties.SnapshotRetentionLimit',
          message: `${base}, and its data is lost: it takes no automatic snapshots (${raw === undefined ? 'SnapshotRetentionLimit is not set, default 0' : 'SnapshotRetentionLimit 0'}). Use a replication group with a replica in another zone.`,
        });
      } else {
        ctx.report({
          resource: node,
          path: 'Properties.Engine',
          severity: 'warning',
          message: `${base} from ${days === undefined ? 'its automatic snapshots, if SnapshotRetentionLimit turns out above 0' : `its last automatic snapshot (kept ${days} day${days === 1 ? '' : 's'})`}, losing the writes since. Use a replication group with a replica in another zone.`,
        });
      }
    }
  },
});
