/** Amazon RDS: DB instances, DB clusters (Aurora and Multi-AZ DB clusters), DB subnet groups. */
import type { Model } from '../model/model';
import type { Resource } from '../model/resource';
import { spreadOverGroup } from '../model/placement';
import { ResourceRef, Unknown, asBoolean, asString } from '../model/values';
import { pushTo } from '../util/multimap';
import type { DataCopy, DataSpec, RecordSpec, SubnetGroupSpec } from './types';
import { flag, isSet, multiAzPlacement, refOrRaw, retentionCopies } from './common';
import { liveZonal } from './ec2';

/** Cluster members keep no data of their own; read replicas copy their source's. */
export function isMemberOrReplica(r: Resource): boolean {
  return ['DBClusterIdentifier', 'SourceDBInstanceIdentifier', 'SourceDBClusterIdentifier'].some((p) => isSet(r.get(p)));
}

/** Aurora storage keeps six copies over three zones: a cluster's data is never in one zone only. */
const CLUSTER_STORAGE: DataCopy = { kind: 'replica', text: 'cluster storage replicated across three zones' };

/** A cluster's data: its storage over three zones, plus its automated backups. */
const CLUSTER_DATA: DataSpec = {
  holds: () => true,
  copies: (r) => {
    const backups = retentionCopies(r, 'BackupRetentionPeriod', 1, 'point-in-time', 'automated backups');
    return backups instanceof Unknown ? [CLUSTER_STORAGE] : [CLUSTER_STORAGE, ...backups];
  },
  decidedBy: ['BackupRetentionPeriod'],
};

/**
 * RDS, DocumentDB and Neptune refuse a DB subnet group whose subnets do not cover at least two zones
 * (DBSubnetGroupDoesNotCoverEnoughAZs: "Subnets in the DB subnet group should cover at least two Availability Zones
 * unless there is only one Availability Zone").
 */
export function rdsSubnetGroup(places: string): SubnetGroupSpec {
  return { places, requires: { zones: 2, error: 'DBSubnetGroupDoesNotCoverEnoughAZs' } };
}

export const DB_INSTANCE_MEMBER_OUTAGE = 'a DB instance of a cluster: the cluster fails over to another instance, and its availability is judged at the cluster (ZL303)';

