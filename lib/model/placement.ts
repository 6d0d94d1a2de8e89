import type { Model } from './model';
import type { Resource } from './resource';
import { ResourceRef, Unknown, ZoneValue, ZoneList, asBoolean, asNumber, refTarget } from './values';
import { Zone, uniqueZones, zone } from './zones';

/**
 * Where a resource runs, as far as the input tells:
 * - `zonal`: in exactly these zones (each known);
 * - `regional`: spread over the region's zones by AWS (S3, DynamoDB, Multi-AZ RDS, Lambda outside a VPC…), or not
 *   tied to a zone at all (IAM, SNS…): losing one zone does not take it down;
 * - `single`: in one zone that AWS picks at deploy time (an RDS instance without Multi-AZ and no zone set);
 *   `among` lists the zones it can land in when known;
 * - `unknown`: cannot be decided before deployment; `reason` says why. Never guessed, never reported as a finding.
 */
export type Placement =
  | { readonly kind: 'zonal'; readonly zones: readonly Zone[] }
  | { readonly kind: 'regional'; readonly reason?: string }
  | { readonly kind: 'single'; readonly among?: readonly Zone[]; readonly reason: string }
  | { readonly kind: 'unknown'; readonly reason: string };

export const REGIONAL: Placement = { kind: 'regional' };

/** Properties naming the zones a resource is in, per type. */
export const ZONE_PROPERTIES: Record<string, string[]> = {
  'AWS::EC2::Subnet': ['AvailabilityZone', 'AvailabilityZoneId'],
  'AWS::EC2::Volume': ['AvailabilityZone'],
  'AWS::EC2::Instance': ['AvailabilityZone'],
  'AWS::EC2::Host': ['AvailabilityZone'],
  'AWS::EC2::CapacityReservation': ['AvailabilityZone'],
  'AWS::AutoScaling::AutoScalingGroup': ['AvailabilityZones'],
  'AWS::ElasticLoadBalancing::LoadBalancer': ['AvailabilityZones'],
  'AWS::RDS::DBInstance': ['AvailabilityZone'],
  'AWS::RDS::DBCluster': ['AvailabilityZones'],
  'AWS::DocDB::DBInstance': ['AvailabilityZone'],
  'AWS::Neptune::DBInstance': ['AvailabilityZone'],
  'AWS::EFS::FileSystem': ['AvailabilityZoneName'],
  'AWS::DMS::ReplicationInstance': ['AvailabilityZone'],
  'AWS::ElastiCache::CacheCluster': ['PreferredAvailabilityZone', 'PreferredAvailabilityZones'],
  'AWS::ElastiCache::ReplicationGroup': ['PreferredCacheClusterAZs'],
  'AWS::Redshift::Cluster': ['AvailabilityZone'],
  'AWS::OpsWorks::Instance': ['AvailabilityZone'],
};

