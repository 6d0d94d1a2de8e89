/** DynamoDB Accelerator (DAX) clusters. */
import type { RecordSpec } from './types';

export const DAX: readonly RecordSpec[] = [
  { type: 'AWS::DAX::Cluster', noun: 'DAX cluster', role: 'data-store', recovery: { down: 'cache-recreate' }, store: 'cache' },
  { type: 'AWS::DAX::SubnetGroup', noun: 'DAX subnet group', role: 'plumbing', placement: { subnetProperties: ['SubnetIds'], subnetEdges: false } },
];
