// The simulated AWS world the test server serves: accounts, regions and their resources, in a neutral form (not the
// scanner's own types, so that the two cannot share a mistake).

export interface FakeRegion {
  zones: Array<{ name: string; id: string }>;
  instances: Array<{ id: string; zone: string; subnetId?: string; vpcId?: string; state?: string; type?: string; tags?: Record<string, string> }>;
  volumes: Array<{ id: string; zone: string; size: number; type?: string; tags?: Record<string, string>; attachments?: Array<{ instanceId: string; device: string }> }>;
  snapshots: Array<{ id: string; volumeId: string; start: Date; state?: string; owner?: string }>;
  subnets: Array<{ id: string; vpcId: string; zone: string; cidr: string; tags?: Record<string, string> }>;
  routeTables: Array<{ id: string; vpcId: string; main?: boolean; subnets: string[]; routes: Array<{ dest: string; nat?: string; gateway?: string }> }>;
  natGateways: Array<{ id: string; subnetId: string; vpcId: string; state?: string }>;
  vpcEndpoints: Array<{ id: string; type: string; service: string; vpcId: string; subnets: string[] }>;
  asgs: Array<{ name: string; min: number; max: number; desired: number; subnets: string[]; zones: string[]; targetGroups: string[]; instances: Array<{ id: string; zone: string }> }>;
  loadBalancers: Array<{ arn: string; name: string; type: string; scheme: string; vpcId: string; zones: Array<{ zone: string; subnetId: string }>; attributes?: Record<string, string> }>;
  targetGroups: Array<{ arn: string; name: string; port: number; vpcId: string; lbs: string[]; targets: Array<{ id: string; port: number; state: string; zone?: string }>; attributes?: Record<string, string> }>;
  classicLbs: Array<{ name: string; vpcId?: string; zones: string[]; subnets: string[]; instances: string[]; crossZone: boolean }>;
  tgwAttachments: Array<{ id: string; tgwId: string; vpcId: string; subnets: string[] }>;
  cacheClusters: Array<{ id: string; engine: string; nodeZones: string[]; retention?: number; replicationGroup?: string }>;
  tables: Array<{ name: string; pitr: boolean }>;
  ecsClusters: Array<{ name: string; services: Array<{ name: string; desired: number; launchType: string; subnets: string[]; targetGroups?: string[] }>; tasks: Array<{ id: string; service: string; zone: string }> }>;
  eksClusters: Array<{ name: string; nodegroups: Array<{ name: string; subnets: string[]; min: number; max: number; desired: number }> }>;
  kafkaClusters: Array<{ name: string; brokers: number; subnets: string[] }>;
  searchDomains: Array<{ name: string; instanceCount: number; zoneAwareness: boolean; subnets: string[] }>;
  brokers: Array<{ id: string; name: string; mode: string; subnets: string[] }>;
  fsxFileSystems: Array<{ id: string; type: string; deployment: string; subnets: string[]; retention: number }>;
  redshiftClusters: Array<{ id: string; zone: string; nodes: number; multiAz?: boolean }>;
  memoryDbClusters: Array<{ name: string; zones: string[] }>;
  daxClusters: Array<{ name: string; zones: string[] }>;
  firewalls: Array<{ name: string; vpcId: string; subnets: string[] }>;
  /** One IP address per subnet listed. */
  resolverEndpoints: Array<{ id: string; name: string; direction: 'INBOUND' | 'OUTBOUND'; vpcId: string; subnets: string[] }>;
  /** Directory bucket names (`<base>--<zone id>--x-s3`). */
  directoryBuckets: string[];
  dmsInstances: Array<{ id: string; multiAz: boolean; zone: string; secondaryZone?: string; subnetGroup: { name: string; subnets: Array<{ id: string; zone: string }> } }>;
  dbInstances: Array<{
    id: string;
    engine: string;
    cls: string;
    multiAz: boolean;
    zone: string;
    secondaryZone?: string;
    clusterId?: string;
    retention: number;
    storage: number;
    subnetGroup?: { name: string; subnets: Array<{ id: string; zone: string }> };
    latestRestorable?: Date;
  }>;
  dbClusters: Array<{ id: string; engine: string; zones: string[]; members: Array<{ id: string; writer: boolean }>; retention: number; subnetGroup?: string; latestRestorable?: Date }>;
  dbSnapshots: Array<{ id: string; dbId: string; time: Date; status?: string }>;
  dbClusterSnapshots: Array<{ id: string; clusterId: string; time: Date }>;
  replicationGroups: Array<{ id: string; failover: 'enabled' | 'disabled'; multiAz: 'enabled' | 'disabled'; members: Array<{ id: string; zone: string; role: string }> }>;
  fileSystems: Array<{ id: string; name?: string; zoneName?: string; zoneId?: string; size: number; mountTargets: Array<{ id: string; subnetId: string; zone: string; zoneId: string }> }>;
  functions: Array<{ name: string; runtime: string; subnets: string[]; sgs: string[]; vpcId?: string }>;
  protectedResources: Array<{ arn: string; type: string; last: Date }>;
  backupPlans: Array<{ id: string; name: string; selections: Array<{ id: string; name: string; resources: string[]; tags: Array<{ key: string; value: string }> }> }>;
  dlmPolicies: Array<{ id: string; description: string; state: string; resourceTypes: string[]; targetTags: Array<{ key: string; value: string }> }>;
}

export interface FakeAccount {
  id: string;
  name: string;
  regions: Record<string, FakeRegion>;
}

export interface FakeWorld {
  accounts: FakeAccount[];
  /** Access key id of the caller's static credentials → its account. */
  callerKeys: Record<string, string>;
  /** Organization accounts (ListAccounts), when the caller is a management account. */
  organization?: Array<{ id: string; name: string; status: string }>;
  /** Roles that may be assumed (ARN → allowed). Anything else is AccessDenied. */
  roles: Record<string, boolean>;
}

export function emptyRegion(zones: Array<{ name: string; id: string }>): FakeRegion {
  return {
    zones,
    instances: [],
    volumes: [],
    snapshots: [],
    subnets: [],
    routeTables: [],
    natGateways: [],
    vpcEndpoints: [],
    asgs: [],
    loadBalancers: [],
    targetGroups: [],
    dbInstances: [],
    dbClusters: [],
    dbSnapshots: [],
    dbClusterSnapshots: [],
    replicationGroups: [],
    fileSystems: [],
    functions: [],
    protectedResources: [],
    backupPlans: [],
    dlmPolicies: [],
    classicLbs: [],
    tgwAttachments: [],
    cacheClusters: [],
    tables: [],
    ecsClusters: [],
    eksClusters: [],
    kafkaClusters: [],
    searchDomains: [],
    brokers: [],
    fsxFileSystems: [],
    redshiftClusters: [],
    memoryDbClusters: [],
    daxClusters: [],
    firewalls: [],
    resolverEndpoints: [],
    directoryBuckets: [],
    dmsInstances: [],
  };
}
