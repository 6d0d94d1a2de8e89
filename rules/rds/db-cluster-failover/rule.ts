import { defineRule } from '../../../lib/engine/types';
import type { Model } from '../../../lib/model/model';
import type { Resource } from '../../../lib/model/resource';
import { placementPhrase } from '../../../lib/model/describe';
import { ResourceRef, Unknown, asString } from '../../../lib/model/values';
import { uniqueZones, zoneLabels, type Zone } from '../../../lib/model/zones';

/** Cluster type → the type of its DB instances. */
const INSTANCE_TYPE: Record<string, string> = {
  'AWS::RDS::DBCluster': 'AWS::RDS::DBInstance',
  'AWS::DocDB::DBCluster': 'AWS::DocDB::DBInstance',
  'AWS::Neptune::DBCluster': 'AWS::Neptune::DBInstance',
};

function clusterKind(c: Resource): string {
  if (c.type === 'AWS::DocDB::DBCluster') return 'DocumentDB cluster';
  if (c.type === 'AWS::Neptune::DBCluster') return 'Neptune cluster';
  return String(c.get('Engine') ?? '').toLowerCase().startsWith('aurora') ? 'Aurora cluster' : 'RDS DB cluster';
}

/** Whether the resource is created: its Condition evaluated with parameter defaults; undefined when undecidable. */
function created(r: Resource): boolean | undefined {
  const name = r.raw.Condition;
  if (name === undefined) return true;
  if (typeof name !== 'string') return undefined;
  const v = r.stack.resolver.condition(name);
  return v instanceof Unknown ? undefined : v;
}

/**
 * Clusters whose availability depends on their instances: Aurora (provisioned and Serverless v2), DocumentDB and
 * Neptune. Aurora Serverless v1 (EngineMode serverless) is a regional service; a Multi-AZ DB cluster
 * (DBClusterInstanceClass) has three instances in three zones by construction.
 */
function needsInstances(c: Resource): boolean {
  if (c.type !== 'AWS::RDS::DBCluster') return true;
  if (c.get('DBClusterInstanceClass') !== undefined) return false;
  const mode = c.get('EngineMode');
  if (mode instanceof Unknown) return false;
  return String(mode ?? 'provisioned').toLowerCase() !== 'serverless';
}

interface Members {
  /** Instances that belong to the cluster and are created with the template's defaults. */
  readonly sure: Resource[];
  /** Instances that may belong to it or may be created, which the template alone cannot decide. */
  readonly maybe: number;
  /** Members whose Condition is false with the parameter defaults. */
  readonly notCreated: Resource[];
}

function membersOf(model: Model, cluster: Resource): Members {
  const name = asString(cluster.get('DBClusterIdentifier'))?.toLowerCase();
  const sure: Resource[] = [];
  let maybe = 0;
  const notCreated: Resource[] = [];
  for (const inst of model.ofType(INSTANCE_TYPE[cluster.type])) {
    const ref = inst.get('DBClusterIdentifier');
    let belongs: boolean | undefined;
    if (ref instanceof ResourceRef) belongs = ref.target === cluster;
    else if (typeof ref === 'string') belongs = name !== undefined && ref.toLowerCase() === name;
    else if (ref instanceof Unknown) belongs = inst.stack === cluster.stack ? undefined : false;
    else belongs = false;
    if (belongs === false) continue;
    const exists = created(inst);
    if (exists === false) {
      if (belongs) notCreated.push(inst);
      continue;
    }
    if (belongs === true && exists === true) sure.push(inst);
    else maybe++;
  }
  return { sure, maybe, notCreated };
}

export default defineRule({
  id: 'ZL303',
  slug: 'db-cluster-failover',
  service: 'rds',
  title: 'Aurora, DocumentDB or Neptune cluster with no instance to fail over to in another zone',
  severity: 'error',
  resourceTypes: Object.keys(INSTANCE_TYPE),
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
    for (const cluster of ctx.resources(...Object.keys(INSTANCE_TYPE))) {
      if (!needsInstances(cluster) || created(cluster) === false) continue;
      const { sure, maybe, notCreated } = membersOf(ctx.model, cluster);
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
