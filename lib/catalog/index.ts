/**
 * The resource-type catalog: one record per CloudFormation type, one module per AWS service. This is the one place a
 * newcomer edits to teach zonelint a type; placement (lib/model/placement.ts), the dependency graph
 * (lib/analysis/graph.ts), the blast radius, the rules (ZL404's stateful list, ZL903's single-zone check) and the live
 * inventory derive what they need from it. test/catalog.test.ts fails when a type is used anywhere without a record.
 */
import type { Model } from '../model/model';
import type { Resource } from '../model/resource';
import { Unknown } from '../model/values';
import type { Zone } from '../model/zones';
import type { Capacity, CatalogRecord, DataCopy, OutageCoverage, RecordSpec, StoreKind } from './types';
import { AUTOSCALING } from './autoscaling';
import { BACKUP } from './backup';
import { BATCH } from './batch';
import { DAX } from './dax';
import { DLM } from './dlm';
import { DMS } from './dms';
import { DOCDB } from './docdb';
import { DYNAMODB } from './dynamodb';
import { EC2 } from './ec2';
import { ECS } from './ecs';
import { EFS } from './efs';
import { EKS } from './eks';
import { ELASTICACHE } from './elasticache';
import { ELB } from './elb';
import { EMR } from './emr';
import { FSX } from './fsx';
import { LAMBDA } from './lambda';
import { MEMORYDB } from './memorydb';
import { MQ } from './mq';
import { MSK } from './msk';
import { NEPTUNE } from './neptune';
import { NETWORK_FIREWALL } from './networkfirewall';
import { OPENSEARCH } from './opensearch';
import { OTHER } from './other';
import { RDS } from './rds';
import { REDSHIFT } from './redshift';
import { ROUTE53_RESOLVER } from './route53resolver';
import { S3 } from './s3';

/** Every catalog module: its service (the file lib/catalog/<service>.ts) and its records. */
export const MODULES: ReadonlyArray<{ readonly service: string; readonly records: readonly RecordSpec[] }> = [
  { service: 'ec2', records: EC2 },
  { service: 'autoscaling', records: AUTOSCALING },
  { service: 'elb', records: ELB },
  { service: 'lambda', records: LAMBDA },
  { service: 'ecs', records: ECS },
  { service: 'eks', records: EKS },
  { service: 'batch', records: BATCH },
  { service: 'emr', records: EMR },
  { service: 'rds', records: RDS },
  { service: 'docdb', records: DOCDB },
  { service: 'neptune', records: NEPTUNE },
  { service: 'dms', records: DMS },
  { service: 'redshift', records: REDSHIFT },
  { service: 'dynamodb', records: DYNAMODB },
  { service: 's3', records: S3 },
  { service: 'efs', records: EFS },
  { service: 'fsx', records: FSX },
  { service: 'elasticache', records: ELASTICACHE },
  { service: 'memorydb', records: MEMORYDB },
  { service: 'dax', records: DAX },
  { service: 'opensearch', records: OPENSEARCH },
  { service: 'mq', records: MQ },
  { service: 'msk', records: MSK },
  { service: 'networkfirewall', records: NETWORK_FIREWALL },
  { service: 'route53resolver', records: ROUTE53_RESOLVER },
  { service: 'backup', records: BACKUP },
  { service: 'dlm', records: DLM },
  { service: 'other', records: OTHER },
];

const BY_TYPE = new Map<string, CatalogRecord>();
for (const m of MODULES) {
  for (const spec of m.records) {
    if (BY_TYPE.has(spec.type)) throw new Error(`catalog: ${spec.type} has two records (${BY_TYPE.get(spec.type)!.service} and ${m.service})`);
    BY_TYPE.set(spec.type, { ...spec, service: m.service });
  }
}

/** Every record, in module order. */
export const CATALOG: readonly CatalogRecord[] = [...BY_TYPE.values()];

/** The record of a type, if the catalog knows it. */
export function recordOf(type: string): CatalogRecord | undefined {
  return BY_TYPE.get(type);
}

/** Types whose records satisfy a test, in catalog order. */
export function typesWhere(test: (r: CatalogRecord) => boolean): string[] {
  return CATALOG.filter(test).map((r) => r.type);
}

/** The kind of data store a type is (undefined when it is not one). */
export function storeKind(type: string): StoreKind | undefined {
  return BY_TYPE.get(type)?.store;
}

/** Whether a type is compute (the client side of data edges). */
export function isCompute(type: string): boolean {
  return BY_TYPE.get(type)?.role === 'compute';
}

/** Whether a type is a load balancer. */
export function isLoadBalancerType(type: string): boolean {
  return BY_TYPE.get(type)?.role === 'load-balancer';
}

/** Types that carry other resources' placement but are not worth a line of the blast radius of their own. */
export function isPlumbingType(type: string): boolean {
  const role = BY_TYPE.get(type)?.role;
  return role === 'plumbing' || role === 'target-group' || role === 'listener' || role === 'config';
}

/** The noun of a type for messages (`RDS DB instance`), or the type itself. */
export function nounOf(type: string): string {
  return BY_TYPE.get(type)?.noun ?? type;
}

/** Who reports a resource's own-placement outage (dedicated rules, or zonal by design); undefined: ZL903 does. */
export function outageCoverage(r: Resource): OutageCoverage | undefined {
  const o = BY_TYPE.get(r.type)?.outage;
  return typeof o === 'function' ? o(r) : o;
}

/** The capacity of a resource from its catalog record (cached per resource). */
const capacityCache = new WeakMap<Resource, Capacity | null>();

export function capacityOf(r: Resource): Capacity | undefined {
  let c = capacityCache.get(r);
  if (c === undefined) {
    c = recordOf(r.type)?.capacity?.(r, r.stack.model) ?? null;
    capacityCache.set(r, c);
  }
  return c ?? undefined;
}

/**
 * A resource that runs one unit (one instance, one task) over several zones: it is down in whichever zone that unit
 * runs, which the template does not say, so it gets a "wherever it lands" scenario of its own instead of being
 * "degraded (1 of 3 zones)" everywhere.
 */
export function singleUnit(model: Model, r: Resource): { zones: readonly Zone[]; capacity: Capacity } | undefined {
  const c = capacityOf(r);
  if (!c || c.units !== 1) return undefined;
  const p = model.placement(r);
  return p.kind === 'zonal' && p.zones.length > 1 ? { zones: p.zones, capacity: c } : undefined;
}

/** The copies of a resource's data outside its zone (catalog); undefined when that cannot be decided. */
export function copiesOf(r: Resource): readonly DataCopy[] | undefined {
  const data = recordOf(r.type)?.data;
  if (!data?.copies) return [];
  const c = data.copies(r, r.stack.model);
  return c instanceof Unknown ? undefined : c;
}

/** Derived, read-only views some modules keep for speed or for docs. */
export const ZONE_PROPERTIES: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  CATALOG.filter((r) => r.placement?.zoneProperties).map((r) => [r.type, r.placement!.zoneProperties!]),
);
export const SUBNET_PROPERTIES: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  CATALOG.filter((r) => r.placement?.subnetProperties).map((r) => [r.type, r.placement!.subnetProperties!]),
);

export type { CatalogRecord } from './types';