export const RDS: readonly RecordSpec[] = [
  {
    type: 'AWS::RDS::DBInstance',
    noun: 'RDS DB instance',
    role: 'data-store',
    recovery: {
      down: (r) => (isSet(r.get('SourceDBInstanceIdentifier')) || isSet(r.get('SourceDBClusterIdentifier')) ? 'rds-recreate-replica' : 'rds-restore'),
      failover: 'rds-multi-az-instance',
      replica: 'rds-promote-replica',
      sizeProperty: 'AllocatedStorage',
    },
    store: 'database',
    clusterProperty: 'DBClusterIdentifier',
    placement: {
      zoneProperties: ['AvailabilityZone'],
      subnetGroupProperties: ['DBSubnetGroupName'],
      whenUnset: 'single',
      special: (model, r) => (r.get('DBClusterIdentifier') !== undefined ? undefined : multiAzPlacement(model, r, 'MultiAZ', 'Multi-AZ DB instance')), // a member sits in one zone
    },
    failover: { automatic: (r) => (r.get('DBClusterIdentifier') !== undefined ? undefined : asBoolean(r.get('MultiAZ')) === true), decidedBy: ['MultiAZ'] },
    data: {
      holds: (r) => !isMemberOrReplica(r),
      copies: (r) => retentionCopies(r, 'BackupRetentionPeriod', 1, 'point-in-time', 'automated backups'),
      decidedBy: ['BackupRetentionPeriod', 'DBClusterIdentifier', 'SourceDBInstanceIdentifier'],
    },
    policies: {
      snapshot: true,
      defaultDeletion: (r) => (r.rawProperties.DBClusterIdentifier === undefined ? 'Snapshot' : 'Delete'),
      replacedBy: 'a change to Engine or DBInstanceIdentifier',
      protectedBy: flag('DeletionProtection'),
    },
    edges(r, g) {
      // CDK writes the source as an ARN built with Fn::Join around a Ref: follow the raw reference too
      const source = refOrRaw(r, 'SourceDBInstanceIdentifier', 'AWS::RDS::DBInstance') ?? refOrRaw(r, 'SourceDBClusterIdentifier', 'AWS::RDS::DBCluster');
      if (source) g.add(r, source, 'replica-of');
    },
    outage: (r) => {
      if (r.get('DBClusterIdentifier') !== undefined) return { byDesign: DB_INSTANCE_MEMBER_OUTAGE };
      if (isSet(r.get('SourceDBInstanceIdentifier')) || isSet(r.get('SourceDBClusterIdentifier'))) return undefined; // a read replica: ZL903
      return { rules: ['ZL301'] };
    },
    live: {
      collector: 'rds',
      records: 'dbInstances',
      tally: 'databases',
      place(r, live, zones) {
        const multi = r.rawProperties.MultiAZ === true;
        if (multi && !live.secondaryZone) return undefined; // standby zone not reported: let the model decide
        return liveZonal([zones.byName(live.zone), ...(multi ? [zones.byName(live.secondaryZone)] : [])]);
      },
    },
  },
  {
    type: 'AWS::RDS::DBCluster',
    noun: 'RDS DB cluster',
    role: 'data-store',
    recovery: { down: (r) => (r.get('DBClusterInstanceClass') !== undefined ? 'rds-restore' : 'aurora-recreate-writer'), failover: (r) => (r.get('DBClusterInstanceClass') !== undefined ? 'rds-multi-az-cluster' : 'aurora-replica-failover'), replica: 'rds-promote-replica', sizeProperty: 'AllocatedStorage' },
    store: 'database',
    placement: {
      zoneProperties: ['AvailabilityZones'],
      subnetGroupProperties: ['DBSubnetGroupName'],
      // Aurora storage and Multi-AZ DB clusters span three zones; compute availability is the instances' business
      special: (model, r) => (r.get('DBClusterInstanceClass') !== undefined ? spreadOverGroup(model, r, 'Multi-AZ DB cluster') : { kind: 'regional' }),
    },
    failover: { automatic: () => true, decidedBy: ['DB instances of the cluster'] },
    data: CLUSTER_DATA,
    policies: { snapshot: true, defaultDeletion: () => 'Snapshot', replacedBy: 'a change to Engine or DBClusterIdentifier', protectedBy: flag('DeletionProtection') },
    edges(r, g) {
      const source = refOrRaw(r, 'ReplicationSourceIdentifier', 'AWS::RDS::DBCluster') ?? refOrRaw(r, 'SourceDBClusterIdentifier', 'AWS::RDS::DBCluster');
      if (source) g.add(r, source, 'replica-of');
    },
    outage: { rules: ['ZL303'] },
    live: { collector: 'rds', records: 'dbClusters', tally: 'databases', place: () => ({ kind: 'regional', reason: 'cluster storage replicated across zones' }) },
  },
  { type: 'AWS::RDS::DBSubnetGroup', noun: 'DB subnet group', role: 'plumbing', placement: { subnetProperties: ['SubnetIds'], subnetEdges: false }, subnetGroup: rdsSubnetGroup('DB instances and clusters') },
];

