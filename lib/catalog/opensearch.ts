/** Amazon OpenSearch Service (and its Elasticsearch predecessor) domains. */
import type { Resource } from '../model/resource';
import { Unknown, asBoolean, asNumber } from '../model/values';
import type { RecordSpec } from './types';

/** The cluster configuration block of a domain type (`ClusterConfig`, `ElasticsearchClusterConfig`). */
const CLUSTER_CONFIG: Record<string, string> = {
  'AWS::OpenSearchService::Domain': 'ClusterConfig',
  'AWS::Elasticsearch::Domain': 'ElasticsearchClusterConfig',
};

export const SEARCH_DOMAIN_TYPES = Object.keys(CLUSTER_CONFIG);

/** A setting of a domain as the template (or CloudFormation's default) gives it. */
export interface DomainSetting<T> {
  /** Undefined: cannot be decided before deployment. */
  readonly value: T | undefined;
  /** In words, for messages: `ClusterConfig.InstanceCount 2`, `ClusterConfig.ZoneAwarenessEnabled is not set (default false)`. */
  readonly source: string;
  /** Path inside the resource entry, for the finding's location. */
  readonly path: string;
}

function setting<T>(r: Resource, prop: string, fallback: T, read: (v: unknown) => T | undefined): DomainSetting<T> {
  const config = CLUSTER_CONFIG[r.type] ?? 'ClusterConfig';
  const name = `${config}.${prop}`;
  const raw = r.get(name);
  const path = `Properties.${name}`;
  if (raw === undefined) return { value: fallback, source: `${name} is not set (default ${String(fallback)})`, path };
  const value = raw instanceof Unknown ? undefined : read(raw);
  return { value, source: value === undefined ? `${name} cannot be decided before deployment` : `${name} ${String(value)}`, path };
}

/** Whether zone awareness is on (CloudFormation default: off). */
export const zoneAwareness = (r: Resource): DomainSetting<boolean> => setting(r, 'ZoneAwarenessEnabled', false, asBoolean);

/** How many zones a zone-aware domain uses: `ZoneAwarenessConfig.AvailabilityZoneCount`, 2 when not set. */
export const zoneCount = (r: Resource): DomainSetting<number> => setting(r, 'ZoneAwarenessConfig.AvailabilityZoneCount', 2, asNumber);

/** Data nodes: `InstanceCount`, 1 when not set. */
export const dataNodes = (r: Resource): DomainSetting<number> => setting(r, 'InstanceCount', 1, asNumber);

/** Whether dedicated master nodes are on (default off), and how many (default 3 when on, as CloudFormation creates). */
export const dedicatedMasters = (r: Resource): DomainSetting<boolean> => setting(r, 'DedicatedMasterEnabled', false, asBoolean);
export const dedicatedMasterCount = (r: Resource): DomainSetting<number> => setting(r, 'DedicatedMasterCount', 3, asNumber);

function domain(type: string, noun: string): RecordSpec {
  return {
    type,
    noun,
    role: 'data-store',
    store: 'search',
    recovery: { down: 'opensearch-restore', failover: 'opensearch-zone-aware' },
    placement: {
      subnetProperties: ['VPCOptions.SubnetIds'],
      // outside a VPC AWS picks the zones: one without zone awareness, 2 or 3 with it
      special: (_model, r) => {
        if (r.get('VPCOptions.SubnetIds') !== undefined) return undefined;
        const za = zoneAwareness(r).value;
        if (za === undefined) return { kind: 'unknown', reason: 'zone awareness cannot be decided before deployment' };
        return za ? { kind: 'regional', reason: `zone awareness over ${zoneCount(r).value ?? 'several'} zones picked by AWS` } : { kind: 'single', reason: 'zone picked by AWS at deploy time' };
      },
    },
    capacity: (r) => {
      const n = dataNodes(r);
      return n.value === undefined ? undefined : { units: n.value, unit: 'node', source: n.source };
    },
    // zone awareness spreads the nodes and the replica shards over 2 or 3 zones; a lost zone's shards are promoted on
    // the surviving nodes (with replicas); without it every node is in one zone
    failover: { automatic: (r) => zoneAwareness(r).value, decidedBy: [`${CLUSTER_CONFIG[type]}.ZoneAwarenessEnabled`] },
    // OpenSearch Service takes automated hourly snapshots of every domain into its own S3 storage (regional)
    data: { holds: () => true, copies: () => [{ kind: 'snapshot', text: 'automated hourly snapshots' }], decidedBy: [] },
    // No Snapshot policy for domains (DeletionPolicy attribute docs; cfn-lint E3035); deleting the domain deletes its
    // automated snapshots too, only manual snapshots in an S3 repository outlive it
    policies: { snapshot: false, replacedBy: 'a change to DomainName' },
    // ZL511 reports a domain in one zone, ZL512 one with a single data node wherever it lands
    outage: { rules: ['ZL511', 'ZL512'] },
    ...(type === 'AWS::OpenSearchService::Domain' ? { live: { collector: 'es', records: 'searchDomains' } } : {}),
  };
}

export const OPENSEARCH: readonly RecordSpec[] = [
  domain('AWS::OpenSearchService::Domain', 'OpenSearch domain'),
  domain('AWS::Elasticsearch::Domain', 'Elasticsearch domain'),
];
