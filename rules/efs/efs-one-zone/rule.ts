import { defineRule } from '../../../lib/engine/types';
import { placementPhrase } from '../../../lib/model/describe';
import { Unknown, asString } from '../../../lib/model/values';

export default defineRule({
  id: 'ZL403',
  slug: 'efs-one-zone',
  service: 'efs',
  title: 'EFS file system with One Zone storage',
  severity: 'error',
  resourceTypes: ['AWS::EFS::FileSystem'],
  rationale:
    'A One Zone file system stores its data in a single Availability Zone. When that zone fails the file system is ' +
    'unavailable to every client in every zone, and data written since the last backup can be lost. Regional (Standard) ' +
    'file systems store data redundantly across zones and stay available.',
  fix: {
    cloudformation: 'remove AvailabilityZoneName so the file system uses Regional (multi-zone) storage, with a mount target in each zone',
    cdk: 'drop oneZone: true from efs.FileSystem and give it subnets in every zone',
  },
  check(ctx) {
    for (const fs of ctx.resources('AWS::EFS::FileSystem')) {
      const raw = fs.get('AvailabilityZoneName');
      // Absent (or removed by Fn::If/AWS::NoValue): Regional storage. Unknown: the condition itself is undecidable.
      if (raw === undefined || raw instanceof Unknown) continue;
      const backups = asString(fs.get('BackupPolicy.Status'))?.toUpperCase() === 'ENABLED';
      const replicated = Array.isArray(fs.get('ReplicationConfiguration.Destinations'));
      const fallback = replicated
        ? 'the data survives only in its replica, a separate read-only file system that clients must be switched to by hand'
        : fs.stack.input.origin === 'live' // a scan does not read the backup policy: claim nothing about backups
          ? 'only data in a backup or replica survives'
          : backups
          ? 'only the daily AWS Backup copy survives, without the writes made since it was taken'
          : 'there is no backup to restore from (BackupPolicy is not enabled)';
      ctx.report({
        resource: fs,
        path: 'Properties.AvailabilityZoneName',
        message:
          `EFS file system ${fs.label} uses One Zone storage ${placementPhrase(ctx.model.placement(fs))}: its data lives in ` +
          `that zone only, so when the zone fails the file system is unavailable to clients in every zone and ${fallback}.`,
      });
    }
  },
});
