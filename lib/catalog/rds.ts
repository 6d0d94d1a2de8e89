/** Amazon RDS: DB instances, DB clusters (Aurora and Multi-AZ DB clusters), DB subnet groups. */
import type { Resource } from '../model/resource';
import { spreadOverGroup } from '../model/placement';
import { Unknown, asBoolean } from '../model/values';
import type { DataCopy, DataSpec, RecordSpec } from './types';
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
  { type: 'AWS::RDS::DBSubnetGroup', noun: 'DB subnet group', role: 'plumbing', placement: { subnetProperties: ['SubnetIds'], subnetEdges: false } },
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
    { type: `${prefix}::DBSubnetGroup`, noun: `${name} subnet group`, role: 'plumbing', placement: { subnetProperties: ['SubnetIds'], subnetEdges: false } },
  ];
}