/** Properties naming the subnets a resource is in, per type (`*` steps into every list element). */
export const SUBNET_PROPERTIES: Record<string, string[]> = {
  'AWS::EC2::Instance': ['SubnetId', 'NetworkInterfaces.*.SubnetId'],
  'AWS::EC2::NetworkInterface': ['SubnetId'],
  'AWS::EC2::NatGateway': ['SubnetId'],
  'AWS::EC2::VPCEndpoint': ['SubnetIds'],
  'AWS::EC2::TransitGatewayAttachment': ['SubnetIds'],
  'AWS::EC2::TransitGatewayVpcAttachment': ['SubnetIds'],
  'AWS::EC2::SubnetRouteTableAssociation': ['SubnetId'],
  'AWS::AutoScaling::AutoScalingGroup': ['VPCZoneIdentifier'],
  'AWS::ElasticLoadBalancingV2::LoadBalancer': ['Subnets', 'SubnetMappings.*.SubnetId'],
  'AWS::ElasticLoadBalancing::LoadBalancer': ['Subnets'],
  'AWS::Lambda::Function': ['VpcConfig.SubnetIds'],
  'AWS::Serverless::Function': ['VpcConfig.SubnetIds'],
  'AWS::RDS::DBSubnetGroup': ['SubnetIds'],
  'AWS::DocDB::DBSubnetGroup': ['SubnetIds'],
  'AWS::Neptune::DBSubnetGroup': ['SubnetIds'],
  'AWS::ElastiCache::SubnetGroup': ['SubnetIds'],
  'AWS::MemoryDB::SubnetGroup': ['SubnetIds'],
  'AWS::DAX::SubnetGroup': ['SubnetIds'],
  'AWS::DMS::ReplicationSubnetGroup': ['SubnetIds'],
  'AWS::Redshift::ClusterSubnetGroup': ['SubnetIds'],
  'AWS::EFS::MountTarget': ['SubnetId'],
  'AWS::FSx::FileSystem': ['SubnetIds'],
  'AWS::ECS::Service': ['NetworkConfiguration.AwsvpcConfiguration.Subnets'],
  'AWS::EKS::Cluster': ['ResourcesVpcConfig.SubnetIds'],
  'AWS::EKS::Nodegroup': ['Subnets'],
  'AWS::NetworkFirewall::Firewall': ['SubnetMappings.*.SubnetId'],
  'AWS::OpenSearchService::Domain': ['VPCOptions.SubnetIds'],
  'AWS::Elasticsearch::Domain': ['VPCOptions.SubnetIds'],
  'AWS::MSK::Cluster': ['BrokerNodeGroupInfo.ClientSubnets'],
  'AWS::AmazonMQ::Broker': ['SubnetIds'],
  'AWS::Route53Resolver::ResolverEndpoint': ['IpAddresses.*.SubnetId'],
  'AWS::Batch::ComputeEnvironment': ['ComputeResources.Subnets'],
  'AWS::EMR::Cluster': ['Instances.Ec2SubnetId', 'Instances.Ec2SubnetIds'],
  'AWS::CodeBuild::Project': ['VpcConfig.Subnets'],
  'AWS::Glue::Connection': ['ConnectionInput.PhysicalConnectionRequirements.SubnetId'],
  'AWS::AppRunner::VpcConnector': ['Subnets'],
  'AWS::DirectoryService::MicrosoftAD': ['VpcSettings.SubnetIds'],
  'AWS::DirectoryService::SimpleAD': ['VpcSettings.SubnetIds'],
};

/** Properties naming a subnet group whose subnets decide where the resource can run. */
const SUBNET_GROUP_PROPERTIES: Record<string, string[]> = {
  'AWS::RDS::DBInstance': ['DBSubnetGroupName'],
  'AWS::RDS::DBCluster': ['DBSubnetGroupName'],
  'AWS::DocDB::DBCluster': ['DBSubnetGroupName'],
  'AWS::Neptune::DBCluster': ['DBSubnetGroupName'],
  'AWS::ElastiCache::ReplicationGroup': ['CacheSubnetGroupName'],
  'AWS::ElastiCache::CacheCluster': ['CacheSubnetGroupName'],
  'AWS::DMS::ReplicationInstance': ['ReplicationSubnetGroupIdentifier'],
  'AWS::Redshift::Cluster': ['ClusterSubnetGroupName'],
  'AWS::MemoryDB::Cluster': ['SubnetGroupName'],
};

/**
 * When a zonal type says nothing about its zone, AWS picks one at deploy time (`single`), or spreads it (`regional`).
 * Types absent here and from the tables above are not zonal.
 */
const WHEN_UNSET: Record<string, 'single' | 'regional' | 'unknown'> = {
  'AWS::EC2::Instance': 'single',
  'AWS::EC2::Subnet': 'single',
  'AWS::EC2::Volume': 'unknown',
  'AWS::RDS::DBInstance': 'single',
  'AWS::DocDB::DBInstance': 'single',
  'AWS::Neptune::DBInstance': 'single',
  'AWS::DMS::ReplicationInstance': 'single',
  'AWS::ElastiCache::CacheCluster': 'single',
  'AWS::Redshift::Cluster': 'single',
  'AWS::EC2::NatGateway': 'unknown',
  'AWS::AutoScaling::AutoScalingGroup': 'unknown',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'unknown',
  'AWS::ElasticLoadBalancing::LoadBalancer': 'unknown',
  'AWS::Lambda::Function': 'regional',
  'AWS::Serverless::Function': 'regional',
  'AWS::EFS::FileSystem': 'regional',
  'AWS::EFS::MountTarget': 'unknown',
  'AWS::ECS::Service': 'unknown',
};

