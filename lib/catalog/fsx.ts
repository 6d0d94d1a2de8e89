/** Amazon FSx: Windows File Server, Lustre, NetApp ONTAP and OpenZFS file systems. */
import { Unknown, asNumber } from '../model/values';
import type { RecordSpec } from './types';

/** The configuration block of the file system type (`WindowsConfiguration`…). */
const CONFIG: Record<string, string> = { WINDOWS: 'WindowsConfiguration', LUSTRE: 'LustreConfiguration', ONTAP: 'OntapConfiguration', OPENZFS: 'OpenZFSConfiguration' };

const configOf = (fsType: unknown): string | undefined => (typeof fsType === 'string' ? CONFIG[fsType.toUpperCase()] : undefined);

export const FSX: readonly RecordSpec[] = [
  {
    type: 'AWS::FSx::FileSystem',
    noun: 'FSx file system',
    role: 'data-store',
    store: 'files',
    placement: { subnetProperties: ['SubnetIds'] },
    failover: {
      automatic: (r) => {
        const config = configOf(r.get('FileSystemType'));
        const mode = config ? r.get(`${config}.DeploymentType`) : undefined;
        return typeof mode === 'string' ? mode.toUpperCase().startsWith('MULTI_AZ') : undefined;
      },
      decidedBy: ['<Type>Configuration.DeploymentType'],
    },
    data: {
      holds: () => true,
      copies(r) {
        const config = configOf(r.get('FileSystemType'));
        if (!config) return new Unknown('the file system type is not known');
        const raw = r.get(`${config}.AutomaticBackupRetentionDays`);
        if (raw === undefined) return new Unknown(`${config}.AutomaticBackupRetentionDays is not set (the default depends on the file system type)`);
        const n = asNumber(raw);
        if (n === undefined) return new Unknown('the backup retention cannot be decided');
        return n > 0 ? [{ kind: 'backup', text: `automatic daily backups kept ${n} days` }] : [];
      },
      decidedBy: ['<Type>Configuration.AutomaticBackupRetentionDays'],
    },
    policies: {
      snapshot: false,
      replacedBy: 'a change to SubnetIds',
      // "By default, Amazon FSx for Windows takes a final backup on your behalf when the DeleteFileSystem operation is
      // invoked" (FSx API Reference, DeleteFileSystemWindowsConfiguration.SkipFinalBackup); Lustre skips it by default
      keptOnDelete: (r) => (String(r.get('FileSystemType') ?? '').toUpperCase() === 'WINDOWS' ? 'FSx for Windows takes a final backup when the file system is deleted' : undefined),
    },
    live: { collector: 'fsx', records: 'fsxFileSystems', tally: 'fileSystems' },
  },
];
