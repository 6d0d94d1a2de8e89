import { fsxBackupRetention, fsxDeploymentType, fsxName, fsxSingleZone, fsxType } from '../../../lib/catalog/fsx';
import { defineRule } from '../../../lib/engine/types';
import { placementPhrase } from '../../../lib/model/describe';

export default defineRule({
  id: 'ZL406',
  slug: 'fsx-single-az',
  service: 'fsx',
  title: 'FSx for Windows File Server, NetApp ONTAP or OpenZFS file system with a single-AZ deployment type',
  severity: 'error',
  resourceTypes: ['AWS::FSx::FileSystem'],
  rationale:
    'A single-AZ FSx file system (SINGLE_AZ_1, SINGLE_AZ_2, and for OpenZFS the SINGLE_AZ_HA_* pairs) keeps its file ' +
    'servers and its storage in one Availability Zone. When that zone fails the file system is unavailable to clients ' +
    'in every zone, and nothing fails it over: it is back when the zone recovers, or when a backup is restored into a ' +
    'new file system in another zone.',
  fix: {
    cloudformation: 'set <Type>Configuration.DeploymentType: MULTI_AZ_1 (ONTAP: MULTI_AZ_1 or MULTI_AZ_2) with two SubnetIds in different zones and a PreferredSubnetId',
    cdk: 'on fsx.CfnFileSystem set the configuration deploymentType to MULTI_AZ_1 with subnetIds in two zones and preferredSubnetId',
  },
  check(ctx) {
    for (const fs of ctx.resources('AWS::FSx::FileSystem')) {
      const type = fsxType(fs);
      if (!type || type === 'LUSTRE') continue; // Lustre is single-zone by design: ZL407
      if (fsxSingleZone(fs) !== true) continue;
      const mode = fsxDeploymentType(fs)!;
      const days = fsxBackupRetention(fs)?.value;
      const pair = mode.value?.startsWith('SINGLE_AZ_HA') ? 'its primary and standby file servers are both' : 'its file servers and storage are';
      const restore =
        days === undefined
          ? 'or a backup, if there is one, is restored into a new file system in another zone'
          : days > 0
            ? 'or its latest automatic daily backup is restored into a new file system in another zone, without the changes made since'
            : 'and with automatic backups off (AutomaticBackupRetentionDays 0) there is no backup to restore elsewhere';
      ctx.report({
        resource: fs,
        path: mode.path,
        message:
          `${fsxName(fs)} file system ${fs.label} is single-AZ (${mode.source}): ${pair} ${placementPhrase(ctx.model.placement(fs))}. ` +
          `When that zone fails, clients in every zone lose the file system until the zone recovers, ${restore}. Use a MULTI_AZ deployment type.`,
      });
    }
  },
});
