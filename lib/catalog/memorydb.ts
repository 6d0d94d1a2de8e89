/** Amazon MemoryDB clusters: durable in a Multi-AZ transaction log. */
import type { RecordSpec } from './types';
import { isSet } from './common';

export const MEMORYDB: readonly RecordSpec[] = [
  {
    type: 'AWS::MemoryDB::Cluster',
    noun: 'MemoryDB cluster',
    role: 'data-store',
    store: 'database',
    placement: { subnetGroupProperties: ['SubnetGroupName'] },
    // MemoryDB stores data durably in a Multi-AZ transaction log, whatever the number of replicas
    data: { holds: () => true, copies: () => [{ kind: 'log', text: 'Multi-AZ transaction log' }], decidedBy: [] },
    policies: {
      snapshot: false,
      replacedBy: 'a change to ClusterName',
      // FinalSnapshotName: MemoryDB takes a final snapshot when the cluster is deleted
      keptOnDelete: (r) => (isSet(r.get('FinalSnapshotName')) ? 'MemoryDB takes a final snapshot (FinalSnapshotName) when it is deleted' : undefined),
    },
  },
  { type: 'AWS::MemoryDB::SubnetGroup', noun: 'MemoryDB subnet group', role: 'plumbing', placement: { subnetProperties: ['SubnetIds'], subnetEdges: false }, subnetGroup: { places: 'cluster nodes' } },
];

