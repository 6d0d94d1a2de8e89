import { CLUSTER_MEMBER_TYPE, clusterKind, clusterMembers, clusterWriter, needsInstances } from '../../../lib/catalog/rds';
import { defineRule } from '../../../lib/engine/types';
import type { Resource } from '../../../lib/model/resource';
import { uniqueZones, type Zone } from '../../../lib/model/zones';

export default defineRule({
  id: 'ZL310',
  slug: 'cluster-readers-one-zone',
  service: 'rds',
  title: 'Aurora, DocumentDB or Neptune cluster whose readers are all in one zone',
  severity: 'warning',
  resourceTypes: Object.keys(CLUSTER_MEMBER_TYPE),
  scope: 'graph',
  rationale:
    'The readers of a cluster are its read capacity and its failover targets. With every reader in one zone, losing ' +
    'that zone removes all of them at once: reads fall back on the writer alone, and the cluster has no failover ' +
    'target left until new readers are created. With the writer free to land in any zone, it may share that zone ' +
    'too, and then the zone takes the whole cluster down.',
  fix: {
    cloudformation: 'spread the readers over zones: give each reader a different AvailabilityZone (or none), not the same one',
    cdk: 'pass a different availabilityZone to each reader (rds.ClusterInstance.provisioned(id, { availabilityZone })), or leave it unset',
  },
  check(ctx) {
    for (const cluster of ctx.resources(...Object.keys(CLUSTER_MEMBER_TYPE))) {
      if (!needsInstances(cluster)) continue;
      const { sure, maybe } = clusterMembers(ctx.model, cluster);
      if (maybe > 0 || sure.length < 2) continue; // undecidable, or a single instance (ZL303)
      const pinned = new Map<Resource, Zone>();
      const floating: Resource[] = [];
      let undecided = false;
      for (const inst of sure) {
        const p = ctx.model.placement(inst);
        if (p.kind === 'zonal' && p.zones.length === 1) pinned.set(inst, p.zones[0]);
        else if (p.kind === 'single') floating.push(inst);
        else undecided = true;
      }
      if (undecided || pinned.size === 0) continue;
      const kind = clusterKind(cluster);
      const pinnedZones = uniqueZones(pinned.values());
      if (pinnedZones.length === 1 && floating.length > 0) {
        // Every instance whose zone is known shares one zone; the rest land wherever AWS puts them, that zone included.
        const zone = pinnedZones[0].label;
        ctx.report({
          resource: cluster,
          key: 'may-share-zone',
          related: sure.map((resource) => ({ resource, role: pinned.has(resource) ? `DB instance in ${zone}` : 'DB instance, zone picked at deploy time' })),
          message:
            `${kind} ${cluster.label} has ${[...pinned.keys()].map((i) => i.label).join(', ')} pinned to ${zone}, and ` +
            `${floating.map((i) => i.label).join(', ')} in a zone AWS picks at deploy time, which may be ${zone} too: then losing ` +
            `${zone} takes every instance of the cluster, with none to fail over to.`,
          fix: `pin ${floating.length === 1 ? floating[0].label : 'the other instances'} to a zone other than ${zone} (AvailabilityZone), or spread the pinned ones`,
        });
        continue;
      }
      if (floating.length > 0 || pinnedZones.length < 2) continue; // all in one zone is ZL303's
      const writer = clusterWriter(sure);
      if (!writer) continue; // which instance is the writer is not known, so neither are its readers
      const readers = sure.filter((i) => i !== writer);
      const readerZones = uniqueZones(readers.map((r) => pinned.get(r)!));
      if (readers.length < 2 || readerZones.length !== 1) continue;
      const zone = readerZones[0].label;
      ctx.report({
        resource: cluster,
        key: 'readers-one-zone',
        related: [{ resource: writer, role: `writer in ${pinned.get(writer)!.label}` }, ...readers.map((resource) => ({ resource, role: `reader in ${zone}` }))],
        message:
          `All ${readers.length} readers of ${kind} ${cluster.label} (${readers.map((r) => r.label).join(', ')}) are in ${zone}, ` +
          `the writer ${writer.label} in ${pinned.get(writer)!.label}: losing ${zone} removes every reader at once, so reads fall ` +
          'back on the writer alone and the cluster has no failover target until readers are created again.',
      });
    }
  },
});
