/**
 * The live source, without the AWS SDK: turns a scan inventory (collected now, or read back from `--save`) into one
 * synthetic CloudFormation-shaped stack per account × region, so that every rule and the blast radius read a live
 * account exactly like a template. Also recognises a saved inventory file given to `zonelint check`, and sets the
 * zone placement of live resources from what AWS reported (zones keyed by AZ id, labelled with the account's names).
 *
 * Facts CloudFormation has no property for (newest snapshot, last backup, target health, Auto Scaling instances) are
 * kept in each resource's `Metadata.ZonelintLive` (see lib/model/live.ts).
 */
import { InputError } from '../errors';
import { registerSourcePlugin } from './inputs';
import type { SourceFile } from './source';
import type { LoadResult, StackInput } from './stack-input';
import { NOT_READ } from '../model/values';
import { INVENTORY_FORMAT, INVENTORY_VERSION, Inventory, LIVE_METADATA, SavedScanOptions, ScopeInventory, Tags } from './inventory-types';

export function scopeName(s: { account: string; region: string }): string {
  return `${s.account}/${s.region}`;
}

type Template = { Metadata: Record<string, unknown>; Resources: Record<string, Record<string, unknown>> };

const ref = (ids: Set<string>, id: string | undefined): unknown => (id === undefined ? undefined : ids.has(id) ? { Ref: id } : id);

function cfnTags(tags: Tags | undefined): Array<{ Key: string; Value: string }> | undefined {
  const entries = Object.entries(tags ?? {});
  return entries.length ? entries.map(([Key, Value]) => ({ Key, Value })) : undefined;
}

/** A copy without undefined values, so that the template reads like one a person would write (no `delete`: objects stay fast). */
function clean<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const k in o) if (o[k] !== undefined) out[k] = o[k];
  return out as T;
}

export const logicalIds = {
  dbInstance: (id: string) => `db:${id}`,
  dbCluster: (id: string) => `cluster:${id}`,
  dbSubnetGroup: (name: string) => `dbsubnetgroup:${name}`,
  cache: (id: string) => `cache:${id}`,
  asg: (name: string) => `asg:${name}`,
  function: (name: string) => `function:${name}`,
  loadBalancer: (arn: string) => `lb:${arn.replace(/^.*:loadbalancer\//, '')}`,
  targetGroup: (arn: string) => `tg:${arn.replace(/^.*:targetgroup\//, '')}`,
  backupPlan: (id: string) => `backupplan:${id}`,
  dlmPolicy: (id: string) => id,
  classicLoadBalancer: (name: string) => `elb:${name}`,
  cacheCluster: (id: string) => `cachecluster:${id}`,
  table: (name: string) => `table:${name}`,
  ecsService: (arn: string) => `ecs:${arn.replace(/^.*:service\//, '')}`,
  nodegroup: (cluster: string, name: string) => `nodegroup:${cluster}/${name}`,
  searchDomain: (name: string) => `search:${name}`,
  broker: (name: string) => `broker:${name}`,
  redshiftCluster: (id: string) => `redshift:${id}`,
  kafkaCluster: (name: string) => `msk:${name}`,
  memoryDbCluster: (name: string) => `memorydb:${name}`,
  daxCluster: (name: string) => `dax:${name}`,
  dmsInstance: (id: string) => `dms:${id}`,
  dmsSubnetGroup: (name: string) => `dmssubnetgroup:${name}`,
  firewall: (name: string) => `firewall:${name}`,
  resolverEndpoint: (id: string) => `resolver:${id}`,
  directoryBucket: (name: string) => `dirbucket:${name}`,
};

/** The configuration property of each FSx file system type. */
const FSX_CONFIG: Record<string, string> = { WINDOWS: 'WindowsConfiguration', LUSTRE: 'LustreConfiguration', ONTAP: 'OntapConfiguration', OPENZFS: 'OpenZFSConfiguration' };

/** A property the scan did not read (its call failed or was refused): resolves to unknown, never to a default. */
const notRead = (what: string) => ({ [NOT_READ]: `${what} was not read` });

/** Key/value attributes as CloudFormation lists them; not read: unknown. */
const attributeList = (attrs: ReadonlyArray<{ key: string; value: string }> | undefined, what: string) =>
  attrs ? attrs.map((a) => ({ Key: a.key, Value: a.value })) : notRead(what);

