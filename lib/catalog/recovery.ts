/**
 * Recovery figures: how long a resource stays down after losing a zone (RTO) and how much data is gone (RPO), one
 * entry per way of coming back (a Multi-AZ failover, Auto Scaling replacing instances, a restore from a snapshot…).
 * Catalog records name their modes (`recovery` in lib/catalog/<service>.ts); lib/analysis/recovery.ts applies them to
 * the blast radius. Every figure has its source, and docs/recovery.md lists them all, marking which are judgements.
 *
 * No AWS SDK, no model code: plain data.
 */
import type { DataCopy } from './types';

export interface RecoverySource {
  /** The documentation page the figure comes from (verified), or the page a judgement leans on. */
  readonly title: string;
  readonly url: string;
  /** How a basis names it, when not the title before its colon. */
  readonly short?: string;
}

export interface RecoveryMode {
  /** What happens, in words, as the estimate's basis starts: `Multi-AZ failover to the standby`. */
  readonly what: string;
  /** Time until it serves again, in seconds. */
  readonly rtoSeconds: { readonly min: number; readonly max: number };
  /** Seconds added to both bounds per GiB of data restored (a restore from a snapshot grows with the data). */
  readonly perGiBSeconds?: number;
  /**
   * Data lost: `none` (a synchronous copy in another zone, or nothing to lose), `copy` (back to the newest copy
   * outside the zone: backups, snapshots — none at all means the data is lost), or a fixed window in seconds.
   */
  readonly rpo: 'none' | 'copy' | { readonly seconds: number; readonly why: string };
  /** It needs a copy of the data outside the zone; without one the resource is rebuilt empty (`manual-rebuild`). */
  readonly needsCopy?: boolean;
  /** It comes back in another zone by itself (when it can run in one): without one, nothing brings it back but a person. */
  readonly needsOtherZone?: boolean;
  /** The figure as the source states it. */
  readonly figure: string;
  readonly source: RecoverySource;
  /** Set when the figure is zonelint's judgement rather than a documented number: why this range. */
  readonly judgement?: string;
  /** What would make it recover faster (the policy rule's advice). */
  readonly faster?: string;
}

