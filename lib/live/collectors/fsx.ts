/** FSx file systems: type, deployment type (single-AZ or Multi-AZ), subnets, automatic backups. */
import { FSxClient, paginateDescribeFileSystems } from '@aws-sdk/client-fsx';
import type { FsxFileSystemRecord } from '../../load/inventory-types';
import { CollectContext, attempt, tagMap } from './context';

/** The largest page DescribeFileSystems accepts (MaxResults 1..2147483647). */
export const FSX_PAGE = 2147483647;

export async function collectFsx(ctx: CollectContext): Promise<void> {
  const client = ctx.clients.client('fsx', 'fsx', (c) => new FSxClient(c));
  await attempt(ctx, 'fsx', 'DescribeFileSystems', async () => {
    const out: FsxFileSystemRecord[] = [];
    for await (const page of paginateDescribeFileSystems({ client, pageSize: FSX_PAGE }, {})) {
      for (const f of page.FileSystems ?? []) {
        if (!f.FileSystemId) continue;
        const config = f.WindowsConfiguration ?? f.LustreConfiguration ?? f.OntapConfiguration ?? f.OpenZFSConfiguration;
        out.push({
          id: f.FileSystemId,
          arn: f.ResourceARN,
          type: f.FileSystemType,
          state: f.Lifecycle,
          storageGiB: f.StorageCapacity,
          subnetIds: f.SubnetIds ?? [],
          deploymentType: config?.DeploymentType,
          preferredSubnetId: (config as { PreferredSubnetId?: string } | undefined)?.PreferredSubnetId,
          backupRetentionDays: (config as { AutomaticBackupRetentionDays?: number } | undefined)?.AutomaticBackupRetentionDays,
          tags: tagMap(f.Tags),
        });
      }
    }
    ctx.data.fsxFileSystems = out;
  });
}
