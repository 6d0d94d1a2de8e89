import { defineRule } from '../../../lib/engine/types';
import { isRa3, redshiftMultiAz } from '../../../lib/catalog/redshift';
import { placementPhrase } from '../../../lib/model/describe';
import { asBoolean } from '../../../lib/model/values';

export default defineRule({
  id: 'ZL307',
  slug: 'redshift-multi-az',
  service: 'redshift',
  title: 'Redshift cluster without Multi-AZ',
  severity: 'error',
  resourceTypes: ['AWS::Redshift::Cluster'],
  rationale:
    'A single-AZ Redshift cluster runs all its nodes in one zone. When that zone fails the data warehouse is down: an ' +
    'RA3 cluster with Availability Zone relocation may be moved to another zone by AWS (minutes, data kept in Redshift ' +
    'Managed Storage); any other cluster stays down until the zone recovers or someone restores a snapshot into another ' +
    'zone by hand, losing what was loaded since. A Multi-AZ (RA3) cluster keeps compute in two zones and goes on serving.',
  fix: {
    cloudformation: 'use an RA3 NodeType and set MultiAZ: true (with a cluster subnet group in three zones); at least set AvailabilityZoneRelocation: true',
    cdk: 'pass multiAz: true with an RA3 nodeType to redshift.CfnCluster (the @aws-cdk/aws-redshift-alpha Cluster: multiAz: true)',
  },
  check(ctx) {
    for (const c of ctx.resources('AWS::Redshift::Cluster')) {
      const multiAz = redshiftMultiAz(c);
      if (multiAz !== false) continue; // Multi-AZ, or not decidable
      const ra3 = isRa3(c);
      const relocation = asBoolean(c.get('AvailabilityZoneRelocation')) === true;
      const where = placementPhrase(ctx.model.placement(c));
      const setting = c.get('MultiAZ') === undefined ? 'MultiAZ is not set' : 'MultiAZ is false';
      if (ra3 === true && relocation) {
        ctx.report({
          resource: c,
          path: 'Properties.MultiAZ',
          severity: 'warning',
          message:
            `Redshift cluster ${c.label} runs in a single zone (${setting}; ${where}): when that zone fails it is down until ` +
            'Availability Zone relocation moves it to another zone (its data stays in Redshift Managed Storage). Set MultiAZ: true to keep serving from a second zone.',
        });
        continue;
      }
      const after =
        ra3 === true
          ? 'its data survives in Redshift Managed Storage, but with AvailabilityZoneRelocation off nothing moves the cluster: it is down until the zone recovers or someone relocates or restores it by hand'
          : ra3 === false
            ? `its ${String(c.get('NodeType'))} nodes support neither Multi-AZ nor relocation: it is down until the zone recovers or someone restores a snapshot into another zone, losing what was loaded since`
            : 'nothing moves it to another zone: it is down until the zone recovers or someone relocates or restores it by hand';
      ctx.report({
        resource: c,
        path: 'Properties.MultiAZ',
        message: `Redshift cluster ${c.label} runs in a single zone (${setting}; ${where}): when that zone fails ${after}.`,
        ...(ra3 === false ? { fix: 'move to an RA3 node type (elastic resize or snapshot restore), then set MultiAZ: true' } : {}),
      });
    }
  },
});
