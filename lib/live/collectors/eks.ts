/** EKS managed node groups: their subnets and scaling configuration. */
import { DescribeNodegroupCommand, EKSClient, paginateListClusters, paginateListNodegroups } from '@aws-sdk/client-eks';
import type { NodegroupRecord } from '../../load/inventory-types';
import { CollectContext, attempt, tagMap } from './context';

export const EKS_PAGE = 100;

export async function collectEks(ctx: CollectContext): Promise<void> {
  const client = ctx.clients.client('eks', 'eks', (c) => new EKSClient(c));
  const clusters: string[] = [];
  const ok = await attempt(ctx, 'eks', 'ListClusters', async () => {
    for await (const page of paginateListClusters({ client, pageSize: EKS_PAGE }, {})) clusters.push(...(page.clusters ?? []));
    return true;
  });
  if (!ok) return;
  const out: NodegroupRecord[] = [];
  await Promise.all(
    clusters.map(async (clusterName) => {
      const names = await attempt(ctx, 'eks', 'ListNodegroups', async () => {
        const list: string[] = [];
        for await (const page of paginateListNodegroups({ client, pageSize: EKS_PAGE }, { clusterName })) list.push(...(page.nodegroups ?? []));
        return list;
      });
      // ListNodegroups names them only: one DescribeNodegroup each (no batch API).
      await Promise.all(
        (names ?? []).map(async (nodegroupName) => {
          const n = await attempt(ctx, 'eks', 'DescribeNodegroup', async () => (await client.send(new DescribeNodegroupCommand({ clusterName, nodegroupName }))).nodegroup);
          if (!n) return;
          out.push({
            name: nodegroupName,
            arn: n.nodegroupArn,
            clusterName,
            status: n.status,
            subnetIds: n.subnets ?? [],
            min: n.scalingConfig?.minSize,
            max: n.scalingConfig?.maxSize,
            desired: n.scalingConfig?.desiredSize,
            capacityType: n.capacityType,
            autoScalingGroups: (n.resources?.autoScalingGroups ?? []).map((g) => g.name).filter((g): g is string => Boolean(g)),
            tags: tagMap(n.tags),
          });
        }),
      );
    }),
  );
  ctx.data.nodegroups = out;
}
