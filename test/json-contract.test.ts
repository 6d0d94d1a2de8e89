// The JSON output is a public contract (docs/findings-contract.md, docs/findings.schema.json): every run's output must
// validate against the schema, and the documented example fields must be what the CLI prints.
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { execFileSync } from 'child_process';
import { SCHEMA_VERSION } from '../lib/report/json';

const root = path.join(__dirname, '..');
const schema = JSON.parse(fs.readFileSync(path.join(root, 'docs', 'findings.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const fixture = path.join(root, 'rules', 'rds', 'rds-instance-multi-az', 'fixtures', 'bad.yaml');

function runJson(args: string[]): { code: number; doc: Record<string, unknown> } {
  try {
    const out = execFileSync(process.execPath, [path.join(root, 'bin', 'zonelint.js'), 'check', '--format', 'json', ...args], { encoding: 'utf8', cwd: root });
    return { code: 0, doc: JSON.parse(out) };
  } catch (e) {
    const err = e as { status: number; stdout: string };
    return { code: err.status, doc: JSON.parse(err.stdout) };
  }
}

test('JSON output validates against the published schema', () => {
  const { code, doc } = runJson([fixture]);
  expect(code).toBe(1);
  expect(validate(doc)).toBe(true);
  expect(validate.errors ?? []).toEqual([]);
  expect(doc.schemaVersion).toBe(SCHEMA_VERSION);
});

test('a finding carries rule, severity, resource, location with line and path, fingerprint and suppression', () => {
  const { doc } = runJson([fixture]);
  const findings = doc.findings as Array<Record<string, any>>;
  const first = findings.find((f) => f.ruleId === 'ZL301' && f.resource.logicalId === 'MultiAzFalse')!;
  expect(first).toMatchObject({
    ruleId: 'ZL301',
    severity: 'error',
    resource: { logicalId: 'MultiAzFalse', type: 'AWS::RDS::DBInstance' },
    location: { file: path.relative(root, fixture), path: 'Resources.MultiAzFalse.Properties.MultiAZ', line: 26, column: 7 },
    suppressed: false,
    docs: 'rules/rds/rds-instance-multi-az/README.md',
  });
  const suppressed = findings.find((f) => f.ruleId === 'ZL301' && f.resource.logicalId === 'Suppressed')!;
  expect(suppressed).toMatchObject({ suppressed: true, suppression: { kind: 'metadata', reason: 'scratch database rebuilt nightly from S3' } });
  const summary = doc.summary as Record<string, number>;
  expect(summary.suppressed).toBe(findings.filter((f) => f.suppressed).length);
  expect(summary.findings).toBe(findings.filter((f) => !f.suppressed).length);
});

test('the contract document names every top-level and finding field of the schema', () => {
  const docText = fs.readFileSync(path.join(root, 'docs', 'findings-contract.md'), 'utf8');
  for (const field of Object.keys(schema.properties)) expect(docText).toContain(`\`${field}\``);
  for (const field of Object.keys(schema.definitions.finding.properties)) expect(docText).toContain(`\`${field}\``);
});

test('every blast-radius entry carries a recovery estimate, and the contract documents its fields', () => {
  const { doc } = runJson([fixture]);
  const br = doc.blastRadius as { zones: Array<Record<string, any[]>>; wherever: Array<Record<string, any[]>>; recovery: { paths: unknown[]; stacks: Array<{ zones: unknown[] }> } };
  const items = [...br.zones.flatMap((z) => [...z.down, ...z.degraded, ...z.egressLost]), ...br.wherever.flatMap((w) => [...w.down, ...w.degraded])];
  expect(items.length).toBeGreaterThan(0);
  for (const i of items) {
    expect(i.recovery.rtoSeconds.min).toBeLessThanOrEqual(i.recovery.rtoSeconds.max);
    expect(i.recovery.rpoSeconds === null || i.recovery.rpoSeconds >= 0).toBe(true);
    expect(i.recovery.basis.length).toBeGreaterThan(10);
  }
  // a single-AZ database pinned to us-east-1a, with the default automated backups: restored, up to 5 minutes lost
  const pinned = items.find((i) => i.resource.logicalId === 'MultiAzFalse');
  expect(pinned?.recovery).toMatchObject({ mode: 'rds-restore', rpoSeconds: 300 });
  expect(br.recovery.stacks.length).toBeGreaterThan(0);
  const docText = fs.readFileSync(path.join(root, 'docs', 'findings-contract.md'), 'utf8');
  for (const field of Object.keys(schema.definitions.recovery.properties)) expect(docText).toContain(`\`${field}\``);
  for (const field of Object.keys(schema.definitions.scenarioRecovery.properties)) expect(docText).toContain(`\`${field}\``);
  expect(docText).toMatch(/\*\*3\*\*: every blast-radius entry has a `recovery` estimate/);
});
