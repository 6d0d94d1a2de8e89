/** AWS DMS replication instances and DMS Serverless replications. */
import { asBoolean } from '../model/values';
import type { RecordSpec } from './types';
import { liveZonal } from './ec2';
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
    live: {
      collector: 'dms',
      records: 'dmsReplicationInstances',
      // a Multi-AZ instance runs in its zone with a standby in the secondary one
      place: (r, live, zones) =>
        r.rawProperties.MultiAZ !== true ? liveZonal([zones.byName(live.zone)]) : live.secondaryZone ? liveZonal([zones.byName(live.zone), zones.byName(live.secondaryZone)]) : undefined,
    },
  },
  { type: 'AWS::DMS::ReplicationConfig', noun: 'DMS Serverless replication', role: 'service', recovery: { down: 'manual-rebuild', failover: 'dms-multi-az' }, failover: { automatic: (r) => asBoolean(r.get('ComputeConfig.MultiAZ')) === true, decidedBy: ['ComputeConfig.MultiAZ'] } },
  { type: 'AWS::DMS::ReplicationSubnetGroup', noun: 'DMS replication subnet group', role: 'plumbing', placement: { subnetProperties: ['SubnetIds'], subnetEdges: false }, subnetGroup: { places: 'replication instances', requires: { zones: 2, error: 'ReplicationSubnetGroupDoesNotCoverEnoughAZs' } } },
];

