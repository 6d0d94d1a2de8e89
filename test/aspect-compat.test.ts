// ZonelintAspect on the oldest supported aws-cdk-lib (2.93.0: Annotations.addWarningV2 / acknowledgeWarning), installed
// in test/compat/cdk-2.93 with its own lockfile (`npm ci --prefix test/compat/cdk-2.93`). The demo app is synthesized
// there in a child process whose `require('aws-cdk-lib')` resolves to that folder (test/compat/alias.js), and the
// aspect's annotations must equal what `zonelint check` finds on the assembly it wrote.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lintPaths, LintResult } from '../lib/lint';

const root = path.join(__dirname, '..');
const OLDEST = '2.93.0';
const compatDir = path.join(root, 'test', 'compat', 'cdk-2.93');

interface Output {
  version: string;
  findings: Array<{ ruleId: string; constructPath: string; fingerprint: string; suppressed: boolean }>;
  messages: Array<{ level: string; path: string; text: string }>;
}

let out: Output;
let cli: LintResult;
let tmp: string;

beforeAll(() => {
  if (!fs.existsSync(path.join(compatDir, 'node_modules', 'aws-cdk-lib', 'package.json'))) {
    throw new Error(`aws-cdk-lib ${OLDEST} is not installed: run \`npm ci --prefix test/compat/cdk-2.93\``);
  }
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zonelint-compat-'));
  const outdir = path.join(tmp, 'cdk.out');
  const run = spawnSync(process.execPath, ['-r', './test/compat/alias.js', '-r', 'tsx/cjs', 'test/compat/synth-demo.ts', outdir], {
    cwd: root,
    env: { ...process.env, ZONELINT_CDK_DIR: compatDir },
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (run.status !== 0) throw new Error(`demo synthesis on aws-cdk-lib ${OLDEST} failed: ${run.stderr}`);
  out = JSON.parse(run.stdout) as Output;
  cli = lintPaths([outdir]);
}, 300_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test(`the demo ran on aws-cdk-lib ${OLDEST}`, () => {
  expect(out.version).toBe(OLDEST);
});

test('the aspect found exactly what the CLI finds on the assembly', () => {
  const mine = out.findings.map((f) => `${f.fingerprint} ${f.suppressed}`).sort();
  expect(mine).toEqual(cli.findings.map((f) => `${f.fingerprint} ${f.suppressed}`).sort());
  expect(mine.length).toBeGreaterThan(0);
  // the nested stack was rendered and linted too
  expect(cli.model.stacks.map((s) => s.name).sort()).toEqual(['OrdersLegacy', 'OrdersLegacy/InvoiceArchive', 'Prod/Orders']);
});

test('every open finding is an annotation on its construct, at its severity', () => {
  const annotations = out.messages
    .filter((m) => /\[ack: zonelint::ZL\d{3}\]/.test(m.text))
    .map((m) => `${m.level} ${/\[ack: zonelint::(ZL\d{3})\]/.exec(m.text)![1]} ${m.path.replace(/^\//, '')}`)
    .sort();
  const expected = cli.findings.filter((f) => !f.suppressed).map((f) => `${f.severity} ${f.ruleId} ${f.resource.constructPath}`).sort();
  expect(annotations).toEqual(expected);
  expect(annotations.filter((a) => a.includes(' Prod/'))).toEqual([]);
});
