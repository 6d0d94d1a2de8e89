import { paginateDescribeFileSystems, paginateDescribeMountTargets } from '@aws-sdk/client-efs';
import type { FileSystemRecord } from '../../load/inventory-types';
import { CollectContext, attempt, tagMap } from './context';

export const EFS_PAGE = 100;

export async function collectEfs(ctx: CollectContext): Promise<void> {
  const client = ctx.clients.efs();
  const systems: FileSystemRecord[] = [];
  const ok = await attempt(ctx, 'elasticfilesystem', 'DescribeFileSystems', async () => {
    ctx.data.fileSystems = systems;
    for await (const page of paginateDescribeFileSystems({ client, pageSize: EFS_PAGE }, {})) {
      for (const f of page.FileSystems ?? []) {
        if (!f.FileSystemId) continue;
        systems.push({
          id: f.FileSystemId,
          arn: f.FileSystemArn,
          name: f.Name,
          zoneName: f.AvailabilityZoneName,
          zoneId: f.AvailabilityZoneId,
          sizeBytes: f.SizeInBytes?.Value,
          state: f.LifeCycleState,
          encrypted: f.Encrypted,
          tags: tagMap(f.Tags),
        });
      }
    }
    return true;
  });
  if (!ok) return;
  await Promise.all(
    systems.map(async (fs, i) => {
      const mts = await attempt(ctx, 'elasticfilesystem', 'DescribeMountTargets', async () => {
        const out: NonNullable<FileSystemRecord['mountTargets']>[number][] = [];
        for await (const page of paginateDescribeMountTargets({ client, pageSize: EFS_PAGE }, { FileSystemId: fs.id })) {
          for (const m of page.MountTargets ?? []) {
            if (m.MountTargetId) out.push({ id: m.MountTargetId, subnetId: m.SubnetId, zone: m.AvailabilityZoneName, zoneId: m.AvailabilityZoneId, state: m.LifeCycleState });
          }
        }
        return out;
      });
      if (mts) systems[i] = { ...fs, mountTargets: mts };
    }),
  );
}
