import type { Model } from '../model/model';
import { referencedResources } from '../model/model';
import { subnetsOf } from '../model/placement';
import type { Resource } from '../model/resource';
import { ResourceRef, Unknown } from '../model/values';
import type { Zone } from '../model/zones';
import { pushTo } from '../util/multimap';
import { isCompute as isCompute_, isLoadBalancerType, recordOf } from '../catalog';
import { rawReferences } from '../catalog/common';
import { refsAt } from '../catalog/autoscaling';
import type { EdgeSink } from '../catalog/types';

/**
 * Typed dependency edges between resources: `from` needs `to` to do its job. The blast-radius simulation propagates a
 * zone failure from `to` back to `from`; the cross-resource rules walk the same edges.
 *
 * - `subnet`: a resource runs in (or has nodes in) the subnet.
 * - `route-table`: a subnet uses the route table (SubnetRouteTableAssociation, `via`).
 * - `default-route`: a route table sends 0.0.0.0/0 to the target (NAT gateway, NAT instance, internet gateway, firewall
 *   or Gateway Load Balancer endpoint…), `via` the AWS::EC2::Route.
 * - `default-route-v6`: the same for the IPv6 default route (::/0). The blast radius follows IPv4 egress only.
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
export type EdgeRole = 'subnet' | 'route-table' | 'default-route' | 'default-route-v6' | 'volume' | 'target-group' | 'target' | 'member' | 'mount-target' | 'replica-of' | 'data';

export interface Edge {
  readonly from: Resource;
  readonly to: Resource;
  readonly role: EdgeRole;
  /** The resource that creates the edge (attachment, association, route, listener, ingress rule…), if any. */
  readonly via?: Resource;
  /** For `data` edges: how it was found. */
  readonly evidence?: string;
}

/** A default route of a subnet (see DependencyGraph.defaultRoutes). */
export interface DefaultRoute {
  readonly route: Resource;
  readonly routeTable: Resource;
  /** The target, when it is a resource of the input. */
  readonly target?: Resource;
  /** The target in words: `NAT gateway`, `VPC endpoint`, `Network Firewall endpoint`… */
  readonly targetKind: string;
  /** An IPv6 default route (::/0). */
  readonly ipv6?: true;
}

/** A load-balancer target that is not a resource of the input: an IP address, with its zone when the template says. */
export interface IpTarget {
  readonly id: string;
  readonly zone?: Zone;
  /** Why the zone is unknown. */
  readonly reason?: string;
}

const SG_TYPE = 'AWS::EC2::SecurityGroup';

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

  /** Edges from `r` (what `r` needs), optionally of up to three roles (named, not a rest list: no array per call). */
  edgesFrom(r: Resource, a?: EdgeRole, b?: EdgeRole, c?: EdgeRole): readonly Edge[] {
    return this.select(this.out, this.outByRole, r, a, b, c);
  }

  /** Edges to `r` (what needs `r`), optionally of up to three roles. */
  edgesTo(r: Resource, a?: EdgeRole, b?: EdgeRole, c?: EdgeRole): readonly Edge[] {
    return this.select(this.in, this.inByRole, r, a, b, c);
  }

  private readonly outByRole = new Map<Resource, Map<EdgeRole, Edge[]>>();
  private readonly inByRole = new Map<Resource, Map<EdgeRole, Edge[]>>();

  /** Edges of a resource by role, from a per-role index (the simulation asks these for every resource and zone). */
  private select(all: Map<Resource, Edge[]>, index: Map<Resource, Map<EdgeRole, Edge[]>>, r: Resource, a?: EdgeRole, b?: EdgeRole, c?: EdgeRole): readonly Edge[] {
    const list = all.get(r);
    if (!list) return NONE;
    if (a === undefined) return list;
    let byRole = index.get(r);
    if (!byRole) {
      byRole = new Map();
      for (const e of list) pushTo(byRole, e.role, e);
      index.set(r, byRole);
    }
    const first = byRole.get(a);
    if (b === undefined) return first ?? NONE;
    // several roles: a new list only when more than one of them has edges (the usual case has one or none)
    let found: readonly Edge[] | undefined = first;
    let out: Edge[] | undefined;
    for (const role of c === undefined ? [b] : [b, c]) {
      const more = byRole.get(role);
      if (!more) continue;
      if (!found) found = more;
      else {
        out ??= [...found];
        for (const e of more) out.push(e);
      }
    }
    return out ?? found ?? NONE;
  }

  /** The zone of a subnet, if known (a subnet is in exactly one zone). */
  subnetZone(subnet: Resource): Zone | undefined {
    const p = this.model.placement(subnet);
    return p.kind === 'zonal' && p.zones.length === 1 ? p.zones[0] : undefined;
  }

  /**
   * Default routes of a subnet: the route, and its target resource when it is in the input. IPv4 (0.0.0.0/0) only,
   * unless `withIpv6` adds the IPv6 default routes (::/0, marked `ipv6`).
   */
  defaultRoutes(subnet: Resource, withIpv6 = false): DefaultRoute[] {
    const out: DefaultRoute[] = [];
    for (const rt of this.edgesFrom(subnet, 'route-table')) {
      for (const e of this.edgesFrom(rt.to, 'default-route')) out.push({ route: e.via!, routeTable: rt.to, target: e.to, targetKind: e.evidence ?? e.to.type });
      if (withIpv6) for (const e of this.edgesFrom(rt.to, 'default-route-v6')) out.push({ route: e.via!, routeTable: rt.to, target: e.to, targetKind: e.evidence ?? e.to.type, ipv6: true });
      for (const u of this.unresolvedDefaultRoutes.get(rt.to) ?? []) {
        if (!u.ipv6) out.push({ route: u.route, routeTable: rt.to, targetKind: u.kind });
        else if (withIpv6) out.push({ route: u.route, routeTable: rt.to, targetKind: u.kind, ipv6: true });
      }
    }
    return out;
  }

  /** Default routes whose target is not a resource of the input (an existing NAT gateway id, a parameter…). */
  readonly unresolvedDefaultRoutes = new Map<Resource, Array<{ route: Resource; kind: string; ipv6?: boolean }>>();
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
 * Builds every edge in one pass over the resources (plus one pass over security-group rules): `subnet` edges from each
 * type's catalog placement, the type's own edges (routes, attachments, listeners, targets, replicas…) from its catalog
 * record, and `member` edges from the record's cluster property.
 */
