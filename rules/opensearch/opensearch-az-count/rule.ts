import { nounOf } from '../../../lib/catalog';
import { SEARCH_DOMAIN_TYPES, zoneAwareness, zoneCount } from '../../../lib/catalog/opensearch';
import { defineRule } from '../../../lib/engine/types';
import { zoneLabels } from '../../../lib/model/zones';

export default defineRule({
  id: 'ZL514',
  slug: 'opensearch-az-count',
  service: 'opensearch',
  title: 'Zone-aware OpenSearch domain in 2 zones where the region has 3',
  severity: 'info',
  resourceTypes: SEARCH_DOMAIN_TYPES,
  rationale:
    'A domain over 2 zones loses half its nodes with one zone, and with 3 dedicated masters over 2 zones the zone ' +
    'holding two of them takes the quorum with it. Over 3 zones a zone loss costs a third of the capacity, the masters ' +
    'keep their quorum, and Multi-AZ with Standby becomes possible.',
  fix: {
    cloudformation: 'set ClusterConfig.ZoneAwarenessConfig.AvailabilityZoneCount: 3, a data node count that is a multiple of 3, and one subnet per zone (ElasticsearchClusterConfig on an AWS::Elasticsearch::Domain)',
    cdk: 'pass zoneAwareness: { enabled: true, availabilityZoneCount: 3 } to opensearch.Domain, with vpcSubnets in three zones',
  },
  check(ctx) {
    for (const d of ctx.resources(...SEARCH_DOMAIN_TYPES)) {
      if (zoneAwareness(d).value !== true) continue;
      const count = zoneCount(d);
      if (count.value !== 2) continue;
      // the region's zone count is never guessed: only a region the input shows with 3 or more zones counts
      const { zones } = ctx.model.regionZones(d.stack);
      if (zones.length < 3) continue;
      ctx.report({
        resource: d,
        path: count.path,
        message:
          `${nounOf(d.type)} ${d.label} spreads over 2 zones (${count.source}) while its region has at least ${zones.length} (${zoneLabels(zones)}, as the input shows): ` +
          'losing one zone takes half of its data nodes, and with 3 dedicated masters over 2 zones possibly the master quorum. ' +
          'Use 3 zones, with a data node count that is a multiple of 3.',
      });
    }
  },
});
