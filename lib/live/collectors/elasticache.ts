import { paginateDescribeCacheClusters, paginateDescribeReplicationGroups } from '@aws-sdk/client-elasticache';
import type { CacheClusterRecord } from '../../load/inventory-types';
import { CollectContext, attempt } from './context';

export const CACHE_PAGE = 100;

export async function collectElastiCache(ctx: CollectContext): Promise<void> {
  const client = ctx.clients.elasticache();
  await Promise.all([
    attempt(ctx, 'elasticache', 'DescribeReplicationGroups', async () => {
      const out: NonNullable<typeof ctx.data.cacheReplicationGroups> = (ctx.data.cacheReplicationGroups = []);
      for await (const page of paginateDescribeReplicationGroups({ client, pageSize: CACHE_PAGE }, {})) {
        for (const g of page.ReplicationGroups ?? []) {
          if (!g.ReplicationGroupId) continue;
          out.push({
            id: g.ReplicationGroupId,
            arn: g.ARN,
            status: g.Status,
            automaticFailover: g.AutomaticFailover,
            multiAz: g.MultiAZ,
            clusterMode: g.ClusterEnabled,
            snapshotRetentionDays: g.SnapshotRetentionLimit,
            nodeGroups: (g.NodeGroups ?? []).map((n) => ({
              id: n.NodeGroupId ?? '',
              members: (n.NodeGroupMembers ?? []).filter((m) => m.CacheClusterId).map((m) => ({ clusterId: m.CacheClusterId!, zone: m.PreferredAvailabilityZone, role: m.CurrentRole })),
            })),
          });
        }
      }
    }),
    attempt(ctx, 'elasticache', 'DescribeCacheClusters', async () => {
      const out: CacheClusterRecord[] = [];
      // ShowCacheNodeInfo: the zone of every node, for Memcached clusters spread over zones (same pages, no extra call).
      for await (const page of paginateDescribeCacheClusters({ client, pageSize: CACHE_PAGE }, { ShowCacheNodeInfo: true })) {
        for (const c of page.CacheClusters ?? []) {
          // members of a replication group are judged at their group
          if (!c.CacheClusterId || c.ReplicationGroupId) continue;
          out.push({
            id: c.CacheClusterId,
            arn: c.ARN,
            engine: c.Engine,
            status: c.CacheClusterStatus,
            nodeType: c.CacheNodeType,
            numNodes: c.NumCacheNodes ?? (c.CacheNodes ?? []).length,
            preferredZone: c.PreferredAvailabilityZone,
            nodeZones: (c.CacheNodes ?? []).map((n) => n.CustomerAvailabilityZone).filter((z): z is string => Boolean(z)),
            snapshotRetentionDays: c.SnapshotRetentionLimit,
            subnetGroupName: c.CacheSubnetGroupName,
          });
        }
      }
      ctx.data.cacheClusters = out;
    }),
  ]);
}