/** Per-type rules that the tables cannot express. Return undefined to fall through to the generic resolution. */
const SPECIAL: Record<string, (model: Model, r: Resource) => Placement | undefined> = {
  'AWS::EC2::VolumeAttachment': (model, r) => {
    const volume = refTarget(r.get('VolumeId'));
    return volume ? model.placement(volume) : { kind: 'unknown', reason: 'the volume is not in the input' };
  },
  'AWS::EC2::NatGateway': (_model, r) => (String(r.get('AvailabilityMode')).toLowerCase() === 'regional' ? { kind: 'regional', reason: 'regional NAT gateway' } : undefined),
  'AWS::EC2::VPCEndpoint': (_model, r) => (r.get('SubnetIds') === undefined ? REGIONAL : undefined),
  'AWS::RDS::DBInstance': (model, r) => {
    if (r.get('DBClusterIdentifier') !== undefined) return undefined; // a cluster member sits in one zone
    const multi = asBoolean(r.get('MultiAZ'));
    if (multi === true) return spreadOverGroup(model, r, 'Multi-AZ DB instance');
    return undefined;
  },
  'AWS::RDS::DBCluster': (model, r) => {
    // Aurora storage and Multi-AZ DB clusters span three zones; compute availability is the instances' business.
    return r.get('DBClusterInstanceClass') !== undefined ? spreadOverGroup(model, r, 'Multi-AZ DB cluster') : REGIONAL;
  },
  'AWS::DMS::ReplicationInstance': (model, r) => (asBoolean(r.get('MultiAZ')) === true ? spreadOverGroup(model, r, 'Multi-AZ replication instance') : undefined),
  'AWS::ElastiCache::ReplicationGroup': (model, r) => {
    const explicit = zonesFromProperties(model, r, ['PreferredCacheClusterAZs']);
    if (explicit && !(explicit instanceof Unknown) && explicit.length) return { kind: 'zonal', zones: explicit };
    const nodes = asNumber(r.get('NumCacheClusters')) ?? (asNumber(r.get('ReplicasPerNodeGroup')) !== undefined ? (asNumber(r.get('ReplicasPerNodeGroup')) ?? 0) + 1 : 1);
    const multi = asBoolean(r.get('MultiAZEnabled')) === true || asBoolean(r.get('AutomaticFailoverEnabled')) === true;
    if (nodes >= 2 && multi) return spreadOverGroup(model, r, 'replication group with automatic failover');
    return { kind: 'single', among: groupZones(model, r), reason: 'primary node in one zone picked at deploy time' };
  },
  'AWS::ElastiCache::CacheCluster': (model, r) => (String(r.get('AZMode')) === 'cross-az' ? spreadOverGroup(model, r, 'cross-AZ cache cluster') : undefined),
  'AWS::EFS::FileSystem': (_model, r) => (r.get('AvailabilityZoneName') === undefined ? { kind: 'regional', reason: 'Regional (Multi-AZ) file system' } : undefined),
  'AWS::Lambda::Function': lambdaOutsideVpc,
  'AWS::Serverless::Function': lambdaOutsideVpc,
};

export function computePlacement(model: Model, r: Resource): Placement {
  const special = SPECIAL[r.type]?.(model, r);
  if (special) return special;
  const zoneProps = ZONE_PROPERTIES[r.type];
  const subnetProps = SUBNET_PROPERTIES[r.type];
  const groupProps = SUBNET_GROUP_PROPERTIES[r.type];
  if (!zoneProps && !subnetProps && !groupProps && !WHEN_UNSET[r.type]) return REGIONAL;

  // `AvailabilityZones: !GetAZs ''`: every zone of the region, however many there are
  if (zoneProps?.some((p) => r.get(p) instanceof ZoneList)) return { kind: 'regional', reason: 'every zone of the region (Fn::GetAZs)' };
  const zones: Zone[] = [];
  let anySet = false;
  const fromZones = zoneProps ? zonesFromProperties(model, r, zoneProps) : undefined;
  if (fromZones instanceof Unknown) return { kind: 'unknown', reason: fromZones.reason };
  if (fromZones) {
    anySet = true;
    zones.push(...fromZones);
  }
  if (subnetProps) {
    const fromSubnets = zonesOfSubnetProperties(model, r, subnetProps);
    if (fromSubnets instanceof Unknown) {
      if (!zones.length) return { kind: 'unknown', reason: fromSubnets.reason };
    } else if (fromSubnets) {
      anySet = true;
      if (!zones.length) zones.push(...fromSubnets);
    }
  }
  if (anySet) return zones.length ? { kind: 'zonal', zones: uniqueZones(zones) } : { kind: 'unknown', reason: 'no zone could be resolved' };
  const unset = WHEN_UNSET[r.type] ?? 'unknown';
  if (unset === 'single') return { kind: 'single', among: groupZones(model, r), reason: 'zone picked by AWS at deploy time' };
  if (unset === 'regional') return REGIONAL;
  return { kind: 'unknown', reason: 'no zone or subnet is set' };
}

