import { defineRule } from '../../../lib/engine/types';
import { DEFAULT_MAX_SNAPSHOT_AGE_HOURS, covered, liveFacts, recoveryStatus } from '../../../lib/model/live';
import { placementPhrase } from '../../../lib/model/describe';

export default defineRule({
  id: 'ZL306',
  slug: 'rds-recent-recovery-point',
  service: 'rds',
  title: 'Database without a recent snapshot or restorable point in time (live)',
  severity: 'error',
  resourceTypes: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
  liveOnly: true,
  options: {
    maxSnapshotAgeHours: { default: DEFAULT_MAX_SNAPSHOT_AGE_HOURS, description: 'a snapshot, AWS Backup recovery point or latest restorable time older than this (hours, at scan time) does not count as recent' },
  },
  rationale:
    'Automated backups, snapshots and AWS Backup recovery points are stored regionally: from them a database can be ' +
    'restored into another zone when its own zone fails. A database whose newest recovery point is old (or that has ' +
    'none) loses every write since, or everything, if its zone does not come back.',
  fix: {
    cloudformation: 'set BackupRetentionPeriod to 7 or more (automated backups give a restorable time minutes old), or cover the database with an AWS::Backup::BackupSelection',
    cdk: 'pass backupRetention: Duration.days(7) (or more) to rds.DatabaseInstance / rds.DatabaseCluster, or add it to a backup.BackupPlan',
  },
  check(ctx) {
    const maxHours = Number(ctx.options.maxSnapshotAgeHours);
    for (const db of ctx.resources('AWS::RDS::DBInstance', 'AWS::RDS::DBCluster')) {
      const facts = liveFacts(db);
      if (!facts) continue; // templates: ZL302 judges the retention setting
      const isCluster = db.type === 'AWS::RDS::DBCluster';
      // Cluster members are restored through their cluster; read replicas are copies of their source.
      if (!isCluster && (db.get('DBClusterIdentifier') !== undefined || db.get('SourceDBInstanceIdentifier') !== undefined)) continue;
      const status = recoveryStatus(db, maxHours * 3600_000);
      if (status.recent) continue;
      if (!covered(db, 'rds', isCluster ? 'DescribeDBClusterSnapshots' : 'DescribeDBSnapshots') || !covered(db, 'backup', 'ListProtectedResources')) continue;
      const retention = Number(db.get('BackupRetentionPeriod') ?? 0);
      const kind = isCluster ? 'DB cluster' : 'DB instance';
      // Data only in one zone with no copy at all is the error; a Multi-AZ standby or cluster storage replicated across
      // zones survives a zone failure, so there the missing recovery point is the second line of defence (warning).
      const zones = ctx.model.placement(db);
      const spread = isCluster || db.get('MultiAZ') === true || (zones.kind === 'zonal' && zones.zones.length > 1) || zones.kind === 'regional';
      ctx.report({
        resource: db,
        path: 'Properties.BackupRetentionPeriod',
        severity: status.newest || spread ? 'warning' : undefined,
        message:
          `RDS ${kind} ${db.label} ${isCluster ? '' : `${placementPhrase(ctx.model.placement(db))} `}has ${status.phrase}` +
          `${status.newest ? ` (threshold ${maxHours}h)` : ''}${retention === 0 ? ' and automated backups are off (BackupRetentionPeriod 0)' : ''}: ` +
          `restoring it elsewhere after a zone failure ${status.newest ? 'loses every write since' : 'is impossible'}.`,
        key: status.newest ? 'stale' : 'none',
      });
    }
  },
});
