/** AWS Batch compute environments. */
import type { RecordSpec } from './types';

export const BATCH: readonly RecordSpec[] = [{ type: 'AWS::Batch::ComputeEnvironment', noun: 'Batch compute environment', role: 'compute', recovery: { down: 'asg-replace' }, placement: { subnetProperties: ['ComputeResources.Subnets'] } }];
