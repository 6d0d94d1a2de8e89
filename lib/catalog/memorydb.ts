/** Amazon MemoryDB clusters: durable in a Multi-AZ transaction log. */
import type { RecordSpec } from './types';
import { liveZonal } from './ec2';

export const MEMORYDB: readonly RecordSpec[] = [
  {
    type: 'AWS::MemoryDB::Cluster',
    noun: 'MemoryDB cluster',
    role: 'data-store',
    store: 'database',
    placement: { subnetGroupProperties: ['SubnetGroupName'] },
    // MemoryDB stores data durably in a Multi-AZ transaction log, whatever the number of replicas
    data: { holds: () => true, copies: () => [{ kind: 'log', text: 'Multi-AZ transaction log' }], decidedBy: [] },
    // the subnet group is not read: its nodes' zones place it
    live: { collector: 'memorydb', records: 'memoryDbClusters', place: (_r, live, zones) => liveZonal(((live.zones as string[]) ?? []).map((z) => zones.byName(z))) },
  },
  { type: 'AWS::MemoryDB::SubnetGroup', noun: 'MemoryDB subnet group', role: 'plumbing', placement: { subnetProperties: ['SubnetIds'], subnetEdges: false } },
];

