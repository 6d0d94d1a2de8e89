/** Redshift provisioned clusters: zone, Multi-AZ, automated snapshot retention. */
import { RedshiftClient, paginateDescribeClusters } from '@aws-sdk/client-redshift';
import type { RedshiftClusterRecord } from '../../load/inventory-types';
import { CollectContext, attempt } from './context';

export const REDSHIFT_PAGE = 100;

export async function collectRedshift(ctx: CollectContext): Promise<void> {
  const client = ctx.clients.client('redshift', 'redshift', (c) => new RedshiftClient(c));
  await attempt(ctx, 'redshift', 'DescribeClusters', async () => {
    const out: RedshiftClusterRecord[] = [];
    for await (const page of paginateDescribeClusters({ client, pageSize: REDSHIFT_PAGE }, {})) {
      for (const c of page.Clusters ?? []) {
        if (!c.ClusterIdentifier) continue;
        out.push({
          id: c.ClusterIdentifier,
          arn: c.ClusterNamespaceArn,
          status: c.ClusterStatus,
          nodeType: c.NodeType,
          nodes: c.NumberOfNodes,
          zone: c.AvailabilityZone,
          multiAz: c.MultiAZ === undefined ? undefined : /^enabled$/i.test(c.MultiAZ),
          snapshotRetentionDays: c.AutomatedSnapshotRetentionPeriod,
          subnetGroupName: c.ClusterSubnetGroupName,
        });
      }
    }
    ctx.data.redshiftClusters = out;
  });
}
