import { dependencyGraph } from '../../../lib/analysis/graph';
import { recordOf } from '../../../lib/catalog';
import { defineRule } from '../../../lib/engine/types';
import type { Resource } from '../../../lib/model/resource';
import { refTarget } from '../../../lib/model/values';
import { type Zone, uniqueZones, zoneLabels } from '../../../lib/model/zones';

const TYPES = ['AWS::EC2::TransitGatewayVpcAttachment', 'AWS::EC2::TransitGatewayAttachment'];

/** Roles of the resources that count as workloads of a subnet (they run in it: `subnet` edges). */
const WORKLOAD_ROLES = new Set(['compute', 'data-store', 'service', 'load-balancer', 'cluster-member']);

/** The VPC a resource names: the VPC resource of the input, or a literal id; undefined when unknown. */
function vpcOf(r: Resource): Resource | string | undefined {
  const v = r.get('VpcId');
  return refTarget(v) ?? (typeof v === 'string' ? v : undefined);
}

const MAX_NAMED = 3;

export default defineRule({
  id: 'ZL106',
  slug: 'tgw-attachment-zones',
  service: 'vpc',
  title: 'Transit gateway VPC attachment without a subnet in a zone where the VPC runs workloads, or in one zone only',
  severity: 'error',
  scope: 'graph',
  resourceTypes: [...TYPES, 'AWS::EC2::Subnet'],
  rationale:
    'A transit gateway takes traffic from a VPC only in the zones of its attachment subnets: resources in a zone ' +
    'without one cannot reach it at all, and an attachment in one zone cuts the whole VPC off from the transit gateway ' +
    'when that zone fails. The workloads of the left-out zones are no help when the attachment\'s zones fail.',
  fix: {
    cloudformation: 'add to SubnetIds one subnet of each zone where the VPC runs workloads (a small dedicated subnet per zone is usual)',
    cdk: 'pass subnetIds with one subnet per zone of the VPC (e.g. vpc.selectSubnets({ subnetGroupName: "tgw", onePerAz: true }).subnetIds)',
  },
  check(ctx) {
    const g = dependencyGraph(ctx.model);
    // workload zones per VPC: zones of the VPC's subnets that something runs in
    const workloads = new Map<Resource | string, Map<string, { zone: Zone; users: Resource[] }>>();
    for (const subnet of ctx.resources('AWS::EC2::Subnet')) {
      const vpc = vpcOf(subnet);
      const zone = g.subnetZone(subnet);
      if (vpc === undefined || !zone) continue;
      const users = g.edgesTo(subnet, 'subnet').map((e) => e.from).filter((r) => WORKLOAD_ROLES.has(recordOf(r.type)?.role ?? '') && r.created !== false);
      if (!users.length) continue;
      const byZone = workloads.get(vpc) ?? new Map<string, { zone: Zone; users: Resource[] }>();
      const entry = byZone.get(zone.key) ?? { zone, users: [] };
      for (const u of users) if (!entry.users.includes(u)) entry.users.push(u);
      byZone.set(zone.key, entry);
      workloads.set(vpc, byZone);
    }
    for (const att of ctx.resources(...TYPES)) {
      const p = ctx.model.placement(att);
      if (p.kind !== 'zonal') continue; // subnets unknown: never guessed
      const noun = recordOf(att.type)!.noun;
      const vpc = vpcOf(att);
      const vpcLabel = vpc === undefined ? 'its VPC' : typeof vpc === 'string' ? `VPC ${vpc}` : `VPC ${vpc.label}`;
      const missing = [...((vpc !== undefined && workloads.get(vpc)?.values()) || [])].filter((w) => !p.zones.some((z) => z.key === w.zone.key));
      const single = p.zones.length === 1;
      if (!missing.length && !single) continue;
      const here = zoneLabels(p.zones);
      const users = missing.flatMap((w) => w.users);
      const named = users.slice(0, MAX_NAMED).map((u) => u.label).join(', ') + (users.length > MAX_NAMED ? ` and ${users.length - MAX_NAMED} more` : '');
      const left = zoneLabels(uniqueZones(missing.map((w) => w.zone)));
      const parts: string[] = [`${noun[0].toUpperCase()}${noun.slice(1)} ${att.label} has subnets in ${here}${single ? ' only' : ''}`];
      if (missing.length) parts.push(`, but ${vpcLabel} also runs workloads in ${left} (${named}): a transit gateway takes traffic only from zones with an attachment subnet, so those workloads cannot reach it`);
      if (single) parts.push(`${missing.length ? ', and' : ':'} when ${here} fails, nothing in ${vpcLabel} can reach the transit gateway`);
      ctx.report({
        resource: att,
        path: 'Properties.SubnetIds',
        // one zone: the VPC loses the transit gateway with that zone (error); zones left out: capacity short (warning)
        severity: single ? undefined : 'warning',
        message: `${parts.join('')}.`,
        related: users.map((resource) => ({ resource, role: 'workload in a zone without an attachment subnet' })),
      });
    }
  },
});
