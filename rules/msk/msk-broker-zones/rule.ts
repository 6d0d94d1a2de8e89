import { defineRule } from '../../../lib/engine/types';
import { placementPhrase } from '../../../lib/model/describe';
import { knownSubnets, subnetsOf } from '../../../lib/model/placement';
import { asNumber } from '../../../lib/model/values';
import { zoneLabels } from '../../../lib/model/zones';

export default defineRule({
  id: 'ZL508',
  slug: 'msk-broker-zones',
  service: 'msk',
  title: 'MSK brokers in one zone, or not spread evenly over the client subnets\' zones',
  severity: 'error',
  resourceTypes: ['AWS::MSK::Cluster'],
  rationale:
    'MSK distributes the brokers evenly over the zones of the client subnets, and Kafka keeps a partition available ' +
    'while a replica of it survives. With every client subnet in one zone, that zone takes every broker and every ' +
    'replica. With a broker count that is not a multiple of the zones, or two subnets in one zone, the brokers cannot ' +
    'be spread evenly: one zone holds more of them, and its loss takes more than its share of the replicas.',
  fix: {
    cloudformation: 'give BrokerNodeGroupInfo.ClientSubnets two or three subnets in distinct zones, and make NumberOfBrokerNodes a multiple of their number',
    cdk: 'pass vpcSubnets with one subnet in each of three zones (msk.CfnCluster: brokerNodeGroupInfo.clientSubnets) and a numberOfBrokerNodes that is a multiple of it',
  },
  check(ctx) {
    for (const cluster of ctx.resources('AWS::MSK::Cluster')) {
      const p = ctx.model.placement(cluster);
      if (p.kind !== 'zonal') continue; // subnets not in the input, or not decidable before deployment
      const zones = p.zones.length;
      const subnets = subnetsOf(cluster).length;
      const brokers = asNumber(cluster.get('NumberOfBrokerNodes'));
      const related = knownSubnets(cluster).map((s) => ({ resource: s, role: 'client subnet' }));
      const path = 'Properties.BrokerNodeGroupInfo.ClientSubnets';
      if (zones === 1) {
        ctx.report({
          resource: cluster,
          path,
          related,
          message:
            `MSK cluster ${cluster.label} has every client subnet ${placementPhrase(p)}, so ${brokers === 2 ? 'both' : `all ${brokers ?? 'its'}`} brokers run there: when ${p.zones[0].label} fails, ` +
            'every broker and every replica of every partition is gone with it, and producers and consumers stop. MSK needs two or three subnets in distinct zones.',
        });
      } else if (subnets > zones) {
        ctx.report({
          resource: cluster,
          path,
          related,
          severity: 'warning',
          message:
            `MSK cluster ${cluster.label} has ${subnets} client subnets in only ${zones} zones (${zoneLabels(p.zones)}): MSK requires them in distinct zones, and ` +
            'brokers spread per subnet would put twice the share in one zone, so that its loss takes more than its share of the replicas. Use one subnet per zone.',
        });
      } else if (brokers !== undefined && brokers % zones !== 0) {
        ctx.report({
          resource: cluster,
          path: 'Properties.NumberOfBrokerNodes',
          related,
          severity: 'warning',
          message:
            `MSK cluster ${cluster.label} has ${brokers} broker${brokers === 1 ? '' : 's'} over ${zones} zones (${zoneLabels(p.zones)}): not a multiple of the zones, so they ` +
            `cannot be spread evenly, and the zone holding the most takes more than its share of the replicas with it. Use a multiple of ${zones}: ${[...new Set([Math.max(zones, brokers - (brokers % zones)), brokers - (brokers % zones) + zones])].join(' or ')}.`,
        });
      }
    }
  },
});
