/** Classic Load Balancers: their zones or subnets, registered instances, and whether they balance across zones. */
import { DescribeLoadBalancerAttributesCommand, ElasticLoadBalancingClient, paginateDescribeLoadBalancers } from '@aws-sdk/client-elastic-load-balancing';
import type { ClassicLoadBalancerRecord } from '../../load/inventory-types';
import { CollectContext, attempt } from './context';

export const CLASSIC_ELB_PAGE = 400;

export async function collectClassicElb(ctx: CollectContext): Promise<void> {
  // Same IAM prefix as ELBv2 (elasticloadbalancing:DescribeLoadBalancers covers both APIs), its own SDK client.
  const client = ctx.clients.client('elb', 'elasticloadbalancing', (c) => new ElasticLoadBalancingClient(c));
  const out: ClassicLoadBalancerRecord[] = [];
  const ok = await attempt(ctx, 'elb', 'DescribeLoadBalancers', async () => {
    for await (const page of paginateDescribeLoadBalancers({ client, pageSize: CLASSIC_ELB_PAGE }, {})) {
      for (const lb of page.LoadBalancerDescriptions ?? []) {
        if (!lb.LoadBalancerName) continue;
        out.push({
          name: lb.LoadBalancerName,
          scheme: lb.Scheme,
          vpcId: lb.VPCId,
          zones: lb.AvailabilityZones ?? [],
          subnetIds: lb.Subnets ?? [],
          instanceIds: (lb.Instances ?? []).map((i) => i.InstanceId).filter((i): i is string => Boolean(i)),
        });
      }
    }
    return true;
  });
  if (!ok) return;
  ctx.data.classicLoadBalancers = out;
  // Cross-zone is an attribute, one call per load balancer (no batch API).
  await Promise.all(
    out.map(async (lb, i) => {
      const attrs = await attempt(ctx, 'elb', 'DescribeLoadBalancerAttributes', async () => (await client.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerName: lb.name }))).LoadBalancerAttributes);
      const enabled = attrs?.CrossZoneLoadBalancing?.Enabled;
      if (enabled !== undefined) out[i] = { ...lb, crossZone: enabled };
    }),
  );
}
