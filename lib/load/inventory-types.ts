/**
 * What a live scan collects, account by account and region by region: the records the collectors (lib/live/collectors)
 * fill from AWS API responses, and what `--save` writes. Plain JSON, no AWS SDK types, so that `zonelint check
 * inventory.json` re-analyses a saved scan without loading the SDK.
 *
 * Times are ISO-8601 strings. Zones are named as the API returns them (names such as `us-east-1a`); the zone list of
 * each scope maps names to AZ ids, which is how the model keys zones.
 */

export const INVENTORY_FORMAT = 'zonelint-inventory';
export const INVENTORY_VERSION = 1;

/** The metadata key of a live stack's template and of each live resource: scope facts and live-only facts. */
export const LIVE_METADATA = 'ZonelintLive';

export type Tags = Record<string, string>;

export interface ZoneRecord {
  readonly name: string;
  readonly id: string;
  readonly state?: string;
  /** availability-zone, local-zone, wavelength-zone. */
  readonly type?: string;
}

export interface InstanceRecord {
  readonly id: string;
  readonly zone?: string;
  readonly subnetId?: string;
  readonly vpcId?: string;
  readonly state?: string;
  readonly type?: string;
  /** Device name of the root volume (`/dev/xvda`). */
  readonly rootDevice?: string;
  readonly tags: Tags;
}

export interface VolumeRecord {
  readonly id: string;
  readonly zone?: string;
  readonly sizeGiB: number;
  readonly type?: string;
  readonly iops?: number;
  readonly encrypted?: boolean;
  readonly state?: string;
  readonly tags: Tags;
  readonly attachments: ReadonlyArray<{ readonly instanceId: string; readonly device?: string; readonly state?: string; readonly deleteOnTermination?: boolean }>;
}

/** The newest completed snapshot of one resource. */
export interface SnapshotRef {
  readonly id: string;
  readonly time: string;
}

export interface SubnetRecord {
  readonly id: string;
  readonly vpcId?: string;
  readonly zone?: string;
  readonly zoneId?: string;
  readonly cidr?: string;
  readonly tags: Tags;
}

export interface RouteRecord {
  readonly destination: string;
  readonly natGatewayId?: string;
  readonly gatewayId?: string;
  readonly instanceId?: string;
  readonly transitGatewayId?: string;
  readonly vpcPeeringConnectionId?: string;
  readonly networkInterfaceId?: string;
  readonly state?: string;
}

export interface RouteTableRecord {
  readonly id: string;
  readonly vpcId?: string;
  readonly main: boolean;
  /** Subnets explicitly associated (the main table also serves every subnet of its VPC that has none). */
  readonly subnetIds: readonly string[];
  readonly routes: readonly RouteRecord[];
  readonly tags: Tags;
}

export interface NatGatewayRecord {
  readonly id: string;
  readonly subnetId?: string;
  readonly vpcId?: string;
  readonly state?: string;
  readonly connectivityType?: string;
  /** `regional` for a regional NAT gateway (no subnet, spread by AWS). */
  readonly availabilityMode?: string;
  readonly tags: Tags;
}

export interface VpcEndpointRecord {
  readonly id: string;
  readonly type?: string;
  readonly serviceName?: string;
  readonly vpcId?: string;
  readonly subnetIds: readonly string[];
  readonly state?: string;
}

export interface AutoScalingGroupRecord {
  readonly name: string;
  readonly arn?: string;
  readonly min: number;
  readonly max: number;
  readonly desired: number;
  readonly zones: readonly string[];
  readonly subnetIds: readonly string[];
  readonly targetGroupArns: readonly string[];
  readonly loadBalancerNames: readonly string[];
  /** EC2, or a comma-separated list such as ELB,EBS (absent in inventories saved before it was collected). */
  readonly healthCheckType?: string;
  readonly instances: ReadonlyArray<{ readonly id: string; readonly zone?: string; readonly lifecycleState?: string; readonly health?: string }>;
  readonly tags: Tags;
}

export interface LoadBalancerRecord {
  readonly arn: string;
  readonly name: string;
  readonly type?: string;
  readonly scheme?: string;
  readonly vpcId?: string;
  readonly state?: string;
  readonly zones: ReadonlyArray<{ readonly zone?: string; readonly subnetId?: string }>;
  /** Zone-related attributes (cross-zone load balancing); undefined when not read (always for an ALB, which balances across zones). */
  readonly attributes?: ReadonlyArray<{ readonly key: string; readonly value: string }>;
}

export interface TargetRecord {
  readonly id: string;
  readonly port?: number;
  /** Zone the load balancer reports for the target (`all` for IP targets outside the VPC). */
  readonly zone?: string;
  readonly state?: string;
  readonly reason?: string;
}