/** A DocumentDB or Neptune cluster and its instances (the same shape: storage over three zones, instances in one). */
export function clusterFamily(prefix: 'AWS::DocDB' | 'AWS::Neptune', name: string): RecordSpec[] {
  return [
    {
      type: `${prefix}::DBCluster`,
      noun: `${name} cluster`,
      role: 'data-store',
      // the same storage design as Aurora (volume over three zones, instances fail over): Aurora's figures
      recovery: { down: 'aurora-recreate-writer', failover: 'aurora-replica-failover' },
      store: 'database',
      placement: { subnetGroupProperties: ['DBSubnetGroupName'], special: () => ({ kind: 'regional' }) },
      failover: { automatic: () => true, decidedBy: ['DB instances of the cluster'] },
      data: CLUSTER_DATA,
      policies: { snapshot: true, replacedBy: 'a change to DBClusterIdentifier', protectedBy: flag('DeletionProtection') },
      outage: { rules: ['ZL303'] },
    },
    {
      type: `${prefix}::DBInstance`,
      noun: `${name} DB instance`,
      role: 'cluster-member',
      recovery: { down: 'aurora-replica-failover' }, // judged with its cluster (lib/analysis/recovery.ts)
      store: 'database',
      clusterProperty: 'DBClusterIdentifier',
      placement: { zoneProperties: ['AvailabilityZone'], whenUnset: 'single' },
      outage: { byDesign: DB_INSTANCE_MEMBER_OUTAGE },
    },
    { type: `${prefix}::DBSubnetGroup`, noun: `${name} subnet group`, role: 'plumbing', placement: { subnetProperties: ['SubnetIds'], subnetEdges: false }, subnetGroup: rdsSubnetGroup(`${name} clusters and instances`) },
  ];
}

/** Cluster type → the type of its DB instances. */
export const CLUSTER_MEMBER_TYPE: Readonly<Record<string, string>> = {
  'AWS::RDS::DBCluster': 'AWS::RDS::DBInstance',
  'AWS::DocDB::DBCluster': 'AWS::DocDB::DBInstance',
  'AWS::Neptune::DBCluster': 'AWS::Neptune::DBInstance',
};

/** What a cluster is in messages: `Aurora cluster`, `DocumentDB cluster`, `Neptune cluster`. */
export function clusterKind(c: Resource): string {
  if (c.type === 'AWS::DocDB::DBCluster') return 'DocumentDB cluster';
  if (c.type === 'AWS::Neptune::DBCluster') return 'Neptune cluster';
  return String(c.get('Engine') ?? '').toLowerCase().startsWith('aurora') ? 'Aurora cluster' : 'RDS DB cluster';
}

/**
 * Clusters whose availability depends on their instances: Aurora (provisioned and Serverless v2), DocumentDB and
 * Neptune. Aurora Serverless v1 (EngineMode serverless) is a regional service; a Multi-AZ DB cluster
 * (DBClusterInstanceClass) has three instances in three zones by construction.
 */
export function needsInstances(c: Resource): boolean {
  if (c.type !== 'AWS::RDS::DBCluster') return true;
  if (c.get('DBClusterInstanceClass') !== undefined) return false;
  const mode = c.get('EngineMode');
  if (mode instanceof Unknown) return false;
  return String(mode ?? 'provisioned').toLowerCase() !== 'serverless';
}

export interface ClusterMembers {
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

  members(cluster: Resource): ClusterMembers {
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

/** One member index per model and instance type, built on first use. */
const memberIndexes = new WeakMap<Model, Map<string, MemberIndex>>();

/**
 * The DB instances of an Aurora, DocumentDB or Neptune cluster (by Ref or by DBClusterIdentifier name), with those the
 * template cannot decide counted apart; ZL303, ZL310 and ZL311 judge a cluster by them.
 */
export function clusterMembers(model: Model, cluster: Resource): ClusterMembers {
  const type = CLUSTER_MEMBER_TYPE[cluster.type];
  let byType = memberIndexes.get(model);
  if (!byType) memberIndexes.set(model, (byType = new Map()));
  let index = byType.get(type);
  if (!index) byType.set(type, (index = new MemberIndex(model.ofType(type))));
  return index.members(cluster);
}

/**
 * The writer among a cluster's instances when the template tells it: the instance every other instance depends on
 * (DependsOn), created first and so the writer. CDK writes this for rds.DatabaseCluster (each reader depends on the
 * writer). Undefined when the template does not say.
 */
export function clusterWriter(members: readonly Resource[]): Resource | undefined {
  if (members.length < 2) return members[0];
  const dependsOn = (r: Resource): string[] => {
    const d = r.raw.DependsOn;
    return typeof d === 'string' ? [d] : Array.isArray(d) ? d.filter((x): x is string => typeof x === 'string') : [];
  };
  const candidates = members.filter((w) => members.every((m) => m === w || dependsOn(m).includes(w.logicalId)));
  return candidates.length === 1 ? candidates[0] : undefined;
}

