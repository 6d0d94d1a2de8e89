import { CATALOG, capacityOf, copiesOf, outageCoverage, recordOf, singleUnit } from '../../../lib/catalog';
import { defineRule, type Severity } from '../../../lib/engine/types';
import { placementPhrase } from '../../../lib/model/describe';
import type { Model } from '../../../lib/model/model';
import type { Resource } from '../../../lib/model/resource';
import { isSet } from '../../../lib/catalog/common';

/** Types the catalog places in zones (every other type is regional or not zonal). */
const PLACED = CATALOG.filter((r) => r.placement && r.role !== 'plumbing' && r.role !== 'config' && r.role !== 'target-group' && r.role !== 'listener');

/** Why the resource is down when one zone fails, from its own placement; undefined when no one zone takes it down. */
export function ownOutage(model: Model, r: Resource): string | undefined {
  const p = model.placement(r);
  if (p.kind === 'zonal' && p.zones.length === 1) return placementPhrase(p);
  if (p.kind === 'single') return placementPhrase(p);
  const unit = singleUnit(model, r);
  if (unit) return `with one ${unit.capacity.unit} (${unit.capacity.source}) in whichever of ${placementPhrase(p).replace(/^in /, '')} it runs`;
  return undefined;
}

export default defineRule({
  id: 'ZL903',
  slug: 'single-zone-resource',
  service: 'cross',
  title: 'Resource that one zone takes down through its own placement, and no other rule covers',
  severity: 'error',
  scope: 'graph',
  resourceTypes: PLACED.map((r) => r.type),
  rationale:
    'The blast radius shows every resource a zone failure takes down; most have a rule of their own (a database ' +
    'without Multi-AZ, a load balancer in one subnet). This rule covers the rest from the resource-type catalog, so that ' +
    'nothing the blast radius shows down through its own placement passes a CI gate unreported: an interface VPC ' +
    'endpoint, a firewall, a search domain, a broker or a file system in one zone.',
  fix: {
    cloudformation: 'give the resource subnets (or zones) in at least two zones, or use its Multi-AZ deployment option; the message says what it runs in',
    cdk: 'pass vpcSubnets (or the construct\'s Multi-AZ / zone-awareness option) that span at least two zones',
  },
  check(ctx) {
    for (const r of ctx.resources(...PLACED.map((x) => x.type))) {
      if (outageCoverage(r)) continue; // a dedicated rule reports it, or it is zonal by design
      const where = ownOutage(ctx.model, r);
      if (!where) continue;
      const record = recordOf(r.type)!;
      const copies = record.data?.holds(r, ctx.model) === true ? copiesOf(r) : undefined;
      const replica = ['SourceDBInstanceIdentifier', 'SourceDBClusterIdentifier'].some((p) => isSet(r.get(p)));
      const recovers = record.failover?.automatic(r, ctx.model) === true || capacityOf(r)?.replaces === true;
      let severity: Severity;
      let after: string;
      if (copies && copies.length === 0) {
        severity = 'error';
        after = 'its data has no copy outside that zone';
      } else if (replica) {
        severity = 'warning';
        after = 'its source keeps the data, but the reads it serves stop until they are moved by hand';
      } else if (recovers) {
        severity = 'warning';
        after = 'it recovers by itself in another zone, after a while';
      } else {
        severity = 'error';
        after = `nothing restarts it in another zone${copies?.length ? ` (its data survives in ${copies.map((c) => c.text).join(' and ')})` : ''}`;
      }
      ctx.report({
        resource: r,
        severity,
        message: `${record.noun} ${r.label} runs ${where}: when that zone fails it is down, and ${after}.`,
      });
    }
  },
});
