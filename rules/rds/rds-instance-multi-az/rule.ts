import { defineRule } from '../../../lib/engine/types';
import { asBoolean } from '../../../lib/model/values';
import { placementPhrase } from '../../../lib/model/describe';

export default defineRule({
  id: 'ZL301',
  slug: 'rds-instance-multi-az',
  service: 'rds',
  title: 'RDS DB instance without Multi-AZ',
  severity: 'error',
  resourceTypes: ['AWS::RDS::DBInstance'],
  rationale:
    'A single-AZ DB instance lives on storage in one zone. When that zone fails the database is down until the zone ' +
    'recovers (days, in April 2011), and restoring elsewhere loses every write since the last backup. Multi-AZ keeps a ' +
    'synchronous standby in a second zone and fails over automatically in one to two minutes.',
  fix: {
    cloudformation: 'set MultiAZ: true on the DB instance',
    cdk: 'pass multiAz: true to rds.DatabaseInstance',
  },
  check(ctx) {
    for (const db of ctx.resources('AWS::RDS::DBInstance')) {
      // Cluster members fail over inside their cluster (ZL303); read replicas hold a copy of their source's data.
      if (db.get('DBClusterIdentifier') !== undefined || db.get('SourceDBInstanceIdentifier') !== undefined) continue;
      if (db.get('SourceDBClusterIdentifier') !== undefined) continue;
      const engine = String(db.get('Engine') ?? '').toLowerCase();
      if (engine.startsWith('aurora')) continue;
      const raw = db.get('MultiAZ');
      const multiAz = asBoolean(raw);
      if (multiAz === true || (raw !== undefined && multiAz === undefined)) continue; // Multi-AZ, or not decidable
      ctx.report({
        resource: db,
        path: 'Properties.MultiAZ',
        message:
          `RDS DB instance ${db.label} runs in a single zone (MultiAZ ${raw === undefined ? 'is not set' : 'is false'}; ` +
          `${placementPhrase(ctx.model.placement(db))}): when that zone fails the database is down with no standby to fail over to.`,
      });
    }
  },
});
