// Fingerprints and baselines: a finding keeps its fingerprint when lines move, unrelated logical ids change or stacks
// are reordered, and gets a new one when the finding really changes; `zonelint baseline` + `check --baseline` fail
// only on new findings and report fixed ones.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { lintPaths } from '../lib/lint';
import { fingerprint } from '../lib/engine/fingerprint';
import { applyBaseline, createBaseline, parseBaseline, serializeBaseline } from '../lib/engine/baseline';
import type { Finding } from '../lib/engine/finding';
import { runCli } from './support/gate-cli';
import { testApp } from './support/test-app';

let work: string;
beforeAll(() => (work = fs.mkdtempSync(path.join(os.tmpdir(), 'zonelint-baseline-'))));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const db = (id: string, props: Record<string, unknown> = {}) => ({
  [id]: {
    Type: 'AWS::RDS::DBInstance',
    DeletionPolicy: 'Snapshot',
    UpdateReplacePolicy: 'Snapshot',
    Properties: { Engine: 'postgres', DBInstanceClass: 'db.m6g.large', AllocatedStorage: '100', BackupRetentionPeriod: 14, ...props },
  },
});
const bucket = (id: string) => ({ [id]: { Type: 'AWS::S3::Bucket' } });

/** Writes a template (JSON, pretty-printed, with `pad` blank lines of Metadata before Resources to move every line). */
function write(name: string, resources: Record<string, unknown>, pad = 0): string {
  const file = path.join(work, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const doc: Record<string, unknown> = { AWSTemplateFormatVersion: '2010-09-09' };
  if (pad) doc.Metadata = { Padding: Array.from({ length: pad }, (_, i) => `line ${i}`) };
  doc.Resources = resources;
  fs.writeFileSync(file, JSON.stringify(doc, null, 2));
  return path.relative(process.cwd(), file);
}

const prints = (findings: readonly Finding[]) => Object.fromEntries(findings.map((f) => [`${f.ruleId} ${f.resource.logicalId} ${f.location?.path}`, f.fingerprint]));

describe('fingerprints', () => {
  test('survive moved lines and reordered resources', () => {
    const a = lintPaths([write('move/a.json', { ...db('Orders'), ...bucket('Logs'), ...db('Billing', { BackupRetentionPeriod: 3 }) })]).findings;
    const b = lintPaths([write('move/a.json', { ...bucket('Logs'), ...db('Billing', { BackupRetentionPeriod: 3 }), ...db('Orders') }, 40)]).findings;
    expect(a.length).toBeGreaterThanOrEqual(3);
    expect(a.map((f) => f.location?.line)).not.toEqual(b.map((f) => f.location?.line));
    expect(prints(b)).toEqual(prints(a));
  });

  test('survive a renamed unrelated resource', () => {
    const a = lintPaths([write('rename/t.json', { ...db('Orders'), ...bucket('Logs'), ...db('Cache', { MultiAZ: true }) })]).findings;
    const b = lintPaths([write('rename/t.json', { ...db('Orders'), ...bucket('AccessLogs2'), ...db('SessionStore', { MultiAZ: true }) })]).findings;
    expect(a.filter((f) => f.resource.logicalId === 'Orders').length).toBeGreaterThan(0);
    expect(prints(b)).toEqual(prints(a));
  });

  test('survive reordered stacks (inputs given in another order)', () => {
    const x = write('order/x.json', db('Orders'));
    const y = write('order/y.json', db('Billing'));
    const a = lintPaths([x, y]).findings;
    const b = lintPaths([y, x]).findings;
    expect(a.map((f) => f.fingerprint)).not.toEqual(b.map((f) => f.fingerprint)); // the order did change…
    expect(new Set(b.map((f) => f.fingerprint))).toEqual(new Set(a.map((f) => f.fingerprint))); // …the identities did not
  });

  test('change when the finding changes: other resource, other stack, other rule, other property, other key', () => {
    const base = { ruleId: 'ZL301', stack: 'Shop', resource: 'Shop/Orders/Resource', path: 'Properties.MultiAZ' };
    const fp = fingerprint(base);
    expect(fingerprint({ ...base })).toBe(fp);
    expect(fingerprint({ ...base, resource: 'Shop/Billing/Resource' })).not.toBe(fp);
    expect(fingerprint({ ...base, stack: 'Shop-Prod' })).not.toBe(fp);
    expect(fingerprint({ ...base, ruleId: 'ZL302' })).not.toBe(fp);
    expect(fingerprint({ ...base, path: 'Properties.BackupRetentionPeriod' })).not.toBe(fp);
    expect(fingerprint({ ...base, key: 'disabled' })).not.toBe(fingerprint({ ...base, key: 'below-minimum' }));
    expect(fingerprint({ ...base, stack: 'infra\\app.yaml' })).toBe(fingerprint({ ...base, stack: 'infra/app.yaml' }));
  });

  test('end to end: renaming the flagged resource or changing what is wrong gives a new fingerprint', () => {
    const zl302 = (fs: readonly Finding[]) => fs.find((f) => f.ruleId === 'ZL302')!.fingerprint;
    const low = lintPaths([write('change/t.json', db('Orders', { BackupRetentionPeriod: 3, MultiAZ: true }))]).findings;
    const lower = lintPaths([write('change/t.json', db('Orders', { BackupRetentionPeriod: 2, MultiAZ: true }))]).findings;
    const off = lintPaths([write('change/t.json', db('Orders', { BackupRetentionPeriod: 0, MultiAZ: true }))]).findings;
    const renamed = lintPaths([write('change/t.json', db('OrdersV2', { BackupRetentionPeriod: 3, MultiAZ: true }))]).findings;
    expect(zl302(lower)).toBe(zl302(low)); // still "below the minimum": the same finding
    expect(zl302(off)).not.toBe(zl302(low)); // backups now disabled: a different finding
    expect(zl302(renamed)).not.toBe(zl302(low));
  });

  test('CDK: fingerprints follow construct paths, not hash-bearing logical ids, and survive stack order', () => {
    const synth = (order: 'ab' | 'ba', override: boolean) => {
      const outdir = fs.mkdtempSync(path.join(work, 'cdk-'));
      const app = testApp({ outdir });
      const build = (name: string) => {
        const stack = new Stack(app, name);
        const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'db', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
        const engine = rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 });
        const inst = new rds.DatabaseInstance(stack, 'Orders', { engine, vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } });
        if (override) (inst.node.defaultChild as rds.CfnDBInstance).overrideLogicalId('OrdersRenamedByHand');
      };
      for (const n of order === 'ab' ? ['Alpha', 'Beta'] : ['Beta', 'Alpha']) build(n);
      app.synth();
      return lintPaths([outdir]).findings;
    };
    const a = synth('ab', false);
    const b = synth('ba', true);
    const zl301 = (fs: readonly Finding[]) => fs.filter((f) => f.ruleId === 'ZL301');
    expect(zl301(a)).toHaveLength(2);
    expect(zl301(b).map((f) => f.resource.logicalId)).toEqual(['OrdersRenamedByHand', 'OrdersRenamedByHand']);
    expect(zl301(a)[0].resource.logicalId).not.toBe('OrdersRenamedByHand');
    expect(new Set(zl301(b).map((f) => f.fingerprint))).toEqual(new Set(zl301(a).map((f) => f.fingerprint)));
    expect(new Set(zl301(a).map((f) => f.fingerprint)).size).toBe(2); // the same construct in two stacks: two findings
  });
});

