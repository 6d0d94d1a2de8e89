import { defineRule } from '../../../lib/engine/types';
import { placementPhrase, zoneOf } from '../../../lib/model/describe';
import { blockDeviceDataVolumes, isRootDevice, volumeAttachments } from '../../../lib/model/placement';
import type { Resource } from '../../../lib/model/resource';

/** The tag EC2 Auto Scaling puts on every instance it launches. */
const ASG_TAG = 'aws:autoscaling:groupName';

export default defineRule({
  id: 'ZL201',
  slug: 'ec2-standalone-instance',
  service: 'ec2',
  title: 'Standalone EC2 instance holding EBS data',
  severity: 'warning',
  resourceTypes: ['AWS::EC2::Instance'],
  scope: 'graph',
  rationale:
    'An instance outside an Auto Scaling group runs in one zone, and its EBS volumes live in that zone too. When the ' +
    'zone fails, the instance and its data are unavailable until the zone recovers; nothing launches a replacement ' +
    'elsewhere, and recovering means restoring snapshots by hand.',
  fix: {
    cloudformation: 'run the workload in an AWS::AutoScaling::AutoScalingGroup over several zones and keep its state in a Multi-AZ service (RDS Multi-AZ, EFS, S3), or at least snapshot the volumes with AWS Backup / DLM',
    cdk: 'use autoscaling.AutoScalingGroup across several zones with state in a Multi-AZ service (rds multiAz, efs.FileSystem, s3), or at least back the volumes up with backup.BackupPlan',
  },
  check(ctx) {
    const attached = new Map<Resource, Array<{ volume: Resource; via: Resource; device?: string }>>();
    for (const edge of volumeAttachments(ctx.model)) {
      if (isRootDevice(edge.device)) continue; // a live scan lists the root volume among the attachments
      const list = attached.get(edge.instance) ?? [];
      list.push(edge);
      attached.set(edge.instance, list);
    }
    for (const instance of ctx.resources('AWS::EC2::Instance')) {
      // Template instances are never in an Auto Scaling group; a live instance is when Auto Scaling tagged it.
      if (instance.stack.input.origin === 'live' && instance.tags.has(ASG_TAG)) continue;
      const volumes = attached.get(instance) ?? [];
      const devices = blockDeviceDataVolumes(instance);
      if (!volumes.length && !devices.length) continue;
      const data = [
        ...volumes.map((v) => `volume ${v.volume.label}${v.device ? ` at ${v.device}` : ''}`),
        ...devices.map((d) => `block device ${d.device}${d.source === instance ? '' : ` from launch template ${d.source.label}`}`),
      ];
      const placement = ctx.model.placement(instance);
      const where = zoneOf(placement);
      const inVolumes = volumes.some((v) => v.via === instance);
      ctx.report({
        resource: instance,
        path: devices.some((d) => d.source === instance)
          ? 'Properties.BlockDeviceMappings'
          : devices.length
            ? 'Properties.LaunchTemplate'
            : inVolumes
              ? 'Properties.Volumes'
              : undefined,
        message:
          `EC2 instance ${instance.label} keeps data on EBS (${data.join(', ')})${placement.kind === 'unknown' ? '' : ` ${placementPhrase(placement)}`} and is not in an Auto Scaling group: ` +
          `when ${where} fails, the instance and its data are unavailable until the zone recovers, and nothing launches a replacement in another zone.`,
        related: volumes.flatMap((v) => [{ resource: v.volume, role: 'volume' }, ...(v.via !== instance ? [{ resource: v.via, role: 'attachment' }] : [])]),
      });
    }
  },
});
