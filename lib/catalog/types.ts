/**
 * The shape of a resource-type catalog record: everything zonelint knows about one CloudFormation type, in one place.
 * Placement, the dependency graph, the blast radius, the rules and the live inventory read these records instead of
 * keeping lists of their own (see lib/catalog/index.ts and DESIGN.md, "The resource-type catalog").
 *
 * No AWS SDK and no aws-cdk-lib here; records only use the model's types and helpers.
 */
import type { Model } from '../model/model';
import type { Placement } from '../model/placement';
import type { Resource } from '../model/resource';
import type { Unknown } from '../model/values';
import type { Zone } from '../model/zones';
import type { RecoveryModeId } from './recovery';

/**
 * Role of a type in the dependency graph and the blast radius:
 * - `compute`: runs code; the client side of data edges (instances, groups, services, functions, node groups…);
 * - `data-store`: the server side of data edges (databases, caches, file systems, streams, brokers, search);
 * - `service`: a zonal service of its own that is neither a compute tier nor a data store (DMS, a directory);
 * - `load-balancer`: forwards requests to target groups or targets;
 * - `target-group`, `listener`: load-balancer plumbing, never a line of the blast radius;
 * - `cluster-member`: a DB instance of a cluster (its data is the cluster's);
 * - `network`: zonal network plumbing a workload stands on (subnet, NAT gateway, endpoint, firewall, attachment);
 * - `plumbing`: carries other resources' placement (routes, associations, attachments, subnet groups, security groups);
 * - `config`: not placed at all and not part of the graph (backup plans, policies, launch templates…).
 */
export type GraphRole = 'compute' | 'data-store' | 'service' | 'load-balancer' | 'target-group' | 'listener' | 'cluster-member' | 'network' | 'plumbing' | 'config';

/** What kind of data store: a `cache` that is down degrades its clients instead of taking them down. */
export type StoreKind = 'database' | 'cache' | 'files' | 'stream' | 'search';

/** How a type's zones are read (lib/model/placement.ts computePlacement applies these in order). */
export interface PlacementSpec {
  /** Properties naming zones (names or AZ ids). */
  readonly zoneProperties?: readonly string[];
  /** Properties naming the subnets it runs in (`*` steps into every list element). */
  readonly subnetProperties?: readonly string[];
  /** Whether the subnets above are subnets it *runs in* (graph `subnet` edges). False for associations and subnet groups. */
  readonly subnetEdges?: boolean;
  /** Properties naming a subnet group whose subnets decide where it can run. */
  readonly subnetGroupProperties?: readonly string[];
  /** When none of the properties is set: AWS picks one zone (`single`), spreads it (`regional`), or it is not knowable. */
  readonly whenUnset?: 'single' | 'regional' | 'unknown';
  /** Per-type cases the properties cannot express; undefined falls through to the generic resolution. */
  readonly special?: (model: Model, r: Resource) => Placement | undefined;
}

/** How many units (instances, tasks, nodes, brokers) a resource runs, and what happens when some are lost. */
export interface Capacity {
  readonly units: number;
  readonly unit: 'instance' | 'task' | 'node' | 'broker';
  /** Where the number comes from, for messages: `DesiredCapacity 1`, `DesiredCount is not set (CloudFormation default 1)`. */
  readonly source: string;
  /** Lower and upper bounds when the resource scales (MinSize/MaxSize, Application Auto Scaling). */
  readonly min?: number;
  readonly max?: number;
  /** Whether the service relaunches lost units in its surviving zones by itself (undefined: depends on what the template does not say). */
  readonly replaces?: boolean;
}

/** A copy of a resource's data that lives outside its zone. */
export interface DataCopy {
  readonly kind: 'backup' | 'snapshot' | 'point-in-time' | 'replica' | 'log';
  /** In words, for messages and chains: `automated backups kept 7 days`. */
  readonly text: string;
}

export interface DataSpec {
  /** Whether the resource holds data of its own (cluster members and replicas do not); undefined when undecidable. */
  holds(r: Resource, model: Model): boolean | undefined;
  /**
   * The copies of its data outside its zone that the template (or the live facts) gives it: an empty list means none,
   * an Unknown that it cannot be decided. Undefined function: the type keeps no copy by itself.
   */
  copies?(r: Resource, model: Model): readonly DataCopy[] | Unknown;
  /** The properties that decide the above, for docs. */
  readonly decidedBy: readonly string[];
}

export interface FailoverSpec {
  /** Whether it fails over to another zone by itself when it loses one; undefined when the template cannot tell. */
  automatic(r: Resource, model: Model): boolean | undefined;
  readonly decidedBy: readonly string[];
}

export type PolicyValue = 'Delete' | 'Retain' | 'RetainExceptOnCreate' | 'Snapshot';

/** What CloudFormation's DeletionPolicy / UpdateReplacePolicy mean for the type (ZL404 and its fixes). */
export interface PolicySpec {
  /** Whether CloudFormation accepts `Snapshot` for this type (DeletionPolicy attribute docs). */
  readonly snapshot: boolean;
  /** The DeletionPolicy CloudFormation applies when the template sets none (Snapshot for some RDS types). */
  defaultDeletion?(r: Resource): 'Delete' | 'Snapshot';
  /** An example of an update that replaces the resource (and so triggers UpdateReplacePolicy). */
  readonly replacedBy: string;
  /** Whether the resource refuses deletion (deletion protection): CloudFormation cannot destroy it either way. */
  protectedBy?(r: Resource): boolean;
  /**
   * Whether deleting it destroys data worth keeping, when that differs from `data.holds` (a cache counts only when it
   * takes snapshots or tiers data to disk); undefined when undecidable.
   */
  destroysData?(r: Resource): boolean | undefined;
  /**
   * A copy that survives CloudFormation deleting the resource (a system backup, a final backup), in words; undefined
   * when nothing survives or the template cannot tell.
   */
  keptOnDelete?(r: Resource): string | undefined;
}

