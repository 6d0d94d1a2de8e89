import { nounOf } from '../../../lib/catalog';
import { SEARCH_DOMAIN_TYPES, dedicatedMasterCount, dedicatedMasters, zoneAwareness, zoneCount } from '../../../lib/catalog/opensearch';
import { defineRule } from '../../../lib/engine/types';

export default defineRule({
  id: 'ZL513',
  slug: 'opensearch-dedicated-masters',
  service: 'opensearch',
  title: 'Zone-aware OpenSearch domain without 3 dedicated master nodes',
  severity: 'warning',
  resourceTypes: SEARCH_DOMAIN_TYPES,
  rationale:
    'A cluster keeps serving only while a quorum of its master-eligible nodes can elect a master. Three dedicated masters ' +
    'spread over the zones keep a quorum when one zone fails; without dedicated masters the data nodes, busy with the ' +
    'extra load of the lost zone, must also manage the cluster, and with fewer than three masters the loss of one zone ' +
    'can leave no quorum, so the cluster stops accepting writes until the zone is back.',
  fix: {
    cloudformation: 'set ClusterConfig.DedicatedMasterEnabled: true, DedicatedMasterCount: 3 and a DedicatedMasterType (ElasticsearchClusterConfig on an AWS::Elasticsearch::Domain)',
    cdk: 'set capacity.masterNodes: 3 and capacity.masterNodeInstanceType on opensearch.Domain',
  },
  check(ctx) {
    for (const d of ctx.resources(...SEARCH_DOMAIN_TYPES)) {
      // a domain without zone awareness has its masters in its one zone too: ZL511 reports it
      if (zoneAwareness(d).value !== true) continue;
      const zones = zoneCount(d).value;
      const on = dedicatedMasters(d);
      if (on.value === undefined) continue;
      if (on.value === false) {
        ctx.report({
          resource: d,
          path: on.path,
          message:
            `${nounOf(d.type)} ${d.label} has no dedicated master nodes (${on.source}): when one of its ${zones ?? 'several'} zones fails, the ` +
            'surviving data nodes must re-elect a master and rebalance the lost shards while taking over its traffic, and the cluster ' +
            'can stall or stop accepting writes. Add 3 dedicated master nodes.',
        });
        continue;
      }
      const count = dedicatedMasterCount(d);
      if (count.value === undefined || count.value >= 3) continue;
      ctx.report({
        resource: d,
        path: count.path,
        message:
          `${nounOf(d.type)} ${d.label} has ${count.source}: fewer than 3 masters cannot keep a quorum when the zone holding one ` +
          'of them fails, so the cluster stops accepting writes until that zone is back. Use 3 dedicated master nodes.',
      });
    }
  },
});
