import type { Model } from '../model/model';
import { referencedResources } from '../model/model';
import { SUBNET_PROPERTIES, subnetsOf, valuesAt } from '../model/placement';
import type { Resource } from '../model/resource';
import { ResourceRef, Unknown, ZoneValue, asString } from '../model/values';
import { Zone, zone } from '../model/zones';
import { pushTo } from '../util/multimap';

/**
 * Typed dependency edges between resources: `from` needs `to` to do its job. The blast-radius simulation propagates a
 * zone failure from `to` back to `from`; the cross-resource rules walk the same edges.
 *
 * - `subnet`: a resource runs in (or has nodes in) the subnet.
 * - `route-table`: a subnet uses the route table (SubnetRouteTableAssociation, `via`).
 * - `default-route`: a route table sends 0.0.0.0/0 to the target (NAT gateway, NAT instance, internet gateway…), `via`
 *   the AWS::EC2::Route.
 * - `volume`: an instance has the volume attached (VolumeAttachment `via`, or the instance's Volumes).
 * - `target-group`: a load balancer forwards to the target group, `via` the listener (or listener rule).
 * - `target`: a target group (or classic load balancer) sends traffic to the target (instance, Auto Scaling group, ECS
 *   service, Lambda function).
 * - `member`: a DB cluster runs on the DB instance.
 * - `mount-target`: a file system is reached through the mount target.
 * - `replica-of`: a read replica copies the source (`from` replica, `to` source).
 * - `data`: a compute tier talks to a data store, `via` a security-group ingress rule from the tier's group to the
 *   store's group, or an environment variable naming the store.
 */
export type EdgeRole = 'subnet' | 'route-table' | 'default-route' | 'volume' | 'target-group' | 'target' | 'member' | 'mount-target' | 'replica-of' | 'data';

export interface Edge {
  readonly from: Resource;
  readonly to: Resource;
  readonly role: EdgeRole;
  /** The resource that creates the edge (attachment, association, route, listener, ingress rule…), if any. */
  readonly via?: Resource;
  /** For `data` edges: how it was found. */
  readonly evidence?: string;
}

/** A load-balancer target that is not a resource of the input: an IP address, with its zone when the template says. */
export interface IpTarget {
  readonly id: string;
  readonly zone?: Zone;
  /** Why the zone is unknown. */
  readonly reason?: string;
}

/** Compute types that can be the client side of a data edge. */
export const COMPUTE_TYPES = new Set([
  'AWS::EC2::Instance',
  'AWS::AutoScaling::AutoScalingGroup',
  'AWS::ECS::Service',
  'AWS::Lambda::Function',
  'AWS::EKS::Nodegroup',
  'AWS::Batch::ComputeEnvironment',
]);

/** Data stores: the server side of a data edge. `cache`: losing it degrades its clients instead of taking them down. */
export const DATA_STORE_TYPES: Record<string, 'database' | 'cache' | 'files' | 'stream'> = {
  'AWS::RDS::DBInstance': 'database',
  'AWS::RDS::DBCluster': 'database',
  'AWS::DocDB::DBCluster': 'database',
  'AWS::DocDB::DBInstance': 'database',
  'AWS::Neptune::DBCluster': 'database',
  'AWS::Neptune::DBInstance': 'database',
  'AWS::Redshift::Cluster': 'database',
  'AWS::OpenSearchService::Domain': 'database',
  'AWS::Elasticsearch::Domain': 'database',
  'AWS::ElastiCache::CacheCluster': 'cache',
  'AWS::ElastiCache::ReplicationGroup': 'cache',
  'AWS::ElastiCache::ServerlessCache': 'cache',
  'AWS::MemoryDB::Cluster': 'cache',
  'AWS::DAX::Cluster': 'cache',
  'AWS::EFS::FileSystem': 'files',
  'AWS::FSx::FileSystem': 'files',
  'AWS::MSK::Cluster': 'stream',
  'AWS::AmazonMQ::Broker': 'stream',
};

