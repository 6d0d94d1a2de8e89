/** DynamoDB Accelerator (DAX) clusters. */
import type { RecordSpec } from './types';

export const DAX: readonly RecordSpec[] = [
  { type: 'AWS::DAX::Cluster', noun: 'DAX cluster', role: 'data-store', store: 'cache' },
  { type: 'AWS::DAX::SubnetGroup', noun: 'DAX subnet group', role: 'plumbing', placement: { subnetProperties: ['SubnetIds'], subnetEdges: false }, subnetGroup: { places: 'cluster nodes' } },
];