const RDS_MULTI_AZ: RecoverySource = { title: 'Amazon RDS User Guide: Failing over a Multi-AZ DB instance', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.Failover.html' };
const RDS_PITR: RecoverySource = { title: 'Amazon RDS API Reference: RestoreDBInstanceToPointInTime', url: 'https://docs.aws.amazon.com/goto/cli2/rds-2014-10-31/RestoreDBInstanceToPointInTime', short: 'Amazon RDS API Reference' };
const ZONES: RecoverySource = { title: 'Amazon Aurora User Guide: Resilience in Amazon Aurora (Availability Zones)', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/disaster-recovery-resiliency.html' };

/** A day, the window of a daily backup or snapshot schedule. */
const DAY = 86400;

/** Every recovery mode, by id. Records point at these ids; nothing else keeps figures. */
export const RECOVERY_MODES = {
  'keeps-serving': {
    what: 'keeps serving from its other zones',
    rtoSeconds: { min: 0, max: 0 },
    rpo: 'none',
    figure: 'with Availability Zones, applications and databases fail over between zones without interruption',
    source: ZONES,
    judgement: 'zero by definition: a resource that still runs in another zone only loses capacity (the lost capacity itself comes back as its own mode says)',
  },
  'rds-multi-az-instance': {
    what: 'Multi-AZ failover to the standby',
    rtoSeconds: { min: 60, max: 120 },
    rpo: 'none',
    figure: 'Failover times are typically 60–120 seconds; synchronous standby replica in another zone',
    source: RDS_MULTI_AZ,
  },
  'rds-multi-az-cluster': {
    what: 'Multi-AZ DB cluster failover to a reader',
    rtoSeconds: { min: 0, max: 35 },
    rpo: 'none',
    figure: 'Failover times are typically under 35 seconds; completes when the readers have applied the writer\'s outstanding transactions',
    source: { title: 'Amazon RDS User Guide: Failing over a Multi-AZ DB cluster', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts-failover.html' },
  },
  'aurora-replica-failover': {
    what: 'the cluster promotes a replica in another zone',
    rtoSeconds: { min: 30, max: 60 },
    rpo: 'none',
    figure: 'when a problem affects the primary instance, one of the reader instances takes over as the primary (failover); the cluster volume is replicated synchronously over three zones, so no data is lost',
    source: { title: 'Amazon Aurora User Guide: High availability for Amazon Aurora', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html' },
    judgement: 'the page gives no number; half a minute to a minute is the failover time commonly observed with a reader in another zone',
  },
  'aurora-recreate-writer': {
    what: 'no replica to promote: the writer is recreated',
    rtoSeconds: { min: 600, max: 1800 },
    rpo: 'none',
    figure: 'if no read replicas were provisioned, Aurora will automatically attempt to create a new DB instance; the cluster volume keeps copies over three zones',
    source: { title: 'Amazon Aurora: Availability and durability', url: 'https://docs.aws.amazon.com/rds/latest/auroraextendedcontent/aurora-features-availability.md' },
    judgement: 'in a zone that is lost the same-zone re-creation cannot succeed; a new instance in another zone takes at least the 10 minutes of a re-creation, up to 30 with someone deciding to do it',
    faster: 'add a reader in another zone (failover in under a minute)',
  },
  'rds-restore': {
    what: 'no standby: restore from the latest automated backup into another zone',
    rtoSeconds: { min: 900, max: 2700 },
    perGiBSeconds: 6,
    rpo: 'copy',
    needsCopy: true,
    figure: 'a point-in-time restore creates a new DB instance from the backups, in a system-selected Availability Zone, up to LatestRestorableTime',
    source: RDS_PITR,
    judgement: 'restore time is not documented: 15–45 minutes for creating the instance and replaying logs, plus about 6 s per GiB of allocated storage (gp3 baseline throughput), when someone starts it at once',
    faster: 'MultiAZ: true (failover in 60–120 s, no data lost)',
  },
  'rds-promote-replica': {
    what: 'promote the read replica that survives in another zone',
    rtoSeconds: { min: 300, max: 900 },
    rpo: { seconds: 60, why: 'asynchronous replication lag' },
    figure: 'RDS reboots the read replica before making it available; the promotion can take several minutes or longer, depending on its size; replication to it is asynchronous',
    source: { title: 'Amazon RDS User Guide: Promoting a read replica to be a standalone DB instance', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Promote.html' },
    judgement: 'promotion takes minutes (a reboot and DNS change) after someone asks for it; the lag a healthy replica runs behind is seconds, taken as up to a minute',
    faster: 'MultiAZ: true on the source (automatic failover, no data lost)',
  },
  'rds-recreate-replica': {
    what: 'a read replica: create a new one from its source in another zone',
    rtoSeconds: { min: 900, max: 2700 },
    perGiBSeconds: 6,
    rpo: 'none',
    figure: 'its source keeps the data; after a failure the guide\'s recovery steps end with creating a replacement read replica from the DB instance that serves',
    source: { title: 'Amazon RDS User Guide: Promoting a read replica to be a standalone DB instance', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Promote.html' },
    judgement: 'creating a replica copies the source\'s storage, like a restore: 15–45 minutes plus about 6 s per GiB',
    faster: 'more than one read replica, in different zones',
  },
  'elasticache-failover': {
    what: 'Multi-AZ failover to a read replica',
    rtoSeconds: { min: 10, max: 60 },
    rpo: { seconds: 1, why: 'asynchronous replication to the replica' },
    figure: 'with Multi-AZ the primary role fails over to a read replica, much faster than re-creating a primary; a short write interruption while DNS follows',
    source: { title: 'Amazon ElastiCache: Minimizing downtime by using Multi-AZ with Valkey and Redis OSS', url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html' },
    judgement: 'the page gives no number; seconds to a minute from detection to the promoted replica taking writes; replication is asynchronous, so the last second of writes can be lost',
  },
  'cache-recreate': {
    what: 'no replica to fail over to: a new node is created in another zone',
    rtoSeconds: { min: 600, max: 1800 },
    rpo: 'copy',
    figure: 'a cache without Multi-AZ is re-created; seeded from its latest automatic snapshot when it takes them, else empty',
    source: { title: 'Amazon ElastiCache: Minimizing downtime by using Multi-AZ with Valkey and Redis OSS', url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html' },
    judgement: 'creating a node takes roughly 10 minutes, up to 30 with a snapshot to load; the data since the daily snapshot (or all of it, without one) is gone',
    faster: 'a replica in another zone with AutomaticFailoverEnabled and MultiAZEnabled',
  },
  'memorydb-failover': {
    what: 'Multi-AZ failover to a consistent replica',
    rtoSeconds: { min: 0, max: 30 },
    rpo: 'none',
    figure: 'the promotion generally takes a few seconds; MemoryDB fails over to a replica consistent with the failed primary, so no data is lost',
    source: { title: 'Amazon MemoryDB Developer Guide: Minimizing downtime in MemoryDB with Multi-AZ', url: 'https://docs.aws.amazon.com/memorydb/latest/devguide/autofailover.html' },
  },
  'memorydb-replace-primary': {
    what: 'no replica: the primary is replaced and synced from the Multi-AZ transaction log',
    rtoSeconds: { min: 300, max: 1800 },
    rpo: 'none',
    figure: 'on a shard without replicas MemoryDB stops accepting writes until the primary is replaced and synced from the transaction log',
    source: { title: 'Amazon MemoryDB Developer Guide: Minimizing downtime in MemoryDB with Multi-AZ', url: 'https://docs.aws.amazon.com/memorydb/latest/devguide/autofailover.html' },
    judgement: 'a node replacement takes minutes; a large data set takes longer to replay from the log',
    faster: 'NumReplicasPerShard of at least 1 (failover in seconds)',
  },
  'asg-replace': {
    what: 'Auto Scaling launches replacement instances in the surviving zones',
    rtoSeconds: { min: 120, max: 600 },
    rpo: 'none',
    needsOtherZone: true,
    figure: 'Auto Scaling replaces instances that become unhealthy to keep the desired capacity; with the default balanced-best-effort distribution, when launches fail in a zone it launches in another healthy zone instead',
    source: { title: 'AWS CloudFormation: AWS::AutoScaling::AutoScalingGroup AvailabilityZoneDistribution', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-autoscaling-autoscalinggroup-availabilityzonedistribution.html' },
    judgement: 'health checks notice the loss within a minute or two, a new instance boots and passes its health check in a few more; 2–10 minutes',
    faster: 'enough instances in every zone to carry the load while replacements start (static stability)',
  },
  'ecs-replace': {
    what: 'the ECS service scheduler starts replacement tasks in the surviving zones',
    rtoSeconds: { min: 60, max: 300 },
    rpo: 'none',
    needsOtherZone: true,
    figure: 'if a task fails or stops (for example when the underlying infrastructure fails), the service scheduler launches another to keep the desired count',
    source: { title: 'Amazon ECS Developer Guide: Amazon ECS services', url: 'https://docs.aws.amazon.com/AmazonECS/latest/userguide/ecs_services.html' },
    judgement: 'a task on Fargate starts in about a minute, up to five with a large image and a health-check grace period',
    faster: 'DesiredCount of at least 2 over subnets in every zone',
  },
  'ebs-restore': {
    what: 'restore the volume from its latest snapshot in another zone',
    rtoSeconds: { min: 300, max: 1200 },
    perGiBSeconds: 8,
    rpo: 'copy',
    needsCopy: true,
    figure: 'a volume created from a snapshot is usable once created, but its blocks are downloaded from Amazon S3 first (volume initialization): full performance only after every block is written',
    source: { title: 'Amazon EBS User Guide: Initialize Amazon EBS volumes', url: 'https://docs.aws.amazon.com/ebs/latest/userguide/initalize-volume.html' },
    judgement: '5–20 minutes to create, attach and mount the volume, plus about 8 s per GiB to initialize it at a gp3 volume\'s 125 MiB/s baseline',
    faster: 'keep the data on a Multi-AZ service (EFS Regional, RDS Multi-AZ) or replicate it to an instance in another zone',
  },
  'efs-restore': {
    what: 'restore the One Zone file system from its latest AWS Backup backup',
    rtoSeconds: { min: 1800, max: 14400 },
    rpo: 'copy',
    needsCopy: true,
    figure: 'AWS Backup restores file system data to a new or an existing file system; One Zone file systems get automatic backups by default',
    source: { title: 'Amazon EFS User Guide: Backing up EFS file systems', url: 'https://docs.aws.amazon.com/efs/latest/ug/awsbackup.html' },
    judgement: 'not documented: half an hour to four hours for typical file systems',
    faster: 'Regional storage (no AvailabilityZoneName): stored in several zones, no restore',
  },
  'efs-mount-target': {
    what: 'create a mount target in a surviving zone',
    rtoSeconds: { min: 300, max: 1800 },
    rpo: 'none',
    figure: 'create a mount target in each zone you access the file system from: if the mount target\'s zone goes down, you can\'t access the file system through that mount target',
    source: { title: 'Amazon EFS User Guide: Creating mount targets', url: 'https://docs.aws.amazon.com/efs/latest/ug/manage-fs-access-create-delete-mount-targets.html' },
    judgement: 'creating a mount target takes minutes, once someone does it',
    faster: 'a mount target in every zone its clients run in',
  },
  'fsx-multi-az-failover': {
    what: 'Multi-AZ failover to the standby file server',
    rtoSeconds: { min: 30, max: 120 },
    rpo: 'none',
    figure: 'MULTI_AZ_1: a high availability file system configured for Multi-AZ redundancy to tolerate temporary Availability Zone unavailability',
    source: { title: 'Amazon FSx API: Windows file system configuration (DeploymentType)', url: 'https://docs.aws.amazon.com/sdk-for-sap-abap/v1/api/latest/fsx/model/_AWS1_CL_FSXCREFILESYSTEMWIN00.html' },
    judgement: 'clients reconnect within seconds to a couple of minutes of the failover',
  },
  'fsx-restore': {
    what: 'restore the Single-AZ file system from its latest backup',
    rtoSeconds: { min: 1800, max: 21600 },
    rpo: 'copy',
    needsCopy: true,
    figure: 'a backup is restored by creating a new file system from it (CreateFileSystemFromBackup)',
    source: { title: 'Amazon FSx API: Windows file system configuration (CreateFileSystemFromBackup)', url: 'https://docs.aws.amazon.com/sdk-for-sap-abap/v1/api/latest/fsx/model/_AWS1_CL_FSXCREFILESYSTEMWIN00.html' },
    judgement: 'not documented: half an hour to six hours, growing with the data',
    faster: 'DeploymentType MULTI_AZ_1 (automatic failover, no data lost)',
  },
  'opensearch-zone-aware': {
    what: 'zone awareness: replica shards in the other zones take over',
    rtoSeconds: { min: 0, max: 60 },
    rpo: 'none',
    figure: 'with zone awareness, nodes and replica index shards are spread over zones so losing one does not lose data',
    source: { title: 'Amazon OpenSearch Service Developer Guide: Configuring a multi-AZ domain', url: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/managedomains-multiaz.html' },
    judgement: 'promoting replica shards takes seconds; with Multi-AZ with Standby the standby zone takes over in under a minute',
  },
  'opensearch-restore': {
    what: 'no zone awareness: rebuild the domain and restore its latest automated snapshot',
    rtoSeconds: { min: 1800, max: 14400 },
    rpo: { seconds: 3600, why: 'hourly automated snapshots' },
    figure: 'for domains running Elasticsearch 5.3 and later (and OpenSearch), OpenSearch Service takes hourly automated snapshots',
    source: { title: 'AWS CloudFormation: AWS::Elasticsearch::Domain SnapshotOptions', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-elasticsearch-domain-snapshotoptions.html' },
    judgement: 'a new domain takes about half an hour, and a restore grows with the indexes: up to four hours',
    faster: 'ZoneAwarenessEnabled with nodes in two or three zones and replica shards',
  },
  'mq-active-standby': {
    what: 'the standby broker in the other zone becomes active',
    rtoSeconds: { min: 30, max: 120 },
    rpo: 'none',
    figure: 'it takes Amazon MQ a short while to take the failed instance out of service so the standby becomes active; both use Amazon EFS storage replicated across zones',
    source: { title: 'Amazon MQ Developer Guide: Amazon MQ active/standby broker for high availability', url: 'https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/active-standby-broker-deployment.html' },
    judgement: '"a short while": taken as half a minute to two minutes, clients reconnecting with the failover transport',
  },
  'redshift-multi-az': {
    what: 'Multi-AZ failover of the compute to the other zone',
    rtoSeconds: { min: 60, max: 600 },
    rpo: 'none',
    figure: 'a Multi-AZ cluster fails its primary compute unit over to another zone (FailoverPrimaryCompute); its data is in Redshift Managed Storage',
    source: { title: 'Amazon Redshift API Reference: FailoverPrimaryCompute', url: 'https://docs.aws.amazon.com/redshift/latest/APIReference/API_FailoverPrimaryCompute.html' },
    judgement: 'the guide states no time for an unplanned failover; minutes, taken as 1–10',
  },
  'redshift-relocate': {
    what: 'no Multi-AZ: relocate or restore the cluster in another zone',
    rtoSeconds: { min: 1800, max: 7200 },
    rpo: 'copy',
    needsCopy: true,
    figure: 'cluster relocation moves an RA3 cluster to another zone keeping its endpoint; otherwise a cluster is restored from its latest automated snapshot (taken about every 8 hours or 5 GB of changes)',
    source: { title: 'Amazon Redshift API: ModifyCluster AvailabilityZoneRelocation (relocation between Availability Zones)', url: 'https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/redshift/aws.sdk.kotlin.services.redshift.model/-modify-cluster-request/availability-zone-relocation.html' },
    judgement: 'half an hour to two hours, whether relocated or restored',
    faster: 'MultiAZ: true (RA3 node types)',
  },
  'dms-multi-az': {
    what: 'Multi-AZ failover of the replication instance to its standby',
    rtoSeconds: { min: 60, max: 120 },
    rpo: 'none',
    figure: 'in a Multi-AZ deployment DMS provisions and maintains a synchronous standby replica of the replication instance in another zone',
    source: { title: 'AWS DMS User Guide: Working with an AWS DMS replication instance', url: 'https://docs.aws.amazon.com/dms/latest/userguide/CHAP_ReplicationInstance.html' },
    judgement: 'DMS uses the RDS Multi-AZ mechanism: the RDS figure of 60–120 s',
  },
  'manual-rebuild': {
    what: 'nothing brings it back by itself: rebuild it in another zone, or wait for the zone',
    rtoSeconds: { min: 3600, max: DAY },
    rpo: 'copy',
    figure: 'no automatic recovery; in the April 2011 us-east-1 event volumes stayed stuck and single-zone EBS and RDS users were down for days',
    source: { title: 'Summary of the Amazon EC2 and Amazon RDS Service Disruption in the US East Region (April 2011)', url: 'https://aws.amazon.com/message/65648/', short: 'the April 2011 us-east-1 post-event summary' },
    judgement: 'an hour (noticing, deciding, rebuilding from code) to a day; far longer when it waits for the zone',
    faster: 'run it in at least two zones with automatic failover or replacement',
  },
} as const satisfies Record<string, RecoveryMode>;

export type RecoveryModeId = keyof typeof RECOVERY_MODES;

export function recoveryMode(id: RecoveryModeId): RecoveryMode {
  return RECOVERY_MODES[id];
}

/** How much data a copy outside the zone loses, by kind: the window since the newest copy. */
export const COPY_RPO: Readonly<Record<DataCopy['kind'], { readonly seconds: number; readonly figure: string; readonly source: RecoverySource; readonly judgement?: string }>> = {
  'point-in-time': {
    seconds: 300,
    figure: 'a restore reaches any time up to LatestRestorableTime (DynamoDB documents its LatestRestorableDateTime as typically 5 minutes before the current time)',
    source: { title: 'Amazon DynamoDB API Reference: PointInTimeRecoveryDescription', url: 'https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PointInTimeRecoveryDescription.html' },
    judgement: 'RDS does not state its lag in the pages checked; the 5 minutes DynamoDB documents are taken for automated backups too; a live scan uses the real LatestRestorableTime',
  },
  snapshot: {
    seconds: DAY,
    figure: 'snapshots on a schedule (a lifecycle policy creates them at an interval, e.g. every 24 hours): the data since the newest one',
    source: { title: 'Amazon EC2 User Guide: Amazon Data Lifecycle Manager', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/snapshot-lifecycle.html' },
    judgement: 'a daily schedule (AWS Backup\'s and DLM\'s usual one, ElastiCache\'s daily snapshot window) is taken as up to 24 hours; a live scan uses the newest snapshot\'s real age',
  },
  backup: {
    seconds: DAY,
    figure: 'the default EFS backup plan takes daily backups kept 35 days; backup plans set the frequency',
    source: { title: 'Amazon EFS User Guide: Backing up EFS file systems', url: 'https://docs.aws.amazon.com/efs/latest/ug/awsbackup.html' },
    judgement: 'a daily plan is taken as up to 24 hours; a live scan uses the newest recovery point\'s real age',
  },
  replica: { seconds: 0, figure: 'data written to the primary is replicated synchronously across zones to the six storage nodes of the cluster volume', source: { title: 'Amazon Aurora User Guide: High availability for Amazon Aurora', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html' } },
  log: { seconds: 0, figure: 'in all cases MemoryDB ensures that no data is lost during node replacements or failover (the Multi-AZ transaction log)', source: { title: 'Amazon MemoryDB Developer Guide: Minimizing downtime in MemoryDB with Multi-AZ', url: 'https://docs.aws.amazon.com/memorydb/latest/devguide/autofailover.html' } },
};
