import { fsxBackupRetention, fsxName, fsxSingleZone, fsxType, isLustreScratch } from '../../../lib/catalog/fsx';
import { defineRule } from '../../../lib/engine/types';

export default defineRule({
  id: 'ZL408',
  slug: 'fsx-backups',
  service: 'fsx',
  title: 'FSx file system with automatic daily backups off',
  severity: 'error',
  resourceTypes: ['AWS::FSx::FileSystem'],
  rationale:
    'Automatic daily backups are FSx\'s copy of a file system outside its zone (backups are stored in Amazon S3). With ' +
    'AutomaticBackupRetentionDays 0 — or not set on Lustre, where the default is 0 — a single-zone file system has no ' +
    'copy of its data anywhere else, and a Multi-AZ one has no point to go back to.',
  fix: {
    cloudformation: 'set <Type>Configuration.AutomaticBackupRetentionDays to 7 or more (or cover the file system with an AWS Backup plan)',
    cdk: 'set automaticBackupRetentionDays (L1) or automaticBackupRetention (fsx.LustreFileSystem) to 7 days or more',
  },
  check(ctx) {
    for (const fs of ctx.resources('AWS::FSx::FileSystem')) {
      if (!fsxType(fs) || isLustreScratch(fs)) continue; // scratch takes no backups at all: ZL407
      const days = fsxBackupRetention(fs)!;
      if (days.value !== 0) continue;
      const single = fsxSingleZone(fs);
      ctx.report({
        resource: fs,
        path: days.path,
        severity: single === false ? 'warning' : 'error',
        message:
          `${fsxName(fs)} file system ${fs.label} takes no automatic backups (${days.source})` +
          (single === false
            ? ': its Multi-AZ standby survives a zone failure, but a deletion, corruption or a failure of both zones has no backup to restore.'
            : ': it lives in one zone, so when that zone fails its data has no copy anywhere else to restore a new file system from.') +
          ' Keep automatic daily backups (7 days or more), unless an AWS Backup plan covers it.',
      });
    }
  },
});
