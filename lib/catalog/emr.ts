/** Amazon EMR clusters: single-zone by design (one subnet is used), with HDFS data on their core nodes. */
import type { RecordSpec } from './types';

export const EMR: readonly RecordSpec[] = [
  {
    type: 'AWS::EMR::Cluster',
    noun: 'EMR cluster',
    role: 'compute',
    recovery: { down: 'manual-rebuild' },
    placement: { subnetProperties: ['Instances.Ec2SubnetId', 'Instances.Ec2SubnetIds'] },
    data: { holds: () => true, copies: () => [], decidedBy: ['Instances'] },
  },
];
