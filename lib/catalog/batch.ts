/** AWS Batch compute environments. */
import type { RecordSpec } from './types';

export const BATCH: readonly RecordSpec[] = [
  {
    type: 'AWS::Batch::ComputeEnvironment',
    noun: 'Batch compute environment',
    role: 'compute',
    recovery: { down: 'asg-replace' },
    // managed environments (EC2, SPOT, FARGATE, FARGATE_SPOT) launch only in these subnets; UNMANAGED ones name none
    placement: { subnetProperties: ['ComputeResources.Subnets'] },
    outage: { rules: ['ZL212'] },
  },
];
