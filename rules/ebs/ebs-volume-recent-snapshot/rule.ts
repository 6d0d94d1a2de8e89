import { defineRule } from '../../../lib/engine/types';
import { DEFAULT_MAX_SNAPSHOT_AGE_HOURS, covered, deletedWithInstance, liveFacts, recoveryStatus } from '../../../lib/model/live';
import { placementPhrase } from '../../../lib/model/describe';

export default defineRule({
  id: 'ZL405',
  slug: 'ebs-volume-recent-snapshot',
  service: 'ebs',
  title: 'EBS volume without a recent snapshot or backup (live)',
  severity: 'error',
  resourceTypes: ['AWS::EC2::Volume'],
  liveOnly: true,
  options: {
    maxSnapshotAgeHours: { default: DEFAULT_MAX_SNAPSHOT_AGE_HOURS, description: 'a snapshot or AWS Backup recovery point older than this (hours, at scan time) does not count as recent' },
  },
  rationale:
    'An EBS volume lives in one zone. Snapshots are stored regionally (in S3), so a volume with a recent snapshot can be ' +
    'restored in another zone within minutes when its zone fails; without one, its data is unavailable until the zone ' +
    'recovers, and lost if the volume does not come back — as some volumes did not in April 2011.',
  fix: {
    cloudformation: 'cover the volume with an AWS::DLM::LifecyclePolicy (TargetTags) or an AWS::Backup::BackupSelection with a daily rule, and check that snapshots complete',
    cdk: 'add the volume to a backup.BackupPlan (BackupResource.fromEc2Volume / fromTag) or a dlm.CfnLifecyclePolicy with a daily schedule',
  },
  check(ctx) {
    const maxHours = Number(ctx.options.maxSnapshotAgeHours);
    for (const volume of ctx.resources('AWS::EC2::Volume')) {
      const facts = liveFacts(volume);
      if (!facts) continue; // templates: ZL401 judges backup coverage
      if (facts.state === 'creating' || facts.state === 'deleting' || facts.state === 'deleted') continue;
      if (deletedWithInstance(ctx.model, volume)) continue; // not data to protect (docs/live-scan.md)
      const status = recoveryStatus(volume, maxHours * 3600_000);
      if (status.recent) continue;
      // "No snapshot" is only known when snapshots and AWS Backup were both read.
      if (!covered(volume, 'ec2', 'DescribeSnapshots') || !covered(volume, 'backup', 'ListProtectedResources')) continue;
      const size = facts.sizeGiB !== undefined ? ` (${facts.sizeGiB} GiB)` : '';
      ctx.report({
        resource: volume,
        severity: status.newest ? 'warning' : undefined,
        message:
          `EBS volume ${volume.label}${size} ${placementPhrase(ctx.model.placement(volume))} has ${status.phrase}` +
          `${status.newest ? ` (threshold ${maxHours}h)` : ''}: if its zone fails it cannot be restored in another zone` +
          `${status.newest ? ' without losing everything written since' : ''}.`,
        key: status.newest ? 'stale' : 'none',
      });
    }
  },
});