/** Builds the CloudFormation-shaped template of one scope. */
export function scopeTemplate(scope: ScopeInventory, options?: SavedScanOptions): Template {
  const d = scope.data;
  const R: Template['Resources'] = {};
  const ids = new Set<string>();
  const add = (id: string, type: string, props: Record<string, unknown>, live?: Record<string, unknown>) => {
    const entry: Record<string, unknown> = { Type: type, Properties: clean(props) };
    if (live) entry.Metadata = { [LIVE_METADATA]: clean(live) };
    R[id] = entry;
    ids.add(id);
  };
  const arnOf = (service: string, resource: string) => `arn:${scope.partition}:${service}:${scope.region}:${scope.account}:${resource}`;

  // Last AWS Backup recovery point per resource ARN.
  const lastBackup = new Map<string, string>();
  for (const p of d.protectedResources ?? []) if (p.lastBackupTime) lastBackup.set(p.arn, p.lastBackupTime);

  // Order matters only for Ref validation: a Ref is emitted when its target is already known, so declare targets first.
  for (const s of d.subnets ?? []) ids.add(s.id);
  for (const i of d.instances ?? []) ids.add(i.id);
  for (const v of d.volumes ?? []) ids.add(v.id);
  for (const n of d.natGateways ?? []) ids.add(n.id);
  for (const tg of d.targetGroups ?? []) ids.add(logicalIds.targetGroup(tg.arn));
  for (const lb of d.loadBalancers ?? []) ids.add(logicalIds.loadBalancer(lb.arn));
  for (const c of d.dbClusters ?? []) ids.add(logicalIds.dbCluster(c.id));
  for (const db of d.dbInstances ?? []) ids.add(logicalIds.dbInstance(db.id));
  for (const fs of d.fileSystems ?? []) ids.add(fs.id);
  for (const lb of d.classicLoadBalancers ?? []) ids.add(logicalIds.classicLoadBalancer(lb.name));
  for (const p of d.backupPlans ?? []) ids.add(logicalIds.backupPlan(p.id));

  for (const s of d.subnets ?? []) {
    add(s.id, 'AWS::EC2::Subnet', { VpcId: s.vpcId, CidrBlock: s.cidr, AvailabilityZone: s.zone, AvailabilityZoneId: s.zoneId, Tags: cfnTags(s.tags) }, { physicalId: s.id });
  }
  for (const i of d.instances ?? []) {
    add(
      i.id,
      'AWS::EC2::Instance',
      { SubnetId: ref(ids, i.subnetId), AvailabilityZone: i.zone, InstanceType: i.type, Tags: cfnTags(i.tags) },
      { physicalId: i.id, state: i.state, arn: arnOf('ec2', `instance/${i.id}`), rootDevice: i.rootDevice },
    );
  }
  const snapshots = d.volumeSnapshots ?? {};
  for (const v of d.volumes ?? []) {
    const arn = arnOf('ec2', `volume/${v.id}`);
    add(
      v.id,
      'AWS::EC2::Volume',
      { AvailabilityZone: v.zone, Size: v.sizeGiB, VolumeType: v.type, Iops: v.iops, Encrypted: v.encrypted, Tags: cfnTags(v.tags) },
      {
        physicalId: v.id,
        arn,
        state: v.state,
        sizeGiB: v.sizeGiB,
        newestSnapshot: snapshots[v.id],
        lastBackupTime: lastBackup.get(arn),
        // as DescribeVolumes reports them: known even when the instances could not be read
        attachments: v.attachments.length ? v.attachments.map((a) => clean({ instanceId: a.instanceId, device: a.device, deleteOnTermination: a.deleteOnTermination })) : undefined,
      },
    );
    for (const a of v.attachments) {
      add(`${v.id}/attachment/${a.instanceId}`, 'AWS::EC2::VolumeAttachment', { VolumeId: ref(ids, v.id), InstanceId: ref(ids, a.instanceId), Device: a.device }, { state: a.state, deleteOnTermination: a.deleteOnTermination });
    }
  }
  for (const n of d.natGateways ?? []) {
    const regional = n.availabilityMode?.toLowerCase() === 'regional';
    add(
      n.id,
      'AWS::EC2::NatGateway',
      { SubnetId: regional ? undefined : ref(ids, n.subnetId), ConnectivityType: n.connectivityType, AvailabilityMode: regional ? 'regional' : undefined, Tags: cfnTags(n.tags) },
      { physicalId: n.id, state: n.state, vpcId: n.vpcId },
    );
  }
  // Route tables: explicit associations, and the main table for every subnet of its VPC without one.
  const explicit = new Set<string>();
  for (const t of d.routeTables ?? []) for (const s of t.subnetIds) explicit.add(s);
  for (const t of d.routeTables ?? []) {
    add(t.id, 'AWS::EC2::RouteTable', { VpcId: t.vpcId, Tags: cfnTags(t.tags) }, { physicalId: t.id, main: t.main });
    const served = [...t.subnetIds];
    if (t.main) for (const s of d.subnets ?? []) if (s.vpcId === t.vpcId && !explicit.has(s.id)) served.push(s.id);
    for (const s of served) {
      add(`${t.id}/association/${s}`, 'AWS::EC2::SubnetRouteTableAssociation', { SubnetId: ref(ids, s), RouteTableId: { Ref: t.id } }, { implicit: !t.subnetIds.includes(s) });
    }
    for (const r of t.routes) {
      const v6 = r.destination.includes(':');
      add(
        `${t.id}/route/${r.destination}`,
        'AWS::EC2::Route',
        {
          RouteTableId: { Ref: t.id },
          DestinationCidrBlock: v6 ? undefined : r.destination,
          DestinationIpv6CidrBlock: v6 ? r.destination : undefined,
          NatGatewayId: ref(ids, r.natGatewayId),
          GatewayId: r.gatewayId,
          InstanceId: ref(ids, r.instanceId),
          TransitGatewayId: r.transitGatewayId,
          VpcPeeringConnectionId: r.vpcPeeringConnectionId,
          NetworkInterfaceId: r.networkInterfaceId,
        },
        { state: r.state },
      );
    }
  }
  for (const e of d.vpcEndpoints ?? []) {
    add(
      e.id,
      'AWS::EC2::VPCEndpoint',
      { VpcEndpointType: e.type, ServiceName: e.serviceName, VpcId: e.vpcId, SubnetIds: e.subnetIds.length ? e.subnetIds.map((s) => ref(ids, s)) : undefined },
      { physicalId: e.id, state: e.state },
    );
  }
  for (const a of d.transitGatewayAttachments ?? []) {
    add(
      a.id,
      'AWS::EC2::TransitGatewayVpcAttachment',
      { TransitGatewayId: a.transitGatewayId, VpcId: a.vpcId, SubnetIds: a.subnetIds.map((s) => ref(ids, s)), Tags: cfnTags(a.tags) },
      { physicalId: a.id, state: a.state },
    );
  }
  for (const lb of d.classicLoadBalancers ?? []) {
    add(
      logicalIds.classicLoadBalancer(lb.name),
      'AWS::ElasticLoadBalancing::LoadBalancer',
      {
        LoadBalancerName: lb.name,
        Scheme: lb.scheme,
        Subnets: lb.subnetIds.length ? lb.subnetIds.map((s) => ref(ids, s)) : undefined,
        AvailabilityZones: lb.subnetIds.length ? undefined : [...lb.zones],
        Instances: lb.instanceIds.length ? lb.instanceIds.map((i) => ref(ids, i)) : undefined,
        CrossZone: lb.crossZone ?? notRead('DescribeLoadBalancerAttributes'),
      },
      { physicalId: lb.name, zones: lb.zones },
    );
  }
  for (const lb of d.loadBalancers ?? []) {
    add(
      logicalIds.loadBalancer(lb.arn),
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
      {
        Name: lb.name,
        Type: lb.type,
        Scheme: lb.scheme,
        Subnets: lb.zones.filter((z) => z.subnetId).map((z) => ref(ids, z.subnetId)),
        // an Application Load Balancer always balances across zones: its attributes are not read
        LoadBalancerAttributes: lb.type === 'application' ? undefined : attributeList(lb.attributes, 'DescribeLoadBalancerAttributes'),
      },
      { physicalId: lb.arn, arn: lb.arn, state: lb.state, zones: lb.zones.map((z) => z.zone).filter(Boolean) },
    );
  }
  // IP targets: the load balancer may not report their zone; the subnet whose CIDR holds the address does.
  const subnetsByVpc = new Map<string | undefined, Array<{ range: [number, number]; zone: string }>>();
  for (const s of d.subnets ?? []) {
    const range = ipv4Range(s.cidr);
    if (range && s.zone) subnetsByVpc.set(s.vpcId, [...(subnetsByVpc.get(s.vpcId) ?? []), { range, zone: s.zone }]);
  }
  const zoneOfIp = (vpcId: string | undefined, ip: string): string | undefined => {
    const n = ipv4(ip);
    if (n === undefined) return undefined;
    return (subnetsByVpc.get(vpcId) ?? []).find((s) => n >= s.range[0] && n <= s.range[1])?.zone;
  };
  for (const tg0 of d.targetGroups ?? []) {
    const tg = tg0.targets?.some((t) => !t.zone && ipv4(t.id) !== undefined)
      ? { ...tg0, targets: tg0.targets.map((t) => (t.zone || ipv4(t.id) === undefined ? t : clean({ ...t, zone: zoneOfIp(tg0.vpcId, t.id) }))) }
      : tg0;
    const tgId = logicalIds.targetGroup(tg.arn);
    add(
      tgId,
      'AWS::ElasticLoadBalancingV2::TargetGroup',
      {
        Name: tg.name,
        TargetType: tg.targetType,
        Protocol: tg.protocol,
        Port: tg.port,
        VpcId: tg.vpcId,
        Targets: tg.targets?.map((t) => clean({ Id: ref(ids, t.id), Port: t.port, AvailabilityZone: t.zone === 'all' || (t.zone && ipv4(t.id) !== undefined) ? t.zone : undefined })),
        // a group no load balancer forwards to is not asked
        TargetGroupAttributes: tg.loadBalancerArns.length ? attributeList(tg.attributes, 'DescribeTargetGroupAttributes') : undefined,
      },
      { physicalId: tg.arn, arn: tg.arn, targetHealth: tg.targets, healthKnown: tg.targets !== undefined },
    );
    // The target group names the load balancers that forward to it: one listener edge per pair.
    for (const lbArn of tg.loadBalancerArns) {
      const lbId = logicalIds.loadBalancer(lbArn);
      add(
        `${lbId}/forward/${tgId}`,
        'AWS::ElasticLoadBalancingV2::Listener',
        { LoadBalancerArn: ids.has(lbId) ? { Ref: lbId } : lbArn, DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: tgId } }] },
        { synthetic: 'the load balancer forwards to this target group (from the target group\u2019s LoadBalancerArns)' },
      );
    }
  }
  for (const g of d.autoScalingGroups ?? []) {
    add(
      logicalIds.asg(g.name),
      'AWS::AutoScaling::AutoScalingGroup',
      {
        AutoScalingGroupName: g.name,
        MinSize: String(g.min),
        MaxSize: String(g.max),
        DesiredCapacity: String(g.desired),
        VPCZoneIdentifier: g.subnetIds.length ? g.subnetIds.map((s) => ref(ids, s)) : undefined,
        AvailabilityZones: g.subnetIds.length ? undefined : [...g.zones],
        TargetGroupARNs: g.targetGroupArns.length ? g.targetGroupArns.map((a) => (ids.has(logicalIds.targetGroup(a)) ? { Ref: logicalIds.targetGroup(a) } : a)) : undefined,
        LoadBalancerNames: g.loadBalancerNames.length ? g.loadBalancerNames.map((n) => (ids.has(logicalIds.classicLoadBalancer(n)) ? { Ref: logicalIds.classicLoadBalancer(n) } : n)) : undefined,
        HealthCheckType: g.healthCheckType,
        Tags: Object.entries(g.tags).length ? Object.entries(g.tags).map(([Key, Value]) => ({ Key, Value, PropagateAtLaunch: true })) : undefined,
      },
      { physicalId: g.name, arn: g.arn, instances: g.instances },
    );
  }
  const subnetGroups = new Map<string, { name: string; subnetIds: readonly string[] }>();
  for (const db of d.dbInstances ?? []) if (db.subnetGroup) subnetGroups.set(db.subnetGroup.name, db.subnetGroup);
  for (const g of subnetGroups.values()) {
    add(logicalIds.dbSubnetGroup(g.name), 'AWS::RDS::DBSubnetGroup', { DBSubnetGroupName: g.name, SubnetIds: g.subnetIds.map((s) => ref(ids, s)) }, { physicalId: g.name });
    ids.add(logicalIds.dbSubnetGroup(g.name));
  }
  for (const c of d.dbClusters ?? []) {
    const groupId = c.subnetGroupName ? logicalIds.dbSubnetGroup(c.subnetGroupName) : undefined;
    add(
      logicalIds.dbCluster(c.id),
      'AWS::RDS::DBCluster',
      {
        DBClusterIdentifier: c.id,
        Engine: c.engine,
        EngineMode: c.engineMode,
        AvailabilityZones: c.zones.length ? [...c.zones] : undefined,
        BackupRetentionPeriod: c.backupRetentionDays,
        DBClusterInstanceClass: c.instanceClass,
        AllocatedStorage: c.storageGiB,
        DBSubnetGroupName: groupId && ids.has(groupId) ? { Ref: groupId } : c.subnetGroupName,
      },
      { physicalId: c.id, arn: c.arn, status: c.status, multiAz: c.multiAz, members: c.members, newestSnapshot: c.newestSnapshot, latestRestorableTime: c.latestRestorableTime, lastBackupTime: c.arn ? lastBackup.get(c.arn) : undefined },
    );
  }
  for (const db of d.dbInstances ?? []) {
    const source = db.sourceId && (d.dbInstances ?? []).some((x) => x.id === db.sourceId) ? { Ref: logicalIds.dbInstance(db.sourceId) } : db.sourceId;
    add(
      logicalIds.dbInstance(db.id),
      'AWS::RDS::DBInstance',
      {
        DBInstanceIdentifier: db.id,
        Engine: db.engine,
        DBInstanceClass: db.instanceClass,
        MultiAZ: db.multiAz,
        AvailabilityZone: db.multiAz ? undefined : db.zone,
        DBClusterIdentifier: db.clusterId ? (ids.has(logicalIds.dbCluster(db.clusterId)) ? { Ref: logicalIds.dbCluster(db.clusterId) } : db.clusterId) : undefined,
        SourceDBInstanceIdentifier: source,
        BackupRetentionPeriod: db.clusterId ? undefined : db.backupRetentionDays,
        AllocatedStorage: db.storageGiB,
        StorageType: db.storageType,
        DBSubnetGroupName: db.subnetGroup ? { Ref: logicalIds.dbSubnetGroup(db.subnetGroup.name) } : undefined,
      },
      {
        physicalId: db.id,
        arn: db.arn,
        status: db.status,
        zone: db.zone,
        secondaryZone: db.secondaryZone,
        storageGiB: db.storageGiB,
        newestSnapshot: db.newestSnapshot,
        latestRestorableTime: db.latestRestorableTime,
        lastBackupTime: db.arn ? lastBackup.get(db.arn) : undefined,
      },
    );
  }
  for (const g of d.cacheReplicationGroups ?? []) {
    const members = g.nodeGroups.flatMap((n) => n.members);
    const replicas = g.nodeGroups.length ? Math.max(0, ...g.nodeGroups.map((n) => n.members.length - 1)) : 0;
    add(
      logicalIds.cache(g.id),
      'AWS::ElastiCache::ReplicationGroup',
      {
        ReplicationGroupId: g.id,
        AutomaticFailoverEnabled: g.automaticFailover ? g.automaticFailover === 'enabled' || g.automaticFailover === 'enabling' : undefined,
        MultiAZEnabled: g.multiAz ? g.multiAz === 'enabled' : undefined,
        NumNodeGroups: g.clusterMode ? g.nodeGroups.length : undefined,
        ReplicasPerNodeGroup: g.clusterMode ? replicas : undefined,
        NumCacheClusters: g.clusterMode ? undefined : members.length,
        SnapshotRetentionLimit: g.snapshotRetentionDays,
        PreferredCacheClusterAZs: members.some((m) => m.zone) ? members.map((m) => m.zone).filter(Boolean) : undefined,
      },
      { physicalId: g.id, arn: g.arn, status: g.status, nodeGroups: g.nodeGroups },
    );
  }
  for (const c of d.cacheClusters ?? []) {
    const zones = [...new Set(c.nodeZones)];
    const crossAz = zones.length > 1 || c.preferredZone === 'Multiple';
    add(
      logicalIds.cacheCluster(c.id),
      'AWS::ElastiCache::CacheCluster',
      {
        ClusterName: c.id,
        Engine: c.engine,
        CacheNodeType: c.nodeType,
        NumCacheNodes: c.numNodes,
        AZMode: c.engine === 'memcached' ? (crossAz ? 'cross-az' : 'single-az') : undefined,
        PreferredAvailabilityZone: crossAz ? undefined : (zones[0] ?? c.preferredZone),
        PreferredAvailabilityZones: crossAz && c.nodeZones.length ? [...c.nodeZones] : undefined,
        SnapshotRetentionLimit: c.snapshotRetentionDays,
        CacheSubnetGroupName: c.subnetGroupName,
      },
      { physicalId: c.id, arn: c.arn, status: c.status, zones: zones.length ? zones : c.preferredZone && c.preferredZone !== 'Multiple' ? [c.preferredZone] : [] },
    );
  }
  for (const t of d.tables ?? []) {
    add(
      logicalIds.table(t.name),
      'AWS::DynamoDB::Table',
      { TableName: t.name, PointInTimeRecoverySpecification: t.pitr === undefined ? notRead('DescribeContinuousBackups') : { PointInTimeRecoveryEnabled: t.pitr } },
      { physicalId: t.name, arn: t.arn, latestRestorableTime: t.latestRestorableTime },
    );
  }
  for (const s of d.ecsServices ?? []) {
    add(
      logicalIds.ecsService(s.arn),
      'AWS::ECS::Service',
      {
        ServiceName: s.name,
        Cluster: s.clusterArn,
        DesiredCount: s.desired,
        LaunchType: s.launchType,
        CapacityProviderStrategy: s.capacityProviders.length ? s.capacityProviders.map((CapacityProvider) => ({ CapacityProvider })) : undefined,
        SchedulingStrategy: s.schedulingStrategy,
        NetworkConfiguration: s.subnetIds.length ? { AwsvpcConfiguration: { Subnets: s.subnetIds.map((x) => ref(ids, x)) } } : undefined,
        LoadBalancers:
          s.targetGroupArns.length || s.loadBalancerNames.length
            ? [
                ...s.targetGroupArns.map((a) => ({ TargetGroupArn: ids.has(logicalIds.targetGroup(a)) ? { Ref: logicalIds.targetGroup(a) } : a })),
                ...s.loadBalancerNames.map((n) => ({ LoadBalancerName: ids.has(logicalIds.classicLoadBalancer(n)) ? { Ref: logicalIds.classicLoadBalancer(n) } : n })),
              ]
            : undefined,
      },
      { physicalId: s.arn, arn: s.arn, status: s.status, running: s.running, tasks: s.tasks, tasksKnown: s.tasks !== undefined },
    );
  }
  for (const n of d.nodegroups ?? []) {
    add(
      logicalIds.nodegroup(n.clusterName, n.name),
      'AWS::EKS::Nodegroup',
      {
        NodegroupName: n.name,
        ClusterName: n.clusterName,
        Subnets: n.subnetIds.map((x) => ref(ids, x)),
        ScalingConfig: clean({ MinSize: n.min, MaxSize: n.max, DesiredSize: n.desired }),
        CapacityType: n.capacityType,
        Tags: Object.keys(n.tags).length ? { ...n.tags } : undefined,
      },
      { physicalId: n.name, arn: n.arn, status: n.status, autoScalingGroups: n.autoScalingGroups },
    );
  }
  for (const x of d.searchDomains ?? []) {
    add(
      logicalIds.searchDomain(x.name),
      'AWS::OpenSearchService::Domain',
      {
        DomainName: x.name,
        EngineVersion: x.engineVersion,
        ClusterConfig: clean({
          InstanceType: x.instanceType,
          InstanceCount: x.instanceCount,
          ZoneAwarenessEnabled: x.zoneAwareness,
          ZoneAwarenessConfig: x.zoneAwareness && x.zoneCount ? { AvailabilityZoneCount: x.zoneCount } : undefined,
          DedicatedMasterEnabled: x.dedicatedMasters,
          DedicatedMasterCount: x.dedicatedMasters ? x.masterCount : undefined,
          MultiAZWithStandbyEnabled: x.standby,
        }),
        VPCOptions: x.subnetIds.length ? { SubnetIds: x.subnetIds.map((s) => ref(ids, s)) } : undefined,
      },
      { physicalId: x.name, arn: x.arn, zones: x.zones },
    );
  }
  for (const b of d.brokers ?? []) {
    add(
      logicalIds.broker(b.name),
      'AWS::AmazonMQ::Broker',
      { BrokerName: b.name, DeploymentMode: b.deploymentMode, EngineType: b.engineType, HostInstanceType: b.instanceType, SubnetIds: b.subnetIds.length ? b.subnetIds.map((s) => ref(ids, s)) : undefined },
      { physicalId: b.id, arn: b.arn, state: b.state },
    );
  }
  for (const f of d.fsxFileSystems ?? []) {
    const config = FSX_CONFIG[(f.type ?? '').toUpperCase()];
    add(
      f.id,
      'AWS::FSx::FileSystem',
      {
        FileSystemType: f.type,
        StorageCapacity: f.storageGiB,
        SubnetIds: f.subnetIds.map((s) => ref(ids, s)),
        ...(config ? { [config]: clean({ DeploymentType: f.deploymentType, AutomaticBackupRetentionDays: f.backupRetentionDays, PreferredSubnetId: ref(ids, f.preferredSubnetId) }) } : {}),
        Tags: cfnTags(f.tags),
      },
      { physicalId: f.id, arn: f.arn, state: f.state, storageGiB: f.storageGiB, lastBackupTime: f.arn ? lastBackup.get(f.arn) : undefined },
    );
  }
  for (const c of d.redshiftClusters ?? []) {
    add(
      logicalIds.redshiftCluster(c.id),
      'AWS::Redshift::Cluster',
      {
        ClusterIdentifier: c.id,
        NodeType: c.nodeType,
        NumberOfNodes: c.nodes,
        ClusterType: c.nodes === undefined ? undefined : c.nodes > 1 ? 'multi-node' : 'single-node',
        AvailabilityZone: c.zone,
        MultiAZ: c.multiAz,
        AutomatedSnapshotRetentionPeriod: c.snapshotRetentionDays,
        ClusterSubnetGroupName: c.subnetGroupName,
      },
      { physicalId: c.id, arn: c.arn, status: c.status, zone: c.zone },
    );
  }
  for (const k of d.kafkaClusters ?? []) {
    add(
      logicalIds.kafkaCluster(k.name),
      'AWS::MSK::Cluster',
      { ClusterName: k.name, NumberOfBrokerNodes: k.brokers, BrokerNodeGroupInfo: clean({ ClientSubnets: k.subnetIds.map((s) => ref(ids, s)), InstanceType: k.instanceType }) },
      { physicalId: k.arn, arn: k.arn, state: k.state },
    );
  }
  for (const m of d.memoryDbClusters ?? []) {
    add(
      logicalIds.memoryDbCluster(m.name),
      'AWS::MemoryDB::Cluster',
      { ClusterName: m.name, NodeType: m.nodeType, NumShards: m.shards, NumReplicasPerShard: m.replicasPerShard, SubnetGroupName: m.subnetGroupName, SnapshotRetentionLimit: m.snapshotRetentionDays },
      { physicalId: m.name, arn: m.arn, status: m.status, zones: [...new Set(m.nodeZones)] },
    );
  }
  for (const x of d.daxClusters ?? []) {
    add(
      logicalIds.daxCluster(x.name),
      'AWS::DAX::Cluster',
      { ClusterName: x.name, NodeType: x.nodeType, ReplicationFactor: x.nodes, AvailabilityZones: x.nodeZones.length ? [...x.nodeZones] : undefined, SubnetGroupName: x.subnetGroupName },
      { physicalId: x.name, arn: x.arn, status: x.status, zones: [...new Set(x.nodeZones)] },
    );
  }
  for (const r of d.dmsReplicationInstances ?? []) {
    const groupId = r.subnetGroup ? logicalIds.dmsSubnetGroup(r.subnetGroup.name) : undefined;
    if (r.subnetGroup && groupId && !ids.has(groupId)) {
      add(groupId, 'AWS::DMS::ReplicationSubnetGroup', { ReplicationSubnetGroupIdentifier: r.subnetGroup.name, ReplicationSubnetGroupDescription: r.subnetGroup.name, SubnetIds: r.subnetGroup.subnetIds.map((s) => ref(ids, s)) }, { physicalId: r.subnetGroup.name });
    }
    add(
      logicalIds.dmsInstance(r.id),
      'AWS::DMS::ReplicationInstance',
      {
        ReplicationInstanceIdentifier: r.id,
        ReplicationInstanceClass: r.instanceClass,
        MultiAZ: r.multiAz,
        AvailabilityZone: r.multiAz ? undefined : r.zone,
        ReplicationSubnetGroupIdentifier: groupId ? { Ref: groupId } : undefined,
      },
      { physicalId: r.id, arn: r.arn, status: r.status, zone: r.zone, secondaryZone: r.secondaryZone },
    );
  }
  for (const e of d.resolverEndpoints ?? []) {
    add(
      logicalIds.resolverEndpoint(e.id),
      'AWS::Route53Resolver::ResolverEndpoint',
      { Name: e.name, Direction: e.direction, IpAddresses: e.ipAddresses.map((a) => clean({ SubnetId: ref(ids, a.subnetId), Ip: a.ip })) },
      { physicalId: e.id, arn: e.arn, status: e.status },
    );
  }
  for (const b of d.directoryBuckets ?? []) {
    add(
      logicalIds.directoryBucket(b.name),
      'AWS::S3Express::DirectoryBucket',
      {
        BucketName: b.name,
        LocationName: b.zoneId,
        // where the objects are kept follows from the location: an Availability Zone or a Dedicated Local Zone
        DataRedundancy: b.zoneId === undefined ? undefined : /^[a-z]{2,4}\d+-az\d+$/.test(b.zoneId) ? 'SingleAvailabilityZone' : 'SingleLocalZone',
      },
      { physicalId: b.name, arn: b.arn, zoneId: b.zoneId },
    );
  }
  for (const f of d.firewalls ?? []) {
    add(
      logicalIds.firewall(f.name),
      'AWS::NetworkFirewall::Firewall',
      { FirewallName: f.name, VpcId: f.vpcId, SubnetMappings: f.subnetIds.map((s) => ({ SubnetId: ref(ids, s) })) },
      { physicalId: f.arn, arn: f.arn },
    );
  }
  for (const fs of d.fileSystems ?? []) {
    add(
      fs.id,
      'AWS::EFS::FileSystem',
      { AvailabilityZoneName: fs.zoneName, Encrypted: fs.encrypted, FileSystemTags: cfnTags(fs.tags) },
      { physicalId: fs.id, arn: fs.arn, state: fs.state, sizeBytes: fs.sizeBytes, zoneId: fs.zoneId, lastBackupTime: fs.arn ? lastBackup.get(fs.arn) : undefined, mountTargetsKnown: fs.mountTargets !== undefined },
    );
    for (const m of fs.mountTargets ?? []) {
      add(m.id, 'AWS::EFS::MountTarget', { FileSystemId: { Ref: fs.id }, SubnetId: ref(ids, m.subnetId) }, { physicalId: m.id, state: m.state, zone: m.zone, zoneId: m.zoneId });
    }
  }
  for (const f of d.functions ?? []) {
    add(
      logicalIds.function(f.name),
      'AWS::Lambda::Function',
      {
        FunctionName: f.name,
        Runtime: f.runtime,
        VpcConfig: f.subnetIds.length ? { SubnetIds: f.subnetIds.map((s) => ref(ids, s)), SecurityGroupIds: [...f.securityGroupIds] } : undefined,
      },
      { physicalId: f.name, arn: f.arn, vpcId: f.vpcId },
    );
  }
  for (const p of d.backupPlans ?? []) {
    const planId = logicalIds.backupPlan(p.id);
    add(planId, 'AWS::Backup::BackupPlan', { BackupPlan: { BackupPlanName: p.name } }, { physicalId: p.id });
    for (const s of p.selections) {
      add(
        `${planId}/selection/${s.id}`,
        'AWS::Backup::BackupSelection',
        {
          BackupPlanId: { Ref: planId },
          BackupSelection: clean({
            SelectionName: s.name,
            IamRoleArn: s.iamRoleArn,
            Resources: s.resources.length ? [...s.resources] : undefined,
            NotResources: s.notResources.length ? [...s.notResources] : undefined,
            ListOfTags: s.tags.length ? s.tags.map((t) => ({ ConditionType: t.conditionType, ConditionKey: t.key, ConditionValue: t.value })) : undefined,
          }),
        },
        { physicalId: s.id },
      );
    }
  }
  for (const p of d.dlmPolicies ?? []) {
    add(
      logicalIds.dlmPolicy(p.id),
      'AWS::DLM::LifecyclePolicy',
      {
        Description: p.description,
        State: p.state,
        PolicyDetails: clean({
          PolicyType: p.policyType,
          ResourceTypes: p.resourceTypes.length ? [...p.resourceTypes] : undefined,
          TargetTags: p.targetTags.length ? p.targetTags.map((t) => ({ Key: t.key, Value: t.value })) : undefined,
        }),
      },
      { physicalId: p.id },
    );
  }

  return {
    Metadata: {
      [LIVE_METADATA]: {
        account: scope.account,
        region: scope.region,
        partition: scope.partition,
        scannedAt: scope.scannedAt,
        zones: scope.zones,
        services: scope.services,
        gaps: scope.gaps,
        ...(options ? { maxSnapshotAgeHours: options.maxSnapshotAgeHours } : {}),
      },
    },
    Resources: R,
  };
}

