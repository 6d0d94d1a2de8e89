/** AWS Batch compute environments. */
import type { RecordSpec } from './types';

export const BATCH: readonly RecordSpec[] = [{ type: 'AWS::Batch::ComputeEnvironment', noun: 'Batch compute environment', role: 'compute', placement: { subnetProperties: ['ComputeResources.Subnets'] } }];