/** Zones named directly by the given properties (zone names, AZ ids, Fn::Select of Fn::GetAZs). */
function zonesFromProperties(model: Model, r: Resource, props: string[]): Zone[] | Unknown | undefined {
  let out: Zone[] | undefined;
  for (const p of props) {
    const v = r.get(p);
    if (v === undefined) continue;
    const zones = toZones(model, v, p.endsWith('Id'));
    if (zones instanceof Unknown) return zones;
    out = [...(out ?? []), ...zones];
  }
  return out;
}

function toZones(model: Model, v: unknown, isId: boolean): Zone[] | Unknown {
  if (v instanceof Unknown) return v;
  if (v instanceof ZoneValue) return [v.zone];
  if (v instanceof ResourceRef) {
    // `!GetAtt Instance.AvailabilityZone` / `!GetAtt Subnet.AvailabilityZone`: the zone of that resource
    if (v.attribute !== 'AvailabilityZone' && v.attribute !== 'AvailabilityZoneId') return new Unknown(`${v} is not a zone`);
    const p = model.placement(v.target);
    return p.kind === 'zonal' && p.zones.length === 1 ? [p.zones[0]] : new Unknown(`the zone of ${v.target.logicalId} is not known`);
  }
  if (v instanceof ZoneList) return new Unknown('a whole zone list (Fn::GetAZs) of unknown length');
  if (typeof v === 'string') {
    if (v === '') return new Unknown('empty zone name');
    return v.split(',').map((s) => (isId || /^[a-z]{2,4}\d+-az\d+$/.test(s.trim()) ? zone(s.trim(), s.trim(), s.trim()) : zone(s.trim())));
  }
  if (Array.isArray(v)) {
    const out: Zone[] = [];
    for (const item of v) {
      const z = toZones(model, item, isId);
      if (z instanceof Unknown) return z;
      out.push(...z);
    }
    return out;
  }
  return new Unknown('zone is not a name');
}

/** Property paths split at dots, once per path (a handful of distinct paths, asked for every resource). */
const splitPaths = new Map<string, string[]>();

/** Values of a property path where `*` steps into each list element. */
export function valuesAt(r: Resource, path: string): unknown[] {
  let parts = splitPaths.get(path);
  if (!parts) {
    parts = path.split('.');
    if (splitPaths.size >= 1024) splitPaths.clear();
    splitPaths.set(path, parts);
  }
  if (!parts.includes('*')) {
    // one value at most: walk it without a list per step (the graph and the rules ask this for every resource)
    let c: unknown = r.properties;
    for (const part of parts) {
      if (c instanceof Unknown) continue; // an unknown stands for everything below it
      if (!c || typeof c !== 'object' || Array.isArray(c)) return [];
      c = (c as Record<string, unknown>)[part];
      if (c === undefined) return [];
    }
    return [c];
  }
  let current: unknown[] = [r.properties];
  for (const part of parts) {
    const next: unknown[] = [];
    for (const c of current) {
      if (part === '*') {
        if (Array.isArray(c)) next.push(...c);
      } else if (c && typeof c === 'object' && !Array.isArray(c) && !(c instanceof Unknown)) {
        const v = (c as Record<string, unknown>)[part];
        if (v !== undefined) next.push(v);
      } else if (c instanceof Unknown) next.push(c);
    }
    current = next;
  }
  return current;
}

