import { defineRule } from '../../../lib/engine/types';
import { placementPhrase, zoneOf } from '../../../lib/model/describe';
import { blockDeviceDataVolumes, launchTemplateOf, volumeAttachments } from '../../../lib/model/placement';
import { BACKUP_SELECTION_SOURCES, deletedWithInstance, liveFacts, unreadSources } from '../../../lib/model/live';
import type { Resource } from '../../../lib/model/resource';
import type { Stack } from '../../../lib/model/stack';
import { Unknown } from '../../../lib/model/values';
import { Tri, VolumeCase, blockDeviceTags, exists, or, policyCovers, sameEnvironment, selectionCovers, selectionExcludes, some, tagSet } from '../../../lib/model/backup-coverage';

/** Tag keys/values that backup selections and DLM policies reaching a stack target, for a hint in the message. */
function targetedTags(stack: Stack, selections: readonly Resource[], policies: readonly Resource[]): string[] {
  const out = new Set<string>();
  const add = (key: unknown, value: unknown) => {
    if (typeof key === 'string' && (typeof value === 'string' || typeof value === 'number')) out.add(`${key.replace(/^aws:ResourceTag\//, '')}=${value}`);
  };
  for (const s of selections) {
    if (exists(s) === false || sameEnvironment(s.stack, stack) === false) continue;
    const list = s.get('BackupSelection.ListOfTags');
    if (Array.isArray(list)) for (const t of list) add((t as Record<string, unknown>)?.ConditionKey, (t as Record<string, unknown>)?.ConditionValue);
    const eq = s.get('BackupSelection.Conditions.StringEquals');
    if (Array.isArray(eq)) for (const t of eq) add((t as Record<string, unknown>)?.ConditionKey, (t as Record<string, unknown>)?.ConditionValue);
  }
  for (const p of policies) {
    if (exists(p) === false || sameEnvironment(p.stack, stack) === false || (typeof p.get('State') === 'string' && p.get('State') !== 'ENABLED')) continue;
    const tags = p.get('PolicyDetails.TargetTags');
    if (Array.isArray(tags)) for (const t of tags) add((t as Record<string, unknown>)?.Key, (t as Record<string, unknown>)?.Value);
  }
  return [...out].sort();
}

