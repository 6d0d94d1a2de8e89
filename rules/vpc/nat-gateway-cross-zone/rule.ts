import { crossZoneDefaultRoutes } from '../../../lib/analysis/paths';
import { defineRule } from '../../../lib/engine/types';
import { zoneLabels } from '../../../lib/model/zones';

/** Default-route targets this rule judges: NAT gateways and NAT instances (other zonal targets are ZL105's). */
export const NAT_TARGETS: ReadonlySet<string> = new Set(['AWS::EC2::NatGateway', 'AWS::EC2::Instance']);

export default defineRule({
  id: 'ZL101',
  slug: 'nat-gateway-cross-zone',
  service: 'vpc',
  title: 'Private subnet routes its egress through a NAT gateway in another zone',
  severity: 'warning',
  scope: 'graph',
  resourceTypes: ['AWS::EC2::Route', 'AWS::EC2::Subnet', 'AWS::EC2::NatGateway'],
  rationale:
    'A NAT gateway lives in one zone. A private subnet whose default route (0.0.0.0/0) goes to a NAT gateway in ' +
    'another zone loses all egress when that other zone fails, although its own zone is healthy: one NAT gateway for ' +
    'many zones (CDK `natGateways: 1`) turns the loss of one zone into the loss of outbound traffic everywhere.',
  fix: {
    cloudformation: "create a NAT gateway in a public subnet of each zone and point each private subnet's default route at the NAT gateway of its own zone (or use one regional NAT gateway)",
    cdk: 'give ec2.Vpc one NAT gateway per zone: omit natGateways (the default) or set it to the number of zones',
  },
  check(ctx) {
    for (const { subnet, subnetZone, route, target, targetKind, targetZones } of crossZoneDefaultRoutes(ctx.model, ctx.resources('AWS::EC2::Subnet'), (t) => NAT_TARGETS.has(t.type))) {
      const natZone = zoneLabels(targetZones);
      ctx.report({
        resource: route,
        path: target.type === 'AWS::EC2::NatGateway' ? 'Properties.NatGatewayId' : 'Properties.InstanceId',
        key: subnet.logicalId,
        message:
          `Subnet ${subnet.label} (${subnetZone.label}) sends its default route to ${targetKind} ${target.label} in ${natZone}: ` +
          `when ${natZone} fails, ${subnet.label} loses all egress even though its own zone is up.`,
        related: [
          { resource: subnet, role: 'subnet' },
          { resource: target, role: targetKind },
        ],
      });
    }
  },
});
