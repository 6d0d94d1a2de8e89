import { daxNodes } from '../../../lib/catalog/dax';
import { defineRule } from '../../../lib/engine/types';
import { placementPhrase, zoneOf } from '../../../lib/model/describe';

export default defineRule({
  id: 'ZL507',
  slug: 'dax-replication',
  service: 'dax',
  title: 'DAX cluster with a single node, or every node in one zone',
  severity: 'warning',
  resourceTypes: ['AWS::DAX::Cluster'],
  rationale:
    'A DAX cluster fails over to a read replica in another zone when its primary fails. With ReplicationFactor 1 there ' +
    'is no replica, and with every node in one zone there is none outside it: when that zone fails, every request through ' +
    'the DAX client fails until the cluster is back. DynamoDB keeps the data; what is lost is the cache and the path to it.',
  fix: {
    cloudformation: 'set ReplicationFactor: 3 (one primary, two replicas) and leave AvailabilityZones unset, or list different zones, with a subnet group in three zones',
    cdk: 'on dax.CfnCluster set replicationFactor: 3 and no availabilityZones (or different ones), with a subnet group spanning three zones',
  },
  check(ctx) {
    for (const cluster of ctx.resources('AWS::DAX::Cluster')) {
      const nodes = daxNodes(cluster);
      const p = ctx.model.placement(cluster);
      const oneZone = p.kind === 'zonal' && p.zones.length === 1;
      if (nodes !== 1 && !oneZone) continue; // replicas in several zones, or not decidable before deployment
      const where = p.kind === 'unknown' || p.kind === 'regional' ? '' : ` ${placementPhrase(p)}`;
      const why =
        nodes === 1
          ? `it is a single node${where} (ReplicationFactor 1), with no read replica to fail over to`
          : `${nodes === 2 ? 'both' : `all ${nodes ?? 'its'}`} nodes are ${placementPhrase(p)}${cluster.get('AvailabilityZones') !== undefined ? ' (AvailabilityZones)' : ' (its subnet group has one zone)'}`;
      ctx.report({
        resource: cluster,
        path: nodes === 1 ? 'Properties.ReplicationFactor' : cluster.get('AvailabilityZones') !== undefined ? 'Properties.AvailabilityZones' : 'Properties.SubnetGroupName',
        message:
          `DAX cluster ${cluster.label} cannot survive the loss of ${zoneOf(p, 'its zone')}: ${why}. When that zone fails, reads and writes through ` +
          'the DAX client fail until the cluster is back; the data is safe in DynamoDB, but the application must reach it without DAX. ' +
          'Run three nodes in three zones.',
      });
    }
  },
});
