import { dependencyGraph } from '../../../lib/analysis/graph';
import { dataStoresOf, egressZones, intersect, loadBalancerTargets } from '../../../lib/analysis/paths';
import { defineRule } from '../../../lib/engine/types';
import { singleUnit } from '../../../lib/catalog';
import type { Resource } from '../../../lib/model/resource';
import { Zone, uniqueZones, zoneLabels } from '../../../lib/model/zones';

export default defineRule({
  id: 'ZL901',
  slug: 'request-path-coverage',
  service: 'cross',
  title: 'Request path (load balancer ∩ targets ∩ egress ∩ data store) covers fewer zones than minZones',
  severity: 'error',
  scope: 'graph',
  resourceTypes: ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancing::LoadBalancer'],
  options: {
    minZones: { default: 2, description: 'Fewest zones in which the whole request path (entry, compute, egress, data) must be able to run.' },
  },
  rationale:
    'Each tier can look multi-AZ on its own while the request path is not: a load balancer in three zones, targets ' +
    'in three zones, but egress through one NAT gateway and a database in one zone. The zones a request can still be ' +
    'served in are the intersection of every tier\'s zones; when that is one zone, losing it takes the service down.',
  fix: {
    cloudformation: 'make every tier of the path span the same zones: targets in the load balancer\'s zones, a NAT gateway per zone for the targets\' subnets, a Multi-AZ (or regional) data store',
    cdk: 'use one VPC with a NAT gateway per zone (the default), put the service\'s targets in vpcSubnets over every zone and make the database Multi-AZ (multiAz: true) or a cluster with readers in other zones',
  },
  check(ctx) {
    const minZones = Number(ctx.options.minZones);
    const g = dependencyGraph(ctx.model);
    for (const lb of ctx.resources('AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancing::LoadBalancer')) {
      const p = ctx.model.placement(lb);
      if (p.kind !== 'zonal' || p.zones.length < minZones) continue; // the load balancer alone is ZL601's finding
      const targets = loadBalancerTargets(ctx.model, lb, g);
      if (!targets?.zones) continue; // no targets, a regional target, or an unknown zone: never guessed
      const parts: string[] = [`load balancer ${zoneLabels(p.zones)}`, `targets ${zoneLabels(targets.zones)}`];
      const related: Array<{ resource: Resource; role: string }> = [];
      // zones where some target runs with egress that does not go through another zone
      const served: Zone[] = [];
      const egressNotes: string[] = [];
      let unknown = false;
      const stores = new Map<Resource, { zones?: readonly Zone[]; regional: boolean; single: boolean }>();
      /** A target that runs one instance or task: it serves one zone at a time, whichever it runs in. */
      let oneUnit: Resource | undefined;
      for (const t of targets.targets) {
        if (!t.resource) {
          served.push(...(t.zones ?? []));
          continue;
        }
        const unit = singleUnit(ctx.model, t.resource);
        if (unit && !oneUnit && targets.targets.length === 1) {
          oneUnit = t.resource;
          parts.push(`target ${t.resource.label} runs one ${unit.capacity.unit} (${unit.capacity.source})`);
        }
        const eg = egressZones(ctx.model, t.resource, g);
        const zones = t.zones ?? [];
        if (eg === undefined && g.edgesFrom(t.resource, 'subnet').length) unknown = true;
        if (eg?.needsNat) {
          served.push(...intersect(zones, eg.zones));
          for (const c of eg.crossZone) {
            egressNotes.push(`${c.subnet.label} (${g.subnetZone(c.subnet)!.label}) via ${c.via.label} in ${c.zone.label}`);
            related.push({ resource: c.via, role: 'NAT' });
          }
        } else served.push(...zones);
        for (const s of dataStoresOf(ctx.model, t.resource, g)) {
          const sp = ctx.model.placement(s.store);
          if (sp.kind === 'unknown') unknown = true;
          stores.set(s.store, { zones: s.zones, regional: s.regional, single: sp.kind === 'single' });
        }
      }
      if (unknown) continue;
      let covered = intersect(p.zones, uniqueZones(served));
      if (egressNotes.length) parts.push(`egress ${zoneLabels(uniqueZones(served))} (${egressNotes.join('; ')})`);
      let single: Resource | undefined;
      for (const [store, s] of stores) {
        related.push({ resource: store, role: 'data store' });
        if (s.regional) continue;
        if (s.single) {
          single = store;
          parts.push(`data store ${store.label} in one zone AWS picks`);
          continue;
        }
        if (s.zones) {
          covered = intersect(covered, s.zones);
          parts.push(`data store ${store.label} ${zoneLabels(s.zones)}`);
        }
      }
      single ??= oneUnit;
      const count = single ? Math.min(1, covered.length) : covered.length;
      if (count >= minZones) continue;
      const where = count === 0 ? 'no zone' : single ? `one zone (wherever ${single.label} lands${covered.length > 1 ? `, among ${zoneLabels(covered)}` : ''})` : `${count} zone${count === 1 ? '' : 's'} (${zoneLabels(covered)})`;
      ctx.report({
        resource: lb,
        message:
          `The request path through ${lb.label} can be served in ${where}, below minZones ${minZones}: ${parts.join('; ')}. ` +
          (count === 0 ? 'No single zone holds every tier of the path.' : `Losing ${count === 1 && !single ? covered[0].label : 'that zone'} takes the whole path down even though each tier spans more zones.`),
        related: [...targets.targets.filter((t) => t.resource).map((t) => ({ resource: t.resource!, role: 'target' })), ...related],
      });
    }
  },
});
