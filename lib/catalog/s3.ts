/**
 * Amazon S3: general purpose buckets are regional (objects in at least three zones) except for objects in the One
 * Zone-IA storage class; directory buckets of S3 Express One Zone keep their objects in one zone chosen by AZ id.
 */
import { liveZonal } from './ec2';
import type { RecordSpec } from './types';

export const S3: readonly RecordSpec[] = [
  // regional: only lifecycle transitions to ONEZONE_IA put its objects in one zone (ZL412)
  // regional (every zone of the region): a zone's loss never takes it down; listed only through what it needs
  { type: 'AWS::S3::Bucket', noun: 'S3 bucket', role: 'data-store', recovery: { down: 'manual-rebuild' } },
  {
    type: 'AWS::S3Express::DirectoryBucket',
    noun: 'S3 directory bucket',
    role: 'data-store',
    // nothing recreates a directory bucket elsewhere, and its objects have no copy outside the zone
    recovery: { down: 'manual-rebuild' },
    store: 'files',
    // LocationName is the AZ id (use1-az4) or Local Zone id the objects are stored in
    placement: { zoneProperties: ['LocationName'], whenUnset: 'unknown' },
    // S3 Express One Zone stores objects redundantly on devices of one zone only: no copy outside it
    data: { holds: () => true, copies: () => [], decidedBy: ['DataRedundancy', 'LocationName'] },
    outage: { rules: ['ZL411'] },
    // the zone AWS reported, by AZ id (the name's suffix), with its name beside it
    live: { collector: 's3express', records: 'directoryBuckets', place: (_r, live, zones) => liveZonal([zones.byId(live.zoneId)]) },
  },
];