export function buildGraph(model: Model): DependencyGraph {
  const g = new DependencyGraph(model);
  const sink: EdgeSink = {
    model,
    add: (from, to, role, via, evidence) => g.add(from, to, role, via, evidence),
    unresolvedDefaultRoute: (rt, route, kind, ipv6) => pushTo(g.unresolvedDefaultRoutes, rt, ipv6 ? { route, kind, ipv6 } : { route, kind }),
    ipTargets: (tg, targets) => g.ipTargets.set(tg, [...targets]),
  };
  for (const r of model.resources) {
    const record = recordOf(r.type);
    if (!record) continue;
    const spec = record.placement;
    // runs in subnets (subnet groups and route-table associations name subnets without running in them)
    if (spec?.subnetProperties && spec.subnetEdges !== false) {
      for (const s of subnetsOf(r, spec.subnetProperties)) if (!(s instanceof Unknown) && s.type === 'AWS::EC2::Subnet') g.add(r, s, 'subnet');
    }
    record.edges?.(r, sink);
    if (record.clusterProperty) {
      const cluster = ref(r.get(record.clusterProperty));
      if (cluster) g.add(cluster, r, 'member');
    }
  }
  addSecurityGroupDataEdges(model, g);
  addEnvironmentDataEdges(model, g);
  g.seal();
  return g;
}

/** Security groups a resource is in: the groups its properties name (launch template/configuration for ASGs). */
function securityGroupsOf(r: Resource): Set<Resource> {
  const out = new Set<Resource>();
  const collect = (x: Resource) => {
    for (const t of referencedResources(x.properties)) if (t.type === SG_TYPE) out.add(t);
  };
  collect(r);
  if (r.type === 'AWS::AutoScaling::AutoScalingGroup') {
    for (const lt of [...refsAt(r, 'LaunchTemplate.LaunchTemplateId'), ...refsAt(r, 'LaunchTemplate.LaunchTemplateName'), ...refsAt(r, 'LaunchConfigurationName'), ...refsAt(r, 'MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification.LaunchTemplateId')]) collect(lt);
  }
  return out;
}

/** The data store a member of a security group stands for (an EFS mount target stands for its file system). */
function storeOf(r: Resource): Resource | undefined {
  if (r.type === 'AWS::EFS::MountTarget') return ref(r.get('FileSystemId'));
  const record = recordOf(r.type);
  if (record?.store) {
    // a cluster member's traffic goes to its cluster's endpoint
    const cluster = record.clusterProperty ? ref(r.get(record.clusterProperty)) : undefined;
    return cluster ?? r;
  }
  return undefined;
}

function addSecurityGroupDataEdges(model: Model, g: DependencyGraph): void {
  // members of each security group, split into compute tiers and data stores
  const compute = new Map<Resource, Resource[]>();
  const stores = new Map<Resource, Resource[]>();
  for (const r of model.resources) {
    const isCompute = isCompute_(r.type);
    const store = storeOf(r);
    if (!isCompute && !store) continue;
    for (const sg of securityGroupsOf(r)) {
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

/** Whether a resource is a load balancer. */
export function isLoadBalancer(r: Resource): boolean {
  return isLoadBalancerType(r.type);
}
