/** Amazon MSK (Managed Streaming for Apache Kafka) provisioned clusters. */
import { asNumber } from '../model/values';
import type { RecordSpec } from './types';
import { reportedBy } from './common';

export const MSK: readonly RecordSpec[] = [
  {
    type: 'AWS::MSK::Cluster',
    noun: 'MSK cluster',
    role: 'data-store',
    recovery: { down: 'manual-rebuild' },
    store: 'stream',
    placement: { subnetProperties: ['BrokerNodeGroupInfo.ClientSubnets'] },
    capacity: (r) => {
      const n = asNumber(r.get('NumberOfBrokerNodes'));
      return n === undefined ? undefined : { units: n, unit: 'broker', source: `NumberOfBrokerNodes ${n}` };
    },
    // MSK spreads the brokers evenly over the client subnets' zones: ZL508 reports brokers in one zone or spread unevenly
    outage: reportedBy('ZL508'),
    live: { collector: 'kafka', records: 'kafkaClusters' },
  },
];

/** The Region where MSK takes exactly two client subnets (AWS::MSK::Cluster BrokerNodeGroupInfo, ClientSubnets). */
export const MSK_TWO_ZONE_REGIONS: readonly string[] = ['us-west-1'];
