/** AWS Network Firewall firewalls: one endpoint per subnet mapping, each in its own zone. */
import type { RecordSpec } from './types';

export const NETWORK_FIREWALL: readonly RecordSpec[] = [
  { type: 'AWS::NetworkFirewall::Firewall', noun: 'Network Firewall', role: 'network', placement: { subnetProperties: ['SubnetMappings.*.SubnetId'] }, live: { collector: 'network-firewall', records: 'firewalls' } },
];
