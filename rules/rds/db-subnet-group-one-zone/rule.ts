import { CATALOG, nounOf, recordOf } from '../../../lib/catalog';
import { defineRule } from '../../../lib/engine/types';

/** Subnet group types: their records say what they place and how many zones the service asks of one. */
const GROUPS = CATALOG.filter((r) => r.subnetGroup).map((r) => r.type);

export default defineRule({
  id: 'ZL312',
  slug: 'db-subnet-group-one-zone',
  service: 'rds',
  title: 'Database or cache subnet group whose subnets are all in one zone',
  severity: 'error',
  resourceTypes: GROUPS,
  rationale:
    'A subnet group decides where a database, cache or warehouse can run. With every subnet in one zone, a Multi-AZ ' +
    'deployment has nowhere to put its standby or replicas, and a replacement after a zone failure has nowhere else to ' +
    'go. RDS, DocumentDB, Neptune and DMS refuse such a group outright (DBSubnetGroupDoesNotCoverEnoughAZs), so the ' +
    'stack fails to deploy; ElastiCache, MemoryDB, DAX and Redshift accept it and put everything in that zone.',
  fix: {
    cloudformation: 'add a subnet in another zone (two for RDS; three for Redshift Multi-AZ) to SubnetIds',
    cdk: 'select subnets in several zones for the construct (vpcSubnets / subnetGroup), e.g. a VPC with maxAzs of 2 or more',
  },
  check(ctx) {
    for (const group of ctx.resources(...GROUPS)) {
      const p = ctx.model.placement(group);
      if (p.kind !== 'zonal' || p.zones.length !== 1) continue; // several zones, or not known before deployment
      const spec = recordOf(group.type)!.subnetGroup!;
      const zone = p.zones[0].label;
      const users = ctx.model.referencesTo(group).filter((r) => recordOf(r.type)?.role !== 'plumbing');
      const usedBy = users.length ? ` (used by ${users.map((u) => u.label).join(', ')})` : '';
      const consequence = spec.requires
        ? `the service refuses it (${spec.requires.error}: its subnets must cover at least ${spec.requires.zones} zones), so the stack fails to deploy, ` +
          `and its ${spec.places}${usedBy} could never have a standby outside ${zone}`
        : `every one of its ${spec.places}${usedBy} runs in ${zone}: Multi-AZ has no other zone to place a replica in, and when ${zone} fails nothing it places is left`;
      ctx.report({
        resource: group,
        path: 'Properties.SubnetIds',
        severity: spec.requires ? 'error' : 'warning',
        related: users.map((resource) => ({ resource, role: 'placed by the group' })),
        message: `${nounOf(group.type)} ${group.label} has subnets in one zone only (${zone}): ${consequence}. Add a subnet in another zone.`,
      });
    }
  },
});