describe('baseline file', () => {
  test('round-trips, sorted, without suppressed findings', () => {
    const findings = lintPaths([path.join(__dirname, 'data', 'gate', 'app.yaml')]).findings;
    const doc = createBaseline(findings);
    expect(doc.findings.map((e) => e.fingerprint).sort()).toEqual(findings.filter((f) => !f.suppressed).map((f) => f.fingerprint).sort());
    const order = doc.findings.map((e) => `${e.ruleId}\u0000${e.stack}\u0000${e.resource}`);
    expect(order).toEqual([...order].sort((a, b) => a.localeCompare(b)));
    expect(doc.findings.some((e) => e.resource === 'ScratchDb')).toBe(false);
    expect(doc.findings[0]).toMatchObject({ ruleId: 'ZL301', resource: 'OrdersDb', severity: 'error' });
    expect(parseBaseline('b.json', serializeBaseline(doc))).toEqual(doc);
  });

  test('marks new and unchanged findings and lists fixed entries', () => {
    const before = lintPaths([write('cmp/t.json', { ...db('Orders'), ...db('Billing') })]).findings;
    const after = lintPaths([write('cmp/t.json', { ...db('Orders'), ...db('Payments') })]).findings;
    const { findings, comparison } = applyBaseline(after, createBaseline(before), 'b.json');
    expect(findings.find((f) => f.resource.logicalId === 'Orders')!.baseline).toBe('unchanged');
    expect(findings.find((f) => f.resource.logicalId === 'Payments')!.baseline).toBe('new');
    expect(comparison).toMatchObject({ file: 'b.json', new: 1, unchanged: 1 });
    expect(comparison.fixed.map((e) => e.resource)).toEqual(['Billing']);
  });

  test.each([
    ['{', /invalid JSON/],
    ['[]', /expected a JSON object/],
    ['{"findings": []}', /no schemaVersion/],
    ['{"schemaVersion": 2, "findings": []}', /schemaVersion 2 is not supported.*regenerate/],
    ['{"schemaVersion": 1, "findings": {}}', /findings must be a list/],
    ['{"schemaVersion": 1, "findings": [{"fingerprint": "nothex"}]}', /findings\[0\]\.fingerprint/],
  ])('rejects %s with a one-line error', (text, message) => {
    expect(() => parseBaseline('b.json', text)).toThrow(message);
    try {
      parseBaseline('b.json', text);
    } catch (e) {
      expect((e as Error).name).toBe('InputError');
      expect((e as Error).message).toMatch(/^b\.json: /);
      expect((e as Error).message).not.toContain('\n');
    }
  });
});

