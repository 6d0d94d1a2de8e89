/** DAX clusters: node count and the zone of every node. */
import { DAXClient, DescribeClustersCommand } from '@aws-sdk/client-dax';
import type { DaxClusterRecord } from '../../load/inventory-types';
import { CollectContext, attempt } from './context';

export const DAX_PAGE = 100;

export async function collectDax(ctx: CollectContext): Promise<void> {
  const client = ctx.clients.client('dax', 'dax', (c) => new DAXClient(c));
  await attempt(ctx, 'dax', 'DescribeClusters', async () => {
    const out: DaxClusterRecord[] = [];
    // the DAX client ships no paginator: follow NextToken by hand
    let NextToken: string | undefined;
    do {
      const page = await client.send(new DescribeClustersCommand({ MaxResults: DAX_PAGE, NextToken }));
      for (const c of page.Clusters ?? []) {
        if (!c.ClusterName) continue;
        out.push({
          name: c.ClusterName,
          arn: c.ClusterArn,
          status: c.Status,
          nodeType: c.NodeType,
          nodes: c.TotalNodes ?? (c.Nodes ?? []).length,
          nodeZones: (c.Nodes ?? []).map((n) => n.AvailabilityZone).filter((z): z is string => Boolean(z)),
          subnetGroupName: c.SubnetGroup,
        });
      }
      NextToken = page.NextToken;
    } while (NextToken);
    ctx.data.daxClusters = out;
  });
}
