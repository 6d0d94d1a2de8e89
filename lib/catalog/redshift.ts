/** Amazon Redshift provisioned clusters. */
import type { Resource } from '../model/resource';
import { Unknown, asBoolean, asString } from '../model/values';
import type { DataCopy, RecordSpec } from './types';
import { multiAzPlacement, reportedBy, retentionCopies } from './common';
import { liveZonal } from './ec2';

/**
 * Whether a cluster uses RA3 nodes (true), older DC2/DS2 nodes (false), or cannot be told (undefined). RA3 keeps its
 * data in Redshift Managed Storage (Amazon S3, reachable from every zone of the region) and is the only node family
 * that supports Multi-AZ and Availability Zone relocation (Redshift Management Guide, "Setting up Multi-AZ deployment"
 * and "Relocating your cluster").
 */
export function isRa3(r: Resource): boolean | undefined {
  const t = asString(r.get('NodeType'));
  return t === undefined ? undefined : t.toLowerCase().startsWith('ra3.');
}

/** RA3 data in Redshift Managed Storage: S3 in the region, so the data outlives the cluster's zone. */
const MANAGED_STORAGE: DataCopy = { kind: 'replica', text: 'Redshift Managed Storage (Amazon S3, across the zones of the region)' };

/** The MultiAZ switch: true, false (also when unset) or undefined when it cannot be decided. */
export function redshiftMultiAz(r: Resource): boolean | undefined {
  const raw = r.get('MultiAZ');
  if (raw === undefined) return false;
  return raw instanceof Unknown ? undefined : asBoolean(raw);
}

export const REDSHIFT: readonly RecordSpec[] = [
  {
    type: 'AWS::Redshift::Cluster',
    noun: 'Redshift cluster',
    role: 'data-store',
    recovery: { down: 'redshift-relocate', failover: 'redshift-multi-az' },
    store: 'database',
    placement: {
      zoneProperties: ['AvailabilityZone'],
      subnetGroupProperties: ['ClusterSubnetGroupName'],
      whenUnset: 'single',
      // A Multi-AZ (RA3) cluster runs compute in two zones over storage in Redshift Managed Storage (regional)
      special: (model, r) => multiAzPlacement(model, r, 'MultiAZ', 'Multi-AZ Redshift cluster'),
    },
    // Relocation (RA3, AvailabilityZoneRelocation) may move a single-AZ cluster to another zone, but is no failover
    failover: { automatic: (r) => redshiftMultiAz(r) === true, decidedBy: ['MultiAZ'] },
    data: {
      holds: () => true,
      // AutomatedSnapshotRetentionPeriod defaults to 1 day; 0 turns automated snapshots off
      copies: (r) => {
        const snapshots = retentionCopies(r, 'AutomatedSnapshotRetentionPeriod', 1, 'snapshot', 'automated snapshots');
        const storage = isRa3(r) === true ? [MANAGED_STORAGE] : [];
        return snapshots instanceof Unknown ? (storage.length ? storage : snapshots) : [...storage, ...snapshots];
      },
      decidedBy: ['AutomatedSnapshotRetentionPeriod', 'NodeType'],
    },
    policies: { snapshot: true, replacedBy: 'a change to ClusterIdentifier' },
    // ZL307 reports a single-AZ cluster; a Multi-AZ one that still lands in one zone (a one-zone subnet group) is ZL903's
    outage: (r) => (redshiftMultiAz(r) === true ? undefined : reportedBy('ZL307')),
    live: { collector: 'redshift', records: 'redshiftClusters', tally: 'databases', place: (r, live, zones) => (r.rawProperties.MultiAZ === true ? undefined : liveZonal([zones.byName(live.zone)])) },
  },
  { type: 'AWS::Redshift::ClusterSubnetGroup', noun: 'Redshift cluster subnet group', role: 'plumbing', placement: { subnetProperties: ['SubnetIds'], subnetEdges: false }, subnetGroup: { places: 'clusters' } },
];