describe('CLI', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(work, 'cli-'));
    fs.writeFileSync(path.join(dir, 't.json'), JSON.stringify({ Resources: { ...db('Orders'), ...db('Billing') } }, null, 2));
  });

  test('baseline, then check --baseline fails only on new findings and reports fixed ones', () => {
    const made = runCli(['baseline', 't.json'], dir);
    expect(made).toMatchObject({ code: 0, stdout: '' });
    expect(made.stderr).toMatch(/baseline of 2 findings written to \.zonelint-baseline\.json/);
    const base = JSON.parse(fs.readFileSync(path.join(dir, '.zonelint-baseline.json'), 'utf8'));
    expect(base).toMatchObject({ schemaVersion: 1, tool: { name: 'zonelint' } });
    expect(base.findings.map((e: { resource: string }) => e.resource).sort()).toEqual(['Billing', 'Orders']);

    expect(runCli(['check', 't.json'], dir).code).toBe(1);
    const same = runCli(['check', 't.json', '--baseline', '.zonelint-baseline.json'], dir);
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/no new findings in 1 stack, 2 resources \(2 in baseline, 0 fixed\)/);

    // Billing fixed, Payments added: exit 1 for Payments only, Billing reported as fixed (text and JSON).
    fs.writeFileSync(path.join(dir, 't.json'), JSON.stringify({ Resources: { ...db('Orders'), ...db('Billing', { MultiAZ: true }), ...db('Payments') } }, null, 2));
    const text = runCli(['check', 't.json', '--baseline', '.zonelint-baseline.json'], dir);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('Payments');
    expect(text.stdout).not.toMatch(/ZL301 {2}Orders/);
    expect(text.stdout).toMatch(/fixed since the baseline[^\n]*\n {2}ZL301 {2}t\.json {2}Billing/);
    expect(text.stdout).toMatch(/1 new finding \(1 error, 0 warnings, 0 info\).*1 in baseline, 1 fixed/);
    const json = JSON.parse(runCli(['check', 't.json', '--baseline', '.zonelint-baseline.json', '--format', 'json'], dir).stdout);
    expect(json.baseline).toMatchObject({ file: '.zonelint-baseline.json', new: 1, unchanged: 1, fixed: [{ ruleId: 'ZL301', resource: 'Billing' }] });
    expect(json.summary).toMatchObject({ findings: 1, errors: 1, baselined: 1, fixed: 1 });
    expect(json.findings.map((f: Finding) => `${f.resource.logicalId}:${f.baseline}`).sort()).toEqual(['Orders:unchanged', 'Payments:new']);
  });

  test('a missing or broken baseline is exit 2 with one line', () => {
    const missing = runCli(['check', 't.json', '--baseline', 'nope.json'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^zonelint: nope\.json: baseline file not found.*\n$/);
    fs.writeFileSync(path.join(dir, 'bad.json'), '{"schemaVersion": 1, "findings": 3}');
    const bad = runCli(['check', 't.json', '--baseline', 'bad.json'], dir);
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toBe('zonelint: bad.json: not a zonelint baseline: findings must be a list\n');
  });

  test('baseline -o - prints to stdout', () => {
    const run = runCli(['baseline', 't.json', '-o', '-'], dir);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).schemaVersion).toBe(1);
  });
});