const SG_TYPE = 'AWS::EC2::SecurityGroup';
const LB_TYPES = new Set(['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancing::LoadBalancer']);
const CLUSTER_MEMBER_TYPES: Record<string, string> = {
  'AWS::RDS::DBInstance': 'DBClusterIdentifier',
  'AWS::DocDB::DBInstance': 'DBClusterIdentifier',
  'AWS::Neptune::DBInstance': 'DBClusterIdentifier',
};

/** Edges of one source above which `add` de-duplicates through an index rather than by searching them. */
const WIDE = 32;

/** The dependency graph of a model: forward (`edgesFrom`) and reverse (`edgesTo`) adjacency, built once in one pass. */
export class DependencyGraph {
  readonly edges: Edge[] = [];
  private readonly out = new Map<Resource, Edge[]>();
  private readonly in = new Map<Resource, Edge[]>();
  /**
   * While the graph is built, for sources with more than WIDE edges: the roles of their edges by target, so that
   * de-duplicating an edge stays cheap (a source's few edges are searched directly). Dropped by `seal`.
   */
  private wide: Map<Resource, Map<Resource, EdgeRole[]>> | undefined = new Map();
  /** IP targets of target groups. */
  readonly ipTargets = new Map<Resource, IpTarget[]>();

  constructor(readonly model: Model) {}

  add(from: Resource, to: Resource, role: EdgeRole, via?: Resource, evidence?: string): void {
    if (from === to) return;
    // one edge per source, target and role (no key strings: at 100k resources they were most of the building's garbage)
    const list = this.out.get(from);
    if (list) {
      if (list.length <= WIDE || !this.wide) {
        for (let i = 0; i < list.length; i++) if (list[i].to === to && list[i].role === role) return;
      } else {
        let byTarget = this.wide.get(from);
        if (!byTarget) {
          byTarget = new Map();
          for (const e of list) pushTo(byTarget, e.to, e.role);
          this.wide.set(from, byTarget);
        }
        const roles = byTarget.get(to);
        if (roles?.includes(role)) return;
        if (roles) roles.push(role);
        else byTarget.set(to, [role]);
      }
    }
    const e: Edge = via ? (evidence ? { from, to, role, via, evidence } : { from, to, role, via }) : evidence ? { from, to, role, evidence } : { from, to, role };
    this.edges.push(e);
    pushTo(this.out, from, e);
    pushTo(this.in, to, e);
  }

  /** Ends the building: frees the de-duplication index (an edge added later is checked against its source's edges). */
  seal(): void {
    this.wide = undefined;
  }

  /** Edges from `r` (what `r` needs), optionally of some roles. */
  edgesFrom(r: Resource, ...roles: EdgeRole[]): readonly Edge[] {
    return this.select(this.out, this.outByRole, r, roles);
  }

  /** Edges to `r` (what needs `r`), optionally of some roles. */
  edgesTo(r: Resource, ...roles: EdgeRole[]): readonly Edge[] {
    return this.select(this.in, this.inByRole, r, roles);
  }

  private readonly outByRole = new Map<Resource, Map<EdgeRole, Edge[]>>();
  private readonly inByRole = new Map<Resource, Map<EdgeRole, Edge[]>>();

  /** Edges of a resource by role, from a per-role index (the simulation asks these for every resource and zone). */
  private select(all: Map<Resource, Edge[]>, index: Map<Resource, Map<EdgeRole, Edge[]>>, r: Resource, roles: EdgeRole[]): readonly Edge[] {
    const list = all.get(r);
    if (!list) return NONE;
    if (!roles.length) return list;
    let byRole = index.get(r);
    if (!byRole) {
      byRole = new Map();
      for (const e of list) pushTo(byRole, e.role, e);
      index.set(r, byRole);
    }
    if (roles.length === 1) return byRole.get(roles[0]) ?? NONE;
    // several roles: a new list only when more than one of them has edges (the usual case has one or none)
    let found: readonly Edge[] | undefined;
    let out: Edge[] | undefined;
    for (const role of roles) {
      const list = byRole.get(role);
      if (!list) continue;
      if (!found) found = list;
      else {
        out ??= [...found];
        out.push(...list);
      }
    }
    return out ?? found ?? NONE;
  }

