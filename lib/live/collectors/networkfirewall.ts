/** AWS Network Firewall firewalls: the subnets (one endpoint per zone) they run in. */
import { DescribeFirewallCommand, NetworkFirewallClient, paginateListFirewalls } from '@aws-sdk/client-network-firewall';
import type { FirewallRecord } from '../../load/inventory-types';
import { CollectContext, attempt, describeEach } from './context';

export const NETWORK_FIREWALL_PAGE = 100;

export async function collectNetworkFirewall(ctx: CollectContext): Promise<void> {
  const client = ctx.clients.client('network-firewall', 'network-firewall', (c) => new NetworkFirewallClient(c));
  const arns: string[] = [];
  const ok = await attempt(ctx, 'network-firewall', 'ListFirewalls', async () => {
    for await (const page of paginateListFirewalls({ client, pageSize: NETWORK_FIREWALL_PAGE }, {})) for (const f of page.Firewalls ?? []) if (f.FirewallArn) arns.push(f.FirewallArn);
    return true;
  });
  if (!ok) return;
  // ListFirewalls names them only: one DescribeFirewall each (no batch API)
  const firewalls = await describeEach(ctx, 'network-firewall', 'DescribeFirewall', arns, async (FirewallArn): Promise<FirewallRecord> => {
    const f = (await client.send(new DescribeFirewallCommand({ FirewallArn }))).Firewall;
    return { arn: FirewallArn, name: f?.FirewallName ?? FirewallArn.split('/').pop()!, vpcId: f?.VpcId, subnetIds: (f?.SubnetMappings ?? []).map((m) => m.SubnetId).filter((s): s is string => Boolean(s)) };
  });
  if (firewalls) ctx.data.firewalls = firewalls;
}
