import { DescribeLoadBalancerAttributesCommand, DescribeTargetGroupAttributesCommand, DescribeTargetHealthCommand, paginateDescribeLoadBalancers, paginateDescribeTargetGroups } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { LoadBalancerRecord, TargetGroupRecord } from '../../load/inventory-types';
import { CollectContext, attempt } from './context';

export const ELB_PAGE = 400;

export async function collectElbv2(ctx: CollectContext): Promise<void> {
  const client = ctx.clients.elbv2();
  const d = ctx.data;
  await Promise.all([
    (async () => {
      const lbs: LoadBalancerRecord[] = [];
      const ok = await attempt(ctx, 'elasticloadbalancing', 'DescribeLoadBalancers', async () => {
        d.loadBalancers = lbs;
        for await (const page of paginateDescribeLoadBalancers({ client, pageSize: ELB_PAGE }, {})) {
          for (const lb of page.LoadBalancers ?? []) {
            if (!lb.LoadBalancerArn) continue;
            lbs.push({
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
        return true;
      });
      if (!ok) return;
      // An Application Load Balancer always balances across zones: only the others' attributes decide it.
      await Promise.all(
        lbs.map(async (lb, i) => {
          if (lb.type === 'application') return;
          const attrs = await attempt(ctx, 'elasticloadbalancing', 'DescribeLoadBalancerAttributes', async () => (await client.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: lb.arn }))).Attributes);
          if (attrs) lbs[i] = { ...lb, attributes: keyValues(attrs) };
        }),
      );
    })(),
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
      // Health and attributes (cross-zone) only matter for groups a load balancer forwards to; one call per group each
      // (no batch API).
      await Promise.all([
        groups.map(async (tg, i) => {
          if (!tg.loadBalancerArns.length) return;
          const targets = await attempt(ctx, 'elasticloadbalancing', 'DescribeTargetHealth', async () => {
            const r = await client.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg.arn }));
            return (r.TargetHealthDescriptions ?? [])
              .filter((t) => t.Target?.Id)
              .map((t) => ({ id: t.Target!.Id!, port: t.Target!.Port, zone: t.Target!.AvailabilityZone, state: t.TargetHealth?.State, reason: t.TargetHealth?.Reason }));
          });
          if (targets) groups[i] = { ...groups[i], targets };
        }),
        groups.map(async (tg, i) => {
          if (!tg.loadBalancerArns.length) return;
          const attrs = await attempt(ctx, 'elasticloadbalancing', 'DescribeTargetGroupAttributes', async () => (await client.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: tg.arn }))).Attributes);
          if (attrs) groups[i] = { ...groups[i], attributes: keyValues(attrs) };
        }),
      ].flat());
    })(),
  ]);
}

/** The attributes that decide zone behaviour, as the Key/Value list CloudFormation takes. */
function keyValues(attrs: ReadonlyArray<{ Key?: string; Value?: string }>): Array<{ key: string; value: string }> {
  return attrs.filter((a) => a.Key && a.Value !== undefined && ZONE_ATTRIBUTES.test(a.Key)).map((a) => ({ key: a.Key!, value: a.Value! }));
}

const ZONE_ATTRIBUTES = /^load_balancing\.cross_zone\.enabled$|^zonal_shift\.|^dns_record\.client_routing_policy$|^target_group_health\./;
