// The CDK validation plugin, end to end on the pinned aws-cdk-lib: findings in CDK's validation report (and in the
// ValidationFailed error) with construct paths, acknowledgements, template-metadata suppressions, Stage
// sub-assemblies, nested stacks, config options — and the CLI reading the same cloud assembly must agree.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnResource, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as rds from 'aws-cdk-lib/aws-rds';
import { addLedgerDb } from './support/ledger-db';
import { ZonelintPlugin, ZonelintPluginOptions } from '../lib/cdk/plugin';
import { lintPaths, LintResult } from '../lib/lint';
import { buildDemo } from '../bin/demo/app';
import { DEMO_CONTEXT, DEMO_ENV, FragileOrdersStack } from '../bin/demo/orders';
import { testApp } from './support/test-app';

interface ReportConstruct {
  constructPath: string;
  cloudFormationResource?: { templatePath: string; logicalId: string; propertyPaths?: string[] };
}
interface ReportViolation {
  ruleName: string;
  severity: string;
  description: string;
  suggestedFix?: string;
  violatingConstructs: ReportConstruct[];
  acknowledgedId?: string;
  reason?: string;
  acknowledgedAt?: string;
}
interface PluginReport {
  pluginName: string;
  conclusion: string;
  metadata?: Record<string, string>;
  violations: ReportViolation[];
  suppressedViolations?: ReportViolation[];
}

// CDK prints the validation report on stderr when it does not throw; keep it, to assert on, instead of in the output.
let stderr: string[] = [];
beforeEach(() => {
  stderr = [];
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void stderr.push(args.join(' ')));
});
afterEach(() => jest.restoreAllMocks());

const tmpDirs: string[] = [];
function tmpdir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'zonelint-plugin-'));
  tmpDirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

/** Every plugin's report in the assembly's validation-report.json (none without the file). */
function pluginReports(outdir: string): PluginReport[] {
  const file = path.join(outdir, 'validation-report.json');
  if (!fs.existsSync(file)) return [];
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { pluginReports: PluginReport[] }).pluginReports;
}

function zonelintReport(outdir: string): PluginReport | undefined {
  return pluginReports(outdir).find((r) => r.pluginName === 'zonelint');
}

/** `ruleId construct-path` for every violating construct. */
function keys(violations: readonly ReportViolation[] | undefined): string[] {
  return (violations ?? []).flatMap((v) => v.violatingConstructs.map((c) => `${v.ruleName} ${c.constructPath}`)).sort();
}

function synthError(app: App): Error | undefined {
  try {
    app.synth();
    return undefined;
  } catch (e) {
    return e as Error;
  }
}

/**
 * The demo app, plus what the tests need on top: a Stage `Staging` holding a second fragile stack (a Stage
 * sub-assembly with findings), a single-AZ database inside its nested stack, one acknowledgement and one template
 * metadata suppression.
 */
