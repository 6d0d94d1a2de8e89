import { defineRule } from '../../../lib/engine/types';
import { minZonesMessage } from '../../../lib/model/describe';
import { knownSubnets } from '../../../lib/model/placement';

export default defineRule({
  id: 'ZL102',
  slug: 'network-firewall-min-zones',
  service: 'networkfirewall',
  title: 'Network Firewall with subnet mappings in fewer zones than minZones',
  severity: 'error',
  resourceTypes: ['AWS::NetworkFirewall::Firewall'],
  options: {
    minZones: { default: 2, description: 'Fewest distinct Availability Zones the subnet mappings of a firewall must cover.' },
  },
  rationale:
    'Network Firewall creates one firewall endpoint per subnet mapping (per zone mapping for a transit gateway-attached ' +
    'firewall), and each endpoint lives in one zone. ' +
    'Traffic routed to an endpoint whose zone fails is dropped: a firewall mapped into one zone stops all inspected ' +
    'traffic (egress, ingress, east-west) of every zone that routes through it when that zone fails.',
  fix: {
    cloudformation: 'add a SubnetMapping in a firewall subnet of each zone (an AvailabilityZoneMapping per zone for a transit gateway-attached firewall), at least minZones, and route each zone\'s subnets to the endpoint of their own zone',
    cdk: 'give the CfnFirewall one subnetMappings entry per zone (e.g. one per vpc.selectSubnets({ subnetGroupName: "firewall" }).subnetIds) and route each zone to its own endpoint',
  },
  check(ctx) {
    const minZones = Number(ctx.options.minZones);
    for (const fw of ctx.resources('AWS::NetworkFirewall::Firewall')) {
      const message = minZonesMessage(
        ctx.model.placement(fw),
        minZones,
        `Network Firewall ${fw.label} has firewall endpoints in`,
        'takes down its only endpoint, and all traffic routed through the firewall, from every zone, is dropped until that zone is back',
        'of endpoints to inspect all traffic',
      );
      if (!message) continue; // unknown placement: never guessed
      const path = fw.get('SubnetMappings') === undefined && fw.get('AvailabilityZoneMappings') !== undefined ? 'Properties.AvailabilityZoneMappings' : 'Properties.SubnetMappings';
      ctx.report({ resource: fw, path, message, related: knownSubnets(fw).map((resource) => ({ resource, role: 'subnet' })) });
    }
  },
});
