import { defineRule } from '../../../lib/engine/types';
import { pushTo } from '../../../lib/util/multimap';
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

/**
 * Instances of one type grouped once by the cluster they name, so that each cluster looks only at its own instances
 * (linear in the number of instances, however many clusters there are).
 */
class MemberIndex {
  private readonly byCluster = new Map<Resource, Resource[]>();
  private readonly byName = new Map<string, Resource[]>();
  /** Instances whose cluster cannot be decided: they may belong to any cluster of their own stack. */
  private readonly undecidedByStack = new Map<unknown, Resource[]>();
  private readonly order = new Map<Resource, number>();

  constructor(instances: readonly Resource[]) {
    instances.forEach((inst, i) => {
      this.order.set(inst, i);
      const ref = inst.get('DBClusterIdentifier');
      if (ref instanceof ResourceRef) pushTo(this.byCluster, ref.target, inst);
      else if (typeof ref === 'string') pushTo(this.byName, ref.toLowerCase(), inst);
      else if (ref instanceof Unknown) pushTo(this.undecidedByStack, inst.stack, inst);
    });
  }

  members(cluster: Resource): Members {
    const name = asString(cluster.get('DBClusterIdentifier'))?.toLowerCase();
    const named = [...(this.byCluster.get(cluster) ?? []), ...((name !== undefined && this.byName.get(name)) || [])];
    const candidates = [...new Set(named)].map((inst) => ({ inst, belongs: true as boolean | undefined }));
    for (const inst of this.undecidedByStack.get(cluster.stack) ?? []) candidates.push({ inst, belongs: undefined });
    candidates.sort((x, y) => this.order.get(x.inst)! - this.order.get(y.inst)!);
    const sure: Resource[] = [];
    const notCreated: Resource[] = [];
    let maybe = 0;
    for (const { inst, belongs } of candidates) {
      const exists = inst.created;
      if (exists === false) {
        if (belongs) notCreated.push(inst);
        continue;
      }
      if (belongs === true && exists === true) sure.push(inst);
      else maybe++;
    }
    return { sure, maybe, notCreated };
  }
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
    const indexes = new Map<string, MemberIndex>();
    const indexFor = (type: string) => {
      let index = indexes.get(type);
      if (!index) indexes.set(type, (index = new MemberIndex(ctx.model.ofType(type))));
      return index;
    };
    for (const cluster of ctx.resources(...Object.keys(INSTANCE_TYPE))) {
      if (!needsInstances(cluster)) continue;
      const { sure, maybe, notCreated } = indexFor(INSTANCE_TYPE[cluster.type]).members(cluster);
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
