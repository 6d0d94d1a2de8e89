import { dependencyGraph } from '../../../lib/analysis/graph';
import { defineRule } from '../../../lib/engine/types';

export default defineRule({
  id: 'ZL305',
  slug: 'read-replica-same-zone',
  service: 'rds',
  title: 'Read replica in the same zone as its source',
  severity: 'warning',
  scope: 'graph',
  resourceTypes: ['AWS::RDS::DBInstance'],
  rationale:
    'A read replica is often the recovery plan for a single-AZ database: promote it when the primary is lost. A ' +
    'replica in the same zone as its source fails together with it, so the copy is lost exactly when it is needed.',
  fix: {
    cloudformation: "set the replica's AvailabilityZone to a zone other than its source's (or make the source Multi-AZ)",
    cdk: 'pass availabilityZone to rds.DatabaseInstanceReadReplica naming a zone other than the source instance',
  },
  check(ctx) {
    const g = dependencyGraph(ctx.model);
    for (const replica of ctx.resources('AWS::RDS::DBInstance')) {
      for (const e of g.edgesFrom(replica, 'replica-of')) {
        const source = e.to;
        if (source.type !== 'AWS::RDS::DBInstance') continue;
        const rp = ctx.model.placement(replica);
        const sp = ctx.model.placement(source);
        // both pinned to one known zone; a Multi-AZ source has a standby elsewhere, a zone AWS picks is not known
        if (rp.kind !== 'zonal' || sp.kind !== 'zonal' || rp.zones.length !== 1 || sp.zones.length !== 1) continue;
        if (rp.zones[0].key !== sp.zones[0].key) continue;
        const z = rp.zones[0].label;
        ctx.report({
          resource: replica,
          path: replica.has('AvailabilityZone') ? 'Properties.AvailabilityZone' : 'Properties.SourceDBInstanceIdentifier',
          message:
            `Read replica ${replica.label} is in ${z}, the zone of its source ${source.label}: when ${z} fails both are lost, ` +
            `and there is no copy in another zone to promote.`,
          related: [{ resource: source, role: 'source' }],
        });
      }
    }
  },
});
