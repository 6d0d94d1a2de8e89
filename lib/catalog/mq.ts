/** Amazon MQ brokers (ActiveMQ and RabbitMQ). */
import type { RecordSpec } from './types';

const MQ_BROKERS: Record<string, number> = { SINGLE_INSTANCE: 1, ACTIVE_STANDBY_MULTI_AZ: 2, CLUSTER_MULTI_AZ: 3 };

export const MQ: readonly RecordSpec[] = [
  {
    type: 'AWS::AmazonMQ::Broker',
    noun: 'Amazon MQ broker',
    role: 'data-store',
    store: 'stream',
    placement: { subnetProperties: ['SubnetIds'] },
    capacity: (r) => {
      const mode = String(r.get('DeploymentMode') ?? '').toUpperCase();
      return MQ_BROKERS[mode] ? { units: MQ_BROKERS[mode], unit: 'broker', source: `DeploymentMode ${mode}` } : undefined;
    },
    failover: { automatic: (r) => String(r.get('DeploymentMode') ?? '').toUpperCase().endsWith('MULTI_AZ'), decidedBy: ['DeploymentMode'] },
    data: { holds: () => true, copies: () => [], decidedBy: ['DeploymentMode'] },
    live: { collector: 'mq', records: 'brokers' },
  },
];
