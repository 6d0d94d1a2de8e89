import { nounOf } from '../../../lib/catalog';
import { SEARCH_DOMAIN_TYPES, dataNodes, zoneAwareness, zoneCount } from '../../../lib/catalog/opensearch';
import { defineRule } from '../../../lib/engine/types';

export default defineRule({
  id: 'ZL512',
  slug: 'opensearch-data-nodes',
  service: 'opensearch',
  title: 'Zone-aware OpenSearch domain with too few data nodes, or a count its zones cannot share evenly',
  severity: 'warning',
  resourceTypes: SEARCH_DOMAIN_TYPES,
  options: {
    minDataNodes: { default: 3, description: 'Fewest data nodes a zone-aware domain should run, so that losing one zone leaves at least two.' },
  },
  rationale:
    'Zone awareness spreads data nodes and replica shards evenly over 2 or 3 zones. With fewer than 3 nodes, losing a ' +
    'zone leaves one node (or none) to hold every primary shard and take all the traffic; with a count that is not a ' +
    'multiple of the zone count, one zone holds more nodes than the others and its loss takes more than its share.',
  fix: {
    cloudformation: 'set ClusterConfig.InstanceCount to a multiple of ZoneAwarenessConfig.AvailabilityZoneCount, and at least 3 (ElasticsearchClusterConfig on an AWS::Elasticsearch::Domain)',
    cdk: 'set capacity.dataNodes on opensearch.Domain to a multiple of zoneAwareness.availabilityZoneCount, and at least 3',
  },
  check(ctx) {
    const min = Number(ctx.options.minDataNodes);
    for (const d of ctx.resources(...SEARCH_DOMAIN_TYPES)) {
      const nodes = dataNodes(d);
      const n = nodes.value;
      if (n === undefined) continue;
      // without zone awareness every node is in one zone, however many there are: ZL511 reports the domain
      if (zoneAwareness(d).value !== true) continue;
      const zones = zoneCount(d).value;
      if (zones === undefined) continue;
      const problems: string[] = [];
      const left = n - Math.ceil(n / zones);
      if (n < min) problems.push(left <= 0 ? 'losing the zone of its only data node takes the whole domain down' : `losing one of its ${zones} zones leaves ${left} of ${n} data nodes to hold every shard and serve every request`);
      if (n % zones !== 0) problems.push(`${n} nodes do not divide evenly over ${zones} zones, so one zone holds ${Math.ceil(n / zones)} of them and losing it takes more than its share of capacity`);
      if (!problems.length) continue;
      ctx.report({
        resource: d,
        path: nodes.path,
        message: `${nounOf(d.type)} ${d.label} has ${nodes.source} over ${zones} zones: ${problems.join('; and ')}. Use a multiple of ${zones}, at least ${Math.max(min, zones)}.`,
      });
    }
  },
});