/** Subnet resources (or unknowns) named by the given properties. */
export function subnetsOf(r: Resource, props: string[] = SUBNET_PROPERTIES[r.type] ?? []): Array<Resource | Unknown> {
  return subnetsIn(props.flatMap((p) => valuesAt(r, p)));
}

/** Subnet resources (or unknowns) named by resolved values: lists, comma-separated strings or single references. */
function subnetsIn(values: unknown[]): Array<Resource | Unknown> {
  const out: Array<Resource | Unknown> = [];
  for (const v of values) {
    const items = Array.isArray(v) ? v : typeof v === 'string' && v.includes(',') ? v.split(',') : [v];
    for (const item of items) {
      const target = refTarget(item);
      if (target) out.push(target);
      else if (item instanceof Unknown) out.push(item);
      else out.push(new Unknown(typeof item === 'string' ? `subnet ${item} is not in the input` : 'subnet cannot be resolved'));
    }
  }
  return out;
}

/** The subnets of the input a resource is placed in (for `related` in findings). */
export function knownSubnets(r: Resource): Resource[] {
  return subnetsOf(r).filter((s): s is Resource => !(s instanceof Unknown));
}

function zonesOfSubnetProperties(model: Model, r: Resource, props: string[]): Zone[] | Unknown | undefined {
  return zonesOfSubnets(model, subnetsOf(r, props));
}

function zonesOfSubnets(model: Model, subnets: Array<Resource | Unknown>): Zone[] | Unknown | undefined {
  if (!subnets.length) return undefined;
  const zones: Zone[] = [];
  for (const s of subnets) {
    if (s instanceof Unknown) return s;
    const p = model.placement(s);
    if (p.kind !== 'zonal') return new Unknown(`the zone of ${s.logicalId} is not known`);
    zones.push(...p.zones);
  }
  return uniqueZones(zones);
}

/** The zones of the subnet group a resource uses (DB, cache, DMS…), if it is in the input and resolvable. */
export function groupZones(model: Model, r: Resource): Zone[] | undefined {
  for (const p of SUBNET_GROUP_PROPERTIES[r.type] ?? []) {
    const group = refTarget(r.get(p));
    if (!group) continue;
    const placement = model.placement(group);
    if (placement.kind === 'zonal') return [...placement.zones];
  }
  return undefined;
}

function spreadOverGroup(model: Model, r: Resource, reason: string): Placement {
  const zones = groupZones(model, r);
  return zones && zones.length >= 2 ? { kind: 'zonal', zones } : { kind: 'regional', reason };
}

/**
 * A function without VpcConfig subnets runs in every zone of the region. A SAM function without its own SubnetIds
 * takes them from `Globals.Function.VpcConfig` (SAM merges the resource's VpcConfig over the global one).
 */
function lambdaOutsideVpc(model: Model, r: Resource): Placement | undefined {
  if (r.get('VpcConfig.SubnetIds') !== undefined) return undefined;
  const globals = (r.stack.input.template.Globals as { Function?: { VpcConfig?: unknown } } | undefined)?.Function?.VpcConfig;
  if (r.type === 'AWS::Serverless::Function' && globals !== undefined) {
    const resolved = r.stack.resolver.resolve(globals);
    if (!resolved || typeof resolved !== 'object' || resolved instanceof Unknown) return { kind: 'unknown', reason: 'the VpcConfig of the SAM Globals section cannot be resolved' };
    const ids = (resolved as Record<string, unknown>).SubnetIds;
    const zones = ids === undefined ? undefined : zonesOfSubnets(model, subnetsIn([ids]));
    if (zones instanceof Unknown) return { kind: 'unknown', reason: zones.reason };
    if (zones?.length) return { kind: 'zonal', zones };
  }
  return { kind: 'regional', reason: 'Lambda runs in every zone of the region' };
}

/** An EBS volume attached to an instance, by an AWS::EC2::VolumeAttachment or by an entry of the instance's Volumes. */
export interface VolumeAttachmentEdge {
  readonly volume: Resource;
  readonly instance: Resource;
  /** The VolumeAttachment resource, or the instance itself for a `Volumes` entry. */
  readonly via: Resource;
  /** Property path on `via` naming the volume: `Properties.VolumeId` or `Properties.Volumes.<index>`. */
  readonly path: string;
  readonly device?: string;
}

