/** Amazon MQ brokers (ActiveMQ and RabbitMQ). */
import type { Resource } from '../model/resource';
import type { RecordSpec } from './types';
import { reportedBy } from './common';

/** DeploymentMode in upper case ('' when not set or not a string). */
export const mqDeploymentMode = (r: Resource): string => String(r.get('DeploymentMode') ?? '').toUpperCase();

const MQ_BROKERS: Record<string, number> = { SINGLE_INSTANCE: 1, ACTIVE_STANDBY_MULTI_AZ: 2, CLUSTER_MULTI_AZ: 3 };

export const MQ: readonly RecordSpec[] = [
  {
    type: 'AWS::AmazonMQ::Broker',
    noun: 'Amazon MQ broker',
    role: 'data-store',
    recovery: { down: 'manual-rebuild', failover: 'mq-active-standby' },
    store: 'stream',
    placement: { subnetProperties: ['SubnetIds'] },
    capacity: (r) => {
      const mode = mqDeploymentMode(r);
      return MQ_BROKERS[mode] ? { units: MQ_BROKERS[mode], unit: 'broker', source: `DeploymentMode ${mode}` } : undefined;
    },
    failover: { automatic: (r) => mqDeploymentMode(r).endsWith('MULTI_AZ'), decidedBy: ['DeploymentMode'] },
    data: { holds: () => true, copies: () => [], decidedBy: ['DeploymentMode'] },
    // one broker in one zone (ZL510); a Multi-AZ mode whose subnets share a zone is ZL903's
    outage: (r) => (mqDeploymentMode(r) === 'SINGLE_INSTANCE' ? reportedBy('ZL510') : undefined),
    live: { collector: 'mq', records: 'brokers' },
  },
];
