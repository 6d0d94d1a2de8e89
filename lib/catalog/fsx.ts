/** Amazon FSx: Windows File Server, Lustre, NetApp ONTAP and OpenZFS file systems. */
import type { Resource } from '../model/resource';
import { Unknown, asNumber } from '../model/values';
import type { DataCopy, RecordSpec } from './types';

/** The configuration block of the file system type (`WindowsConfiguration`…). */
const CONFIG: Record<string, string> = { WINDOWS: 'WindowsConfiguration', LUSTRE: 'LustreConfiguration', ONTAP: 'OntapConfiguration', OPENZFS: 'OpenZFSConfiguration' };

/** What a file system type is called in messages. */
const NAME: Record<string, string> = { WINDOWS: 'FSx for Windows File Server', LUSTRE: 'FSx for Lustre', ONTAP: 'FSx for NetApp ONTAP', OPENZFS: 'FSx for OpenZFS' };

/**
 * The deployment type the FSx API applies when none is given (CreateFileSystemWindowsConfiguration: SINGLE_AZ_1 is
 * the default; CreateFileSystemLustreConfiguration: SCRATCH_1); ONTAP and OpenZFS require one.
 */
const DEFAULT_DEPLOYMENT: Record<string, string> = { WINDOWS: 'SINGLE_AZ_1', LUSTRE: 'SCRATCH_1' };

/**
 * Automatic daily backups kept when AutomaticBackupRetentionDays is not set: the CreateFileSystem*Configuration API
 * references give 30 days for Windows, ONTAP and OpenZFS, and 0 (off) for Lustre.
 */
const DEFAULT_RETENTION: Record<string, number> = { WINDOWS: 30, ONTAP: 30, OPENZFS: 30, LUSTRE: 0 };

/** The file system type in upper case (`WINDOWS`, `LUSTRE`, `ONTAP`, `OPENZFS`), undefined when not known. */
export function fsxType(r: Resource): string | undefined {
  const t = r.get('FileSystemType');
  return typeof t === 'string' && CONFIG[t.toUpperCase()] ? t.toUpperCase() : undefined;
}

export const fsxConfigOf = (r: Resource): string | undefined => CONFIG[fsxType(r) ?? ''];
export const fsxName = (r: Resource): string => NAME[fsxType(r) ?? ''] ?? 'FSx';

export interface FsxSetting<T> {
  /** Undefined: cannot be decided before deployment. */
  readonly value: T | undefined;
  /** In words: `WindowsConfiguration.DeploymentType SINGLE_AZ_2`, `… is not set (default SINGLE_AZ_1)`. */
  readonly source: string;
  readonly path: string;
}

/** The deployment type (upper case), with the API's default when the template sets none. */
export function fsxDeploymentType(r: Resource): FsxSetting<string> | undefined {
  const type = fsxType(r);
  if (!type) return undefined;
  const name = `${CONFIG[type]}.DeploymentType`;
  const raw = r.get(name);
  const path = `Properties.${name}`;
  if (raw === undefined) {
    const d = DEFAULT_DEPLOYMENT[type];
    return { value: d, source: d ? `${name} is not set (default ${d})` : `${name} is not set`, path };
  }
  return typeof raw === 'string' ? { value: raw.toUpperCase(), source: `${name} ${raw.toUpperCase()}`, path } : { value: undefined, source: `${name} cannot be decided before deployment`, path };
}

/** Days of automatic daily backups, with the type's default when not set; undefined value when undecidable. */
export function fsxBackupRetention(r: Resource): FsxSetting<number> | undefined {
  const type = fsxType(r);
  if (!type) return undefined;
  const name = `${CONFIG[type]}.AutomaticBackupRetentionDays`;
  const path = `Properties.${name}`;
  const raw = r.get(name);
  if (raw === undefined) return { value: DEFAULT_RETENTION[type], source: `${name} is not set (default ${DEFAULT_RETENTION[type]})`, path };
  const n = raw instanceof Unknown ? undefined : asNumber(raw);
  return { value: n, source: n === undefined ? `${name} cannot be decided before deployment` : `${name} ${n}`, path };
}

/** Whether the deployment type keeps the file system in one zone (every type but MULTI_AZ_*; Lustre always). */
export function fsxSingleZone(r: Resource): boolean | undefined {
  const mode = fsxDeploymentType(r)?.value;
  if (fsxType(r) === 'LUSTRE') return true;
  return mode === undefined ? undefined : !mode.startsWith('MULTI_AZ');
}

export const isLustreScratch = (r: Resource): boolean => fsxType(r) === 'LUSTRE' && (fsxDeploymentType(r)?.value ?? '').startsWith('SCRATCH');

export const FSX: readonly RecordSpec[] = [
  {
    type: 'AWS::FSx::FileSystem',
    noun: 'FSx file system',
    role: 'data-store',
    recovery: { down: 'fsx-restore', failover: 'fsx-multi-az-failover' },
    store: 'files',
    placement: { subnetProperties: ['SubnetIds'] },
    failover: {
      automatic: (r) => {
        const single = fsxSingleZone(r);
        return single === undefined ? undefined : !single;
      },
      decidedBy: ['<Type>Configuration.DeploymentType'],
    },
    data: {
      holds: () => true,
      copies(r): DataCopy[] | Unknown {
        if (!fsxType(r)) return new Unknown('the file system type is not known');
        if (isLustreScratch(r)) return []; // scratch file systems support no backups
        const days = fsxBackupRetention(r)!;
        if (days.value === undefined) return new Unknown('the backup retention cannot be decided');
        return days.value > 0 ? [{ kind: 'backup', text: `automatic daily backups kept ${days.value} days${days.source.includes('not set') ? ' (the default)' : ''}` }] : [];
      },
      decidedBy: ['<Type>Configuration.AutomaticBackupRetentionDays'],
    },
    policies: {
      snapshot: false,
      replacedBy: 'a change to SubnetIds',
      // "By default, Amazon FSx for Windows takes a final backup on your behalf when the DeleteFileSystem operation is
      // invoked" (FSx API Reference, DeleteFileSystemWindowsConfiguration.SkipFinalBackup); Lustre skips it by default
      keptOnDelete: (r) => (fsxType(r) === 'WINDOWS' ? 'FSx for Windows takes a final backup when the file system is deleted' : undefined),
    },
    // ZL407 reports Lustre (single-zone by design), ZL406 single-AZ Windows, ONTAP and OpenZFS deployments; a type or
    // deployment type the template does not decide is left to ZL903
    outage: (r) => (fsxType(r) === 'LUSTRE' ? { rules: ['ZL407'] } : fsxSingleZone(r) === true ? { rules: ['ZL406'] } : undefined),
    live: { collector: 'fsx', records: 'fsxFileSystems', tally: 'fileSystems' },
  },
];