export interface TargetGroupRecord {
  readonly arn: string;
  readonly name: string;
  readonly targetType?: string;
  readonly protocol?: string;
  readonly port?: number;
  readonly vpcId?: string;
  readonly loadBalancerArns: readonly string[];
  /** Registered targets with their health; undefined when target health could not be read. */
  readonly targets?: readonly TargetRecord[];
  /** Zone-related attributes (cross-zone load balancing); undefined when they could not be read. */
  readonly attributes?: ReadonlyArray<{ readonly key: string; readonly value: string }>;
}

export interface SubnetGroupRecord {
  readonly name: string;
  readonly subnetIds: readonly string[];
}

export interface DbInstanceRecord {
  readonly id: string;
  readonly arn?: string;
  readonly engine?: string;
  readonly instanceClass?: string;
  readonly status?: string;
  readonly multiAz: boolean;
  readonly zone?: string;
  readonly secondaryZone?: string;
  readonly clusterId?: string;
  readonly sourceId?: string;
  readonly backupRetentionDays: number;
  readonly storageGiB?: number;
  readonly storageType?: string;
  readonly subnetGroup?: SubnetGroupRecord;
  readonly latestRestorableTime?: string;
  readonly newestSnapshot?: SnapshotRef;
}

export interface DbClusterRecord {
  readonly id: string;
  readonly arn?: string;
  readonly engine?: string;
  readonly engineMode?: string;
  readonly status?: string;
  readonly multiAz: boolean;
  readonly zones: readonly string[];
  readonly members: ReadonlyArray<{ readonly id: string; readonly writer: boolean }>;
  readonly backupRetentionDays: number;
  readonly instanceClass?: string;
  readonly storageGiB?: number;
  readonly subnetGroupName?: string;
  readonly latestRestorableTime?: string;
  readonly newestSnapshot?: SnapshotRef;
}

export interface CacheReplicationGroupRecord {
  readonly id: string;
  readonly arn?: string;
  readonly status?: string;
  readonly automaticFailover?: string;
  readonly multiAz?: string;
  readonly clusterMode?: boolean;
  readonly snapshotRetentionDays?: number;
  readonly nodeGroups: ReadonlyArray<{ readonly id: string; readonly members: ReadonlyArray<{ readonly clusterId: string; readonly zone?: string; readonly role?: string }> }>;
}

export interface FileSystemRecord {
  readonly id: string;
  readonly arn?: string;
  readonly name?: string;
  readonly zoneName?: string;
  readonly zoneId?: string;
  readonly sizeBytes?: number;
  readonly state?: string;
  readonly encrypted?: boolean;
  readonly tags: Tags;
  /** Undefined when mount targets could not be read. */
  readonly mountTargets?: ReadonlyArray<{ readonly id: string; readonly subnetId?: string; readonly zone?: string; readonly zoneId?: string; readonly state?: string }>;
}

export interface FunctionRecord {
  readonly name: string;
  readonly arn?: string;
  readonly runtime?: string;
  readonly vpcId?: string;
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
}

export interface ProtectedResourceRecord {
  readonly arn: string;
  readonly type?: string;
  readonly lastBackupTime?: string;
}

export interface BackupPlanRecord {
  readonly id: string;
  readonly name?: string;
  readonly selections: ReadonlyArray<{
    readonly id: string;
    readonly name?: string;
    readonly iamRoleArn?: string;
    readonly resources: readonly string[];
    readonly notResources: readonly string[];
    readonly tags: ReadonlyArray<{ readonly conditionType: string; readonly key: string; readonly value: string }>;
  }>;
}

export interface DlmPolicyRecord {
  readonly id: string;
  readonly description?: string;
  readonly state?: string;
  readonly policyType?: string;
  readonly resourceTypes: readonly string[];
  readonly targetTags: ReadonlyArray<{ readonly key: string; readonly value: string }>;
}

export interface TransitGatewayAttachmentRecord {
  readonly id: string;
  readonly transitGatewayId?: string;
  readonly vpcId?: string;
  readonly subnetIds: readonly string[];
  readonly state?: string;
  readonly tags: Tags;
}

export interface ClassicLoadBalancerRecord {
  readonly name: string;
  readonly scheme?: string;
  readonly vpcId?: string;
  /** Zone names the load balancer is enabled in. */
  readonly zones: readonly string[];
  readonly subnetIds: readonly string[];
  readonly instanceIds: readonly string[];
  /** CrossZoneLoadBalancing.Enabled; undefined when the attributes could not be read. */
  readonly crossZone?: boolean;
}

/** A cache cluster that is not a member of a replication group: Memcached, or standalone Redis OSS/Valkey. */
export interface CacheClusterRecord {
  readonly id: string;
  readonly arn?: string;
  readonly engine?: string;
  readonly status?: string;
  readonly nodeType?: string;
  readonly numNodes: number;
  /** `Multiple` for a Memcached cluster spread over zones. */
  readonly preferredZone?: string;
  /** Zone of each node (CustomerAvailabilityZone). */
  readonly nodeZones: readonly string[];
  readonly snapshotRetentionDays?: number;
  readonly subnetGroupName?: string;
}