function liveSource(file: string, template: unknown): SourceFile {
  return { file, format: 'json', data: template, positionOf: () => undefined };
}

/** One StackInput per scope; `file` is the inventory path, or undefined for a scan that was not saved. */
export function inventoryStacks(inventory: Inventory, file?: string): StackInput[] {
  return inventory.scopes.map((scope) => {
    const name = scopeName(scope);
    const template = scopeTemplate(scope, inventory.options);
    return {
      id: name,
      name,
      source: liveSource(file ?? `live:${name}`, template),
      template,
      region: scope.region,
      account: scope.account,
      zoneNames: scope.zones.filter((z) => !z.type || z.type === 'availability-zone').map((z) => z.name),
      constructPaths: new Map(),
      acknowledgements: [],
      origin: 'live' as const,
    };
  });
}

export function inventoryLoadResult(inventory: Inventory, file?: string): LoadResult {
  return { stacks: inventoryStacks(inventory, file), skipped: [], notes: coverageNotes(inventory) };
}

/** What the scan could not read, as loader notes: the same for the scan and for `check` of its saved inventory. */
export function coverageNotes(inventory: Inventory): string[] {
  const notes: string[] = [];
  for (const f of inventory.failures) notes.push(`not scanned: ${[f.account, f.region].filter(Boolean).join('/') || 'scan'}: ${f.message}`);
  for (const s of inventory.scopes) {
    for (const g of s.gaps) notes.push(`not covered: ${scopeName(s)} ${g.service} ${g.operation}: ${g.message}`);
  }
  return notes;
}

