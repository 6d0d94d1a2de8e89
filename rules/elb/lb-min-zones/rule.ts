import { reportMinZones } from '../../../lib/engine/min-zones';
import { defineRule } from '../../../lib/engine/types';

const KINDS: Record<string, string> = { application: 'Application Load Balancer', network: 'Network Load Balancer', gateway: 'Gateway Load Balancer' };

export default defineRule({
  id: 'ZL601',
  slug: 'lb-min-zones',
  service: 'elb',
  title: 'Load balancer in fewer zones than minZones',
  severity: 'error',
  resourceTypes: ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancing::LoadBalancer'],
  options: {
    minZones: { default: 2, description: 'Fewest distinct Availability Zones a load balancer must have nodes in.' },
  },
  rationale:
    'A load balancer has nodes only in the zones of its subnets, and DNS hands clients only those nodes. In one zone, ' +
    'losing that zone takes the entry point down, even when the targets behind it run in other zones.',
  fix: {
    cloudformation: 'list Subnets or SubnetMappings (AvailabilityZones for a Classic Load Balancer) in at least minZones zones, one subnet per zone',
    cdk: 'pass vpcSubnets that span at least minZones zones (e.g. { subnetType: ec2.SubnetType.PUBLIC } of a VPC with maxAzs >= 2)',
  },
  check(ctx) {
    for (const lb of ctx.resources('AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancing::LoadBalancer')) {
      const classic = lb.type === 'AWS::ElasticLoadBalancing::LoadBalancer';
      const kind = classic ? 'Classic Load Balancer' : (KINDS[String(lb.get('Type') ?? 'application')] ?? 'Load balancer');
      // unknown placement: never guessed
      reportMinZones(ctx, lb, {
        path: classic ? (lb.get('Subnets') !== undefined ? 'Properties.Subnets' : 'Properties.AvailabilityZones') : lb.get('SubnetMappings') !== undefined ? 'Properties.SubnetMappings' : 'Properties.Subnets',
        subject: `${kind} ${lb.label} has nodes in`,
        onlyZoneLost: 'takes down its only nodes, and clients get no answer even from targets in other zones',
        leftToServe: 'of nodes to take all traffic',
      });
    }
  },
});
