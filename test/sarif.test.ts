// SARIF output: valid against the SARIF 2.1.0 JSON schema, and carrying what GitHub code scanning needs — one rule
// per zonelint rule from its metadata, results at the template line under %SRCROOT%, logical locations with the
// resource, stable partialFingerprints, suppressions with their justification, baseline states.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type * as Sarif from 'sarif';
import { ALL_RULES } from '../rules';
import { FINGERPRINT_KEY, SRCROOT, renderSarif } from '../lib/report/sarif';
import { FORMATS, toReport } from '../lib/report';
import { lintPaths } from '../lib/lint';
import { ruleDocPath } from '../lib/report/links';
import { runCli } from './support/gate-cli';
import { sarifValidator } from './support/sarif-schema';

let work: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'zonelint-sarif-'));
  fs.mkdirSync(path.join(work, 'infra'));
  fs.copyFileSync(path.join(__dirname, 'data', 'gate', 'app.yaml'), path.join(work, 'infra', 'app.yaml'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function sarifOf(args: string[] = []): { log: Sarif.Log; json: Record<string, any> } {
  const run = runCli(['check', 'infra/app.yaml', '--format', 'sarif=out/z.sarif', '--format', 'json=out/z.json', ...args], work);
  expect(run.stderr).toBe('');
  expect(run.stdout).toBe('');
  return { log: JSON.parse(fs.readFileSync(path.join(work, 'out', 'z.sarif'), 'utf8')), json: JSON.parse(fs.readFileSync(path.join(work, 'out', 'z.json'), 'utf8')) };
}

test('validates against the SARIF 2.1.0 schema', () => {
  const validate = sarifValidator();
  const { log } = sarifOf();
  const ok = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
  expect(log.version).toBe('2.1.0');
});

test('the schema check is real: a broken log is rejected', () => {
  const validate = sarifValidator();
  const { log } = sarifOf();
  const broken = JSON.parse(JSON.stringify(log));
  broken.runs[0].results[0].level = 'fatal';
  broken.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
  expect(validate(broken)).toBe(false);
});

test('one rule per zonelint rule, from rule metadata', () => {
  const { log } = sarifOf();
  const rules = log.runs[0].tool.driver.rules!;
  expect(rules.map((r) => r.id)).toEqual(ALL_RULES.map((r) => r.id));
  for (const [i, meta] of ALL_RULES.entries()) {
    const r = rules[i];
    expect(r.name).toBe(meta.slug);
    expect(r.shortDescription?.text).toBe(meta.title);
    expect(r.fullDescription?.text).toBe(meta.rationale);
    expect(r.help?.text).toContain(meta.fix.cloudformation);
    expect(r.help?.text).toContain(meta.fix.cdk);
    expect(r.help?.markdown).toContain(meta.fix.cdk);
    expect(r.helpUri).toMatch(new RegExp(`^https://.+/${ruleDocPath(meta).replace(/\//g, '\\/')}$`));
    expect(r.defaultConfiguration?.level).toBe({ error: 'error', warning: 'warning', info: 'note' }[meta.severity]);
    expect(r.properties?.tags).toEqual(expect.arrayContaining(['resilience', meta.service]));
  }
});

test('results point at the template line, relative to %SRCROOT%, with the resource as logical location', () => {
  const { log, json } = sarifOf();
  const run = log.runs[0];
  expect(run.originalUriBaseIds?.[SRCROOT].uri).toMatch(/^file:\/\/.*\/$/);
  const results = run.results!;
  expect(results).toHaveLength(json.findings.length);
  const orders = results.find((r) => r.ruleId === 'ZL301' && r.locations![0].logicalLocations![0].name === 'OrdersDb')!;
  const finding = json.findings.find((f: any) => f.ruleId === 'ZL301' && f.resource.logicalId === 'OrdersDb');
  expect(orders.level).toBe('error');
  expect(orders.message.text).toContain(finding.message);
  expect(orders.locations![0].physicalLocation).toEqual({
    artifactLocation: { uri: 'infra/app.yaml', uriBaseId: SRCROOT },
    region: { startLine: finding.location.line, startColumn: finding.location.column },
  });
  expect(orders.locations![0].logicalLocations![0]).toMatchObject({ name: 'OrdersDb', kind: 'resource', fullyQualifiedName: 'infra/app.yaml/OrdersDb' });
  expect(orders.properties).toMatchObject({ stack: 'infra/app.yaml', logicalId: 'OrdersDb', resourceType: 'AWS::RDS::DBInstance' });
  expect(orders.partialFingerprints).toEqual({ [FINGERPRINT_KEY]: finding.fingerprint });
  expect(run.tool.driver.rules![orders.ruleIndex!].id).toBe('ZL301');
});

test('suppressed findings are results with an inSource suppression and its justification', () => {
  const { log } = sarifOf();
  const scratch = log.runs[0].results!.find((r) => r.locations![0].logicalLocations![0].name === 'ScratchDb' && r.ruleId === 'ZL301')!;
  expect(scratch.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'scratch database rebuilt nightly' }]);
  const unsuppressed = log.runs[0].results!.filter((r) => !r.suppressions);
  expect(unsuppressed.length).toBeGreaterThan(0);
});

test('unused suppressions become tool notifications', () => {
  const { log } = sarifOf();
  const notes = log.runs[0].invocations![0].toolExecutionNotifications ?? [];
  const unused = notes.find((n) => n.descriptor?.id === 'unused-suppression')!;
  expect(unused.message.text).toMatch(/ZL302 on BillingDb/);
  expect(unused.locations![0].physicalLocation!.artifactLocation!.uri).toBe('infra/app.yaml');
});

test('with a baseline, results carry baselineState', () => {
  const b = runCli(['baseline', 'infra/app.yaml', '-o', 'base.json'], work);
  expect(b.code).toBe(0);
  const { log } = sarifOf(['--baseline', 'base.json']);
  const states = log.runs[0].results!.filter((r) => !r.suppressions).map((r) => r.baselineState);
  expect(states.length).toBeGreaterThan(0);
  expect(new Set(states)).toEqual(new Set(['unchanged']));
  expect(sarifValidator()(log)).toBe(true);
});

test('the streamed SARIF log (how the CLI writes it) is byte for byte the rendered one, in several chunks', () => {
  const report = toReport(lintPaths([path.join(__dirname, 'data', 'gate', 'app.yaml')]));
  expect(report.findings.length).toBeGreaterThan(0);
  // enough results for several chunks
  const many = { ...report, findings: Array.from({ length: 2000 }, (_, i) => report.findings[i % report.findings.length]) };
  for (const r of [report, many]) {
    const parts: string[] = [];
    FORMATS.sarif.stream!(r, {}, (c) => parts.push(c));
    expect(parts.join('')).toBe(renderSarif(r));
    if (r === many) expect(parts.length).toBeGreaterThan(1);
  }
});