export default defineRule({
  id: 'ZL401',
  slug: 'ebs-volume-backup',
  service: 'ebs',
  title: 'EBS volume not covered by AWS Backup or a DLM snapshot policy',
  severity: 'error',
  resourceTypes: ['AWS::EC2::Volume', 'AWS::EC2::Instance', 'AWS::Backup::BackupSelection', 'AWS::DLM::LifecyclePolicy'],
  scope: 'graph',
  rationale:
    'An EBS volume is replicated only inside its own zone. Snapshots are stored regionally (in S3, across zones), so ' +
    'they are the only copy that survives when the zone — or the volume — is lost. A volume no backup selection or ' +
    'lifecycle policy covers has no such copy.',
  fix: {
    cloudformation: 'add the volume (its ARN, or a tag it carries) to an AWS::Backup::BackupSelection of a backup plan, or tag it for an AWS::DLM::LifecyclePolicy',
    cdk: 'plan.addSelection(id, { resources: [backup.BackupResource.fromConstruct(volume)] }) on a backup.BackupPlan (or BackupResource.fromTag), or tag the volume for a DLM policy',
  },
  check(ctx) {
    const selections = ctx.model.ofType('AWS::Backup::BackupSelection');
    const policies = ctx.model.ofType('AWS::DLM::LifecyclePolicy');
    const covered = (c: VolumeCase): Tri => or(some(selections, (s) => selectionCovers(s, c)), some(policies, (p) => policyCovers(p, c)));
    const hints = new Map<Stack, string>();
    const hint = (stack: Stack): string => {
      let h = hints.get(stack);
      if (h === undefined) {
        const tags = targetedTags(stack, selections, policies);
        h = tags.length ? ` (Backup selections and lifecycle policies in the input select by tag ${tags.join(', ')}.)` : '';
        hints.set(stack, h);
      }
      return h;
    };

    const attachedTo = new Map<Resource, Array<{ instance: Resource; device?: string }>>();
    for (const edge of volumeAttachments(ctx.model)) {
      const list = attachedTo.get(edge.volume) ?? [];
      list.push({ instance: edge.instance, device: edge.device });
      attachedTo.set(edge.volume, list);
    }

    for (const volume of ctx.resources('AWS::EC2::Volume')) {
      const attachments = attachedTo.get(volume) ?? [];
      // Root volumes deleted with their instance, and volumes of Auto Scaling instances, are not data to protect
      // (docs/live-scan.md); template root volumes are never checked either.
      if (deletedWithInstance(ctx.model, volume)) continue;
      if (liveFacts(volume)?.lastBackupTime) continue; // AWS Backup has a recovery point of it: some plan covers it
      const c: VolumeCase = {
        volume: { resource: volume, stack: volume.stack, resourceType: 'volume' },
        tags: tagSet(volume),
        volumeType: volume.get('VolumeType') ?? 'gp2',
        instances: attachments.map((a) => ({ resource: a.instance, tags: tagSet(a.instance) })),
      };
      if (covered(c) !== false) continue; // covered, or not decidable before deployment
      const placement = ctx.model.placement(volume);
      const zone = zoneOf(placement);
      // A live scan that could not read the selections or the policies cannot say that none covers the volume.
      const unread = unreadSources(volume, BACKUP_SELECTION_SOURCES);
      if (unread.length) {
        ctx.report({
          resource: volume,
          severity: 'info',
          key: 'unknown',
          message:
            `EBS volume ${volume.label}${placement.kind === 'unknown' ? '' : ` ${placementPhrase(placement)}`}: unknown: Backup/DLM not readable (${unread.join(', ')} not covered by the scan), ` +
            `so whether a backup selection or lifecycle policy gives its data a copy outside ${zone} is not known; grant read access to AWS Backup and DLM and scan again.`,
          related: attachments.map((a) => ({ resource: a.instance, role: 'instance' })),
        });
        continue;
      }
      const excludedBy = selections.filter((s) => selectionExcludes(s, c));
      const why = excludedBy.length
        ? ` (${excludedBy.map((s) => s.label).join(', ')} would select it but exclude${excludedBy.length === 1 ? 's' : ''} it with NotResources.)`
        : hint(volume.stack);
      ctx.report({
        resource: volume,
        message:
          `EBS volume ${volume.label}${placement.kind === 'unknown' ? '' : ` ${placementPhrase(placement)}`} is not covered by any AWS Backup selection or DLM lifecycle policy in the input: ` +
          `its data has no copy outside ${zone}, so if that zone's storage is lost (as some volumes were in April 2011), the data is gone.${why}`,
        related: attachments.map((a) => ({ resource: a.instance, role: 'instance' })),
      });
    }

    // Data volumes an instance creates from its block device mappings: only instance backups, wildcards or tags reach them.
    for (const instance of ctx.resources('AWS::EC2::Instance')) {
      const devices = blockDeviceDataVolumes(instance);
      if (!devices.length || exists(instance) === false) continue;
      const c: VolumeCase = {
        volume: { stack: instance.stack, resourceType: 'volume' },
        tags: blockDeviceTags(instance, launchTemplateOf(instance)),
        volumeType: devices.length === 1 ? (devices[0].ebs.VolumeType ?? 'gp2') : new Unknown('several block devices'),
        instances: [{ resource: instance, tags: tagSet(instance) }],
      };
      if (covered(c) !== false) continue;
      const placement = ctx.model.placement(instance);
      const zone = zoneOf(placement);
      const names = devices.map((d) => (d.source === instance ? d.device : `${d.device} from launch template ${d.source.label}`)).join(', ');
      const inTemplate = devices.every((d) => d.source !== instance);
      ctx.report({
        resource: instance,
        path: inTemplate ? 'Properties.LaunchTemplate' : 'Properties.BlockDeviceMappings',
        key: 'block-devices',
        message:
          `EC2 instance ${instance.label} creates EBS data volume${devices.length === 1 ? '' : 's'} (${names})${placement.kind === 'unknown' ? '' : ` ${placementPhrase(placement)}`} ` +
          `that no AWS Backup selection or DLM lifecycle policy in the input covers: ${devices.length === 1 ? 'its' : 'their'} data has no copy outside ${zone}, so if that zone's storage is lost, the data is gone.${hint(instance.stack)}`,
      });
    }
  },
});
