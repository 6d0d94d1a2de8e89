import { crossZoneDefaultRoutes } from '../../../lib/analysis/paths';
import { defineRule } from '../../../lib/engine/types';
import { zoneLabels } from '../../../lib/model/zones';

/**
 * Default-route targets this rule judges, with what the subnet loses through them. NAT gateways and NAT instances
 * (`InstanceId`) are ZL101's; transit gateways and internet gateways are regional.
 */
const TARGETS: Record<string, { path: string; loses: string }> = {
  'AWS::NetworkFirewall::Firewall': { path: 'Properties.VpcEndpointId', loses: 'traffic it sends through the firewall (its egress and inspection)' },
  'AWS::EC2::VPCEndpoint': { path: 'Properties.VpcEndpointId', loses: 'traffic it sends through the endpoint (its egress and inspection by the appliances behind it)' },
  'AWS::EC2::NetworkInterface': { path: 'Properties.NetworkInterfaceId', loses: 'traffic it sends through the appliance behind that network interface' },
};

export default defineRule({
  id: 'ZL105',
  slug: 'route-cross-zone-target',
  service: 'vpc',
  title: 'Default route to a firewall, Gateway Load Balancer endpoint or appliance interface in another zone',
  severity: 'warning',
  scope: 'graph',
  resourceTypes: ['AWS::EC2::Route', 'AWS::EC2::Subnet', ...Object.keys(TARGETS)],
  rationale:
    'A Network Firewall endpoint, a Gateway Load Balancer endpoint and an appliance\'s network interface each live in ' +
    'one zone. A subnet whose default route (0.0.0.0/0 or ::/0) goes to one in another zone loses its egress and ' +
    'inspection when that other zone fails, although its own zone is healthy: one inspection point for many zones ' +
    'turns the loss of one zone into the loss of outbound traffic everywhere.',
  fix: {
    cloudformation: "give each zone its own firewall or Gateway Load Balancer endpoint (or appliance) and point the default route of each zone's route table at the one in its own zone",
    cdk: "create one route table per zone and add the default route to the endpoint of the same zone (e.g. in a loop over vpc.availabilityZones)",
  },
  check(ctx) {
    for (const { subnet, subnetZone, route, target, targetKind, targetZones, ipv6 } of crossZoneDefaultRoutes(ctx.model, ctx.resources('AWS::EC2::Subnet'), (t) => t.type in TARGETS, true)) {
      const spec = TARGETS[target.type];
      const where = targetZones.length === 1 ? targetZones[0].label : `one of ${zoneLabels(targetZones)}`;
      const lost = targetZones.length === 1 ? `when ${where} fails` : `when the zone of that endpoint fails`;
      ctx.report({
        resource: route,
        path: spec.path,
        key: subnet.logicalId,
        message:
          `Subnet ${subnet.label} (${subnetZone.label}) sends its ${ipv6 ? 'IPv6 ' : ''}default route (${ipv6 ? '::/0' : '0.0.0.0/0'}) to ${targetKind} ${target.label} in ${where}: ` +
          `${lost}, ${subnet.label} loses all ${ipv6 ? 'IPv6 ' : ''}${spec.loses}, even though its own zone is up.`,
        related: [
          { resource: subnet, role: 'subnet' },
          { resource: target, role: targetKind },
        ],
      });
    }
  },
});
