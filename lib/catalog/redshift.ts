/** Amazon Redshift provisioned clusters. */
import { asBoolean } from '../model/values';
import type { RecordSpec } from './types';
import { liveZonal } from './ec2';
import { multiAzPlacement, retentionCopies } from './common';

export const REDSHIFT: readonly RecordSpec[] = [
  {
    type: 'AWS::Redshift::Cluster',
    noun: 'Redshift cluster',
    role: 'data-store',
    store: 'database',
    placement: {
      zoneProperties: ['AvailabilityZone'],
      subnetGroupProperties: ['ClusterSubnetGroupName'],
      whenUnset: 'single',
      // A Multi-AZ (RA3) cluster runs compute in two zones over storage in Redshift Managed Storage (regional)
      special: (model, r) => multiAzPlacement(model, r, 'MultiAZ', 'Multi-AZ Redshift cluster'),
    },
    failover: { automatic: (r) => asBoolean(r.get('MultiAZ')) === true, decidedBy: ['MultiAZ'] },
    data: {
      holds: () => true,
      copies: (r) => retentionCopies(r, 'AutomatedSnapshotRetentionPeriod', 1, 'snapshot', 'automated snapshots'),
      decidedBy: ['AutomatedSnapshotRetentionPeriod'],
    },
    policies: { snapshot: true, replacedBy: 'a change to ClusterIdentifier' },
    // a Multi-AZ cluster is left to the model (spread over its subnet group); a single-AZ one is where AWS reports it
    live: { collector: 'redshift', records: 'redshiftClusters', tally: 'databases', place: (r, live, zones) => (r.rawProperties.MultiAZ === true ? undefined : liveZonal([zones.byName(live.zone)])) },
  },
  { type: 'AWS::Redshift::ClusterSubnetGroup', noun: 'Redshift cluster subnet group', role: 'plumbing', placement: { subnetProperties: ['SubnetIds'], subnetEdges: false } },
];
