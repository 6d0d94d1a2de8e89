import { mqDeploymentMode } from '../../../lib/catalog/mq';
import { defineRule } from '../../../lib/engine/types';
import { placementPhrase, zoneOf } from '../../../lib/model/describe';
import { asString } from '../../../lib/model/values';

export default defineRule({
  id: 'ZL510',
  slug: 'mq-single-instance',
  service: 'mq',
  title: 'Amazon MQ broker deployed as a single instance in one zone',
  severity: 'error',
  resourceTypes: ['AWS::AmazonMQ::Broker'],
  rationale:
    'A SINGLE_INSTANCE broker is one broker in one Availability Zone. When that zone fails, producers and consumers ' +
    'cannot connect until the zone recovers: there is no standby to take over. With EBS storage (RabbitMQ always, ' +
    'ActiveMQ when chosen) its messages are in that zone only. ACTIVE_STANDBY_MULTI_AZ (ActiveMQ: a standby in another ' +
    'zone on shared EFS storage) and CLUSTER_MULTI_AZ (RabbitMQ: three nodes in three zones) fail over by themselves.',
  fix: {
    cloudformation: 'set DeploymentMode: ACTIVE_STANDBY_MULTI_AZ (ActiveMQ, two SubnetIds in two zones) or CLUSTER_MULTI_AZ (RabbitMQ); the broker is replaced',
    cdk: "on amazonmq.CfnBroker set deploymentMode: 'ACTIVE_STANDBY_MULTI_AZ' (ActiveMQ, subnetIds in two zones) or 'CLUSTER_MULTI_AZ' (RabbitMQ)",
  },
  check(ctx) {
    for (const broker of ctx.resources('AWS::AmazonMQ::Broker')) {
      if (mqDeploymentMode(broker) !== 'SINGLE_INSTANCE') continue; // a Multi-AZ mode, or not decidable before deployment
      const engine = asString(broker.get('EngineType'))?.toUpperCase();
      const rabbit = engine === 'RABBITMQ';
      const storage = asString(broker.get('StorageType'))?.toLowerCase();
      const placement = ctx.model.placement(broker);
      const where = placement.kind === 'unknown' ? 'in one zone' : placementPhrase(placement);
      const data =
        rabbit || storage === 'ebs'
          ? 'its messages, on an EBS volume in that zone, are out of reach and have no copy in another zone'
          : storage === 'efs'
            ? 'its messages survive on EFS storage, but no standby broker serves them'
            : 'no standby broker serves its queues';
      ctx.report({
        resource: broker,
        path: 'Properties.DeploymentMode',
        message:
          `Amazon MQ ${rabbit ? 'RabbitMQ' : engine === 'ACTIVEMQ' ? 'ActiveMQ' : ''} broker ${broker.label} is a single instance ${where} (DeploymentMode SINGLE_INSTANCE): ` +
          `when ${zoneOf(placement)} fails, producers and consumers cannot connect until the zone recovers, and ${data}. ` +
          `Use ${rabbit ? 'CLUSTER_MULTI_AZ' : engine === 'ACTIVEMQ' ? 'ACTIVE_STANDBY_MULTI_AZ' : 'ACTIVE_STANDBY_MULTI_AZ (ActiveMQ) or CLUSTER_MULTI_AZ (RabbitMQ)'}.`.replace('MQ  broker', 'MQ broker'),
      });
    }
  },
});