/** Adds dependency edges (see lib/analysis/graph.ts for the roles). */
export interface EdgeSink {
  add(from: Resource, to: Resource, role: import('../analysis/graph').EdgeRole, via?: Resource, evidence?: string): void;
  /** A default route (IPv6 `::/0` when `ipv6`) whose target is not a resource of the input. */
  unresolvedDefaultRoute(routeTable: Resource, route: Resource, kind: string, ipv6?: boolean): void;
  /** IP targets of a target group. */
  ipTargets(targetGroup: Resource, targets: ReadonlyArray<{ id: string; zone?: Zone; reason?: string }>): void;
  readonly model: Model;
}

/** What the live per-zone tally counts a type as. */
export type TallyKind = 'instances' | 'volumes' | 'databases' | 'caches' | 'fileSystems' | 'loadBalancers';

/** The account's zones of a live stack, by name and by AZ id. */
export interface LiveZoneIndex {
  byName(name: unknown): Zone | undefined;
  byId(id: unknown): Zone | undefined;
  /** Zones of subnets given as ids or `{ Ref: id }`, in order (undefined for a subnet not collected). */
  subnets(list: unknown): Array<Zone | undefined>;
}

export interface LiveSpec {
  /** The collector that reads it (lib/live/collectors/<collector>.ts) and the inventory list it fills. */
  readonly collector: string;
  readonly records: string;
  /** How the per-zone live tally counts it. */
  readonly tally?: TallyKind;
  /** Placement from what AWS reported (zones keyed by AZ id); undefined leaves it to the model. */
  place?(r: Resource, live: Record<string, unknown>, zones: LiveZoneIndex): Placement | undefined;
}

export interface SubnetGroupSpec {
  /** What it places, for messages: `DB instances and clusters`. */
  readonly places: string;
  /** The service refuses a group whose subnets cover fewer zones (RDS: DBSubnetGroupDoesNotCoverEnoughAZs); the error name. */
  readonly requires?: { readonly zones: number; readonly error: string };
}

/** A recovery mode, or a function choosing one from the resource's properties. */
export type ModeRef = RecoveryModeId | ((r: Resource, model: Model) => RecoveryModeId);

/**
 * How a resource of the type comes back after losing a zone: ids of lib/catalog/recovery.ts's table (the figures and
 * their sources live there, one place per fact). lib/analysis/recovery.ts picks the mode from the blast radius.
 */
export interface RecoverySpec {
  /** When it is down through its own placement (or when everything serving it — members, mount targets — is lost). */
  readonly down: ModeRef;
  /** When it loses a zone and fails over by itself (its `failover` says so). Default `keeps-serving`. */
  readonly failover?: ModeRef;
  /** When a read replica survives in another zone (promote it). */
  readonly replica?: ModeRef;
  /** The property holding its size in GiB (a restore grows with it): `AllocatedStorage`, `Size`. */
  readonly sizeProperty?: string;
}

/** Dedicated rules that report a type's own-placement outage, or why it is zonal by design. */
export type OutageCoverage = { readonly rules: readonly string[] } | { readonly byDesign: string };

export interface CatalogRecord {
  /** CloudFormation type, e.g. `AWS::RDS::DBInstance`. */
  readonly type: string;
  /** The catalog module it is in (`rds`), set by lib/catalog/index.ts. */
  readonly service: string;
  /** What it is in messages: `RDS DB instance`. */
  readonly noun: string;
  readonly role: GraphRole;
  readonly placement?: PlacementSpec;
  readonly store?: StoreKind;
  /** For cluster members: the property naming their cluster. */
  readonly clusterProperty?: string;
  /** For subnet groups: what the group places (for messages) and the fewest zones the service accepts in one. */
  readonly subnetGroup?: SubnetGroupSpec;
  capacity?(r: Resource, model: Model): Capacity | undefined;
  readonly failover?: FailoverSpec;
  readonly data?: DataSpec;
  readonly policies?: PolicySpec;
  /** Edges this type creates (beyond `subnet` edges, which come from placement.subnetProperties). */
  edges?(r: Resource, g: EdgeSink): void;
  /**
   * Who reports the resource's outage through its own placement (the invariant: the blast radius never shows a
   * resource down through its own placement without a finding): dedicated rules, or — for types zonal by design,
   * whose loss is reported at their consumers (a subnet, a NAT gateway per zone, a mount target) — the reason.
   * Undefined (or a function answering undefined): the general single-zone rule ZL903 reports it.
   */
  readonly outage?: OutageCoverage | ((r: Resource) => OutageCoverage | undefined);
  /** How it recovers from losing a zone (lib/catalog/recovery.ts); every type the blast radius can list has one. */
  readonly recovery?: RecoverySpec;
  readonly live?: LiveSpec;
}

/** A record as written in a catalog module (the service is added by the index). */
export type RecordSpec = Omit<CatalogRecord, 'service'>;
