// cdk-nag interop: ZonelintChecks, a cdk-nag v3 NagPack, registered beside AwsSolutionsChecks on the demo app, reports
// zonelint's ids and messages in CDK's validation report — the same findings `zonelint check` reports on the same
// assembly, from the same rule implementations.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NagPack } from 'cdk-nag';
import { buildDemo } from '../bin/demo/app';
import { ZonelintChecks } from '../lib/cdk/nag-pack';
import { lintPaths } from '../lib/lint';
import { testApp } from './support/test-app';

interface ReportViolation {
  ruleName: string;
  description: string;
  severity: string;
  violatingConstructs: Array<{ constructPath: string; resourceLogicalId: string; templatePath: string }>;
}
/** CDK's policy-validation-report.json (the format aws-cdk-lib 2.275 writes with @aws-cdk/core:validationReportJson). */
interface ValidationReport {
  pluginReports: Array<{ summary: { pluginName: string; status: string }; violations: ReportViolation[] }>;
}
const plugin = (report: ValidationReport, name: string) => report.pluginReports.find((r) => r.summary.pluginName === name);

let work: string;
beforeAll(() => (work = fs.mkdtempSync(path.join(os.tmpdir(), 'zonelint-nag-'))));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Synthesizes the demo app with both packs; returns CDK's JSON validation report and the assembly directory. */
function synthWithPacks(configure?: (demo: ReturnType<typeof buildDemo>) => void, props: ConstructorParameters<typeof ZonelintChecks>[1] = {}) {
  const outdir = fs.mkdtempSync(path.join(work, 'app-'));
  const app = testApp({ outdir, context: { '@aws-cdk/core:validationReportJson': true } });
  const demo = buildDemo(app);
  configure?.(demo);
  const zonelint = new ZonelintChecks(app, props);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), zonelint);
  let failed: Error | undefined;
  try {
    app.synth();
  } catch (e) {
    failed = e as Error;
  }
  const reportFile = path.join(outdir, 'policy-validation-report.json');
  expect(fs.existsSync(reportFile)).toBe(true);
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as ValidationReport;
  return { outdir, report, failed, zonelint };
}

test('is a cdk-nag NagPack and reports zonelint ids and messages beside AwsSolutions', () => {
  const { report, failed, zonelint } = synthWithPacks();
  expect(zonelint).toBeInstanceOf(NagPack);
  expect(zonelint.readPackName).toBe('zonelint');
  expect(plugin(report, 'AwsSolutions')?.violations.length).toBeGreaterThan(0);
  const ours = plugin(report, 'zonelint')!;
  expect(ours.summary.status).toBe('failure');
  expect(failed).toBeDefined(); // error findings fail synthesis, as cdk-nag's do
  expect(ours.violations.length).toBeGreaterThan(0);
  for (const v of ours.violations) {
    expect(v.ruleName).toMatch(/^ZL\d{3}$/);
    expect(v.violatingConstructs).toHaveLength(1);
    expect(v.violatingConstructs[0].resourceLogicalId).not.toBe('N/A');
    expect(v.violatingConstructs[0].templatePath).toMatch(/\.template\.json$/);
  }

  // Every unsuppressed finding of the engine run, one violation each: rule, construct path and message.
  const expected = zonelint
    .lastResult!.findings.filter((f) => !f.suppressed)
    .map((f) => `${f.ruleId} ${f.resource.constructPath} ${f.title}: ${f.message}`)
    .sort();
  const reported = ours.violations.map((v) => `${v.ruleName} ${v.violatingConstructs[0].constructPath} ${v.description}`).sort();
  expect(reported).toEqual(expected);
  expect(ours.violations.some((v) => v.ruleName === 'ZL301' && v.severity === 'error')).toBe(true);
});

test('agrees with `zonelint check` on the synthesized assembly', () => {
  const { outdir, zonelint } = synthWithPacks();
  const cli = lintPaths([outdir], { applyAcknowledgements: false });
  const key = (f: { ruleId: string; fingerprint: string; suppressed: boolean }) => `${f.ruleId} ${f.fingerprint} ${f.suppressed}`;
  expect(zonelint.lastResult!.findings.map(key).sort()).toEqual(cli.findings.map(key).sort());
});

test('one acknowledgement (zonelint::ZL301) silences the finding for the pack too', () => {
  const { report } = synthWithPacks();
  const zl301 = plugin(report, 'zonelint')!.violations.filter((v) => v.ruleName === 'ZL301');
  expect(zl301.length).toBeGreaterThan(0);
  const target = zl301[0].violatingConstructs[0].constructPath;
  const acked = synthWithPacks((demo) => {
    const construct = demo.app.node.findAll().find((c) => c.node.path === target)!;
    Validations.of(construct).acknowledge({ id: 'zonelint::ZL301', reason: 'accepted for the test' });
  });
  const after = plugin(acked.report, 'zonelint')!;
  expect(after.violations.filter((v) => v.ruleName === 'ZL301').map((v) => v.violatingConstructs[0].constructPath)).not.toContain(target);
  expect(after.violations.filter((v) => v.ruleName === 'ZL301')).toHaveLength(zl301.length - 1);
});

test('failOn none reports without failing; a bad config fails at construction', () => {
  const { report } = synthWithPacks(undefined, { failOn: 'none' });
  const ours = plugin(report, 'zonelint')!;
  expect(ours.violations.length).toBeGreaterThan(0);
  expect(ours.summary.status).toBe('success');
  expect(() => new ZonelintChecks(undefined, { config: { rules: { ZL999: 'off' } } })).toThrow(/unknown rule "ZL999"/);
});
