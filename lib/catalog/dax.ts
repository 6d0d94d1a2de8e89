/** DynamoDB Accelerator (DAX) clusters: a write-through cache in front of DynamoDB, which keeps the data. */
import type { Resource } from '../model/resource';
import { asNumber } from '../model/values';
import type { RecordSpec } from './types';
import { reportedBy, spreadOverGroupZones } from './common';
import { liveZonal } from './ec2';

/** Nodes of a DAX cluster (ReplicationFactor, required): one primary and the rest read replicas. */
export function daxNodes(r: Resource): number | undefined {
  return asNumber(r.get('ReplicationFactor'));
}

export const DAX: readonly RecordSpec[] = [
  {
    type: 'AWS::DAX::Cluster',
    noun: 'DAX cluster',
    role: 'data-store',
    recovery: { down: 'cache-recreate' },
    store: 'cache',
    placement: {
      zoneProperties: ['AvailabilityZones'],
      subnetGroupProperties: ['SubnetGroupName'],
      // without AvailabilityZones, DAX spreads the nodes over the zones of its subnet group (CreateCluster API)
      special(model, r) {
        if (r.get('AvailabilityZones') !== undefined) return undefined;
        const nodes = daxNodes(r);
        if (nodes === undefined) return { kind: 'unknown', reason: 'ReplicationFactor cannot be decided before deployment' };
        if (nodes < 2) return undefined; // one node in one zone AWS picks
        return spreadOverGroupZones(model, r, 'DAX nodes spread by the service');
      },
      whenUnset: 'single',
    },
    capacity: (r) => {
      const n = daxNodes(r);
      return n === undefined ? undefined : { units: n, unit: 'node', source: `ReplicationFactor ${n}` };
    },
    // the primary fails over to a read replica
    failover: { automatic: (r) => (daxNodes(r) === undefined ? undefined : daxNodes(r)! >= 2), decidedBy: ['ReplicationFactor'] },
    outage: reportedBy('ZL507'),
    live: { collector: 'dax', records: 'daxClusters', tally: 'caches', place: (_r, live, zones) => liveZonal(((live.zones as string[]) ?? []).map((z) => zones.byName(z))) },
  },
  { type: 'AWS::DAX::SubnetGroup', noun: 'DAX subnet group', role: 'plumbing', placement: { subnetProperties: ['SubnetIds'], subnetEdges: false }, subnetGroup: { places: 'cluster nodes' } },
];
