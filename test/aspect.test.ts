// ZonelintAspect on the pinned aws-cdk-lib: the demo app's findings become annotations on the offending constructs —
// exactly the findings `zonelint check` reports on the same cloud assembly — acknowledgements silence them, options
// work like the plugin's, and through the real `cdk` CLI errors fail synthesis and warnings fail it with --strict.
import { spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Annotations, App, Aspects, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { addLedgerDb } from './support/ledger-db';
import { ZonelintAspect, ZonelintAspectOptions } from '../lib/cdk/aspect';
import type { Finding } from '../lib/engine/finding';
import { lintPaths, LintResult } from '../lib/lint';
import { buildDemo } from '../bin/demo/app';
import { DEMO_CONTEXT, DEMO_ENV } from '../bin/demo/orders';
import { testApp } from './support/test-app';

const root = path.join(__dirname, '..');
const tmpDirs: string[] = [];
function tmpdir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'zonelint-aspect-'));
  tmpDirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

interface Message {
  level: string;
  path: string;
  text: string;
}

/** zonelint's annotations in a synthesized assembly (all stacks, Stages and nested stacks included). */
function zonelintMessages(app: App): Message[] {
  const assembly = app.synth();
  return assembly.stacksRecursively
    .flatMap((s) => s.messages.map((m) => ({ level: m.level, path: m.id.replace(/^\//, ''), text: String(m.entry.data) })))
    .filter((m) => /\[ack: zonelint::ZL\d{3}\]/.test(m.text));
}

const ruleOf = (m: Message) => /\[ack: zonelint::(ZL\d{3})\]/.exec(m.text)![1];
const key = (level: string, ruleId: string, p: string | undefined) => `${level} ${ruleId} ${p}`;

describe('the demo app with the aspect (default failOn: error)', () => {
  let outdir: string;
  let messages: Message[];
  let aspect: ZonelintAspect;
  let cli: LintResult;

  beforeAll(() => {
    outdir = tmpdir();
    const app = testApp({ outdir, context: DEMO_CONTEXT });
    const { fragile } = buildDemo(app);
    // an error acknowledged with the annotation API, a warning with the Validations API (recorded in the assembly)
    Annotations.of(fragile.database).acknowledgeWarning('zonelint::ZL301', 'legacy database, replaced by Prod/Orders in Q3');
    Validations.of(fragile.reporting).acknowledge({ id: 'zonelint::ZL302', reason: 'reporting data is rebuilt from orders' });
    aspect = new ZonelintAspect();
    Aspects.of(app).add(aspect);
    messages = zonelintMessages(app);
    cli = lintPaths([outdir]);
  });

  test('the aspect ran the same engine as the CLI: same findings, same fingerprints', () => {
    const fp = (fs: readonly Finding[]) => fs.map((f) => `${f.fingerprint} ${f.suppressed}`).sort();
    expect(fp(aspect.lastResult!.findings)).toEqual(fp(cli.findings));
    expect(aspect.lastResult!.model.stacks.map((s) => s.name).sort()).toEqual(cli.model.stacks.map((s) => s.name).sort());
  });

  test('each open finding is one annotation on its construct: errors as errors, warnings as warnings', () => {
    const expected = cli.findings
      .filter((f) => !f.suppressed)
      .filter((f) => !(f.ruleId === 'ZL301' && f.resource.constructPath === 'OrdersLegacy/OrdersDb/Resource')) // acknowledgeWarning: in memory only
      .map((f) => key(f.severity, f.ruleId, f.resource.constructPath));
    expect(messages.map((m) => key(m.level, ruleOf(m), m.path)).sort()).toEqual([...expected].sort());
    expect(messages.some((m) => m.level === 'error')).toBe(true);
    expect(messages.some((m) => m.level === 'warning')).toBe(true);
  });

  test('annotations name rule, title, message and fix', () => {
    const f = cli.findings.find((x) => x.ruleId === 'ZL303' && !x.suppressed)!;
    const m = messages.find((x) => ruleOf(x) === 'ZL303')!;
    expect(m.text).toBe(`[ZL303] ${f.title}: ${f.message} Fix: ${f.fix}. [ack: zonelint::ZL303]`);
  });

  test('acknowledgements: acknowledgeWarning silences an error finding, Validations.acknowledge a warning (and the CLI sees the latter)', () => {
    expect(messages.filter((m) => ruleOf(m) === 'ZL301' && m.path === 'OrdersLegacy/OrdersDb/Resource')).toEqual([]);
    expect(messages.filter((m) => ruleOf(m) === 'ZL302' && m.path === 'OrdersLegacy/ReportingCluster/Resource')).toEqual([]);
    const acked = cli.findings.find((f) => f.ruleId === 'ZL302' && f.resource.constructPath === 'OrdersLegacy/ReportingCluster/Resource')!;
    expect(acked.suppression).toMatchObject({ kind: 'acknowledgement', reason: 'reporting data is rebuilt from orders', at: 'OrdersLegacy/ReportingCluster' });
    // the other ZL302 finding (OrdersDb) is untouched
    expect(messages.filter((m) => ruleOf(m) === 'ZL302').map((m) => m.path)).toContain('OrdersLegacy/OrdersDb/Resource');
  });

  test('nested stack resources are annotated on their constructs; the resilient Stage stack gets nothing', () => {
    const nested = cli.findings.filter((f) => f.resource.stack === 'OrdersLegacy/InvoiceArchive' && !f.suppressed);
    for (const f of nested) expect(messages.map((m) => m.path)).toContain(f.resource.constructPath);
    expect(messages.filter((m) => m.path.startsWith('Prod/'))).toEqual([]);
  });
});

/** One DB instance that only ZL301 objects to. */
function dbApp(options?: ZonelintAspectOptions, scope: 'app' | 'stack' = 'app'): { app: App; aspect: ZonelintAspect } {
  const app = testApp({ outdir: tmpdir(), context: DEMO_CONTEXT });
  const stacks = ['Billing', 'Audit'].map((id) => {
    const stack = new Stack(app, id, { env: DEMO_ENV });
    addLedgerDb(stack);
    return stack;
  });
  const aspect = new ZonelintAspect(options);
  Aspects.of(scope === 'app' ? app : stacks[0]).add(aspect);
  return { app, aspect };
}

const zl301 = (messages: Message[]) => messages.filter((m) => ruleOf(m) === 'ZL301').map((m) => `${m.level} ${m.path}`).sort();

describe('aspect options', () => {
  test('default: a ZL301 error annotation on each instance', () => {
    expect(zl301(zonelintMessages(dbApp().app))).toEqual(['error Audit/LedgerDb', 'error Billing/LedgerDb']);
  });

  test("failOn: 'none' turns errors into warnings (cdk synth --strict still fails on them)", () => {
    expect(zl301(zonelintMessages(dbApp({ failOn: 'none' }).app))).toEqual(['warning Audit/LedgerDb', 'warning Billing/LedgerDb']);
  });

  test("a severity override with failOn: 'warning' still fails synthesis", () => {
    expect(zl301(zonelintMessages(dbApp({ config: { rules: { ZL301: 'warning' } }, failOn: 'warning' }).app))).toEqual(['error Audit/LedgerDb', 'error Billing/LedgerDb']);
  });

  test('severity info becomes an info annotation', () => {
    expect(zl301(zonelintMessages(dbApp({ config: { rules: { ZL301: 'info' } } }).app))).toEqual(['info Audit/LedgerDb', 'info Billing/LedgerDb']);
  });

  test("rules: { ZL301: 'off' } turns the rule off", () => {
    expect(zl301(zonelintMessages(dbApp({ config: { rules: { ZL301: 'off' } } }).app))).toEqual([]);
  });

  test('a rule threshold from the config applies (ZL302 minBackupRetentionDays 30 flags 14 days)', () => {
    const messages = zonelintMessages(dbApp({ config: { rules: { ZL302: { options: { minBackupRetentionDays: 30 } } } } }).app);
    expect(messages.filter((m) => ruleOf(m) === 'ZL302').map((m) => m.path).sort()).toEqual(['Audit/LedgerDb', 'Billing/LedgerDb']);
    expect(zonelintMessages(dbApp().app).filter((m) => ruleOf(m) === 'ZL302')).toEqual([]);
  });

  test('added to one stack, the aspect analyses the whole app but annotates only that stack', () => {
    const { app, aspect } = dbApp(undefined, 'stack');
    expect(zl301(zonelintMessages(app))).toEqual(['error Billing/LedgerDb']);
    expect(aspect.lastResult!.findings.filter((f) => f.ruleId === 'ZL301').map((f) => f.resource.stack).sort()).toEqual(['Audit', 'Billing']);
  });

  test('the analysis runs once per synthesis, however many constructs the aspect visits', () => {
    const { app, aspect } = dbApp();
    const spy = jest.spyOn(aspect as unknown as { analyse(): string[] }, 'analyse');
    app.synth();
    expect(spy).toHaveBeenCalledTimes(1);
  });

  test('acknowledgeWarning on a stack covers every construct below it', () => {
    const { app } = dbApp();
    Annotations.of(app.node.findChild('Audit')).acknowledgeWarning('zonelint::ZL301', 'audit copies are disposable');
    expect(zl301(zonelintMessages(app))).toEqual(['error Billing/LedgerDb']);
  });

  test('Validations.acknowledge on the app covers every stack', () => {
    const { app } = dbApp();
    Validations.of(app).acknowledge({ id: 'zonelint::ZL301', reason: 'single-AZ accepted for this sandbox account' });
    expect(zl301(zonelintMessages(app))).toEqual([]);
  });

  test('a template zonelint cannot read fails synthesis with one line naming the stack and cause', () => {
    const app = testApp({ outdir: tmpdir() });
    const stack = new Stack(app, 'Broken');
    new CfnResource(stack, 'Data', { type: 'AWS::EC2::Volume', properties: { AvailabilityZone: { Ref: 'NoSuchResource' }, Size: 10 } });
    Aspects.of(app).add(new ZonelintAspect());
    let error: Error | undefined;
    try {
      app.synth();
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(/zonelint: Broken\.template\.json[:\d]*: .*NoSuchResource/);
    expect(error?.message.split('\n').filter((l) => l.includes('zonelint:'))).toHaveLength(1);
  });

  test('a configuration mistake fails when the aspect is created', () => {
    expect(() => new ZonelintAspect({ config: { options: { minZone: 2 } } })).toThrow(/ZonelintAspect options: unknown option "minZone"/);
  });
});

describe('through the real cdk CLI (bin/demo.ts with -c zonelint:entry=aspect)', () => {
  let failing: SpawnSyncReturns<string>;
  let lenient: SpawnSyncReturns<string>;
  let strict: SpawnSyncReturns<string>;

  function cdk(args: string[]): SpawnSyncReturns<string> {
    const env: NodeJS.ProcessEnv = { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', FORCE_COLOR: '0', NO_COLOR: '1' };
    delete env.NODE_ENV;
    // --no-validation: aws-cdk-lib's own CloudFormation validation, most of each synth, plays no part in annotations
    // (test/demo.test.ts runs the same CLI with it, with the plugin)
    return spawnSync('npx', ['cdk', 'synth', '--quiet', '--no-notices', '--no-validation', '-o', path.join(tmpdir(), 'cdk.out'), '-c', 'zonelint:entry=aspect', ...args], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 300_000,
    });
  }

  beforeAll(() => {
    failing = cdk(['-c', 'zonelint:failOn=error']);
    lenient = cdk(['-c', 'zonelint:failOn=none']);
    strict = cdk(['-c', 'zonelint:failOn=none', '--strict']);
  }, 900_000);

  test('error annotations fail cdk synth, printed with the construct path', () => {
    expect(failing.status).not.toBe(0);
    const out = `${failing.stdout}\n${failing.stderr}`;
    expect(out).toMatch(/\[ZL301\] RDS DB instance without Multi-AZ/);
    expect(out).toContain('OrdersLegacy/OrdersDb/Resource');
  });

  test('warnings only: cdk synth succeeds and prints them, each at the line of the app that created the construct', () => {
    expect(lenient.status).toBe(0);
    expect(`${lenient.stdout}\n${lenient.stderr}`).toMatch(/bin\/demo\/orders\.ts:\d+:\d+\nWARNING \[ZL301\] RDS DB instance without Multi-AZ/);
  });

  test('warnings only, with --strict: cdk synth fails', () => {
    expect(strict.status).not.toBe(0);
    expect(`${strict.stdout}\n${strict.stderr}`).toMatch(/\[ZL301\]/);
  });
});

test('loading zonelint (plugin and aspect exported) does not load aws-cdk-lib', () => {
  const script = "require('./lib/index'); const loaded = Object.keys(require.cache).filter((k) => k.includes('/node_modules/aws-cdk-lib/')); process.stdout.write(String(loaded.length));";
  const run = spawnSync(process.execPath, ['-r', 'tsx/cjs', '-e', script], { cwd: root, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.stdout).toBe('0');
});
