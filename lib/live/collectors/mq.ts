/** Amazon MQ brokers: deployment mode (single instance, active/standby, cluster) and subnets. */
import { DescribeBrokerCommand, MqClient, paginateListBrokers } from '@aws-sdk/client-mq';
import type { BrokerRecord } from '../../load/inventory-types';
import { CollectContext, attempt, describeEach } from './context';

export const MQ_PAGE = 100;

export async function collectMq(ctx: CollectContext): Promise<void> {
  const client = ctx.clients.client('mq', 'mq', (c) => new MqClient(c));
  const ids: string[] = [];
  const ok = await attempt(ctx, 'mq', 'ListBrokers', async () => {
    for await (const page of paginateListBrokers({ client, pageSize: MQ_PAGE }, {})) for (const b of page.BrokerSummaries ?? []) if (b.BrokerId) ids.push(b.BrokerId);
    return true;
  });
  if (!ok) return;
  // the summaries have no deployment mode or subnets: one DescribeBroker per broker (no batch API)
  const brokers = await describeEach(ctx, 'mq', 'DescribeBroker', ids, async (BrokerId): Promise<BrokerRecord> => {
    const b = await client.send(new DescribeBrokerCommand({ BrokerId }));
    return { id: BrokerId, name: b.BrokerName ?? BrokerId, arn: b.BrokerArn, state: b.BrokerState, deploymentMode: b.DeploymentMode, engineType: b.EngineType, instanceType: b.HostInstanceType, subnetIds: b.SubnetIds ?? [] };
  });
  if (brokers) ctx.data.brokers = brokers;
}
