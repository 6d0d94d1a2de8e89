/** DMS replication instances: Multi-AZ, zone, and the subnets of their replication subnet group. */
import { DatabaseMigrationServiceClient, paginateDescribeReplicationInstances } from '@aws-sdk/client-database-migration-service';
import type { DmsReplicationInstanceRecord } from '../../load/inventory-types';
import { CollectContext, attempt } from './context';

export const DMS_PAGE = 100;

export async function collectDms(ctx: CollectContext): Promise<void> {
  const client = ctx.clients.client('dms', 'dms', (c) => new DatabaseMigrationServiceClient(c));
  await attempt(ctx, 'dms', 'DescribeReplicationInstances', async () => {
    const out: DmsReplicationInstanceRecord[] = [];
    for await (const page of paginateDescribeReplicationInstances({ client, pageSize: DMS_PAGE }, {})) {
      for (const r of page.ReplicationInstances ?? []) {
        if (!r.ReplicationInstanceIdentifier) continue;
        const g = r.ReplicationSubnetGroup;
        out.push({
          id: r.ReplicationInstanceIdentifier,
          arn: r.ReplicationInstanceArn,
          status: r.ReplicationInstanceStatus,
          instanceClass: r.ReplicationInstanceClass,
          multiAz: r.MultiAZ === true,
          zone: r.AvailabilityZone,
          secondaryZone: r.SecondaryAvailabilityZone,
          subnetGroup: g?.ReplicationSubnetGroupIdentifier ? { name: g.ReplicationSubnetGroupIdentifier, subnetIds: (g.Subnets ?? []).map((s) => s.SubnetIdentifier).filter((s): s is string => Boolean(s)) } : undefined,
        });
      }
    }
    ctx.data.dmsReplicationInstances = out;
  });
}
