/** Amazon Redshift provisioned clusters. */
import { asBoolean } from '../model/values';
import type { RecordSpec } from './types';
import { multiAzPlacement, retentionCopies } from './common';

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
    failover: { automatic: (r) => asBoolean(r.get('MultiAZ')) === true, decidedBy: ['MultiAZ'] },
    data: {
      holds: () => true,
      copies: (r) => retentionCopies(r, 'AutomatedSnapshotRetentionPeriod', 1, 'snapshot', 'automated snapshots'),
      decidedBy: ['AutomatedSnapshotRetentionPeriod'],
    },
    policies: { snapshot: true, replacedBy: 'a change to ClusterIdentifier' },
  },
  { type: 'AWS::Redshift::ClusterSubnetGroup', noun: 'Redshift cluster subnet group', role: 'plumbing', placement: { subnetProperties: ['SubnetIds'], subnetEdges: false } },
];