/** Whether decoded JSON is a zonelint inventory; throws InputError when it claims to be one but is malformed. */
export function asInventory(data: unknown, file: string): Inventory | undefined {
  if (!data || typeof data !== 'object' || Array.isArray(data) || (data as Record<string, unknown>).format !== INVENTORY_FORMAT) return undefined;
  const inv = data as Record<string, unknown>;
  if (inv.version !== INVENTORY_VERSION) throw new InputError(file, `inventory version ${JSON.stringify(inv.version)} is not supported (this zonelint reads version ${INVENTORY_VERSION})`);
  if (!Array.isArray(inv.scopes)) throw new InputError(file, 'inventory has no "scopes" list');
  if (inv.failures !== undefined && !Array.isArray(inv.failures)) throw new InputError(file, 'inventory "failures" must be a list');
  if (inv.options !== undefined) {
    const o = inv.options as Record<string, unknown> | null;
    if (!o || typeof o !== 'object' || Array.isArray(o) || typeof o.maxSnapshotAgeHours !== 'number' || !(o.maxSnapshotAgeHours > 0)) {
      throw new InputError(file, 'inventory "options" must be an object with a positive "maxSnapshotAgeHours" number');
    }
  }
  (inv.scopes as unknown[]).forEach((s, i) => {
    const sc = s as Record<string, unknown>;
    const where = `scopes[${i}]`;
    if (!sc || typeof sc !== 'object') throw new InputError(file, `inventory ${where} is not an object`);
    for (const k of ['account', 'region', 'scannedAt']) if (typeof sc[k] !== 'string') throw new InputError(file, `inventory ${where} has no "${k}" string`);
    if (!Array.isArray(sc.zones)) throw new InputError(file, `inventory ${where} has no "zones" list`);
    if (!sc.data || typeof sc.data !== 'object' || Array.isArray(sc.data)) throw new InputError(file, `inventory ${where} has no "data" object`);
    for (const [k, v] of Object.entries(sc.data as Record<string, unknown>)) {
      if (k === 'volumeSnapshots') {
        if (!v || typeof v !== 'object' || Array.isArray(v)) throw new InputError(file, `inventory ${where}.data.volumeSnapshots must be an object`);
        continue;
      }
      const idField = RECORD_IDS[k];
      if (!idField) throw new InputError(file, `inventory ${where}.data.${k} is not a known list (known: volumeSnapshots, ${Object.keys(RECORD_IDS).join(', ')})`);
      if (!Array.isArray(v)) throw new InputError(file, `inventory ${where}.data.${k} must be a list`);
      v.forEach((item, j) => {
        if (!item || typeof item !== 'object' || typeof (item as Record<string, unknown>)[idField] !== 'string') {
          throw new InputError(file, `inventory ${where}.data.${k}[${j}] has no "${idField}" string`);
        }
      });
    }
    if (isNaN(Date.parse(sc.scannedAt as string))) throw new InputError(file, `inventory ${where}.scannedAt is not a time`);
  });
  return {
    ...(inv as unknown as Inventory),
    failures: (inv.failures as Inventory['failures']) ?? [],
    scopes: (inv.scopes as ScopeInventory[]).map((s) => ({ ...s, partition: s.partition ?? 'aws', services: s.services ?? [], gaps: s.gaps ?? [] })),
  };
}

