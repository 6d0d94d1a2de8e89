/** Route 53 Resolver endpoints: direction and the subnet of every IP address (one network interface per address). */
import { Route53ResolverClient, paginateListResolverEndpointIpAddresses, paginateListResolverEndpoints } from '@aws-sdk/client-route53resolver';
import type { ResolverEndpoint } from '@aws-sdk/client-route53resolver';
import type { ResolverEndpointRecord } from '../../load/inventory-types';
import { CollectContext, attempt, describeEach } from './context';

/** The largest page both list calls take. */
export const RESOLVER_PAGE = 100;

export async function collectRoute53Resolver(ctx: CollectContext): Promise<void> {
  // @aws-sdk/client-route53resolver 3.654.0, an SDK generation older than the other clients (the newest the registry
  // serves): it takes the same configuration (request handler, adaptive retry, credentials) and the same guard
  const client = ctx.clients.client('route53resolver', 'route53resolver', (c) => new Route53ResolverClient(c));
  const endpoints: ResolverEndpoint[] = [];
  const ok = await attempt(ctx, 'route53resolver', 'ListResolverEndpoints', async () => {
    for await (const page of paginateListResolverEndpoints({ client, pageSize: RESOLVER_PAGE }, {})) for (const e of page.ResolverEndpoints ?? []) if (e.Id) endpoints.push(e);
    return true;
  });
  if (!ok) return;
  // the endpoint lists only its address count: one paginated ListResolverEndpointIpAddresses per endpoint
  const records = await describeEach(ctx, 'route53resolver', 'ListResolverEndpointIpAddresses', endpoints, async (e): Promise<ResolverEndpointRecord> => {
    const ipAddresses: Array<{ subnetId: string; ip?: string }> = [];
    for await (const page of paginateListResolverEndpointIpAddresses({ client, pageSize: RESOLVER_PAGE }, { ResolverEndpointId: e.Id })) {
      for (const a of page.IpAddresses ?? []) if (a.SubnetId) ipAddresses.push({ subnetId: a.SubnetId, ip: a.Ip ?? a.Ipv6 });
    }
    return { id: e.Id!, name: e.Name, arn: e.Arn, direction: e.Direction, status: e.Status, vpcId: e.HostVPCId, ipAddresses };
  });
  if (records) ctx.data.resolverEndpoints = records;
}
