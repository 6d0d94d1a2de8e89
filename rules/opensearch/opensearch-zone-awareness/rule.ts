import { nounOf } from '../../../lib/catalog';
import { SEARCH_DOMAIN_TYPES, dataNodes, zoneAwareness } from '../../../lib/catalog/opensearch';
import { defineRule } from '../../../lib/engine/types';
import { placementPhrase } from '../../../lib/model/describe';

export default defineRule({
  id: 'ZL511',
  slug: 'opensearch-zone-awareness',
  service: 'opensearch',
  title: 'OpenSearch domain without zone awareness (every node in one zone)',
  severity: 'error',
  resourceTypes: SEARCH_DOMAIN_TYPES,
  rationale:
    'Without zone awareness OpenSearch Service puts every data node and dedicated master of a domain in one ' +
    'Availability Zone. When that zone fails the domain stops serving searches and indexing, and nothing moves it to ' +
    'another zone: it is back when the zone recovers, or when a new domain is restored from an automated snapshot.',
  fix: {
    cloudformation: 'set ClusterConfig.ZoneAwarenessEnabled: true with ZoneAwarenessConfig.AvailabilityZoneCount 3 (or 2), a data node count that is a multiple of it, and one subnet per zone in VPCOptions.SubnetIds (ElasticsearchClusterConfig on an AWS::Elasticsearch::Domain)',
    cdk: 'pass zoneAwareness: { enabled: true, availabilityZoneCount: 3 } to opensearch.Domain, with capacity.dataNodes a multiple of 3 and vpcSubnets in three zones',
  },
  check(ctx) {
    for (const d of ctx.resources(...SEARCH_DOMAIN_TYPES)) {
      const za = zoneAwareness(d);
      if (za.value !== false) continue; // on, or decided at deployment
      const nodes = dataNodes(d);
      const what = nodes.value === 1 ? 'its one data node' : nodes.value === undefined ? 'all its data nodes' : `all ${nodes.value} data nodes`;
      ctx.report({
        resource: d,
        path: za.path,
        message:
          `${nounOf(d.type)} ${d.label} has zone awareness off (${za.source}): ${what} ${nodes.value === 1 ? 'runs' : 'run'} ${placementPhrase(ctx.model.placement(d))}. ` +
          'When that zone fails the domain is down, with no failover: searches and indexing stop until the zone recovers or a new ' +
          'domain is restored from its automated hourly snapshot, without the writes made since. Turn on zone awareness over 2 or 3 zones.',
      });
    }
  },
});
