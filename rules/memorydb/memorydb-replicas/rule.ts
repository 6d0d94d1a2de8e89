import { memorydbReplicas } from '../../../lib/catalog/memorydb';
import { defineRule } from '../../../lib/engine/types';
import { asNumber } from '../../../lib/model/values';

export default defineRule({
  id: 'ZL505',
  slug: 'memorydb-replicas',
  service: 'memorydb',
  title: 'MemoryDB cluster without a replica per shard: no failover when a primary\'s zone fails',
  severity: 'warning',
  resourceTypes: ['AWS::MemoryDB::Cluster'],
  rationale:
    'MemoryDB keeps the data in a Multi-AZ transaction log, so a zone loss loses no committed write. But a shard with ' +
    'no replica has nothing to fail over to: when the zone of its only node fails, the shard stops serving reads and ' +
    'writes until MemoryDB replaces the node and replays it from the log, instead of promoting a replica in seconds.',
  fix: {
    cloudformation: 'set NumReplicasPerShard: 1 or more (its default is 1) with a subnet group in two or more zones',
    cdk: 'on memorydb.CfnCluster set numReplicasPerShard: 1 or more (or leave it unset: 1) and a subnet group spanning several zones',
  },
  check(ctx) {
    for (const cluster of ctx.resources('AWS::MemoryDB::Cluster')) {
      if (memorydbReplicas(cluster) !== 0) continue; // replicas (the default 1), or not decidable before deployment
      const shards = cluster.get('NumShards') === undefined ? 1 : asNumber(cluster.get('NumShards'));
      const each = shards === 1 ? 'its one shard runs on a single node' : `each of its ${shards ?? ''} shards runs on a single node`.replace('  ', ' ');
      ctx.report({
        resource: cluster,
        path: 'Properties.NumReplicasPerShard',
        message:
          `MemoryDB cluster ${cluster.label} has no replicas (NumReplicasPerShard 0): ${each}. When a node's zone fails, its shard ` +
          'stops taking reads and writes until MemoryDB replaces the node and replays it from the transaction log; with a replica in ' +
          'another zone it would fail over instead. The data itself is safe in the Multi-AZ transaction log. Set NumReplicasPerShard to 1 or more.',
      });
    }
  },
});
