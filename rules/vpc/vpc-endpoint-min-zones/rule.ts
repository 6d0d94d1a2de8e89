import { reportMinZones } from '../../../lib/engine/min-zones';
import { defineRule } from '../../../lib/engine/types';
import { endpointType } from '../../../lib/catalog/ec2';
import { minZonesMessage } from '../../../lib/model/describe';
import type { Placement } from '../../../lib/model/placement';
import { knownSubnets } from '../../../lib/model/placement';
import type { Resource } from '../../../lib/model/resource';
import { refTarget, valueKey } from '../../../lib/model/values';
import { uniqueZones, type Zone } from '../../../lib/model/zones';

/** The zones of several endpoints together: zonal only when each is placed in known zones. */
function together(placements: readonly Placement[]): Placement {
  const zones: Zone[] = [];
  for (const p of placements) {
    if (p.kind !== 'zonal') return { kind: 'unknown', reason: 'the zone of an endpoint is not known' };
    zones.push(...p.zones);
  }
  return { kind: 'zonal', zones: uniqueZones(zones) };
}

export default defineRule({
  id: 'ZL103',
  slug: 'vpc-endpoint-min-zones',
  service: 'vpc',
  title: 'Interface or Gateway Load Balancer VPC endpoints in fewer zones than minZones',
  severity: 'error',
  scope: 'graph',
  resourceTypes: ['AWS::EC2::VPCEndpoint'],
  options: {
    minZones: { default: 2, description: 'Fewest distinct Availability Zones an interface endpoint, or the Gateway Load Balancer endpoints of one service in one VPC, must cover.' },
  },
  rationale:
    'An interface endpoint has one network interface per subnet, in that subnet\'s zone, and its DNS names resolve only ' +
    'to them: in one zone, losing that zone cuts every zone of the VPC off from the service it fronts. A Gateway Load ' +
    'Balancer endpoint takes exactly one subnet, so the endpoints of one inspection service in a VPC must together ' +
    'cover the zones. Gateway endpoints (S3, DynamoDB) are route-table targets, regional, and never reported.',
  fix: {
    cloudformation: 'list SubnetIds in at least minZones zones for an interface endpoint; create one Gateway Load Balancer endpoint per zone (one subnet each) for the same ServiceName',
    cdk: 'pass subnets that span at least minZones zones to ec2.InterfaceVpcEndpoint (the default selects one subnet per zone); create a CfnVPCEndpoint of type GatewayLoadBalancer in each zone',
  },
  check(ctx) {
    const minZones = Number(ctx.options.minZones);
    const gwlb = new Map<string, Resource[]>();
    for (const ep of ctx.resources('AWS::EC2::VPCEndpoint')) {
      const type = endpointType(ep);
      if (type === 'Interface') {
        reportMinZones(ctx, ep, {
          path: 'Properties.SubnetIds',
          subject: `Interface VPC endpoint ${ep.label} has network interfaces in`,
          onlyZoneLost: 'takes down its only network interfaces, and clients in every zone lose the service it fronts (its DNS names resolve only to these interfaces)',
          leftToServe: 'of network interfaces to serve every client',
        });
      } else if (type === 'GatewayLoadBalancer') {
        // the VPC by resource (Ref and Fn::GetAtt Vpc.VpcId name the same one), or by literal id
        const vpcRef = refTarget(ep.get('VpcId'));
        const vpc = vpcRef ? `${vpcRef.stack.name}/${vpcRef.logicalId}` : valueKey(ep.get('VpcId'));
        const service = valueKey(ep.get('ServiceName'));
        // endpoints of an unknown VPC or service are judged alone: never grouped by guess
        const key = vpc && service ? `${vpc}\u0000${service}` : `\u0000${ep.stack.name}/${ep.logicalId}`;
        const list = gwlb.get(key) ?? [];
        list.push(ep);
        gwlb.set(key, list);
      }
    }
    for (const endpoints of gwlb.values()) {
      const p = together(endpoints.map((e) => ctx.model.placement(e)));
      const first = endpoints[0];
      const others = endpoints.slice(1);
      const subject =
        endpoints.length === 1
          ? `Gateway Load Balancer endpoint ${first.label} is the only endpoint of its service in its VPC, and a Gateway Load Balancer endpoint takes one subnet: it is in`
          : `The ${endpoints.length} Gateway Load Balancer endpoints of one service in one VPC (${endpoints.map((e) => e.label).join(', ')}) are in`;
      const message = minZonesMessage(p, minZones, subject, 'takes down every endpoint of the service, and traffic routed through them for inspection, from every zone, is dropped', 'of endpoints to inspect all traffic');
      if (!message) continue; // unknown placement: never guessed
      ctx.report({
        resource: first,
        path: 'Properties.SubnetIds',
        message,
        fix: 'create a Gateway Load Balancer endpoint for the same ServiceName in a subnet of each other zone, and route each zone to the endpoint of its own zone',
        related: [...others.map((resource) => ({ resource, role: 'endpoint of the same service' })), ...knownSubnets(first).map((resource) => ({ resource, role: 'subnet' }))],
      });
    }
  },
});
