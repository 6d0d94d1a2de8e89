import { reportMinZones } from '../../../lib/engine/min-zones';
import { defineRule } from '../../../lib/engine/types';

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
    for (const fw of ctx.resources('AWS::NetworkFirewall::Firewall')) {
      // unknown placement: never guessed (reportMinZones reports nothing)
      reportMinZones(ctx, fw, {
        path: fw.get('SubnetMappings') === undefined && fw.get('AvailabilityZoneMappings') !== undefined ? 'Properties.AvailabilityZoneMappings' : 'Properties.SubnetMappings',
        subject: `Network Firewall ${fw.label} has firewall endpoints in`,
        onlyZoneLost: 'takes down its only endpoint, and all traffic routed through the firewall, from every zone, is dropped until that zone is back',
        leftToServe: 'of endpoints to inspect all traffic',
      });
    }
  },
});
