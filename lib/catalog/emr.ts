/** Amazon EMR clusters: single-zone by design (one subnet is used), with HDFS data on their core nodes. */
import { subnetsOf, zonesOfSubnets } from '../model/placement';
import { Unknown } from '../model/values';
import type { RecordSpec } from './types';

export const EMR: readonly RecordSpec[] = [
  {
    type: 'AWS::EMR::Cluster',
    noun: 'EMR cluster',
    role: 'compute',
    recovery: { down: 'manual-rebuild' },
    placement: {
      zoneProperties: ['Instances.Placement.AvailabilityZone'],
      subnetProperties: ['Instances.Ec2SubnetId', 'Instances.Ec2SubnetIds'],
      // no subnet: EMR launches in a subnet of the default VPC it picks, one zone
      whenUnset: 'single',
      // instance fleets: "Amazon EMR chooses the Amazon EC2 subnet with the best fit from among the list of
      // RequestedEc2SubnetIds, and then launches all cluster instances within that Subnet" — one zone, picked at launch
      special(model, r) {
        if (r.get('Instances.Placement.AvailabilityZone') !== undefined) return undefined;
        const subnets = subnetsOf(r, ['Instances.Ec2SubnetIds']);
        if (subnets.length < 2) return undefined;
        const zones = zonesOfSubnets(model, subnets);
        if (zones instanceof Unknown) return { kind: 'unknown', reason: zones.reason };
        return zones && zones.length > 1 ? { kind: 'single', among: zones, reason: 'EMR launches every instance in the one subnet of Ec2SubnetIds it picks at launch' } : undefined;
      },
    },
    data: { holds: () => true, copies: () => [], decidedBy: ['Instances'] },
    // terminating the cluster deletes HDFS on its core nodes; data kept in S3 (EMRFS) is not affected
    policies: { snapshot: false, replacedBy: 'a change to ReleaseLabel or Instances' },
    outage: { rules: ['ZL213'] },
  },
];
