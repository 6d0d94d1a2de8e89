/** Amazon MSK provisioned clusters: broker count and client subnets (one broker group per subnet's zone). */
import { KafkaClient, paginateListClustersV2 } from '@aws-sdk/client-kafka';
import type { KafkaClusterRecord } from '../../load/inventory-types';
import { CollectContext, attempt } from './context';

export const MSK_PAGE = 100;

export async function collectMsk(ctx: CollectContext): Promise<void> {
  const client = ctx.clients.client('kafka', 'kafka', (c) => new KafkaClient(c));
  await attempt(ctx, 'kafka', 'ListClustersV2', async () => {
    const out: KafkaClusterRecord[] = [];
    // serverless clusters are spread over zones by MSK: only provisioned ones have brokers to place
    for await (const page of paginateListClustersV2({ client, pageSize: MSK_PAGE }, { ClusterTypeFilter: 'PROVISIONED' })) {
      for (const c of page.ClusterInfoList ?? []) {
        if (!c.ClusterArn || !c.Provisioned) continue;
        const p = c.Provisioned;
        out.push({ arn: c.ClusterArn, name: c.ClusterName ?? c.ClusterArn, state: c.State, brokers: p.NumberOfBrokerNodes, instanceType: p.BrokerNodeGroupInfo?.InstanceType, subnetIds: p.BrokerNodeGroupInfo?.ClientSubnets ?? [] });
      }
    }
    ctx.data.kafkaClusters = out;
  });
}
