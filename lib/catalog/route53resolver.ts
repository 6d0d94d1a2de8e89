/** Route 53 Resolver endpoints: one network interface per IP address, each in its subnet's zone. */
import type { RecordSpec } from './types';

export const ROUTE53_RESOLVER: readonly RecordSpec[] = [
  {
    type: 'AWS::Route53Resolver::ResolverEndpoint',
    noun: 'Route 53 Resolver endpoint',
    role: 'network',
    recovery: { down: 'manual-rebuild' },
    placement: { subnetProperties: ['IpAddresses.*.SubnetId'] },
    outage: { rules: ['ZL104'] },
    live: { collector: 'route53resolver', records: 'resolverEndpoints' },
  },
];
