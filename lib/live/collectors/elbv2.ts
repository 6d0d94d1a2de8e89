import { DescribeTargetHealthCommand, paginateDescribeLoadBalancers, paginateDescribeTargetGroups } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { TargetGroupRecord } from '../../load/inventory-types';
import { CollectContext, attempt } from './context';

export const ELB_PAGE = 400;

export async function collectElbv2(ctx: CollectContext): Promise<void> {
  const client = ctx.clients.elbv2();
  const d = ctx.data;
  await Promise.all([
    attempt(ctx, 'elasticloadbalancing', 'DescribeLoadBalancers', async () => {
      d.loadBalancers = [];
      for await (const page of paginateDescribeLoadBalancers({ client, pageSize: ELB_PAGE }, {})) {
        for (const lb of page.LoadBalancers ?? []) {
          if (!lb.LoadBalancerArn) continue;
          d.loadBalancers.push({
            arn: lb.LoadBalancerArn,
            name: lb.LoadBalancerName ?? lb.LoadBalancerArn,
            type: lb.Type,
            scheme: lb.Scheme,
            vpcId: lb.VpcId,
            state: lb.State?.Code,
            zones: (lb.AvailabilityZones ?? []).map((z) => ({ zone: z.ZoneName, subnetId: z.SubnetId })),
          });
        }
      }
    }),
    (async () => {
      const groups: TargetGroupRecord[] = [];
      const ok = await attempt(ctx, 'elasticloadbalancing', 'DescribeTargetGroups', async () => {
        d.targetGroups = groups;
        for await (const page of paginateDescribeTargetGroups({ client, pageSize: ELB_PAGE }, {})) {
          for (const tg of page.TargetGroups ?? []) {
            if (!tg.TargetGroupArn) continue;
            groups.push({
              arn: tg.TargetGroupArn,
              name: tg.TargetGroupName ?? tg.TargetGroupArn,
              targetType: tg.TargetType,
              protocol: tg.Protocol,
              port: tg.Port,
              vpcId: tg.VpcId,
              loadBalancerArns: tg.LoadBalancerArns ?? [],
            });
          }
        }
        return true;
      });
      if (!ok) return;
      // Health only matters for groups a load balancer forwards to; it is one call per group (no batch API).
      await Promise.all(
        groups.map(async (tg, i) => {
          if (!tg.loadBalancerArns.length) return;
          const targets = await attempt(ctx, 'elasticloadbalancing', 'DescribeTargetHealth', async () => {
            const r = await client.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg.arn }));
            return (r.TargetHealthDescriptions ?? [])
              .filter((t) => t.Target?.Id)
              .map((t) => ({ id: t.Target!.Id!, port: t.Target!.Port, zone: t.Target!.AvailabilityZone, state: t.TargetHealth?.State, reason: t.TargetHealth?.Reason }));
          });
          if (targets) groups[i] = { ...tg, targets };
        }),
      );
    })(),
  ]);
}
