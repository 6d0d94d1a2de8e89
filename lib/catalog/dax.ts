/** DynamoDB Accelerator (DAX) clusters. */
import type { RecordSpec } from './types';
import { liveZonal } from './ec2';

export const DAX: readonly RecordSpec[] = [
  {
    type: 'AWS::DAX::Cluster',
    noun: 'DAX cluster',
    role: 'data-store',
    store: 'cache',
    live: { collector: 'dax', records: 'daxClusters', tally: 'caches', place: (_r, live, zones) => liveZonal(((live.zones as string[]) ?? []).map((z) => zones.byName(z))) },
  },
  { type: 'AWS::DAX::SubnetGroup', noun: 'DAX subnet group', role: 'plumbing', placement: { subnetProperties: ['SubnetIds'], subnetEdges: false } },
];
