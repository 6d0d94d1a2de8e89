/** Amazon ECS services (and the task definitions and clusters they name). */
import type { Resource } from '../model/resource';
import { asNumber, asString, refTarget } from '../model/values';
import type { RecordSpec } from './types';
import { singleUnit } from './index';
import { refsAt, scalableTargetsOf } from './autoscaling';
import { liveZonal } from './ec2';

/** Capacity providers AWS manages for Fargate (a CapacityProviderStrategy entry naming one runs tasks on Fargate). */
const FARGATE_PROVIDERS = new Set(['FARGATE', 'FARGATE_SPOT']);

/**
 * Where a service's tasks run: `EC2` (container instances the scheduler places tasks on, honouring PlacementStrategies),
 * `FARGATE`, `EXTERNAL`, or undefined when the template does not say (a mixed or unresolved capacity provider strategy).
 * Without LaunchType and CapacityProviderStrategy the cluster's default strategy applies, else the EC2 launch type.
 */
export function ecsLaunchType(service: Resource): 'EC2' | 'FARGATE' | 'EXTERNAL' | undefined {
  const launch = asString(service.get('LaunchType'));
  if (launch !== undefined) return launch === 'FARGATE' || launch === 'EXTERNAL' ? launch : 'EC2';
  if (service.get('LaunchType') !== undefined) return undefined;
  const cluster = refTarget(service.get('Cluster'));
  const strategy = service.get('CapacityProviderStrategy') ?? cluster?.get('DefaultCapacityProviderStrategy');
  if (strategy === undefined) return cluster && clusterAssociations(cluster) ? undefined : 'EC2';
  if (!Array.isArray(strategy) || !strategy.length) return undefined;
  const kinds = new Set<string | undefined>();
  for (const entry of strategy) {
    const provider = (entry as Record<string, unknown> | undefined)?.CapacityProvider;
    const target = refTarget(provider);
    const name = asString(provider);
    kinds.add(target?.type === 'AWS::ECS::CapacityProvider' ? 'EC2' : name !== undefined ? (FARGATE_PROVIDERS.has(name) ? 'FARGATE' : 'EC2') : undefined);
  }
  return kinds.size === 1 ? ([...kinds][0] as 'EC2' | 'FARGATE' | undefined) : undefined;
}

/** Whether an AWS::ECS::ClusterCapacityProviderAssociations of the input gives the cluster a default strategy. */
function clusterAssociations(cluster: Resource): boolean {
  return cluster.stack.model.ofType('AWS::ECS::ClusterCapacityProviderAssociations').some((a) => refTarget(a.get('Cluster')) === cluster || a.rawProperties.Cluster === cluster.logicalId);
}

export const ECS: readonly RecordSpec[] = [
  {
    type: 'AWS::ECS::Service',
    noun: 'ECS service',
    role: 'compute',
    recovery: { down: 'ecs-replace' },
    placement: { subnetProperties: ['NetworkConfiguration.AwsvpcConfiguration.Subnets'], whenUnset: 'unknown' },
    capacity(r, model) {
      if (String(r.get('SchedulingStrategy') ?? 'REPLICA').toUpperCase() === 'DAEMON') return undefined; // one task per container instance
      const raw = r.get('DesiredCount');
      const desired = raw === undefined ? 1 : asNumber(raw); // CloudFormation: "a default value of 1 is used"
      if (desired === undefined) return undefined;
      const mins = scalableTargetsOf(model, r, 'ecs:service:DesiredCount').map((t) => ({ min: asNumber(t.get('MinCapacity')), max: asNumber(t.get('MaxCapacity')) }));
      const min = mins.length === 1 ? mins[0].min : undefined;
      const max = mins.length === 1 ? mins[0].max : undefined;
      const units = min !== undefined ? Math.max(desired, min) : desired;
      const source =
        min !== undefined && min >= desired
          ? `Application Auto Scaling MinCapacity ${min}`
          : raw === undefined
            ? 'DesiredCount is not set (CloudFormation default 1)'
            : `DesiredCount ${desired}`;
      // Fargate places the lost tasks in the surviving subnets; the EC2 launch type needs container instances there
      const replaces = ecsLaunchType(r) === 'FARGATE' ? true : undefined;
      return { units, unit: 'task', source, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}), ...(replaces !== undefined ? { replaces } : {}) };
    },
    // one task in whichever of its zones it runs: ZL204; awsvpc subnets in one zone: ZL207
    outage: (r) => (singleUnit(r.stack.model, r) ? { rules: ['ZL204'] } : { rules: ['ZL207'] }),
    live: {
      collector: 'ecs',
      records: 'ecsServices',
      place(r, live, zones) {
        const fromSubnets = zones.subnets((r.rawProperties.NetworkConfiguration as { AwsvpcConfiguration?: { Subnets?: unknown } } | undefined)?.AwsvpcConfiguration?.Subnets);
        if (fromSubnets.length && fromSubnets.every(Boolean)) return liveZonal(fromSubnets);
        // bridge or host networking (EC2 launch type): where its tasks run now
        return liveZonal(((live.tasks as Array<{ zone?: string }>) ?? []).map((t) => zones.byName(t.zone)));
      },
    },
    edges(r, g) {
      for (const tg of refsAt(r, 'LoadBalancers.*.TargetGroupArn')) g.add(tg, r, 'target');
      for (const lb of refsAt(r, 'LoadBalancers.*.LoadBalancerName')) if (lb.type === 'AWS::ElasticLoadBalancing::LoadBalancer') g.add(lb, r, 'target');
    },
  },
  { type: 'AWS::ECS::TaskDefinition', noun: 'ECS task definition', role: 'config' },
  { type: 'AWS::ECS::Cluster', noun: 'ECS cluster', role: 'config' },
  { type: 'AWS::ECS::CapacityProvider', noun: 'ECS capacity provider', role: 'config' },
  { type: 'AWS::ECS::ClusterCapacityProviderAssociations', noun: 'ECS cluster capacity provider associations', role: 'config' },
];
