/** EC2 Auto Scaling and Application Auto Scaling. */
import type { Model } from '../model/model';
import type { Resource } from '../model/resource';
import { asNumber, refTarget } from '../model/values';
import { valuesAt } from '../model/placement';
import { liveZonal } from './ec2';
import { singleUnit } from './index';
import { rawReferences } from './common';
import type { RecordSpec } from './types';

/** Resources a property refers to (lists and single values). */
export function refsAt(r: Resource, path: string): Resource[] {
  const out: Resource[] = [];
  for (const v of valuesAt(r, path)) for (const item of Array.isArray(v) ? v : [v]) {
    const t = refTarget(item);
    if (t) out.push(t);
  }
  return out;
}

/**
 * The Application Auto Scaling targets of the input that scale a resource's `dimension` (`ecs:service:DesiredCount`):
 * their ResourceId (`service/<cluster>/<name>`) is built with Fn::Join around references to the resource.
 */
export function scalableTargetsOf(model: Model, r: Resource, dimension: string): Resource[] {
  return model.ofType('AWS::ApplicationAutoScaling::ScalableTarget').filter((t) => t.get('ScalableDimension') === dimension && rawReferences(t.rawProperties.ResourceId).has(r.logicalId) && t.stack === r.stack);
}

export const AUTOSCALING: readonly RecordSpec[] = [
  {
    type: 'AWS::AutoScaling::AutoScalingGroup',
    noun: 'Auto Scaling group',
    role: 'compute',
    recovery: { down: 'asg-replace' },
    placement: { zoneProperties: ['AvailabilityZones'], subnetProperties: ['VPCZoneIdentifier'], whenUnset: 'unknown' },
    capacity(r) {
      const min = asNumber(r.get('MinSize'));
      const max = asNumber(r.get('MaxSize'));
      const desired = asNumber(r.get('DesiredCapacity'));
      const units = desired ?? min;
      if (units === undefined) return undefined;
      const source = desired !== undefined ? `DesiredCapacity ${desired}` : `MinSize ${min}, no DesiredCapacity`;
      return { units, unit: 'instance', source, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}), replaces: true };
    },
    edges(r, g) {
      for (const tg of refsAt(r, 'TargetGroupARNs')) g.add(tg, r, 'target');
      for (const lb of refsAt(r, 'LoadBalancerNames')) if (lb.type === 'AWS::ElasticLoadBalancing::LoadBalancer') g.add(lb, r, 'target');
    },
    // one subnet's zone: ZL202; one instance in whichever of its zones it runs: ZL204
    outage: (r) => (singleUnit(r.stack.model, r) ? { rules: ['ZL204'] } : { rules: ['ZL202'] }),
    live: {
      collector: 'autoscaling',
      records: 'autoScalingGroups',
      place(r, _live, zones) {
        const fromSubnets = zones.subnets(r.rawProperties.VPCZoneIdentifier);
        if (fromSubnets.length && fromSubnets.every(Boolean)) return liveZonal(fromSubnets);
        return liveZonal(((r.rawProperties.AvailabilityZones as string[]) ?? []).map((z) => zones.byName(z)));
      },
    },
  },
  { type: 'AWS::AutoScaling::LaunchConfiguration', noun: 'launch configuration', role: 'config' },
  { type: 'AWS::ApplicationAutoScaling::ScalableTarget', noun: 'scalable target', role: 'config' },
];