/** Every volume attachment of the input whose volume and instance are both in it (across stacks, through imports). */
export function volumeAttachments(model: Model): VolumeAttachmentEdge[] {
  const out: VolumeAttachmentEdge[] = [];
  // Resources whose Condition is false are not created: neither are their attachments.
  const ofType = (v: unknown, type: string): Resource | undefined => {
    const r = refTarget(v);
    return r?.type === type && r.created !== false ? r : undefined;
  };
  for (const a of model.ofType('AWS::EC2::VolumeAttachment')) {
    if (a.created === false) continue;
    const volume = ofType(a.get('VolumeId'), 'AWS::EC2::Volume');
    const instance = ofType(a.get('InstanceId'), 'AWS::EC2::Instance');
    const device = a.get('Device');
    if (volume && instance) out.push({ volume, instance, via: a, path: 'Properties.VolumeId', ...(typeof device === 'string' ? { device } : {}) });
  }
  for (const instance of model.ofType('AWS::EC2::Instance')) {
    if (instance.created === false) continue;
    const volumes = instance.get('Volumes');
    if (!Array.isArray(volumes)) continue;
    volumes.forEach((entry, i) => {
      const volume = ofType((entry as Record<string, unknown> | undefined)?.VolumeId, 'AWS::EC2::Volume');
      const device = (entry as Record<string, unknown> | undefined)?.Device;
      if (volume) out.push({ volume, instance, via: instance, path: `Properties.Volumes.${i}`, ...(typeof device === 'string' ? { device } : {}) });
    });
  }
  return out;
}


/** Device names AMIs use for the root volume; a block device mapping on any other name is a data volume. */
const ROOT_DEVICE_NAMES = new Set(['/dev/xvda', '/dev/sda1', '/dev/sda', 'xvda', 'sda1', 'sda']);

/** Whether a device name is one AMIs use for the root volume (live scans attach root volumes like any other). */
export function isRootDevice(device: string | undefined): boolean {
  return device !== undefined && ROOT_DEVICE_NAMES.has(device);
}

/** An EBS data volume an instance creates at launch, from its own BlockDeviceMappings or its launch template's. */
export interface BlockDeviceDataVolume {
  readonly device: string;
  readonly ebs: Record<string, unknown>;
  /** Where the mapping is written: the instance, or the AWS::EC2::LaunchTemplate it launches from. */
  readonly source: Resource;
}

/** The AWS::EC2::LaunchTemplate of the input an instance launches from, if any. */
export function launchTemplateOf(instance: Resource): Resource | undefined {
  for (const key of ['LaunchTemplate.LaunchTemplateId', 'LaunchTemplate.LaunchTemplateName']) {
    const lt = refTarget(instance.get(key));
    if (lt?.type === 'AWS::EC2::LaunchTemplate') return lt;
  }
  return undefined;
}

/**
 * EBS data volumes an instance creates through its BlockDeviceMappings and those of its launch template (the
 * instance's own mapping of a device name wins): `Ebs` entries on a non-root device, not suppressed with NoDevice.
 * Entries whose device name cannot be resolved are left out (never guessed).
 */
export function blockDeviceDataVolumes(instance: Resource): BlockDeviceDataVolume[] {
  const byDevice = new Map<string, BlockDeviceDataVolume | null>();
  const add = (mappings: unknown, source: Resource) => {
    if (!Array.isArray(mappings)) return;
    for (const m of mappings) {
      const entry = m as Record<string, unknown> | undefined;
      const device = entry?.DeviceName;
      if (typeof device !== 'string' || byDevice.has(device)) continue;
      const ebs = entry?.Ebs;
      const data = !!ebs && typeof ebs === 'object' && !Array.isArray(ebs) && !(ebs instanceof Unknown) && entry?.NoDevice === undefined && !ROOT_DEVICE_NAMES.has(device);
      byDevice.set(device, data ? { device, ebs: ebs as Record<string, unknown>, source } : null);
    }
  };
  add(instance.get('BlockDeviceMappings'), instance);
  const lt = launchTemplateOf(instance);
  if (lt) add(lt.get('LaunchTemplateData.BlockDeviceMappings'), lt);
  return [...byDevice.values()].filter((v): v is BlockDeviceDataVolume => v !== null);
}
