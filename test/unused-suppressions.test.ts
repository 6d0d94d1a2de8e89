// Unused suppressions, as eslint reports unused disable directives: a Metadata.zonelint.suppress entry or a CDK
// acknowledgement that silences nothing, or that names a rule zonelint does not have, is reported (text, JSON) and
// fails the gate with --report-unused-suppressions.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { ALL_RULES } from '../rules';
import { lintPaths } from '../lib/lint';
import { findUnusedSuppressions } from '../lib/engine/unused';
import { runCli } from './support/gate-cli';
import { testApp } from './support/test-app';

let work: string;
beforeAll(() => (work = fs.mkdtempSync(path.join(os.tmpdir(), 'zonelint-unused-'))));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const known = ALL_RULES.map((r) => r.id);

function template(): string {
  const file = path.join(work, 'app.yaml');
  fs.writeFileSync(
    file,
    [
      'Resources:',
      '  Orders:', // single-AZ: its ZL301 suppression is used
      '    Type: AWS::RDS::DBInstance',
      '    DeletionPolicy: Snapshot',
      '    UpdateReplacePolicy: Snapshot',
      '    Metadata:',
      '      zonelint:',
      '        suppress:',
      '          - id: ZL301',
      '            reason: migrating next sprint',
      '          - id: ZL302', // backups are fine: unused
      '            reason: old note',
      '    Properties: { Engine: postgres, DBInstanceClass: db.m6g.large, AllocatedStorage: "100", BackupRetentionPeriod: 14 }',
      '  Billing:',
      '    Type: AWS::RDS::DBInstance',
      '    DeletionPolicy: Snapshot',
      '    UpdateReplacePolicy: Snapshot',
      '    Metadata:',
      '      zonelint:',
      '        suppress:',
      '          - id: ZL399', // unknown rule (typo of ZL301)
      '            reason: typo',
      '    Properties: { Engine: postgres, DBInstanceClass: db.m6g.large, AllocatedStorage: "100", BackupRetentionPeriod: 14, MultiAZ: true }',
      '',
    ].join('\n'),
  );
  return file;
}

test('metadata: unused and unknown-rule entries are found, with their line; used ones are not', () => {
  const result = lintPaths([template()]);
  const unused = findUnusedSuppressions(result.model, result.findings, { knownRuleIds: known, enabledRuleIds: result.rules.map((r) => r.rule.id) });
  expect(unused.map((u) => [u.problem, u.id, u.at, u.line])).toEqual([
    ['unused', 'ZL302', 'Orders', 11],
    ['unknown-rule', 'ZL399', 'Billing', 21],
  ]);
  expect(unused[1].message).toMatch(/unknown rule ZL399 on Billing \(did you mean .*ZL301/);
});

test('a suppression of a rule turned off by the config is not judged', () => {
  const result = lintPaths([template()], { config: { rules: { ZL302: 'off' } } });
  const unused = findUnusedSuppressions(result.model, result.findings, { knownRuleIds: known, enabledRuleIds: result.rules.map((r) => r.rule.id) });
  expect(unused.map((u) => u.id)).toEqual(['ZL399']);
});

test('CLI: a warning line in text and a list in JSON; the gate fails only with --report-unused-suppressions', () => {
  template();
  const plain = runCli(['check', 'app.yaml'], work);
  expect(plain.code).toBe(0);
  expect(plain.stdout).toMatch(/^app\.yaml:11:\d+ {2}warning {2}unused suppression of ZL302 on Orders.*remove it/m);
  expect(plain.stdout).toMatch(/^app\.yaml:21:\d+ {2}warning {2}suppression of unknown rule ZL399 on Billing/m);
  expect(plain.stdout).toMatch(/2 unused suppressions/);
  const json = JSON.parse(runCli(['check', 'app.yaml', '--format', 'json'], work).stdout);
  expect(json.unusedSuppressions.map((u: { id: string; problem: string }) => `${u.id}:${u.problem}`)).toEqual(['ZL302:unused', 'ZL399:unknown-rule']);
  expect(json.summary.unusedSuppressions).toBe(2);
  const strict = runCli(['check', 'app.yaml', '--report-unused-suppressions'], work);
  expect(strict.code).toBe(1);
});

test('CDK acknowledgements: unused and unknown ones are reported, a used one is not', () => {
  const outdir = fs.mkdtempSync(path.join(work, 'cdk-'));
  const app = testApp({ outdir });
  const stack = new Stack(app, 'Shop');
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'db', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  const engine = rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 });
  const common = { engine, vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, backupRetention: undefined };
  const single = new rds.DatabaseInstance(stack, 'Single', common);
  const multi = new rds.DatabaseInstance(stack, 'Multi', { ...common, multiAz: true });
  Validations.of(single).acknowledge({ id: 'zonelint::ZL301', reason: 'used' });
  Validations.of(multi).acknowledge({ id: 'zonelint::ZL301', reason: 'nothing to silence' });
  Validations.of(stack).acknowledge({ id: 'zonelint::ZL399', reason: 'no such rule' });
  app.synth();
  const result = lintPaths([outdir]);
  expect(result.findings.some((f) => f.ruleId === 'ZL301' && f.suppressed && f.suppression?.at === 'Shop/Single')).toBe(true);
  const unused = findUnusedSuppressions(result.model, result.findings, { knownRuleIds: known, enabledRuleIds: result.rules.map((r) => r.rule.id) });
  expect(unused.map((u) => [u.kind, u.problem, u.id, u.at]).sort()).toEqual([
    ['acknowledgement', 'unknown-rule', 'zonelint::ZL399', 'Shop'],
    ['acknowledgement', 'unused', 'zonelint::ZL301', 'Shop/Multi'],
  ]);
  const run = runCli(['check', outdir, '--report-unused-suppressions', '--fail-on', 'none'], work);
  expect(run.code).toBe(1);
  expect(run.stdout).toMatch(/warning {2}unused acknowledgement zonelint::ZL301 at Shop\/Multi/);
});
