// ZL403 and the blast radius read one fact about a One Zone file system's backups (lib/catalog/efs.ts): with
// BackupPolicy left out, the EFS API's default (backups on for One Zone) may or may not apply, so neither the rule nor
// the recovery estimate may say that the data has no copy; with DISABLED both say it has none.
import { computeBlastRadius } from '../../../lib/analysis/blast-radius';
import { lintLoaded } from '../../../lib/lint';
import type { StackInput } from '../../../lib/load/stack-input';
import rule from './rule';

function run(backupPolicy: string | undefined) {
  const template = {
    Resources: {
      Share: {
        Type: 'AWS::EFS::FileSystem',
        DeletionPolicy: 'Retain',
        Properties: { AvailabilityZoneName: 'us-east-1a', ...(backupPolicy ? { BackupPolicy: { Status: backupPolicy } } : {}) },
      },
    },
  };
  const input: StackInput = { id: 't', name: 't', source: { file: 't.json', format: 'json', data: template, positionOf: () => undefined }, template, region: 'us-east-1', constructPaths: new Map(), acknowledgements: [], origin: 'template' };
  const result = lintLoaded({ stacks: [input], skipped: [], notes: [] }, { rules: [rule] });
  const item = computeBlastRadius(result.model).zones[0].down[0];
  return { finding: result.findings[0], item };
}

test.each([
  [undefined, 'warning', false, /cannot be decided/],
  ['DISABLED', 'error', true, /no copy outside the zone/],
  ['ENABLED', 'warning', false, /latest AWS Backup backup/],
])('BackupPolicy %s: ZL403 %s, data only in the zone %s', (policy, severity, onlyInZone, basis) => {
  const { finding, item } = run(policy);
  expect(finding.severity).toBe(severity);
  expect(item.resource.logicalId).toBe('Share');
  expect(item.dataOnlyInZone).toBe(onlyInZone);
  expect(item.recovery?.basis).toMatch(basis);
});
