/** Amazon EFS: Regional (multi-zone) or One Zone file systems, reached through one mount target per zone. */
import { asString, refTarget } from '../model/values';
import type { DataCopy, RecordSpec } from './types';
import { liveZonal } from './ec2';

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
      copies(r) {
        const out: DataCopy[] = [];
        if (asString(r.get('BackupPolicy.Status'))?.toUpperCase() === 'ENABLED') out.push({ kind: 'backup', text: 'daily AWS Backup backups (BackupPolicy ENABLED)' });
        if (Array.isArray(r.get('ReplicationConfiguration.Destinations'))) out.push({ kind: 'replica', text: 'a replica file system (ReplicationConfiguration)' });
        return out;
      },
      decidedBy: ['BackupPolicy', 'ReplicationConfiguration'],
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
];