  /** The zone of a subnet, if known (a subnet is in exactly one zone). */
  subnetZone(subnet: Resource): Zone | undefined {
    const p = this.model.placement(subnet);
    return p.kind === 'zonal' && p.zones.length === 1 ? p.zones[0] : undefined;
  }

  /** Default routes (0.0.0.0/0) of a subnet: the route, and its target resource when it is in the input. */
  defaultRoutes(subnet: Resource): Array<{ route: Resource; routeTable: Resource; target?: Resource; targetKind: string }> {
    const out: Array<{ route: Resource; routeTable: Resource; target?: Resource; targetKind: string }> = [];
    for (const rt of this.edgesFrom(subnet, 'route-table')) {
      for (const e of this.edgesFrom(rt.to, 'default-route')) out.push({ route: e.via!, routeTable: rt.to, target: e.to, targetKind: e.evidence ?? e.to.type });
      for (const u of this.unresolvedDefaultRoutes.get(rt.to) ?? []) out.push({ route: u.route, routeTable: rt.to, targetKind: u.kind });
    }
    return out;
  }

  /** Default routes whose target is not a resource of the input (an existing NAT gateway id, a parameter…). */
  readonly unresolvedDefaultRoutes = new Map<Resource, Array<{ route: Resource; kind: string }>>();
}

const NONE: readonly Edge[] = Object.freeze([]);

const graphs = new WeakMap<Model, DependencyGraph>();

/** The dependency graph of a model (built on first use, then cached for the model's lifetime). */
export function dependencyGraph(model: Model): DependencyGraph {
  let g = graphs.get(model);
  if (!g) {
    g = buildGraph(model);
    graphs.set(model, g);
  }
  return g;
}

function ref(v: unknown): Resource | undefined {
  return v instanceof ResourceRef ? v.target : undefined;
}

/**
 * The resource a property names: its resolved Ref/GetAtt, or else the one resource of the given type that the raw
 * expression refers to (an ARN assembled with Fn::Join/Fn::Sub around a Ref, as CDK writes them).
 */
function refOrRaw(r: Resource, prop: string, type: string): Resource | undefined {
  const direct = ref(r.get(prop));
  if (direct) return direct;
  const raw = r.rawProperties[prop];
  if (raw === undefined || typeof raw !== 'object') return undefined;
  const found = [...rawReferences(raw)].map((id) => r.stack.resources.get(id)).filter((t): t is Resource => t?.type === type);
  return found.length === 1 ? found[0] : undefined;
}

function refsAt(r: Resource, path: string): Resource[] {
  const out: Resource[] = [];
  for (const v of valuesAt(r, path)) {
    const items = Array.isArray(v) ? v : [v];
    for (const item of items) {
      const t = ref(item);
      if (t) out.push(t);
    }
  }
  return out;
}

