import { CLUSTER_MEMBER_TYPE, clusterKind, clusterMembers, needsInstances } from '../../../lib/catalog/rds';
import { defineRule } from '../../../lib/engine/types';
import { placementPhrase } from '../../../lib/model/describe';
import { uniqueZones, zoneLabels, type Zone } from '../../../lib/model/zones';

export default defineRule({
  id: 'ZL303',
  slug: 'db-cluster-failover',
  service: 'rds',
  title: 'Aurora, DocumentDB or Neptune cluster with no instance to fail over to in another zone',
  severity: 'error',
  resourceTypes: Object.keys(CLUSTER_MEMBER_TYPE),
  scope: 'graph',
  rationale:
    'Cluster storage spans three zones, but the database is only up while an instance runs. With one instance, or all ' +
    'instances in one zone, losing that zone leaves no replica to promote: the cluster is down until a new instance is ' +
    'created elsewhere (10 minutes or more, capacity permitting) instead of failing over in about a minute.',
  fix: {
    cloudformation: 'add a second DB instance with DBClusterIdentifier: !Ref <cluster>, and do not pin all instances to one AvailabilityZone',
    cdk: 'give the cluster a reader (rds.DatabaseCluster readers: [rds.ClusterInstance.provisioned(...)], docdb instances: 2) and do not pin all instances to one zone',
  },
  check(ctx) {
    for (const cluster of ctx.resources(...Object.keys(CLUSTER_MEMBER_TYPE))) {
      if (!needsInstances(cluster)) continue;
      const { sure, maybe, notCreated } = clusterMembers(ctx.model, cluster);
      const kind = clusterKind(cluster);
      const related = sure.map((resource) => ({ resource, role: 'DB instance' }));
      // No instance in the input: they are defined elsewhere (another stack or template) and cannot be judged here.
      if (sure.length === 0 || maybe > 0 && sure.length + maybe >= 2) continue;
      if (sure.length === 1) {
        const only = sure[0];
        ctx.report({
          resource: cluster,
          key: 'single-instance',
          related,
          message:
            `${kind} ${cluster.label} has a single DB instance, ${only.label} (${placementPhrase(ctx.model.placement(only))}): ` +
            'when that zone fails there is no replica in another zone to promote, and the cluster is down until a new ' +
            'instance is created (10 minutes or more, capacity permitting).' +
            notCreated.map((i) => ` ${i.label} is not created: its condition ${String(i.raw.Condition)} is false with the parameter defaults.`).join(''),
        });
        continue;
      }
      if (maybe > 0) continue;
      const zones: Zone[] = [];
      for (const inst of sure) {
        const p = ctx.model.placement(inst);
        if (p.kind !== 'zonal') {
          zones.length = 0;
          break;
        }
        zones.push(...p.zones);
      }
      const distinct = uniqueZones(zones);
      if (distinct.length !== 1) continue;
      ctx.report({
        resource: cluster,
        key: 'one-zone',
        related,
        message:
          `${sure.length === 2 ? 'Both' : `All ${sure.length}`} DB instances of ${kind} ${cluster.label} (${sure.map((i) => i.label).join(', ')}) are ${cluster.stack.input.origin === 'live' ? 'in' : 'pinned to'} ` +
          `${zoneLabels(distinct)}: when that zone fails the cluster has no instance left to fail over to.`,
        fix: 'move at least one instance to another zone: change or remove its AvailabilityZone (CDK: availabilityZone of the instance)',
      });
    }
  },
});
