import { fsxBackupRetention, fsxDeploymentType, fsxType, isLustreScratch } from '../../../lib/catalog/fsx';
import { defineRule } from '../../../lib/engine/types';
import { placementPhrase } from '../../../lib/model/describe';

export default defineRule({
  id: 'ZL407',
  slug: 'fsx-lustre-single-zone',
  service: 'fsx',
  title: 'FSx for Lustre file system (single-zone by design; scratch keeps no copy of its data)',
  severity: 'error',
  resourceTypes: ['AWS::FSx::FileSystem'],
  rationale:
    'FSx for Lustre has no Multi-AZ deployment type: every file system lives in the zone of its one subnet. Persistent ' +
    'file systems replicate data within that zone only, so a zone failure makes them unavailable until the zone ' +
    'recovers; scratch file systems replicate nothing and support no backups, so data not exported to Amazon S3 has ' +
    'no copy anywhere.',
  fix: {
    cloudformation: 'for scratch data, link the file system to S3 (a data repository) and export results; otherwise use PERSISTENT_2 with AutomaticBackupRetentionDays > 0, and plan to recreate it in another zone from S3 or a backup',
    cdk: 'use fsx.LustreFileSystem with deploymentType PERSISTENT_2, automaticBackupRetention, and an S3 importPath/exportPath (or a data repository association)',
  },
  check(ctx) {
    for (const fs of ctx.resources('AWS::FSx::FileSystem')) {
      if (fsxType(fs) !== 'LUSTRE') continue;
      const mode = fsxDeploymentType(fs)!;
      const where = placementPhrase(ctx.model.placement(fs));
      const s3 = ['LustreConfiguration.ImportPath', 'LustreConfiguration.ExportPath'].some((p) => fs.get(p) !== undefined);
      if (isLustreScratch(fs)) {
        ctx.report({
          resource: fs,
          path: mode.path,
          message:
            `FSx for Lustre file system ${fs.label} is a scratch file system (${mode.source}) ${where}: its data is not replicated and ` +
            'scratch file systems take no backups, so when that zone fails the file system is gone with ' +
            (s3 ? 'everything not yet exported to its S3 data repository.' : 'its data, which has no copy anywhere.') +
            ' Export results to S3, or use a persistent deployment type with backups.',
        });
        continue;
      }
      const days = fsxBackupRetention(fs)?.value;
      const copy = days ? `its latest automatic daily backup (kept ${days} days)` : s3 ? 'its S3 data repository' : undefined;
      ctx.report({
        resource: fs,
        path: mode.path,
        severity: 'warning',
        message:
          `FSx for Lustre file system ${fs.label} (${mode.source}) is single-zone by design, ${where}: its data is replicated within ` +
          'that zone only, so when the zone fails the file system is unavailable until the zone recovers' +
          (copy
            ? `, or until a new file system in another zone is created from ${copy}. Plan and rehearse that recreation.`
            : '; with no backup or S3 data repository there is nothing to recreate it from elsewhere. Keep a copy outside the zone.'),
        fix: {
          cloudformation: 'keep LustreConfiguration.AutomaticBackupRetentionDays above 0 (or link an S3 data repository) and script the recreation of the file system in another zone',
          cdk: 'set automaticBackupRetention on fsx.LustreFileSystem (or an S3 importPath/exportPath) and script its recreation in another zone',
        },
      });
    }
  },
});
