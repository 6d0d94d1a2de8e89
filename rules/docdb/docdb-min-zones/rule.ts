import { clusterMembers } from '../../../lib/catalog/rds';
import { defineRule } from '../../../lib/engine/types';
import { groupZones } from '../../../lib/model/placement';
import { uniqueZones, zoneLabels, type Zone } from '../../../lib/model/zones';

export default defineRule({
  id: 'ZL311',
  slug: 'docdb-min-zones',
  service: 'docdb',
  title: 'DocumentDB cluster whose instances span fewer zones than the region offers it (up to three)',
  severity: 'info',
  resourceTypes: ['AWS::DocDB::DBCluster'],
  scope: 'graph',
  options: {
    minZones: { default: 3, description: 'zones the instances should span, when the region (or the subnet group) offers that many' },
  },
  rationale:
    'A DocumentDB cluster volume keeps six copies over three zones, but the instances that serve it run where they are ' +
    'placed. With instances in two zones, losing one leaves the cluster on the other alone: it fails over, but with half ' +
    'its read capacity and no spare zone for the next failure. Spreading over the three zones most regions offer keeps ' +
    'two zones of instances through a zone failure.',
  fix: {
    cloudformation: 'run an instance in each of three zones: add a DB instance, and give each a different AvailabilityZone (or none)',
    cdk: 'pass instances: 3 to docdb.DatabaseCluster over a VPC with maxAzs: 3 (or more)',
  },
  check(ctx) {
    const minZones = Number(ctx.options.minZones);
    for (const cluster of ctx.resources('AWS::DocDB::DBCluster')) {
      const { sure, maybe } = clusterMembers(ctx.model, cluster);
      if (maybe > 0 || sure.length < 2) continue; // undecidable, or a single instance (ZL303)
      const pinned: Zone[] = [];
      let floating = 0;
      let undecided = false;
      for (const inst of sure) {
        const p = ctx.model.placement(inst);
        if (p.kind === 'zonal' && p.zones.length === 1) pinned.push(p.zones[0]);
        else if (p.kind === 'single') floating++;
        else undecided = true;
      }
      if (undecided) continue;
      const distinct = uniqueZones(pinned);
      if (floating === 0 && distinct.length === 1) continue; // every instance in one zone: ZL303
      const atMost = distinct.length + floating;
      const group = groupZones(ctx.model, cluster);
      // what the cluster is offered: its subnet group's zones when the input shows them, else the region's zones as the
      // input shows them (the recorded zone list, or the zones its stack uses: the default subnet group spans them)
      const shown = ctx.model.regionZones(cluster.stack);
      const region = shown.zones.length;
      const offered = (group?.length ?? region) || undefined;
      const wanted = Math.min(minZones, offered ?? 0);
      if (offered === undefined || atMost >= wanted) continue; // spread enough, or the region's zones are not known
      const where = floating === 0 ? `in ${distinct.length} zones (${zoneLabels(distinct)})` : `in at most ${atMost} zones`;
      const source = group ? `its subnet group covers ${group.length}` : shown.recorded ? `the region has ${region}` : `its stack uses ${region} zones`;
      ctx.report({
        resource: cluster,
        related: sure.map((resource) => ({ resource, role: 'DB instance' })),
        message:
          `DocumentDB cluster ${cluster.label} runs its ${sure.length} instances ${where}, while ${source}: losing one zone ` +
          `leaves ${atMost - 1 === 1 ? 'a single zone' : `${atMost - 1} zones`} of instances to serve and fail over, instead of ${wanted - 1}. ` +
          `Add instances so that ${wanted} zones each run one.`,
      });
    }
  },
});
