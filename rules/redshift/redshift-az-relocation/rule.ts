import { defineRule } from '../../../lib/engine/types';
import { isRa3, redshiftMultiAz } from '../../../lib/catalog/redshift';
import { placementPhrase } from '../../../lib/model/describe';
import { Unknown, asBoolean } from '../../../lib/model/values';

export default defineRule({
  id: 'ZL308',
  slug: 'redshift-az-relocation',
  service: 'redshift',
  title: 'Single-AZ RA3 Redshift cluster without Availability Zone relocation',
  severity: 'warning',
  resourceTypes: ['AWS::Redshift::Cluster'],
  rationale:
    'An RA3 cluster keeps its data in Redshift Managed Storage, reachable from every zone, so it can be moved to another ' +
    'zone without losing data: with relocation turned on AWS may do so by itself when the zone has issues, and you can ' +
    'ask for it at any time. Turned off (the default), a zone failure leaves the single-AZ cluster down until the zone ' +
    'recovers. Relocation costs nothing; Multi-AZ (ZL307) is the full fix.',
  fix: {
    cloudformation: 'set AvailabilityZoneRelocation: true on the cluster (or MultiAZ: true)',
    cdk: 'pass availabilityZoneRelocation: true to redshift.CfnCluster (or multiAz: true)',
  },
  check(ctx) {
    for (const c of ctx.resources('AWS::Redshift::Cluster')) {
      if (isRa3(c) !== true || redshiftMultiAz(c) !== false) continue; // relocation is RA3 only; Multi-AZ relocates by itself
      const raw = c.get('AvailabilityZoneRelocation');
      if (raw instanceof Unknown || asBoolean(raw) === true || (raw !== undefined && asBoolean(raw) === undefined)) continue;
      ctx.report({
        resource: c,
        path: raw === undefined ? 'Properties' : 'Properties.AvailabilityZoneRelocation',
        message:
          `Redshift cluster ${c.label} uses RA3 nodes (${String(c.get('NodeType'))}) in a single zone (${placementPhrase(ctx.model.placement(c))}) ` +
          `with AvailabilityZoneRelocation ${raw === undefined ? 'not set (default off)' : 'false'}: when that zone fails nothing moves it to another zone, ` +
          'although its data in Redshift Managed Storage would allow it. Turn relocation on (or MultiAZ).',
      });
    }
  },
});
