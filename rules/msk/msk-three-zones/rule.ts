import { MSK_TWO_ZONE_REGIONS } from '../../../lib/catalog/msk';
import { defineRule } from '../../../lib/engine/types';
import { zoneLabels } from '../../../lib/model/zones';

export default defineRule({
  id: 'ZL509',
  slug: 'msk-three-zones',
  service: 'msk',
  title: 'MSK cluster in two zones where the region offers three',
  severity: 'info',
  resourceTypes: ['AWS::MSK::Cluster'],
  rationale:
    'Kafka topics usually keep three replicas and accept writes while two are in sync (min.insync.replicas 2). Over two ' +
    'zones, three replicas sit two and one: losing the zone with two leaves one in-sync replica, and producers that ' +
    'wait for all in-sync replicas stop until it returns. Over three zones a zone loss takes one replica of each partition.',
  fix: {
    cloudformation: 'give BrokerNodeGroupInfo.ClientSubnets three subnets in three zones and a NumberOfBrokerNodes that is a multiple of 3',
    cdk: 'pass three subnets in three zones to brokerNodeGroupInfo.clientSubnets and a numberOfBrokerNodes that is a multiple of 3',
  },
  check(ctx) {
    for (const cluster of ctx.resources('AWS::MSK::Cluster')) {
      const p = ctx.model.placement(cluster);
      if (p.kind !== 'zonal' || p.zones.length !== 2) continue;
      const region = cluster.stack.region;
      // MSK takes exactly two subnets in us-west-1; elsewhere two or three. A region whose recorded zone list has two
      // zones is not judged (the zones a template merely uses are no upper bound: MSK's own knowledge decides then).
      if (region && MSK_TWO_ZONE_REGIONS.includes(region)) continue;
      const known = ctx.model.regionZones(cluster.stack);
      if (known.recorded && known.zones.length < 3) continue;
      ctx.report({
        resource: cluster,
        path: 'Properties.BrokerNodeGroupInfo.ClientSubnets',
        message:
          `MSK cluster ${cluster.label} runs its brokers in two zones (${zoneLabels(p.zones)})${region ? `, where ${region} offers three` : ', where the region likely offers three (all but us-west-1 do for MSK)'}: ` +
          'a topic with three replicas keeps two of them in one zone, so losing that zone leaves one in-sync replica and producers with acks=all and ' +
          'min.insync.replicas 2 stop. Spread the brokers over three zones.',
      });
    }
  },
});
