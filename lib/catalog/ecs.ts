/** Amazon ECS services (and the task definitions and clusters they name). */
import { asNumber } from '../model/values';
import type { RecordSpec } from './types';
import { singleUnit } from './index';
import { refsAt, scalableTargetsOf } from './autoscaling';
import { liveZonal } from './ec2';

export const ECS: readonly RecordSpec[] = [
  {
    type: 'AWS::ECS::Service',
    noun: 'ECS service',
    role: 'compute',
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
      const launch = String(r.get('LaunchType') ?? (r.get('CapacityProviderStrategy') !== undefined ? '' : 'EC2')).toUpperCase();
      const replaces = launch === 'FARGATE' ? true : undefined;
      return { units, unit: 'task', source, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}), ...(replaces !== undefined ? { replaces } : {}) };
    },
    // one task or node in whichever of its zones it runs: ZL204; in one zone: ZL903
    outage: (r) => (singleUnit(r.stack.model, r) ? { rules: ['ZL204'] } : undefined),
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
];
