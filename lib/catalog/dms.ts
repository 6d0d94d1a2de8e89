/** AWS DMS replication instances and DMS Serverless replications. */
import { asBoolean } from '../model/values';
import type { RecordSpec } from './types';
import { multiAzPlacement } from './common';

export const DMS: readonly RecordSpec[] = [
  {
    type: 'AWS::DMS::ReplicationInstance',
    noun: 'DMS replication instance',
    role: 'service',
    recovery: { down: 'manual-rebuild', failover: 'dms-multi-az' },
    placement: {
      zoneProperties: ['AvailabilityZone'],
      subnetGroupProperties: ['ReplicationSubnetGroupIdentifier'],
      whenUnset: 'single',
      special: (model, r) => multiAzPlacement(model, r, 'MultiAZ', 'Multi-AZ replication instance'),
    },
    failover: { automatic: (r) => asBoolean(r.get('MultiAZ')) === true, decidedBy: ['MultiAZ'] },
    outage: { rules: ['ZL304'] },
  },
  { type: 'AWS::DMS::ReplicationConfig', noun: 'DMS Serverless replication', role: 'service', recovery: { down: 'manual-rebuild', failover: 'dms-multi-az' }, failover: { automatic: (r) => asBoolean(r.get('ComputeConfig.MultiAZ')) === true, decidedBy: ['ComputeConfig.MultiAZ'] } },
  { type: 'AWS::DMS::ReplicationSubnetGroup', noun: 'DMS replication subnet group', role: 'plumbing', placement: { subnetProperties: ['SubnetIds'], subnetEdges: false }, subnetGroup: { places: 'replication instances', requires: { zones: 2, error: 'ReplicationSubnetGroupDoesNotCoverEnoughAZs' } } },
];

