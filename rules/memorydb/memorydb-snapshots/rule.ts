import { defineRule } from '../../../lib/engine/types';
import { asNumber } from '../../../lib/model/values';

export default defineRule({
  id: 'ZL506',
  slug: 'memorydb-snapshots',
  service: 'memorydb',
  title: 'MemoryDB cluster with automatic snapshots turned off',
  severity: 'info',
  resourceTypes: ['AWS::MemoryDB::Cluster'],
  tags: ['backup'],
  rationale:
    'MemoryDB stays durable without snapshots: its Multi-AZ transaction log survives any one zone. What snapshots add is ' +
    'a copy outside the cluster, in S3, to go back to when the data is corrupted or deleted (a FLUSHALL is logged and ' +
    'replayed like any write) or the cluster itself is lost. SnapshotRetentionLimit 0 turns them off.',
  fix: {
    cloudformation: 'set SnapshotRetentionLimit to 1 or more days (up to 35), and a SnapshotWindow outside peak hours',
    cdk: 'on memorydb.CfnCluster set snapshotRetentionLimit: 1 or more (and snapshotWindow)',
  },
  check(ctx) {
    for (const cluster of ctx.resources('AWS::MemoryDB::Cluster')) {
      // only an explicit 0: the MemoryDB API reference documents no default for an unset limit
      if (cluster.get('SnapshotRetentionLimit') === undefined || asNumber(cluster.get('SnapshotRetentionLimit')) !== 0) continue;
      ctx.report({
        resource: cluster,
        path: 'Properties.SnapshotRetentionLimit',
        message:
          `MemoryDB cluster ${cluster.label} takes no automatic snapshots (SnapshotRetentionLimit 0). A zone loss loses nothing (the ` +
          'transaction log is Multi-AZ), but there is no point in time to restore to if its data is corrupted or deleted, or the cluster is lost. Set SnapshotRetentionLimit to 1 or more days.',
      });
    }
  },
});
