/** MemoryDB clusters: shards, replicas per shard and the zone of every node. */
import { MemoryDBClient, paginateDescribeClusters } from '@aws-sdk/client-memorydb';
import type { MemoryDbClusterRecord } from '../../load/inventory-types';
import { CollectContext, attempt } from './context';

export const MEMORYDB_PAGE = 100;

export async function collectMemoryDb(ctx: CollectContext): Promise<void> {
  const client = ctx.clients.client('memorydb', 'memorydb', (c) => new MemoryDBClient(c));
  await attempt(ctx, 'memorydb', 'DescribeClusters', async () => {
    const out: MemoryDbClusterRecord[] = [];
    // ShowShardDetails: the nodes and their zones, on the same pages
    for await (const page of paginateDescribeClusters({ client, pageSize: MEMORYDB_PAGE }, { ShowShardDetails: true })) {
      for (const c of page.Clusters ?? []) {
        if (!c.Name) continue;
        const shards = c.Shards ?? [];
        out.push({
          name: c.Name,
          arn: c.ARN,
          status: c.Status,
          nodeType: c.NodeType,
          shards: c.NumberOfShards ?? shards.length,
          replicasPerShard: shards.length ? Math.max(0, ...shards.map((s) => (s.NumberOfNodes ?? (s.Nodes ?? []).length) - 1)) : undefined,
          nodeZones: shards.flatMap((s) => (s.Nodes ?? []).map((n) => n.AvailabilityZone)).filter((z): z is string => Boolean(z)),
          subnetGroupName: c.SubnetGroupName,
          snapshotRetentionDays: c.SnapshotRetentionLimit,
        });
      }
    }
    ctx.data.memoryDbClusters = out;
  });
}
