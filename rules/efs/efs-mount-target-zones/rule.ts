import { isCompute } from '../../../lib/catalog';
import { dependencyGraph } from '../../../lib/analysis/graph';
import { defineRule } from '../../../lib/engine/types';
import type { Model } from '../../../lib/model/model';
import type { Resource } from '../../../lib/model/resource';
import { ResourceRef, refTarget } from '../../../lib/model/values';
import { uniqueZones, zoneLabels, type Zone } from '../../../lib/model/zones';

/**
 * The compute that uses a file system: the graph's data edges (a security group rule admitting the client into a mount
 * target's group, an environment variable naming it), ECS services whose task definition mounts it
 * (EFSVolumeConfiguration), and Lambda functions mounting one of its access points (FileSystemConfigs).
 */
function clientsOf(model: Model, fs: Resource): Resource[] {
  const out = new Set<Resource>(dependencyGraph(model).edgesTo(fs, 'data').map((e) => e.from).filter((r) => isCompute(r.type)));
  const accessPoints = new Set(model.referencesTo(fs).filter((r) => r.type === 'AWS::EFS::AccessPoint'));
  for (const user of model.referencesTo(fs)) {
    if (user.type !== 'AWS::ECS::TaskDefinition') continue;
    for (const svc of model.referencesTo(user)) if (svc.type === 'AWS::ECS::Service' && refTarget(svc.get('TaskDefinition')) === user) out.add(svc);
  }
  for (const ap of accessPoints) {
    for (const fn of model.referencesTo(ap)) if (fn.type === 'AWS::Lambda::Function') out.add(fn);
  }
  return [...out];
}

/** The zones of a resource when every one is known; undefined otherwise. */
function zonesOf(model: Model, r: Resource): readonly Zone[] | undefined {
  const p = model.placement(r);
  return p.kind === 'zonal' ? p.zones : undefined;
}

export default defineRule({
  id: 'ZL409',
  slug: 'efs-mount-target-zones',
  service: 'efs',
  title: 'Regional EFS file system with mount targets in fewer zones than its clients',
  severity: 'error',
  resourceTypes: ['AWS::EFS::FileSystem'],
  scope: 'graph',
  rationale:
    'A Regional file system keeps its data in every zone, but clients reach it through mount targets, one per zone. A ' +
    'client in a zone without a mount target has to mount another zone\'s mount target, so it stands or falls with that ' +
    'zone: with every mount target in one zone, losing that zone cuts every client in every zone off the file system, ' +
    'although its data is intact.',
  fix: {
    cloudformation: 'add an AWS::EFS::MountTarget in each zone where clients run (one per zone, in a subnet of that zone)',
    cdk: 'give efs.FileSystem vpcSubnets that cover every zone of its clients (it creates a mount target per selected subnet\'s zone)',
  },
  check(ctx) {
    for (const fs of ctx.resources('AWS::EFS::FileSystem')) {
      if (fs.get('AvailabilityZoneName') !== undefined) continue; // One Zone: ZL403
      const mountTargets = ctx.model.referencesTo(fs).filter((m) => m.type === 'AWS::EFS::MountTarget' && m.get('FileSystemId') instanceof ResourceRef && m.created !== false);
      if (!mountTargets.length) continue; // mount targets defined elsewhere: nothing to compare
      const targetZones: Zone[] = [];
      let known = true;
      for (const m of mountTargets) {
        const z = zonesOf(ctx.model, m);
        if (!z) known = false;
        else targetZones.push(...z);
      }
      if (!known) continue;
      const mtZones = uniqueZones(targetZones);
      const clients = clientsOf(ctx.model, fs).filter((c) => c.created !== false);
      const clientZones = new Map<string, { zone: Zone; clients: Resource[] }>();
      for (const c of clients) {
        for (const z of zonesOf(ctx.model, c) ?? []) {
          const entry = clientZones.get(z.key) ?? { zone: z, clients: [] };
          entry.clients.push(c);
          clientZones.set(z.key, entry);
        }
      }
      const missing = [...clientZones.values()].filter((e) => !mtZones.some((z) => z.key === e.zone.key));
      if (!missing.length) continue;
      const stranded = [...new Set(missing.flatMap((e) => e.clients))];
      const one = mtZones.length === 1;
      ctx.report({
        resource: fs,
        key: 'mount-target-zones',
        severity: one ? 'error' : 'warning',
        related: [...mountTargets.map((resource) => ({ resource, role: 'mount target' })), ...stranded.map((resource) => ({ resource, role: 'client without a mount target in its zone' }))],
        message:
          `EFS file system ${fs.label} has mount targets in ${mtZones.length} zone${one ? '' : 's'} (${zoneLabels(mtZones)}), but its clients also run in ` +
          `${zoneLabels(missing.map((e) => e.zone))} (${stranded.map((c) => c.label).join(', ')}): there they can only mount another zone's mount target, ` +
          (one
            ? `so losing ${mtZones[0].label} cuts every client in every zone off the file system, although its data is intact.`
            : 'so they lose the file system with that other zone, although its data is intact.') +
          ` Add a mount target in ${zoneLabels(missing.map((e) => e.zone))}.`,
      });
    }
  },
});
