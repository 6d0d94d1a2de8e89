import { EFS_DEFAULT_BACKUP_UNCERTAIN, efsBackupPolicyOn, efsDefaultBackupsUncertain, efsSelectedForBackup } from '../../../lib/catalog/efs';
import { defineRule } from '../../../lib/engine/types';
import { placementPhrase } from '../../../lib/model/describe';
import { Unknown } from '../../../lib/model/values';

export default defineRule({
  id: 'ZL403',
  slug: 'efs-one-zone',
  service: 'efs',
  title: 'EFS file system with One Zone storage',
  severity: 'error',
  resourceTypes: ['AWS::EFS::FileSystem'],
  rationale:
    'A One Zone file system stores its data in a single Availability Zone. When that zone fails the file system is ' +
    'unavailable to every client in every zone, and data written since the last backup can be lost. With backups turned ' +
    'off and no AWS Backup selection or replica it is the only copy of the data (error); with a backup or replica, or ' +
    'the EFS default of automatic backups for One Zone, the data survives but the file system is still down (warning). ' +
    'Regional (Standard) file systems store data redundantly across zones and stay available.',
  fix: {
    cloudformation: 'remove AvailabilityZoneName so the file system uses Regional (multi-zone) storage, with a mount target in each zone',
    cdk: 'drop oneZone: true from efs.FileSystem and give it subnets in every zone',
  },
  check(ctx) {
    for (const fs of ctx.resources('AWS::EFS::FileSystem')) {
      const raw = fs.get('AvailabilityZoneName');
      // Absent (or removed by Fn::If/AWS::NoValue): Regional storage. Unknown: the condition itself is undecidable.
      if (raw === undefined || raw instanceof Unknown) continue;
      const live = fs.stack.input.origin === 'live'; // a scan does not read the backup policy: claim nothing about backups
      const policy = efsBackupPolicyOn(fs);
      // unset leaves the EFS API's default, which is on for One Zone file systems (CreateFileSystem Backup): the catalog's reading
      const uncertain = efsDefaultBackupsUncertain(fs);
      const selected = policy || live ? undefined : efsSelectedForBackup(ctx.model, fs);
      const replicated = Array.isArray(fs.get('ReplicationConfiguration.Destinations'));
      const fallback = replicated
        ? 'the data survives only in its replica, a separate read-only file system that clients must be switched to by hand'
        : live
          ? 'only data in a backup or replica survives'
          : policy
          ? 'only the daily AWS Backup copy survives, without the writes made since it was taken'
          : selected === true
          ? 'only the AWS Backup copy a backup selection takes survives, without the writes made since it was taken'
          : selected === undefined
          ? 'BackupPolicy is not enabled, and whether a backup selection covers it cannot be decided before deployment'
          : uncertain
          ? `no backup is certain: ${EFS_DEFAULT_BACKUP_UNCERTAIN} and no AWS Backup selection covers it`
          : 'there is no backup to restore from (BackupPolicy is DISABLED and no AWS Backup selection covers it): the data has no copy anywhere else';
      // no copy anywhere (error), unless a backup or replica keeps the data or may keep it (warning: still down)
      const copied = replicated || policy || selected === true;
      ctx.report({
        resource: fs,
        path: 'Properties.AvailabilityZoneName',
        ...(copied || (!live && (selected === undefined || uncertain)) ? { severity: 'warning' as const } : {}),
        message:
          `EFS file system ${fs.label} uses One Zone storage ${placementPhrase(ctx.model.placement(fs))}: its data lives in ` +
          `that zone only, so when the zone fails the file system is unavailable to clients in every zone and ${fallback}.`,
      });
    }
  },
});
