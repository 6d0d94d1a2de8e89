import { defineRule } from '../../../lib/engine/types';
import { volumeAttachments } from '../../../lib/model/placement';
import type { Zone } from '../../../lib/model/zones';

const ZONE_NAME = /^[a-z]{2}(-[a-z]+)+-\d+[a-z]$/;
const ZONE_ID = /^[a-z]{2,4}\d+-az\d+$/;
const INDEXED = /^(.*)\[(\d+)\]$/;

/**
 * Whether two zones are certainly different. Equal keys are the same zone; two zone names (or two AZ ids) with
 * different keys differ; the i-th and j-th zone of the same list differ when i != j. A zone name against an AZ id, or
 * an indexed zone against a literal one, could be the same zone: undecidable.
 */
function certainlyDifferent(a: Zone, b: Zone): boolean {
  if (a.key === b.key) return false;
  if (a.id && b.id) return a.id !== b.id;
  if ((ZONE_NAME.test(a.key) && ZONE_NAME.test(b.key)) || (ZONE_ID.test(a.key) && ZONE_ID.test(b.key))) return true;
  const ia = INDEXED.exec(a.key);
  const ib = INDEXED.exec(b.key);
  return !!ia && !!ib && ia[1] === ib[1] && ia[2] !== ib[2];
}

export default defineRule({
  id: 'ZL402',
  slug: 'ebs-attachment-zone',
  service: 'ebs',
  title: 'EBS volume attached to an instance in another zone',
  severity: 'error',
  resourceTypes: ['AWS::EC2::VolumeAttachment', 'AWS::EC2::Instance'],
  scope: 'graph',
  rationale:
    'An EBS volume lives in one zone and can only attach to an instance in that same zone. A volume and instance in ' +
    'different zones make the attachment, and with it the stack deployment, fail; it usually means the volume was ' +
    'pinned to a hard-coded zone while the instance moved (or the other way round).',
  fix: {
    cloudformation: "create the volume in the instance's zone: AvailabilityZone: !GetAtt <Instance>.AvailabilityZone",
    cdk: 'create the ec2.Volume with availabilityZone: instance.instanceAvailabilityZone',
  },
  check(ctx) {
    for (const edge of volumeAttachments(ctx.model)) {
      if (edge.via.created === false || edge.volume.created === false || edge.instance.created === false) continue;
      const pv = ctx.model.placement(edge.volume);
      const pi = ctx.model.placement(edge.instance);
      // Both zones must be known, one each, and certainly different: anything less is never reported.
      if (pv.kind !== 'zonal' || pi.kind !== 'zonal' || pv.zones.length !== 1 || pi.zones.length !== 1) continue;
      const [zv, zi] = [pv.zones[0], pi.zones[0]];
      if (!certainlyDifferent(zv, zi)) continue;
      const how = edge.via === edge.instance ? `listed in the Volumes of instance ${edge.instance.label}` : `attached by ${edge.via.label} to instance ${edge.instance.label}`;
      ctx.report({
        resource: edge.via,
        path: edge.path,
        key: edge.volume.constructPath ?? edge.volume.logicalId, // stable across runs: no file path in it
        message:
          `EBS volume ${edge.volume.label} is in ${zv.label} but ${how}${edge.device ? ` at ${edge.device}` : ''}, which runs in ${zi.label}: ` +
          `a volume only attaches to instances in its own zone, so the attachment fails and the deployment rolls back.`,
        related: [
          { resource: edge.volume, role: 'volume' },
          ...(edge.via === edge.instance ? [] : [{ resource: edge.instance, role: 'instance' }]),
        ],
      });
    }
  },
});
