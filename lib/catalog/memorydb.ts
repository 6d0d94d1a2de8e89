/** Amazon MemoryDB clusters: durable in a Multi-AZ transaction log. */
import type { RecordSpec } from './types';

export const MEMORYDB: readonly RecordSpec[] = [
  {
    type: 'AWS::MemoryDB::Cluster',
    noun: 'MemoryDB cluster',
    role: 'data-store',
    recovery: { down: 'memorydb-replace-primary', failover: 'memorydb-failover' },
    store: 'database',
    placement: { subnetGroupProperties: ['SubnetGroupName'] },
    // MemoryDB stores data durably in a Multi-AZ transaction log, whatever the number of replicas
    data: { holds: () => true, copies: () => [{ kind: 'log', text: 'Multi-AZ transaction log' }], decidedBy: [] },
  },
  { type: 'AWS::MemoryDB::SubnetGroup', noun: 'MemoryDB subnet group', role: 'plumbing', placement: { subnetProperties: ['SubnetIds'], subnetEdges: false } },
];