export interface TableRecord {
  readonly name: string;
  readonly arn: string;
  /** PointInTimeRecoveryStatus ENABLED; undefined when DescribeContinuousBackups could not be read. */
  readonly pitr?: boolean;
  readonly latestRestorableTime?: string;
}

export interface EcsServiceRecord {
  readonly arn: string;
  readonly name: string;
  readonly clusterArn: string;
  readonly status?: string;
  readonly desired: number;
  readonly running?: number;
  readonly launchType?: string;
  readonly capacityProviders: readonly string[];
  readonly schedulingStrategy?: string;
  readonly subnetIds: readonly string[];
  readonly targetGroupArns: readonly string[];
  readonly loadBalancerNames: readonly string[];
  /** Running tasks and their zones; undefined when the tasks could not be read. */
  readonly tasks?: ReadonlyArray<{ readonly id: string; readonly zone?: string }>;
}

export interface NodegroupRecord {
  readonly name: string;
  readonly arn?: string;
  readonly clusterName: string;
  readonly status?: string;
  readonly subnetIds: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly desired?: number;
  readonly capacityType?: string;
  /** The Auto Scaling groups EKS runs the nodes in. */
  readonly autoScalingGroups: readonly string[];
  readonly tags: Tags;
}

export interface SearchDomainRecord {
  readonly name: string;
  readonly arn?: string;
  readonly engineVersion?: string;
  readonly instanceType?: string;
  readonly instanceCount?: number;
  readonly zoneAwareness?: boolean;
  readonly zoneCount?: number;
  readonly dedicatedMasters?: boolean;
  readonly masterCount?: number;
  /** Multi-AZ with Standby. */
  readonly standby?: boolean;
  readonly subnetIds: readonly string[];
  /** Zone names of a VPC domain. */
  readonly zones: readonly string[];
}

export interface BrokerRecord {
  readonly id: string;
  readonly name: string;
  readonly arn?: string;
  readonly state?: string;
  /** SINGLE_INSTANCE, ACTIVE_STANDBY_MULTI_AZ, CLUSTER_MULTI_AZ. */
  readonly deploymentMode?: string;
  readonly engineType?: string;
  readonly instanceType?: string;
  readonly subnetIds: readonly string[];
}

export interface FsxFileSystemRecord {
  readonly id: string;
  readonly arn?: string;
  /** WINDOWS, LUSTRE, ONTAP, OPENZFS. */
  readonly type?: string;
  readonly state?: string;
  readonly storageGiB?: number;
  readonly subnetIds: readonly string[];
  /** SINGLE_AZ_1, MULTI_AZ_1, SCRATCH_2, PERSISTENT_1… */
  readonly deploymentType?: string;
  readonly preferredSubnetId?: string;
  readonly backupRetentionDays?: number;
  readonly tags: Tags;
}

export interface RedshiftClusterRecord {
  readonly id: string;
  readonly arn?: string;
  readonly status?: string;
  readonly nodeType?: string;
  readonly nodes?: number;
  readonly zone?: string;
  readonly multiAz?: boolean;
  readonly snapshotRetentionDays?: number;
  readonly subnetGroupName?: string;
}

export interface KafkaClusterRecord {
  readonly arn: string;
  readonly name: string;
  readonly state?: string;
  readonly brokers?: number;
  readonly instanceType?: string;
  readonly subnetIds: readonly string[];
}

export interface MemoryDbClusterRecord {
  readonly name: string;
  readonly arn?: string;
  readonly status?: string;
  readonly nodeType?: string;
  readonly shards?: number;
  readonly replicasPerShard?: number;
  readonly nodeZones: readonly string[];
  readonly subnetGroupName?: string;
  readonly snapshotRetentionDays?: number;
}

export interface DaxClusterRecord {
  readonly name: string;
  readonly arn?: string;
  readonly status?: string;
  readonly nodeType?: string;
  readonly nodes?: number;
  readonly nodeZones: readonly string[];
  readonly subnetGroupName?: string;
}

export interface DmsReplicationInstanceRecord {
  readonly id: string;
  readonly arn?: string;
  readonly status?: string;
  readonly instanceClass?: string;
  readonly multiAz: boolean;
  readonly zone?: string;
  readonly secondaryZone?: string;
  readonly subnetGroup?: SubnetGroupRecord;
}

export interface FirewallRecord {
  readonly arn: string;
  readonly name: string;
  readonly vpcId?: string;
  readonly subnetIds: readonly string[];
}

