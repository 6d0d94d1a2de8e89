import { reportMinZones } from '../../../lib/engine/min-zones';
import { defineRule } from '../../../lib/engine/types';
import { asString } from '../../../lib/model/values';

/** What depends on an endpoint, by direction. */
const CLIENTS: Record<string, string> = {
  INBOUND: "DNS queries your network forwards to it fail (clients outside the VPC can no longer resolve the VPC's names and private hosted zones)",
  OUTBOUND: 'the queries its Resolver rules forward to your network fail (those names stop resolving in the VPC)',
};

export default defineRule({
  id: 'ZL104',
  slug: 'resolver-endpoint-min-zones',
  service: 'route53resolver',
  title: 'Route 53 Resolver endpoint with its IP addresses in fewer zones than minZones',
  severity: 'error',
  resourceTypes: ['AWS::Route53Resolver::ResolverEndpoint'],
  options: {
    minZones: { default: 2, description: 'Fewest distinct Availability Zones the IP addresses (subnets) of a Resolver endpoint must cover.' },
  },
  rationale:
    'A Resolver endpoint answers or forwards DNS queries through one network interface per IP address, in the zone of ' +
    'that address\'s subnet. Route 53 requires two IP addresses but not two zones: with both in one zone, losing that ' +
    'zone stops hybrid DNS resolution altogether. AWS recommends IP addresses in at least two zones.',
  fix: {
    cloudformation: 'give IpAddresses subnets in at least minZones zones (one IP address per zone at least)',
    cdk: 'pass ipAddresses whose subnetId values come from subnets in different zones (e.g. vpc.privateSubnets.map((s) => ({ subnetId: s.subnetId })))',
  },
  check(ctx) {
    for (const ep of ctx.resources('AWS::Route53Resolver::ResolverEndpoint')) {
      const direction = asString(ep.get('Direction'))?.toUpperCase() ?? '';
      // unknown placement: never guessed (reportMinZones reports nothing)
      reportMinZones(ctx, ep, {
        path: 'Properties.IpAddresses',
        subject: `Route 53 Resolver endpoint ${ep.label}${direction ? ` (${direction})` : ''} has its IP addresses in`,
        onlyZoneLost: `takes down every IP address of the endpoint, and ${CLIENTS[direction] ?? 'every DNS query it answers or forwards fails'}`,
        leftToServe: 'of IP addresses to take all queries',
      });
    }
  },
});
