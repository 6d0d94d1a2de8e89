import { ASG_TAG } from '../../../lib/catalog/ec2';
import { defineRule } from '../../../lib/engine/types';
import { placementPhrase, zoneOf } from '../../../lib/model/describe';
import { blockDeviceDataVolumes, isRootDevice, volumeAttachments } from '../../../lib/model/placement';
import type { Resource } from '../../../lib/model/resource';

export default defineRule({
  id: 'ZL206',
  slug: 'ec2-single-instance',
  service: 'ec2',
  title: 'Standalone EC2 instance: a serving single point of failure in one zone',
  severity: 'warning',
  resourceTypes: ['AWS::EC2::Instance'],
  scope: 'graph',
  rationale:
    'An instance outside an Auto Scaling group runs in one zone, and nothing launches a replacement elsewhere when that ' +
    'zone fails: whatever it serves (a web server, a bastion, a NAT instance, a queue worker) is down until the zone ' +
    'recovers or someone rebuilds it by hand. Instances that also keep data on EBS are ZL201.',
  fix: {
    cloudformation: 'run it in an AWS::AutoScaling::AutoScalingGroup over subnets in several zones (MinSize 1 keeps one instance and replaces it in another zone), or in a managed multi-zone service',
    cdk: 'use autoscaling.AutoScalingGroup with vpcSubnets over several zones (minCapacity: 1 replaces a lost instance in another zone) instead of ec2.Instance',
  },
  check(ctx) {
    const withData = new Set<Resource>();
    for (const edge of volumeAttachments(ctx.model)) if (!isRootDevice(edge.device)) withData.add(edge.instance);
    for (const instance of ctx.resources('AWS::EC2::Instance')) {
      // live instances an Auto Scaling group launched carry its tag; template instances never belong to a group
      if (instance.stack.input.origin === 'live' && instance.tags.has(ASG_TAG)) continue;
      if (withData.has(instance) || blockDeviceDataVolumes(instance).length) continue; // ZL201
      const placement = ctx.model.placement(instance);
      const where = zoneOf(placement);
      ctx.report({
        resource: instance,
        message:
          `EC2 instance ${instance.label}${placement.kind === 'unknown' ? '' : ` runs ${placementPhrase(placement)} and`} is not in an Auto Scaling group: ` +
          `when ${where} fails, what it serves is down until the zone recovers, and nothing launches a replacement in another zone.`,
      });
    }
  },
});
