import { paginateDescribeReplicationGroups } from '@aws-sdk/client-elasticache';
import { CollectContext, attempt } from './context';

export const CACHE_PAGE = 100;

export async function collectElastiCache(ctx: CollectContext): Promise<void> {
  const client = ctx.clients.elasticache();
  await attempt(ctx, 'elasticache', 'DescribeReplicationGroups', async () => {
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
  });
}
