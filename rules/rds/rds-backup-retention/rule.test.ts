// ZL302's option: minBackupRetentionDays, per rule or global, decides what counts as too short; disabled backups
// (0 days) stay errors whatever the threshold, and the fix names the configured minimum.
import * as path from 'path';
import { lintPaths } from '../../../lib/lint';
import type { ZonelintConfig } from '../../../lib/engine/config';

const fixtures = path.join(__dirname, 'fixtures');
const bad = path.join(fixtures, 'bad.yaml');
const good = path.join(fixtures, 'good.json');

function zl302(file: string, config?: ZonelintConfig) {
  return lintPaths([file], { config })
    .findings.filter((f) => f.ruleId === 'ZL302' && !f.suppressed)
    .map((f) => ({ id: f.resource.logicalId, severity: f.severity, fix: f.fix }));
}

test('default threshold: 7 days; disabled backups are errors, short ones warnings', () => {
  const found = zl302(bad);
  expect(found.filter((f) => f.severity === 'error').map((f) => f.id).sort()).toEqual(['BackupsDisabled', 'BackupsDisabledString', 'FromCondition']);
  expect(found.find((f) => f.id === 'RetentionNotSet')).toMatchObject({ severity: 'warning', fix: 'set BackupRetentionPeriod to 7 or more days (up to 35)' });
  expect(zl302(good)).toEqual([]);
});

test('a per-rule threshold of 14 days flags a week of backups, and the fix says 14', () => {
  const found = zl302(good, { rules: { ZL302: { options: { minBackupRetentionDays: 14 } } } });
  expect(found.map((f) => f.id).sort()).toEqual(['DocDb', 'WeekOfBackups']);
  for (const f of found) expect(f).toMatchObject({ severity: 'warning', fix: 'set BackupRetentionPeriod to 14 or more days (up to 35)' });
});

test('a global threshold of 1 day leaves only disabled backups', () => {
  const found = zl302(bad, { options: { minBackupRetentionDays: 1 } });
  expect(found.map((f) => f.id).sort()).toEqual(['BackupsDisabled', 'BackupsDisabledString', 'FromCondition']);
  expect(new Set(found.map((f) => f.severity))).toEqual(new Set(['error']));
});

test('a rule re-graded to warning reports disabled backups as warnings too', () => {
  const found = zl302(bad, { rules: { ZL302: 'warning' } });
  expect(found.length).toBeGreaterThan(0);
  expect(new Set(found.map((f) => f.severity))).toEqual(new Set(['warning']));
});
