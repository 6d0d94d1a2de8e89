import { defineRule } from '../../../lib/engine/types';
import type { Resource } from '../../../lib/model/resource';
import { Unknown, asNumber } from '../../../lib/model/values';

/** What CloudFormation / the RDS API use when BackupRetentionPeriod is not set (DBInstance and DBCluster docs). */
const DEFAULT_RETENTION_DAYS = 1;

const plural = (days: number) => `${days} day${days === 1 ? '' : 's'}`;

const CLUSTER_TYPES = ['AWS::RDS::DBCluster', 'AWS::DocDB::DBCluster', 'AWS::Neptune::DBCluster'];

const KIND: Record<string, string> = {
  'AWS::RDS::DBInstance': 'RDS DB instance',
  'AWS::RDS::DBCluster': 'RDS DB cluster',
  'AWS::DocDB::DBCluster': 'DocumentDB cluster',
  'AWS::Neptune::DBCluster': 'Neptune cluster',
};

/** Set, and not an empty string (templates often default an optional identifier parameter to ''). */
function isSet(v: unknown): boolean {
  return v !== undefined && v !== '';
}

/**
 * Whether an unset BackupRetentionPeriod is inherited rather than defaulted: a database restored from a snapshot or to
 * a point in time takes the retention of its source, which the template does not show.
 */
function inheritsRetention(r: Resource): boolean {
  const props = r.type === 'AWS::RDS::DBInstance' ? ['DBSnapshotIdentifier', 'DBClusterSnapshotIdentifier', 'SourceDBInstanceAutomatedBackupsArn', 'RestoreTime', 'UseLatestRestorableTime'] : ['SnapshotIdentifier', 'SourceDBClusterIdentifier', 'RestoreType', 'RestoreToTime', 'UseLatestRestorableTime'];
  return props.some((p) => {
    const v = r.get(p);
    return isSet(v) && v !== false && v !== 'false';
  });
}

/** DB instances whose backups are their own: not cluster members (the cluster backs them up) and not read replicas. */
function ownsBackups(db: Resource): boolean {
  if (db.type !== 'AWS::RDS::DBInstance') return true;
  if (isSet(db.get('DBClusterIdentifier')) || isSet(db.get('SourceDBInstanceIdentifier')) || isSet(db.get('SourceDBClusterIdentifier'))) return false;
  return !String(db.get('Engine') ?? '').toLowerCase().startsWith('aurora');
}

export default defineRule({
  id: 'ZL302',
  slug: 'rds-backup-retention',
  service: 'rds',
  title: 'Database automated backups disabled or kept too briefly',
  severity: 'error',
  resourceTypes: ['AWS::RDS::DBInstance', ...CLUSTER_TYPES],
  options: {
    minBackupRetentionDays: {
      default: 7,
      description: 'Fewest days of automated backups (point-in-time recovery window) a database must keep; fewer is reported as a warning.',
    },
  },
  tags: ['backup', 'data-loss'],
  rationale:
    'Automated backups live in S3, outside every zone: when the zone holding a single-AZ database fails, or a cluster is ' +
    'lost or corrupted, restoring from them into another zone is the only way back. With backups disabled there is ' +
    'nothing to restore; with a one-day window a fault noticed after a weekend cannot be rolled back.',
  fix: {
    cloudformation: 'set BackupRetentionPeriod to 7 or more days (up to 35)',
    cdk: 'pass backupRetention: Duration.days(7) (rds.DatabaseInstance) or backup: { retention: Duration.days(7) } (rds.DatabaseCluster, docdb, neptune)',
  },
  check(ctx) {
    const minDays = asNumber(ctx.options.minBackupRetentionDays) ?? 7;
    for (const db of ctx.resources('AWS::RDS::DBInstance', ...CLUSTER_TYPES)) {
      if (!ownsBackups(db)) continue;
      const raw = db.get('BackupRetentionPeriod');
      let days: number | undefined;
      let setting: string;
      if (raw === undefined) {
        if (inheritsRetention(db)) continue;
        days = DEFAULT_RETENTION_DAYS;
        setting = `BackupRetentionPeriod is not set, so the CloudFormation default of ${plural(days)} applies`;
      } else {
        days = raw instanceof Unknown ? undefined : asNumber(raw);
        if (days === undefined) continue; // not decidable before deployment
        const literal = typeof db.rawProperties.BackupRetentionPeriod !== 'object';
        setting = `BackupRetentionPeriod ${days}${literal ? '' : ' with parameter defaults'}`;
      }
      const kind = KIND[db.type];
      const isCdk = db.stack.input.origin === 'assembly' || db.constructPath !== undefined;
      const fix = isCdk
        ? `pass ${db.type === 'AWS::RDS::DBInstance' ? `backupRetention: Duration.days(${Math.max(minDays, 1)})` : `backup: { retention: Duration.days(${Math.max(minDays, 1)}) }`} or more days`
        : `set BackupRetentionPeriod to ${Math.max(minDays, 1)} or more days (up to 35)`;
      if (days === 0) {
        ctx.report({
          resource: db,
          path: 'Properties.BackupRetentionPeriod',
          key: 'disabled',
          fix,
          message:
            `${kind} ${db.label} has automated backups disabled (${setting}): when its zone fails or its data is ` +
            'lost there is no backup outside the zone to restore from, and no point-in-time recovery.',
        });
      } else if (days < minDays) {
        ctx.report({
          resource: db,
          path: 'Properties.BackupRetentionPeriod',
          severity: 'warning',
          key: 'below-minimum',
          fix,
          message:
            `${kind} ${db.label} keeps automated backups for ${plural(days)} only (${setting}; the minimum is ${minDays}): ` +
            `after losing its zone or its data, it can only be restored to a point in the last ${plural(days)}.`,
        });
      }
    }
  },
});