/** The field that identifies a record of each data list (checked when a saved inventory is read back). */
const RECORD_IDS: Record<string, string> = {
  instances: 'id',
  volumes: 'id',
  subnets: 'id',
  routeTables: 'id',
  natGateways: 'id',
  vpcEndpoints: 'id',
  autoScalingGroups: 'name',
  loadBalancers: 'arn',
  targetGroups: 'arn',
  dbInstances: 'id',
  dbClusters: 'id',
  cacheReplicationGroups: 'id',
  fileSystems: 'id',
  functions: 'name',
  protectedResources: 'arn',
  backupPlans: 'id',
  dlmPolicies: 'id',
  transitGatewayAttachments: 'id',
  classicLoadBalancers: 'name',
  cacheClusters: 'id',
  tables: 'name',
  ecsServices: 'arn',
  nodegroups: 'name',
  searchDomains: 'name',
  brokers: 'id',
  fsxFileSystems: 'id',
  redshiftClusters: 'id',
  kafkaClusters: 'arn',
  memoryDbClusters: 'name',
  daxClusters: 'name',
  dmsReplicationInstances: 'id',
  firewalls: 'arn',
  resolverEndpoints: 'id',
  directoryBuckets: 'name',
};

registerSourcePlugin({
  load(source) {
    const inventory = asInventory(source.data, source.file);
    if (!inventory) return undefined;
    try {
      return { stacks: inventoryStacks(inventory, source.file), notes: coverageNotes(inventory) };
    } catch (e) {
      // A hand-edited record missing a nested field (attachments, zones…): the file's fault, not zonelint's.
      if (e instanceof TypeError) throw new InputError(source.file, `malformed inventory record (${e.message})`);
      throw e;
    }
  },
});

/** Whether decoded JSON claims to be a zonelint inventory. */
export function isInventory(data: unknown): boolean {
  return Boolean(data && typeof data === 'object' && (data as Record<string, unknown>).format === INVENTORY_FORMAT);
}

/** An IPv4 address as a number, or undefined. */
function ipv4(text: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  return parts.some((p) => p > 255) ? undefined : ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

/** First and last address of an IPv4 CIDR block. */
function ipv4Range(cidr: string | undefined): [number, number] | undefined {
  const m = /^([\d.]+)\/(\d{1,2})$/.exec(cidr ?? '');
  const base = m ? ipv4(m[1]) : undefined;
  const bits = m ? Number(m[2]) : NaN;
  if (base === undefined || !(bits >= 0 && bits <= 32)) return undefined;
  const size = 2 ** (32 - bits);
  const first = base - (base % size);
  return [first, first + size - 1];
}
