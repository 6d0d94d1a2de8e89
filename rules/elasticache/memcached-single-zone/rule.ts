import { cacheEngine } from '../../../lib/catalog/elasticache';
import { defineRule } from '../../../lib/engine/types';
import { placementPhrase, zoneOf } from '../../../lib/model/describe';
import { asNumber } from '../../../lib/model/values';

export default defineRule({
  id: 'ZL502',
  slug: 'memcached-single-zone',
  service: 'elasticache',
  title: 'ElastiCache Memcached cluster with every node in one zone, or a single node',
  severity: 'warning',
  resourceTypes: ['AWS::ElastiCache::CacheCluster'],
  rationale:
    'Memcached has no replication: each node holds its own share of the keys and nothing else has a copy. When every ' +
    'node is in one zone (AZMode single-az, its default, or all PreferredAvailabilityZones equal) or there is only one ' +
    "node, losing that zone empties the whole cache, and every read falls through to the database behind it at once.",
  fix: {
    cloudformation: 'set AZMode: cross-az with NumCacheNodes: 2 or more and a cache subnet group in several zones (or list PreferredAvailabilityZones in different zones)',
    cdk: "on elasticache.CfnCacheCluster set azMode: 'cross-az', numCacheNodes: 2 or more and cacheSubnetGroupName of a subnet group spanning several zones",
  },
  check(ctx) {
    for (const cache of ctx.resources('AWS::ElastiCache::CacheCluster')) {
      if (cacheEngine(cache) !== 'memcached') continue;
      const nodes = asNumber(cache.get('NumCacheNodes'));
      const p = ctx.model.placement(cache);
      const oneZone = p.kind === 'single' || (p.kind === 'zonal' && p.zones.length === 1);
      if (nodes !== 1 && !oneZone) continue; // spread over zones, or not decidable before deployment
      let why: string;
      let path: string;
      if (nodes === 1) {
        why = 'it has a single node (NumCacheNodes 1)';
        path = 'Properties.NumCacheNodes';
      } else if (cache.get('PreferredAvailabilityZones') !== undefined || cache.get('PreferredAvailabilityZone') !== undefined) {
        why = `every node is pinned to ${zoneOf(p, 'one zone')}`;
        path = cache.get('PreferredAvailabilityZones') !== undefined ? 'Properties.PreferredAvailabilityZones' : 'Properties.PreferredAvailabilityZone';
      } else if (String(cache.get('AZMode') ?? 'single-az') === 'cross-az') {
        why = `AZMode is cross-az, but its subnet group is ${placementPhrase(p)} only`;
        path = 'Properties.CacheSubnetGroupName';
      } else {
        why = `${cache.get('AZMode') === undefined ? 'AZMode is not set, so ElastiCache uses single-az and puts' : 'AZMode is single-az, which puts'} ${nodes === 2 ? 'both' : `all ${nodes ?? 'its'}`} nodes ${placementPhrase(p)}`;
        path = cache.get('AZMode') === undefined ? 'Properties.NumCacheNodes' : 'Properties.AZMode';
      }
      ctx.report({
        resource: cache,
        path,
        message:
          `ElastiCache Memcached cluster ${cache.label} keeps its whole cache in one zone: ${why}. Memcached has no replica, so when ` +
          `${zoneOf(p)} fails every cached item is gone and all reads fall through to the data store behind it until the cache is ` +
          'rebuilt and warmed up. Spread two or more nodes over zones (AZMode cross-az).',
      });
    }
  },
});
