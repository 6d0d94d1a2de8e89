import { capacityOf } from '../../../lib/catalog';
import { isGroupPrimary, isRedisLike } from '../../../lib/catalog/elasticache';
import { defineRule } from '../../../lib/engine/types';
import { placementPhrase } from '../../../lib/model/describe';
import { Unknown, asNumber } from '../../../lib/model/values';

const NOUN: Record<string, string> = {
  'AWS::ElastiCache::ReplicationGroup': 'replication group',
  'AWS::ElastiCache::CacheCluster': 'cluster',
  'AWS::ElastiCache::ServerlessCache': 'Serverless cache',
};

export default defineRule({
  id: 'ZL504',
  slug: 'elasticache-snapshot-retention',
  service: 'elasticache',
  title: 'ElastiCache (Redis/Valkey) without automatic snapshots: the nodes hold the only copy of the data',
  severity: 'error',
  resourceTypes: Object.keys(NOUN),
  tags: ['backup', 'data-loss'],
  rationale:
    'Automatic snapshots are the only copy of a Redis or Valkey cache outside its nodes; they are kept in S3, out of ' +
    'every zone. SnapshotRetentionLimit 0 (the default for replication groups and clusters) turns them off: when the ' +
    'zone holding every node fails the data is gone, and a group spread over zones has nothing to restore from if it is ' +
    'lost or its data corrupted.',
  fix: {
    cloudformation: 'set SnapshotRetentionLimit to 1 or more days (up to 35), and a SnapshotWindow outside peak hours',
    cdk: 'on elasticache.CfnReplicationGroup / CfnCacheCluster / CfnServerlessCache set snapshotRetentionLimit: 1 or more (and snapshotWindow / dailySnapshotTime)',
  },
  check(ctx) {
    for (const cache of ctx.resources(...Object.keys(NOUN))) {
      if (!isRedisLike(cache) || (cache.type === 'AWS::ElastiCache::CacheCluster' && isGroupPrimary(cache))) continue;
      const raw = cache.get('SnapshotRetentionLimit');
      // CreateReplicationGroup and CreateCacheCluster default it to 0; a serverless cache's default is not documented
      if (raw === undefined && cache.type === 'AWS::ElastiCache::ServerlessCache') continue;
      if (raw === undefined && cache.stack.input.origin === 'live') continue; // a scan that did not read it claims nothing
      const days = raw === undefined ? 0 : raw instanceof Unknown ? undefined : asNumber(raw);
      if (days !== 0) continue; // snapshots kept, or not decidable before deployment
      const setting = raw === undefined ? 'SnapshotRetentionLimit is not set, so the default 0 applies' : 'SnapshotRetentionLimit 0';
      const p = ctx.model.placement(cache);
      const oneNode = capacityOf(cache)?.units === 1;
      const oneZone = p.kind === 'zonal' && p.zones.length === 1;
      const sharded = ['NumNodeGroups', 'NodeGroupConfiguration', 'ReplicasPerNodeGroup'].some((x) => cache.get(x) !== undefined);
      const noun = `ElastiCache ${NOUN[cache.type]} ${cache.label}`;
      const path = 'Properties.SnapshotRetentionLimit';
      if (oneNode || oneZone) {
        const where = p.kind === 'unknown' ? 'in one zone' : placementPhrase(p);
        ctx.report({
          resource: cache,
          path,
          message:
            `${noun} takes no automatic snapshots (${setting}) and keeps ${oneNode ? (sharded ? 'each shard on a single node' : 'its data on a single node') : 'every node'} ${where}: ` +
            `when that zone fails its data is lost with the ${oneNode && !sharded ? 'node' : 'nodes'}, and there is no snapshot to restore it from in another zone. Set SnapshotRetentionLimit to 1 or more days.`,
        });
      } else {
        ctx.report({
          resource: cache,
          path,
          severity: 'warning',
          message:
            `${noun} takes no automatic snapshots (${setting}): its nodes in several zones are the only copy of its data. ` +
            'A zone loss leaves the replicas, but if the whole cache is lost, replaced or its data corrupted, there is nothing to restore from. Set SnapshotRetentionLimit to 1 or more days.',
        });
      }
    }
  },
});
