import { paginateDescribeDBClusterSnapshots, paginateDescribeDBClusters, paginateDescribeDBInstances, paginateDescribeDBSnapshots } from '@aws-sdk/client-rds';
import type { DbClusterRecord, DbInstanceRecord, SnapshotRef } from '../../load/inventory-types';
import { CollectContext, attempt, iso, keepNewest } from './context';

export const RDS_PAGE = 100;

export async function collectRds(ctx: CollectContext): Promise<void> {
  const client = ctx.clients.rds();
  const d = ctx.data;
  const instances: DbInstanceRecord[] = [];
  const clusters: DbClusterRecord[] = [];
  const dbSnaps: Record<string, SnapshotRef> = {};
  const clusterSnaps: Record<string, SnapshotRef> = {};
  const [, , snapsOk, clusterSnapsOk] = await Promise.all([
    attempt(ctx, 'rds', 'DescribeDBInstances', async () => {
      d.dbInstances = instances;
      for await (const page of paginateDescribeDBInstances({ client, pageSize: RDS_PAGE }, {})) {
        for (const db of page.DBInstances ?? []) {
          if (!db.DBInstanceIdentifier) continue;
          const g = db.DBSubnetGroup;
          instances.push({
            id: db.DBInstanceIdentifier,
            arn: db.DBInstanceArn,
            engine: db.Engine,
            instanceClass: db.DBInstanceClass,
            status: db.DBInstanceStatus,
            multiAz: db.MultiAZ === true,
            zone: db.AvailabilityZone,
            secondaryZone: db.SecondaryAvailabilityZone,
            clusterId: db.DBClusterIdentifier,
            sourceId: db.ReadReplicaSourceDBInstanceIdentifier,
            backupRetentionDays: db.BackupRetentionPeriod ?? 0,
            storageGiB: db.AllocatedStorage,
            storageType: db.StorageType,
            subnetGroup: g?.DBSubnetGroupName ? { name: g.DBSubnetGroupName, subnetIds: (g.Subnets ?? []).map((s) => s.SubnetIdentifier).filter((s): s is string => Boolean(s)) } : undefined,
            latestRestorableTime: iso(db.LatestRestorableTime),
          });
        }
      }
    }),
    attempt(ctx, 'rds', 'DescribeDBClusters', async () => {
      d.dbClusters = clusters;
      for await (const page of paginateDescribeDBClusters({ client, pageSize: RDS_PAGE }, {})) {
        for (const c of page.DBClusters ?? []) {
          if (!c.DBClusterIdentifier) continue;
          clusters.push({
            id: c.DBClusterIdentifier,
            arn: c.DBClusterArn,
            engine: c.Engine,
            engineMode: c.EngineMode,
            status: c.Status,
            multiAz: c.MultiAZ === true,
            zones: c.AvailabilityZones ?? [],
            members: (c.DBClusterMembers ?? []).filter((m) => m.DBInstanceIdentifier).map((m) => ({ id: m.DBInstanceIdentifier!, writer: m.IsClusterWriter === true })),
            backupRetentionDays: c.BackupRetentionPeriod ?? 0,
            instanceClass: c.DBClusterInstanceClass,
            storageGiB: c.AllocatedStorage,
            subnetGroupName: c.DBSubnetGroup,
            latestRestorableTime: iso(c.LatestRestorableTime),
          });
        }
      }
    }),
    attempt(ctx, 'rds', 'DescribeDBSnapshots', async () => {
      for await (const page of paginateDescribeDBSnapshots({ client, pageSize: RDS_PAGE }, {})) {
        for (const s of page.DBSnapshots ?? []) {
          const time = iso(s.SnapshotCreateTime);
          if (s.DBSnapshotIdentifier && time && (!s.Status || s.Status === 'available')) keepNewest(dbSnaps, s.DBInstanceIdentifier, { id: s.DBSnapshotIdentifier, time });
        }
      }
      return true;
    }),
    attempt(ctx, 'rds', 'DescribeDBClusterSnapshots', async () => {
      for await (const page of paginateDescribeDBClusterSnapshots({ client, pageSize: RDS_PAGE }, {})) {
        for (const s of page.DBClusterSnapshots ?? []) {
          const time = iso(s.SnapshotCreateTime);
          if (s.DBClusterSnapshotIdentifier && time && (!s.Status || s.Status === 'available')) keepNewest(clusterSnaps, s.DBClusterIdentifier, { id: s.DBClusterSnapshotIdentifier, time });
        }
      }
      return true;
    }),
  ]);
  if (snapsOk) for (let i = 0; i < instances.length; i++) if (dbSnaps[instances[i].id]) instances[i] = { ...instances[i], newestSnapshot: dbSnaps[instances[i].id] };
  if (clusterSnapsOk) for (let i = 0; i < clusters.length; i++) if (clusterSnaps[clusters[i].id]) clusters[i] = { ...clusters[i], newestSnapshot: clusterSnaps[clusters[i].id] };
}