/** Builds every edge in one pass over the resources (plus one pass over security-group rules). */
export function buildGraph(model: Model): DependencyGraph {
  const g = new DependencyGraph(model);

  for (const r of model.resources) {
    // runs in subnets (placement's own table; associations and subnet groups are handled separately)
    if (SUBNET_PROPERTIES[r.type] && r.type !== 'AWS::EC2::SubnetRouteTableAssociation' && !r.type.endsWith('SubnetGroup')) {
      for (const s of subnetsOf(r)) if (!(s instanceof Unknown) && s.type === 'AWS::EC2::Subnet') g.add(r, s, 'subnet');
    }
    switch (r.type) {
      case 'AWS::EC2::SubnetRouteTableAssociation': {
        const subnet = ref(r.get('SubnetId'));
        const rt = ref(r.get('RouteTableId'));
        if (subnet && rt) g.add(subnet, rt, 'route-table', r);
        break;
      }
      case 'AWS::EC2::Route': {
        const rt = ref(r.get('RouteTableId'));
        if (!rt || r.get('DestinationCidrBlock') !== '0.0.0.0/0') break;
        let found = false;
        for (const [prop, kind] of ROUTE_TARGETS) {
          const v = r.get(prop);
          if (v === undefined) continue;
          const t = ref(v);
          if (t) g.add(rt, t, 'default-route', r, kind);
          else pushTo(g.unresolvedDefaultRoutes, rt, { route: r, kind });
          found = true;
          break;
        }
        if (!found) pushTo(g.unresolvedDefaultRoutes, rt, { route: r, kind: 'unknown target' });
        break;
      }
      case 'AWS::EC2::VolumeAttachment': {
        const instance = ref(r.get('InstanceId'));
        const volume = ref(r.get('VolumeId'));
        if (instance && volume) g.add(instance, volume, 'volume', r);
        break;
      }
      case 'AWS::EC2::Instance':
        for (const v of refsAt(r, 'Volumes.*.VolumeId')) g.add(r, v, 'volume');
        break;
      case 'AWS::ElasticLoadBalancingV2::Listener':
        for (const lb of refsAt(r, 'LoadBalancerArn')) for (const tg of actionTargetGroups(r, 'DefaultActions')) g.add(lb, tg, 'target-group', r);
        break;
      case 'AWS::ElasticLoadBalancingV2::ListenerRule': {
        const listener = ref(r.get('ListenerArn'));
        if (!listener) break;
        for (const lb of refsAt(listener, 'LoadBalancerArn')) for (const tg of actionTargetGroups(r, 'Actions')) g.add(lb, tg, 'target-group', listener);
        break;
      }
      case 'AWS::ElasticLoadBalancingV2::TargetGroup':
        addTargets(g, r);
        break;
      case 'AWS::ElasticLoadBalancing::LoadBalancer':
        for (const i of refsAt(r, 'Instances')) g.add(r, i, 'target');
        break;
      case 'AWS::AutoScaling::AutoScalingGroup':
        for (const tg of refsAt(r, 'TargetGroupARNs')) g.add(tg, r, 'target');
        for (const lb of refsAt(r, 'LoadBalancerNames')) if (LB_TYPES.has(lb.type)) g.add(lb, r, 'target');
        break;
      case 'AWS::ECS::Service':
        for (const tg of refsAt(r, 'LoadBalancers.*.TargetGroupArn')) g.add(tg, r, 'target');
        for (const lb of refsAt(r, 'LoadBalancers.*.LoadBalancerName')) if (LB_TYPES.has(lb.type)) g.add(lb, r, 'target');
        break;
      case 'AWS::EFS::MountTarget': {
        const fs = ref(r.get('FileSystemId'));
        if (fs) g.add(fs, r, 'mount-target');
        break;
      }
      case 'AWS::RDS::DBCluster': {
        const source = refOrRaw(r, 'ReplicationSourceIdentifier', 'AWS::RDS::DBCluster') ?? refOrRaw(r, 'SourceDBClusterIdentifier', 'AWS::RDS::DBCluster');
        if (source) g.add(r, source, 'replica-of');
        break;
      }
    }
    const memberProp = CLUSTER_MEMBER_TYPES[r.type];
    if (memberProp) {
      const cluster = ref(r.get(memberProp));
      if (cluster) g.add(cluster, r, 'member');
    }
    if (r.type === 'AWS::RDS::DBInstance') {
      // CDK writes the source as an ARN built with Fn::Join around a Ref: follow the raw reference too
      const source = refOrRaw(r, 'SourceDBInstanceIdentifier', 'AWS::RDS::DBInstance') ?? refOrRaw(r, 'SourceDBClusterIdentifier', 'AWS::RDS::DBCluster');
      if (source) g.add(r, source, 'replica-of');
    }
  }
  addSecurityGroupDataEdges(model, g);
  addEnvironmentDataEdges(model, g);
  g.seal();
  return g;
}

