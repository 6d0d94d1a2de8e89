import { paginateDescribeAutoScalingGroups } from '@aws-sdk/client-auto-scaling';
import { CollectContext, attempt, tagMap } from './context';

export const ASG_PAGE = 100;

export async function collectAutoScaling(ctx: CollectContext): Promise<void> {
  const client = ctx.clients.autoscaling();
  await attempt(ctx, 'autoscaling', 'DescribeAutoScalingGroups', async () => {
    const out: NonNullable<typeof ctx.data.autoScalingGroups> = (ctx.data.autoScalingGroups = []);
    for await (const page of paginateDescribeAutoScalingGroups({ client, pageSize: ASG_PAGE }, {})) {
      for (const g of page.AutoScalingGroups ?? []) {
        if (!g.AutoScalingGroupName) continue;
        out.push({
          name: g.AutoScalingGroupName,
          arn: g.AutoScalingGroupARN,
          min: g.MinSize ?? 0,
          max: g.MaxSize ?? 0,
          desired: g.DesiredCapacity ?? 0,
          zones: g.AvailabilityZones ?? [],
          subnetIds: (g.VPCZoneIdentifier ?? '').split(',').map((s) => s.trim()).filter(Boolean),
          targetGroupArns: g.TargetGroupARNs ?? [],
          loadBalancerNames: g.LoadBalancerNames ?? [],
          ...(g.HealthCheckType ? { healthCheckType: g.HealthCheckType } : {}),
          instances: (g.Instances ?? []).filter((i) => i.InstanceId).map((i) => ({ id: i.InstanceId!, zone: i.AvailabilityZone, lifecycleState: i.LifecycleState, health: i.HealthStatus })),
          tags: tagMap(g.Tags),
        });
      }
    }
  });
}
