/** Amazon MSK (Managed Streaming for Apache Kafka) provisioned clusters. */
import { asNumber } from '../model/values';
import type { RecordSpec } from './types';

export const MSK: readonly RecordSpec[] = [
  {
    type: 'AWS::MSK::Cluster',
    noun: 'MSK cluster',
    role: 'data-store',
    store: 'stream',
    placement: { subnetProperties: ['BrokerNodeGroupInfo.ClientSubnets'] },
    capacity: (r) => {
      const n = asNumber(r.get('NumberOfBrokerNodes'));
      return n === undefined ? undefined : { units: n, unit: 'broker', source: `NumberOfBrokerNodes ${n}` };
    },
    live: { collector: 'kafka', records: 'kafkaClusters' },
  },
];