const ROUTE_TARGETS: Array<[string, string]> = [
  ['NatGatewayId', 'NAT gateway'],
  ['InstanceId', 'NAT instance'],
  ['NetworkInterfaceId', 'network interface'],
  ['GatewayId', 'internet gateway'],
  ['TransitGatewayId', 'transit gateway'],
  ['VpcEndpointId', 'VPC endpoint'],
  ['VpcPeeringConnectionId', 'VPC peering'],
  ['CarrierGatewayId', 'carrier gateway'],
  ['LocalGatewayId', 'local gateway'],
  ['CoreNetworkArn', 'core network'],
];

function actionTargetGroups(r: Resource, prop: string): Resource[] {
  return [...refsAt(r, `${prop}.*.TargetGroupArn`), ...refsAt(r, `${prop}.*.ForwardConfig.TargetGroups.*.TargetGroupArn`)].filter((t) => t.type === 'AWS::ElasticLoadBalancingV2::TargetGroup');
}

function addTargets(g: DependencyGraph, tg: Resource): void {
  const targets = tg.get('Targets');
  if (!Array.isArray(targets)) return;
  const ips: IpTarget[] = [];
  for (const t of targets) {
    const entry = t as Record<string, unknown>;
    const id = entry?.Id;
    const target = ref(id);
    if (target && (target.type === 'AWS::EC2::Instance' || target.type === 'AWS::Lambda::Function' || target.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer')) {
      g.add(tg, target, 'target');
      continue;
    }
    // IP targets (or an instance attribute such as PrivateIp): zone from the entry's AvailabilityZone or the instance
    const az = entry?.AvailabilityZone;
    const label = target ? `${target.logicalId}${id instanceof ResourceRef && id.attribute ? `.${id.attribute}` : ''}` : (asString(id) ?? 'an unresolved target');
    if (target) {
      const p = g.model.placement(target);
      if (p.kind === 'zonal' && p.zones.length === 1) ips.push({ id: label, zone: p.zones[0] });
      else ips.push({ id: label, reason: `the zone of ${target.logicalId} is not known` });
    } else if (az instanceof ZoneValue) ips.push({ id: label, zone: az.zone });
    else if (typeof az === 'string' && az !== 'all') ips.push({ id: label, zone: zone(az) });
    else ips.push({ id: label, reason: az === 'all' ? 'IP target outside the VPC (AvailabilityZone: all)' : 'IP target without an AvailabilityZone' });
  }
  if (ips.length) g.ipTargets.set(tg, ips);
}

/** Security groups a resource is in: the groups its properties name (launch template/configuration for ASGs). */
function securityGroupsOf(model: Model, r: Resource): Set<Resource> {
  const out = new Set<Resource>();
  const collect = (x: Resource) => {
    for (const t of referencedResources(x.properties)) if (t.type === SG_TYPE) out.add(t);
  };
  collect(r);
  if (r.type === 'AWS::AutoScaling::AutoScalingGroup') {
    for (const lt of [...refsAt(r, 'LaunchTemplate.LaunchTemplateId'), ...refsAt(r, 'LaunchTemplate.LaunchTemplateName'), ...refsAt(r, 'LaunchConfigurationName'), ...refsAt(r, 'MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification.LaunchTemplateId')]) collect(lt);
  }
  void model;
  return out;
}

/** The data store a member of a security group stands for (an EFS mount target stands for its file system). */
function storeOf(r: Resource): Resource | undefined {
  if (r.type === 'AWS::EFS::MountTarget') return ref(r.get('FileSystemId'));
  if (DATA_STORE_TYPES[r.type]) {
    // a cluster member's traffic goes to its cluster's endpoint
    const memberProp = CLUSTER_MEMBER_TYPES[r.type];
    const cluster = memberProp ? ref(r.get(memberProp)) : undefined;
    return cluster ?? r;
  }
  return undefined;
}

function addSecurityGroupDataEdges(model: Model, g: DependencyGraph): void {
  // members of each security group, split into compute tiers and data stores
  const compute = new Map<Resource, Resource[]>();
  const stores = new Map<Resource, Resource[]>();
  for (const r of model.resources) {
    const isCompute = COMPUTE_TYPES.has(r.type);
    const store = storeOf(r);
    if (!isCompute && !store) continue;
    for (const sg of securityGroupsOf(model, r)) {
      if (isCompute) pushTo(compute, sg, r);
      if (store) {
        const list = stores.get(sg);
        if (!list?.includes(store)) pushTo(stores, sg, store);
      }
    }
  }
  if (!stores.size) return;
  const link = (source: Resource | undefined, dest: Resource | undefined, via: Resource) => {
    if (!source || !dest) return;
    for (const store of stores.get(dest) ?? []) for (const client of compute.get(source) ?? []) g.add(client, store, 'data', via, `security group ${dest.logicalId} admits ${source.logicalId}`);
  };
  for (const r of model.ofType('AWS::EC2::SecurityGroupIngress')) link(ref(r.get('SourceSecurityGroupId')), ref(r.get('GroupId')) ?? ref(r.get('GroupName')), r);
  for (const sg of model.ofType(SG_TYPE)) {
    const rules = sg.get('SecurityGroupIngress');
    if (!Array.isArray(rules)) continue;
    for (const rule of rules) link(ref((rule as Record<string, unknown>)?.SourceSecurityGroupId), sg, sg);
  }
}

/** Environment variables naming a data store (Ref/GetAtt, imports, or Fn::Sub/Fn::Join around them). */
function addEnvironmentDataEdges(model: Model, g: DependencyGraph): void {
  const fromEnv = (client: Resource, resolved: unknown, raw: unknown, owner: Resource, what: string) => {
    const targets = new Set<Resource>(referencedResources(resolved));
    for (const id of rawReferences(raw)) {
      const t = owner.stack.resources.get(id);
      if (t) targets.add(t);
    }
    for (const t of targets) {
      const store = storeOf(t);
      if (store) g.add(client, store, 'data', owner === client ? undefined : owner, `${what} names ${t.logicalId}`);
    }
  };
  for (const fn of model.ofType('AWS::Lambda::Function')) {
    fromEnv(fn, fn.get('Environment'), fn.rawProperties.Environment, fn, 'an environment variable');
  }
  const services = model.ofType('AWS::ECS::Service');
  for (const svc of services) {
    const td = ref(svc.get('TaskDefinition'));
    if (!td) continue;
    const defs = td.rawProperties.ContainerDefinitions;
    fromEnv(svc, [td.get('ContainerDefinitions')], defs, td, `task definition ${td.logicalId}`);
  }
}

/** Logical ids named by Ref, Fn::GetAtt and Fn::Sub in a raw (unresolved) template fragment. */
function rawReferences(v: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(v)) for (const x of v) rawReferences(x, out);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (k === 'Ref' && typeof x === 'string') out.add(x);
      else if (k === 'Fn::GetAtt') {
        if (typeof x === 'string') out.add(x.split('.')[0]);
        else if (Array.isArray(x) && typeof x[0] === 'string') out.add(x[0]);
      } else if (k === 'Fn::Sub') {
        const text = typeof x === 'string' ? x : Array.isArray(x) ? x[0] : undefined;
        if (typeof text === 'string') for (const m of text.matchAll(/\$\{([^!}][^}.]*)(?:\.[^}]*)?\}/g)) out.add(m[1]);
        if (Array.isArray(x)) rawReferences(x[1], out);
      } else rawReferences(x, out);
    }
  }
  return out;
}

/** Whether a resource is a load balancer. */
export function isLoadBalancer(r: Resource): boolean {
  return LB_TYPES.has(r.type);
}
