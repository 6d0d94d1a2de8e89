/** ECS services (desired count, subnets, launch type, load balancers) and the zones their running tasks are in. */
import { DescribeServicesCommand, DescribeTasksCommand, ECSClient, paginateListClusters, paginateListServices, paginateListTasks } from '@aws-sdk/client-ecs';
import type { EcsServiceRecord } from '../../load/inventory-types';
import { CollectContext, attempt } from './context';

export const ECS_PAGE = 100;
/** DescribeServices takes at most 10 services per call, DescribeTasks 100 tasks. */
export const ECS_DESCRIBE = { services: 10, tasks: 100 };

const chunks = <T>(list: readonly T[], n: number): T[][] => Array.from({ length: Math.ceil(list.length / n) }, (_, i) => list.slice(i * n, i * n + n));

export async function collectEcs(ctx: CollectContext): Promise<void> {
  const client = ctx.clients.client('ecs', 'ecs', (c) => new ECSClient(c));
  const clusters: string[] = [];
  const ok = await attempt(ctx, 'ecs', 'ListClusters', async () => {
    for await (const page of paginateListClusters({ client, pageSize: ECS_PAGE }, {})) clusters.push(...(page.clusterArns ?? []));
    return true;
  });
  if (!ok) return;
  const out: EcsServiceRecord[] = [];
  await Promise.all(
    clusters.map(async (cluster) => {
      const services: EcsServiceRecord[] = [];
      const listed = await attempt(ctx, 'ecs', 'ListServices', async () => {
        const arns: string[] = [];
        for await (const page of paginateListServices({ client, pageSize: ECS_PAGE }, { cluster })) arns.push(...(page.serviceArns ?? []));
        return arns;
      });
      if (!listed?.length) return;
      await Promise.all(
        chunks(listed, ECS_DESCRIBE.services).map((batch) =>
          attempt(ctx, 'ecs', 'DescribeServices', async () => {
            const r = await client.send(new DescribeServicesCommand({ cluster, services: batch }));
            for (const s of r.services ?? []) {
              if (!s.serviceArn || s.status === 'INACTIVE') continue;
              const vpc = s.networkConfiguration?.awsvpcConfiguration;
              services.push({
                arn: s.serviceArn,
                name: s.serviceName ?? s.serviceArn.split('/').pop()!,
                clusterArn: s.clusterArn ?? cluster,
                status: s.status,
                desired: s.desiredCount ?? 0,
                running: s.runningCount,
                launchType: s.launchType,
                capacityProviders: (s.capacityProviderStrategy ?? []).map((c) => c.capacityProvider).filter((c): c is string => Boolean(c)),
                schedulingStrategy: s.schedulingStrategy,
                subnetIds: vpc?.subnets ?? [],
                targetGroupArns: (s.loadBalancers ?? []).map((l) => l.targetGroupArn).filter((a): a is string => Boolean(a)),
                loadBalancerNames: (s.loadBalancers ?? []).map((l) => l.loadBalancerName).filter((a): a is string => Boolean(a)),
              });
            }
          }),
        ),
      );
      if (!services.length) return;
      // Where the tasks run: one ListTasks per cluster, DescribeTasks per 100 tasks; a task's group names its service.
      const tasks = await attempt(ctx, 'ecs', 'ListTasks', async () => {
        const arns: string[] = [];
        for await (const page of paginateListTasks({ client, pageSize: ECS_PAGE }, { cluster, desiredStatus: 'RUNNING' })) arns.push(...(page.taskArns ?? []));
        return arns;
      });
      const byService = new Map<string, Array<{ id: string; zone?: string }>>();
      let read = tasks !== undefined;
      if (tasks) {
        const results = await Promise.all(
          chunks(tasks, ECS_DESCRIBE.tasks).map((batch) =>
            attempt(ctx, 'ecs', 'DescribeTasks', async () => {
              const r = await client.send(new DescribeTasksCommand({ cluster, tasks: batch }));
              for (const t of r.tasks ?? []) {
                const service = /^service:(.+)$/.exec(t.group ?? '')?.[1];
                if (!service || !t.taskArn) continue;
                if (!byService.has(service)) byService.set(service, []);
                byService.get(service)!.push({ id: t.taskArn.split('/').pop()!, zone: t.availabilityZone });
              }
              return true;
            }),
          ),
        );
        read = results.every(Boolean);
      }
      for (const s of services) out.push(read ? { ...s, tasks: byService.get(s.name) ?? [] } : s);
    }),
  );
  ctx.data.ecsServices = out;
}
