/** AWS Network Firewall firewalls: one endpoint per subnet mapping, each in its own zone. */
import type { RecordSpec } from './types';

export const NETWORK_FIREWALL: readonly RecordSpec[] = [
  {
    type: 'AWS::NetworkFirewall::Firewall',
    noun: 'Network Firewall',
    role: 'network',
    recovery: { down: 'manual-rebuild' },
    // a VPC firewall has an endpoint per subnet mapping; a transit gateway-attached one per AvailabilityZoneMapping
    placement: { zoneProperties: ['AvailabilityZoneMappings.*.AvailabilityZone'], subnetProperties: ['SubnetMappings.*.SubnetId'] },
    // fewer zones than minZones (ZL102); routes from other zones through one zone's endpoint (ZL105)
    outage: { rules: ['ZL102'] },
    live: { collector: 'network-firewall', records: 'firewalls' },
  },
];
