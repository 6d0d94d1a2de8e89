/** Amazon EFS: Regional (multi-zone) or One Zone file systems, reached through one mount target per zone. */
import type { Model } from '../model/model';
import type { Resource } from '../model/resource';
import { type Tri, selectionsCover, tagSet } from '../model/backup-coverage';
import { Unknown, asString, refTarget } from '../model/values';
import type { DataCopy, RecordSpec } from './types';
import { liveZonal } from './ec2';

/** BackupPolicy's Status as the template sets it (ENABLED, DISABLED), or undefined: not set, or not known before deployment. */
function backupStatus(r: Resource): string | undefined {
  return asString(r.get('BackupPolicy.Status'))?.toUpperCase();
}

/** Whether the file system's own backup policy is on (EFS then backs it up daily with AWS Backup). */
export function efsBackupPolicyOn(r: Resource): boolean {
  return backupStatus(r) === 'ENABLED';
}

/**
 * A One Zone file system whose template leaves BackupPolicy out (or whose Status is only known at deployment): the EFS API turns automatic backups on by default for
 * One Zone file systems (CreateFileSystem's Backup), but the template does not say whether that default applies to
 * the file system CloudFormation creates, so whether a backup exists is not decided. ZL403 and the recovery estimates
 * both read this.
 */
export function efsDefaultBackupsUncertain(r: Resource): boolean {
  if (r.get('AvailabilityZoneName') === undefined) return false;
  const status = backupStatus(r);
  return status !== 'ENABLED' && status !== 'DISABLED';
}

export const EFS_DEFAULT_BACKUP_UNCERTAIN =
  'BackupPolicy is not set (the EFS API turns automatic backups on by default for One Zone file systems, but the template does not say so)';

/** Whether an AWS Backup selection of the input covers the file system (by ARN, logical id or FileSystemTags). */
export function efsSelectedForBackup(model: Model, r: Resource): Tri {
  return selectionsCover(model, { resource: r, stack: r.stack, resourceType: 'file-system' }, tagSet(r, 'FileSystemTags'));
}

export const EFS: readonly RecordSpec[] = [
  {
    type: 'AWS::EFS::FileSystem',
    noun: 'EFS file system',
    role: 'data-store',
    recovery: { down: (r) => (r.get('AvailabilityZoneName') !== undefined ? 'efs-restore' : 'efs-mount-target') },
    store: 'files',
    placement: {
      zoneProperties: ['AvailabilityZoneName'],
      whenUnset: 'regional',
      special: (_model, r) => (r.get('AvailabilityZoneName') === undefined ? { kind: 'regional', reason: 'Regional (Multi-AZ) file system' } : undefined),
    },
    data: {
      holds: () => true,
      copies(r, model) {
        const out: DataCopy[] = [];
        let selected: Tri = false;
        if (efsBackupPolicyOn(r)) out.push({ kind: 'backup', text: 'daily AWS Backup backups (BackupPolicy ENABLED)' });
        else {
          selected = efsSelectedForBackup(model, r);
          if (selected === true) out.push({ kind: 'backup', text: 'AWS Backup backups (a backup selection covers it)' });
        }
        if (Array.isArray(r.get('ReplicationConfiguration.Destinations'))) out.push({ kind: 'replica', text: 'a replica file system (ReplicationConfiguration)' });
        if (out.length) return out;
        if (selected === undefined) return new Unknown('backup coverage cannot be decided');
        if (efsDefaultBackupsUncertain(r)) return new Unknown(EFS_DEFAULT_BACKUP_UNCERTAIN);
        return out;
      },
      decidedBy: ['BackupPolicy', 'ReplicationConfiguration', 'AWS::Backup::BackupSelection', 'FileSystemTags'],
    },
    policies: { snapshot: false, replacedBy: 'switching it from One Zone to Regional storage (AvailabilityZoneName)' },
    outage: { rules: ['ZL403'] },
    live: {
      collector: 'elasticfilesystem',
      records: 'fileSystems',
      tally: 'fileSystems',
      place: (r, live, zones) =>
        r.rawProperties.AvailabilityZoneName ? liveZonal([zones.byId(live.zoneId) ?? zones.byName(r.rawProperties.AvailabilityZoneName)]) : { kind: 'regional', reason: 'Regional (Multi-AZ) file system' },
    },
  },
  {
    type: 'AWS::EFS::MountTarget',
    noun: 'EFS mount target',
    role: 'plumbing',
    placement: { subnetProperties: ['SubnetId'], whenUnset: 'unknown' },
    edges(r, g) {
      const fs = refTarget(r.get('FileSystemId'));
      if (fs) g.add(fs, r, 'mount-target');
    },
    outage: { byDesign: "a mount target is one zone's way into its file system by design; the file system's reach over zones is judged at the file system" },
    live: { collector: 'elasticfilesystem', records: 'fileSystems', place: (r, live, zones) => liveZonal([zones.byId(live.zoneId) ?? zones.byName(live.zone) ?? zones.subnets([r.rawProperties.SubnetId])[0]]) },
  },
  // names its file system; Lambda functions mount it (FileSystemConfigs), which ZL409 follows to find the clients
  { type: 'AWS::EFS::AccessPoint', noun: 'EFS access point', role: 'config' },
];