// `cdk synth` writes construct paths into the templates (aws:cdk:path), and the plugin then reads no stack metadata file
// but for nested stacks; `app.synth()` alone does not, and the plugin reads them all. Both must agree with the CLI.
// The first also runs aws-cdk-lib's built-in CloudFormation validation (its default), as `cdk synth` does.
describe.each([
  ['as `cdk synth` runs it (construct paths in the templates, CDK\'s own validation on)', { 'aws:cdk:enable-path-metadata': true }, true],
  ['synthesized in process (construct paths only in the metadata files)', {}, false],
])('plugin on the demo app with a Stage, a nested stack, an acknowledgement and a metadata suppression, %s', (_name, extraContext, cdkValidation) => {
  let outdir: string;
  let error: Error | undefined;
  let report: PluginReport;
  let plugin: ZonelintPlugin;
  let cli: LintResult;

  beforeAll(() => {
    outdir = tmpdir();
    const app = testApp({ outdir, builtinCloudFormationValidation: cdkValidation, context: { ...DEMO_CONTEXT, ...extraContext } });
    const { fragile } = buildDemo(app);
    const staging = new Stage(app, 'Staging', { env: DEMO_ENV });
    const stagingOrders = new FragileOrdersStack(staging, 'Orders', { env: DEMO_ENV });
    new rds.CfnDBInstance(stagingOrders.archive, 'ArchiveDb', {
      engine: 'postgres',
      dbInstanceClass: 'db.m6g.large',
      allocatedStorage: '100',
      multiAz: false,
      backupRetentionPeriod: 14,
    });
    Validations.of(fragile.database).acknowledge({ id: 'zonelint::ZL301', reason: 'legacy database, replaced by Prod/Orders in Q3' });
    (stagingOrders.database.node.defaultChild as CfnResource).addMetadata('zonelint', {
      suppress: [{ id: 'ZL301', reason: 'staging copy, rebuilt nightly' }],
    });
    plugin = new ZonelintPlugin();
    Validations.of(app).addPlugins(plugin);
    error = synthError(app);
    report = zonelintReport(outdir)!;
    cli = lintPaths([outdir]);
  });

  test('errors fail synthesis with ValidationFailed, the report naming rule, construct path and acknowledgement id', () => {
    expect(error).toBeDefined();
    expect(error!.message).toContain('zonelint');
    expect(error!.message).toContain('Staging/Orders/OrdersDb/Resource');
    expect(error!.message).toMatch(/Acknowledge with 'zonelint::ZL\d{3}'/);
    expect(report.conclusion).toBe('failure');
  });

  test('ZL301 on the Stage stack, in the nested stack, acknowledged on the top-level stack, suppressed by metadata', () => {
    const zl301 = keys(report.violations).filter((k) => k.startsWith('ZL301 '));
    expect(zl301).toEqual(['ZL301 Staging/Orders/InvoiceArchive/ArchiveDb']);
    // the acknowledged finding is listed as suppressed, with the reason and where it was acknowledged
    const acked = report.suppressedViolations!.filter((v) => v.ruleName === 'ZL301');
    expect(keys(acked)).toEqual(['ZL301 OrdersLegacy/OrdersDb/Resource']);
    expect(acked[0]).toMatchObject({ reason: 'legacy database, replaced by Prod/Orders in Q3', acknowledgedAt: 'OrdersLegacy/OrdersDb' });
    // the metadata suppression removes the finding from the report altogether
    const all = keys([...report.violations, ...(report.suppressedViolations ?? [])]);
    expect(all).not.toContain('ZL301 Staging/Orders/OrdersDb/Resource');
  });

  test('violations point at the template (relative to the assembly) and the property path, dot-separated', () => {
    const nested = report.violations.find((v) => v.ruleName === 'ZL301')!.violatingConstructs[0].cloudFormationResource!;
    expect(nested.templatePath).toMatch(/^assembly-Staging\/StagingOrdersInvoiceArchive[0-9A-F]{8}\.nested\.template\.json$/);
    expect(nested.logicalId).toMatch(/^ArchiveDb$/);
    expect(nested.propertyPaths).toEqual(['Properties.MultiAZ']);
    const template = JSON.parse(fs.readFileSync(path.join(outdir, nested.templatePath), 'utf8'));
    expect(template.Resources.ArchiveDb.Properties.MultiAZ).toBe(false);
  });

  test('every violating construct has a construct path under a stack of the app', () => {
    const all = [...report.violations, ...(report.suppressedViolations ?? [])].flatMap((v) => v.violatingConstructs);
    expect(all.length).toBeGreaterThan(0);
    for (const c of all) expect(c.constructPath).toMatch(/^(OrdersLegacy|Prod\/Orders|Staging\/Orders)\//);
    // the resilient stack stays clean
    expect(all.filter((c) => c.constructPath.startsWith('Prod/'))).toEqual([]);
  });

  test('the CLI on the same cloud assembly reports exactly the plugin violations, and honours the same acknowledgement', () => {
    const open = cli.findings.filter((f) => !f.suppressed).map((f) => `${f.ruleId} ${f.resource.constructPath}`).sort();
    expect(open).toEqual(keys(report.violations));
    const acked = cli.findings.filter((f) => f.suppression?.kind === 'acknowledgement').map((f) => `${f.ruleId} ${f.resource.constructPath}`);
    expect(acked.sort()).toEqual(keys(report.suppressedViolations));
    const metadata = cli.findings.filter((f) => f.suppression?.kind === 'metadata').map((f) => `${f.ruleId} ${f.resource.constructPath}`);
    expect(metadata).toEqual(['ZL301 Staging/Orders/OrdersDb/Resource']);
    // same stacks, same names, the same construct path for every resource
    expect(cli.model.stacks.map((s) => s.name).sort()).toEqual(plugin.lastResult!.model.stacks.map((s) => s.name).sort());
    const paths = (r: LintResult) => r.model.resources.map((x) => `${x.stack.name} ${x.logicalId} ${x.constructPath}`).sort();
    expect(paths(plugin.lastResult!)).toEqual(paths(cli));
    expect(cli.model.resources.filter((r) => r.type !== 'AWS::CDK::Metadata' && !r.constructPath)).toEqual([]);
  });

  test("zonelint's report sits next to CDK's own validation report when that runs", () => {
    const names = pluginReports(outdir).map((r) => r.pluginName).sort();
    expect(names).toEqual(cdkValidation ? ['CloudFormation Validate', 'zonelint'] : ['zonelint']);
  });

  test('report metadata counts findings, acknowledgements and template suppressions', () => {
    expect(report.metadata).toMatchObject({
      failOn: 'error',
      findings: String(report.violations.length),
      acknowledged: '1',
      suppressedInTemplate: '1',
      stacks: String(cli.model.stacks.length),
    });
  });
});

/** A small app: one DB instance that only ZL301 objects to (Multi-AZ off; backups, encryption and policies fine). */
function singleAzDbApp(options: ZonelintPluginOptions | undefined, ack?: string): { app: App; outdir: string } {
  const outdir = tmpdir();
  const app = testApp({ outdir, context: DEMO_CONTEXT });
  const stack = new Stack(app, 'Billing', { env: DEMO_ENV });
  addLedgerDb(stack);
  if (ack) Validations.of(stack).acknowledge({ id: ack, reason: 'accepted for the billing ledger' });
  Validations.of(app).addPlugins(new ZonelintPlugin(options));
  return { app, outdir };
}

describe('plugin options', () => {
  test('default: the ZL301 error fails synthesis', () => {
    const { app, outdir } = singleAzDbApp(undefined);
    expect(synthError(app)?.message).toContain('Billing/LedgerDb');
    expect(keys(zonelintReport(outdir)?.violations)).toContain('ZL301 Billing/LedgerDb');
  });

  test("rules: { ZL301: 'off' } turns the rule off", () => {
    const { app, outdir } = singleAzDbApp({ config: { rules: { ZL301: 'off' } } });
    synthError(app);
    expect(keys(zonelintReport(outdir)?.violations)).not.toContain('ZL301 Billing/LedgerDb');
  });

  test("failOn: 'none' reports without failing", () => {
    const { app, outdir } = singleAzDbApp({ failOn: 'none' });
    synthError(app);
    const report = zonelintReport(outdir)!;
    expect(keys(report.violations)).toContain('ZL301 Billing/LedgerDb');
    expect(report.conclusion).toBe('success');
    // CDK still prints its validation report, with our finding in it
    expect(stderr.join('\n')).toMatch(/ERROR RDS DB instance without Multi-AZ: [^\n]*\(zonelint\)\n\s+Billing\/LedgerDb \(LedgerDb\)/);
  });

  test('a severity override changes the reported severity', () => {
    const { app, outdir } = singleAzDbApp({ config: { rules: { ZL301: 'warning' } }, failOn: 'none' });
    synthError(app);
    const v = zonelintReport(outdir)!.violations.find((x) => x.ruleName === 'ZL301')!;
    expect(v.severity).toBe('warning');
  });

  test("failOn: 'warning' fails on a warning, and acknowledging another one does not flip the verdict", () => {
    const outdir = tmpdir();
    const app = testApp({ outdir, context: DEMO_CONTEXT });
    const stack = new Stack(app, 'Billing', { env: DEMO_ENV });
    for (const id of ['LedgerDb', 'AuditDb']) new rds.CfnDBInstance(stack, id, { engine: 'postgres', dbInstanceClass: 'db.m6g.large', multiAz: false, backupRetentionPeriod: 14 });
    Validations.of(stack.node.findChild('AuditDb')).acknowledge({ id: 'zonelint::ZL301', reason: 'audit copy' });
    Validations.of(app).addPlugins(new ZonelintPlugin({ config: { rules: { ZL301: 'warning' } }, failOn: 'warning' }));
    // CDK alone would recompute success as "no error left" once it applies the acknowledgement
    expect(synthError(app)?.message).toContain('Billing/LedgerDb');
    const report = zonelintReport(outdir)!;
    expect(report.conclusion).toBe('failure');
    expect(keys(report.violations).filter((k) => k.startsWith('ZL301'))).toEqual(['ZL301 Billing/LedgerDb']);
  });

  test('an acknowledgement on the stack silences the finding and synthesis succeeds', () => {
    const { app, outdir } = singleAzDbApp(undefined, 'zonelint::ZL301');
    expect(synthError(app)).toBeUndefined();
    const report = zonelintReport(outdir);
    expect(keys(report?.violations)).not.toContain('ZL301 Billing/LedgerDb');
    expect(report?.suppressedViolations?.[0]).toMatchObject({ ruleName: 'ZL301', acknowledgedAt: 'Billing', reason: 'accepted for the billing ledger' });
  });

  test("with failOn: 'none', an acknowledgement does not make CDK fail on the errors left", () => {
    const outdir = tmpdir();
    const app = testApp({ outdir, context: DEMO_CONTEXT });
    const stack = new Stack(app, 'Billing', { env: DEMO_ENV });
    for (const id of ['LedgerDb', 'AuditDb']) new rds.CfnDBInstance(stack, id, { engine: 'postgres', dbInstanceClass: 'db.m6g.large', multiAz: false, backupRetentionPeriod: 14 });
    Validations.of(stack.node.findChild('AuditDb')).acknowledge({ id: 'zonelint::ZL301', reason: 'audit copy' });
    Validations.of(app).addPlugins(new ZonelintPlugin({ failOn: 'none' }));
    expect(synthError(app)).toBeUndefined();
    const report = zonelintReport(outdir)!;
    expect(report.conclusion).toBe('success');
    expect(keys(report.violations).filter((k) => k.startsWith('ZL301'))).toEqual(['ZL301 Billing/LedgerDb']);
    expect(report.metadata?.acknowledged).toBe('1');
  });

  test('registered on a Stage, the plugin checks that Stage\'s stacks only, with their construct paths', () => {
    const outdir = tmpdir();
    const app = testApp({ outdir, context: DEMO_CONTEXT });
    const stage = new Stage(app, 'Eu', { env: DEMO_ENV });
    for (const [scope, id] of [[stage, 'Ledger'], [app, 'Outside']] as const) {
      const stack = new Stack(scope, id, { env: DEMO_ENV });
      new rds.CfnDBInstance(stack, 'Db', { engine: 'postgres', dbInstanceClass: 'db.m6g.large', multiAz: false, backupRetentionPeriod: 14 });
    }
    Validations.of(stage).addPlugins(new ZonelintPlugin({ failOn: 'none' }));
    synthError(app);
    const report = zonelintReport(outdir)!;
    const zl301 = report.violations.find((v) => v.ruleName === 'ZL301')!;
    expect(keys([zl301])).toEqual(['ZL301 Eu/Ledger/Db']);
    expect(zl301.violatingConstructs[0].cloudFormationResource?.templatePath).toMatch(/^assembly-Eu\/EuLedger[0-9A-F]{8}\.template\.json$/);
  });

  test('a suppression without a reason fails the plugin with one line naming template and cause', () => {
    const outdir = tmpdir();
    const app = testApp({ outdir, context: DEMO_CONTEXT });
    const stack = new Stack(app, 'Billing', { env: DEMO_ENV });
    new rds.CfnDBInstance(stack, 'LedgerDb', { engine: 'postgres', dbInstanceClass: 'db.m6g.large', multiAz: false }).addMetadata('zonelint', {
      suppress: [{ id: 'ZL301' }],
    });
    Validations.of(app).addPlugins(new ZonelintPlugin({ failOn: 'none' }));
    const message = synthError(app)?.message ?? '';
    expect(message).toMatch(/Validation plugin 'zonelint' failed: \S*Billing\.template\.json:\d+:\d+: LedgerDb: zonelint suppression of ZL301 needs a reason/);
    expect(message).not.toMatch(/\n\s+at /); // no stack trace
  });

  test('a configuration mistake fails when the plugin is created, naming the option', () => {
    expect(() => new ZonelintPlugin({ config: { rules: { ZL999: 'off' } } })).toThrow(/ZonelintPlugin options: unknown rule "ZL999"/);
    expect(() => new ZonelintPlugin({ failOn: 'fatal' as never })).toThrow(/failOn must be one of error, warning, info, none/);
    expect(() => new ZonelintPlugin({ configFile: 'no-such-zonelint.json' })).toThrow(/no-such-zonelint\.json: config file not found/);
    expect(() => new ZonelintPlugin({ config: {}, configFile: 'x.json' })).toThrow(/config or configFile, not both/);
  });

  test('a config file sets options like the CLI config', () => {
    const dir = tmpdir();
    const file = path.join(dir, 'zonelint.yaml');
    fs.writeFileSync(file, 'rules:\n  ZL301: info\n');
    const { app, outdir } = singleAzDbApp({ configFile: file, failOn: 'warning' });
    expect(synthError(app)).toBeUndefined();
    expect(zonelintReport(outdir)!.violations.find((v) => v.ruleName === 'ZL301')?.severity).toBe('info');
  });
});