export interface ResolverEndpointRecord {
  readonly id: string;
  readonly name?: string;
  readonly arn?: string;
  /** INBOUND, OUTBOUND (or INBOUND_DELEGATION). */
  readonly direction?: string;
  readonly status?: string;
  readonly vpcId?: string;
  /** One network interface per address, each in its subnet's zone. */
  readonly ipAddresses: ReadonlyArray<{ readonly subnetId: string; readonly ip?: string }>;
}

export interface DirectoryBucketRecord {
  readonly name: string;
  readonly arn?: string;
  /** The AZ id (use1-az4) or Local Zone id from the name's `--<id>--x-s3` suffix (every directory bucket name has one). */
  readonly zoneId?: string;
  readonly created?: string;
}

/** Everything collected in one account and region. A list is undefined when its service was not covered. */
export interface ScopeData {
  instances?: InstanceRecord[];
  volumes?: VolumeRecord[];
  /** Newest completed own snapshot per volume id. */
  volumeSnapshots?: Record<string, SnapshotRef>;
  subnets?: SubnetRecord[];
  routeTables?: RouteTableRecord[];
  natGateways?: NatGatewayRecord[];
  vpcEndpoints?: VpcEndpointRecord[];
  autoScalingGroups?: AutoScalingGroupRecord[];
  loadBalancers?: LoadBalancerRecord[];
  targetGroups?: TargetGroupRecord[];
  dbInstances?: DbInstanceRecord[];
  dbClusters?: DbClusterRecord[];
  cacheReplicationGroups?: CacheReplicationGroupRecord[];
  fileSystems?: FileSystemRecord[];
  functions?: FunctionRecord[];
  protectedResources?: ProtectedResourceRecord[];
  backupPlans?: BackupPlanRecord[];
  dlmPolicies?: DlmPolicyRecord[];
  transitGatewayAttachments?: TransitGatewayAttachmentRecord[];
  classicLoadBalancers?: ClassicLoadBalancerRecord[];
  cacheClusters?: CacheClusterRecord[];
  tables?: TableRecord[];
  ecsServices?: EcsServiceRecord[];
  nodegroups?: NodegroupRecord[];
  searchDomains?: SearchDomainRecord[];
  brokers?: BrokerRecord[];
  fsxFileSystems?: FsxFileSystemRecord[];
  redshiftClusters?: RedshiftClusterRecord[];
  kafkaClusters?: KafkaClusterRecord[];
  memoryDbClusters?: MemoryDbClusterRecord[];
  daxClusters?: DaxClusterRecord[];
  dmsReplicationInstances?: DmsReplicationInstanceRecord[];
  firewalls?: FirewallRecord[];
  resolverEndpoints?: ResolverEndpointRecord[];
  directoryBuckets?: DirectoryBucketRecord[];
}

/** A part of the scan that did not complete: the service's data is missing or partial. */
export interface CoverageGap {
  readonly service: string;
  readonly operation: string;
  /**
   * `denied`: AccessDenied / UnauthorizedOperation; `failed`: still failing after retries; `skipped`: not attempted;
   * `timeout`: the service's deadline or the scan's `--timeout` passed; `interrupted`: stopped by Ctrl-C.
   */
  readonly kind: 'denied' | 'failed' | 'skipped' | 'timeout' | 'interrupted';
  readonly code?: string;
  readonly message: string;
}

export interface ScopeInventory {
  readonly account: string;
  readonly region: string;
  readonly partition: string;
  readonly scannedAt: string;
  readonly zones: ZoneRecord[];
  /** Services read, each fully covered unless a gap names it. */
  readonly services: string[];
  /** Services at least one call of which was answered (absent in inventories saved before it was recorded). */
  readonly read?: string[];
  readonly gaps: CoverageGap[];
  readonly data: ScopeData;
}

/** An account (or region) that could not be scanned at all: assume-role refused, region disabled… */
export interface ScanFailure {
  readonly account?: string;
  readonly region?: string;
  readonly message: string;
}

/** The options of the scan that change its output, saved so that `check inventory.json` reproduces it. */
export interface SavedScanOptions {
  /** `--snapshot-max-age` in hours. */
  readonly maxSnapshotAgeHours: number;
  /** The rest, for the record: regions, `--profile`, `--role-arn`, `--org`, time limits. */
  readonly [option: string]: unknown;
}

export interface Inventory {
  readonly format: typeof INVENTORY_FORMAT;
  readonly version: number;
  readonly tool: { readonly name: string; readonly version: string };
  readonly scannedAt: string;
  readonly scopes: ScopeInventory[];
  readonly failures: ScanFailure[];
  /** Absent in inventories saved before options were kept. */
  readonly options?: SavedScanOptions;
  /** Set by `scan --org --shard i/n`: which shard of how many, and how many of the organization's accounts it holds. */
  readonly shard?: { readonly index: number; readonly count: number; readonly accounts: number; readonly organizationAccounts: number };
}
