/** Amazon MemoryDB clusters: durable in a Multi-AZ transaction log. */
import type { Resource } from '../model/resource';
import { asNumber } from '../model/values';
import type { RecordSpec } from './types';
import { isSet, reportedBy, spreadOverGroupZones } from './common';
import { liveZonal } from './ec2';

/** CreateCluster's defaults (MemoryDB API reference): one shard, one replica per shard. */
export const MEMORYDB_DEFAULT_SHARDS = 1;
export const MEMORYDB_DEFAULT_REPLICAS = 1;

/** Replicas per shard: NumReplicasPerShard, 1 when not set; undefined when it cannot be decided. */
export function memorydbReplicas(r: Resource): number | undefined {
  const raw = r.get('NumReplicasPerShard');
  return raw === undefined ? MEMORYDB_DEFAULT_REPLICAS : asNumber(raw);
}

export const MEMORYDB: readonly RecordSpec[] = [
  {
    type: 'AWS::MemoryDB::Cluster',
    noun: 'MemoryDB cluster',
    role: 'data-store',
    recovery: { down: 'memorydb-replace-primary', failover: 'memorydb-failover' },
    store: 'database',
    // nodes over the zones of its subnet group (one zone when the group has one)
    placement: { subnetGroupProperties: ['SubnetGroupName'], special: (model, r) => spreadOverGroupZones(model, r, 'MemoryDB nodes spread by the service') },
    capacity: (r) => {
      const shards = r.get('NumShards') === undefined ? MEMORYDB_DEFAULT_SHARDS : asNumber(r.get('NumShards'));
      const replicas = memorydbReplicas(r);
      if (shards === undefined || replicas === undefined) return undefined;
      return { units: shards * (replicas + 1), unit: 'node', source: `${shards} shard${shards === 1 ? '' : 's'} of ${replicas + 1} node${replicas === 0 ? '' : 's'} (NumReplicasPerShard ${replicas})` };
    },
    // a shard's primary fails over to a replica; without one, writes stop until the node is replaced from the log
    failover: { automatic: (r) => (memorydbReplicas(r) === undefined ? undefined : memorydbReplicas(r)! >= 1), decidedBy: ['NumReplicasPerShard'] },
    // MemoryDB stores data durably in a Multi-AZ transaction log, whatever the number of replicas
    data: { holds: () => true, copies: () => [{ kind: 'log', text: 'Multi-AZ transaction log' }], decidedBy: [] },
    policies: {
      snapshot: false,
      replacedBy: 'a change to ClusterName',
      // FinalSnapshotName: MemoryDB takes a final snapshot when the cluster is deleted
      keptOnDelete: (r) => (isSet(r.get('FinalSnapshotName')) ? 'MemoryDB takes a final snapshot (FinalSnapshotName) when it is deleted' : undefined),
    },
    outage: (r) => (memorydbReplicas(r) === 0 ? reportedBy('ZL505') : undefined),
    live: { collector: 'memorydb', records: 'memoryDbClusters', place: (_r, live, zones) => liveZonal(((live.zones as string[]) ?? []).map((z) => zones.byName(z))) },
  },
  { type: 'AWS::MemoryDB::SubnetGroup', noun: 'MemoryDB subnet group', role: 'plumbing', placement: { subnetProperties: ['SubnetIds'], subnetEdges: false }, subnetGroup: { places: 'cluster nodes' } },
];
