// Every rule must work on CDK-synthesized templates too: each rule's fixtures/cdk.ts builds constructs into a stack
// of its own, one app synthesizes them all with the pinned aws-cdk-lib, and the CLI engine lints the cloud assembly.
// The top-level constructs the rule flags must be exactly the fixture's `expect`, each with a construct path and line.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import { ALL_RULES } from '../rules';
import { lintPaths, LintResult } from '../lib/lint';
import type { CdkFixture } from './support/cdk-fixture';
import { testApp } from './support/test-app';

const root = path.join(__dirname, '..');
const cases = ALL_RULES.map((rule) => ({ rule, file: path.join(root, 'rules', rule.service, rule.slug, 'fixtures', 'cdk.ts') })).filter((c) => fs.existsSync(c.file));

let outdir: string;
let result: LintResult;

beforeAll(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'zonelint-rules-cdk-'));
  const app = testApp({ outdir });
  for (const { rule, file } of cases) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fixture = (require(file) as { default: CdkFixture }).default;
    fixture.build(new Stack(app, `${rule.id}Fixture`, fixture.stackProps));
  }
  app.synth();
  result = lintPaths([outdir]);
});

afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

test('every rule has a CDK fixture', () => {
  expect(cases.map((c) => c.rule.id)).toEqual(ALL_RULES.filter((r) => !r.liveOnly).map((r) => r.id));
});

test.each(cases.map((c) => [c.rule.id, c] as const))('%s on a CDK app', (id, { file }) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fixture = (require(file) as { default: CdkFixture }).default;
  const stackName = `${id}Fixture`;
  const findings = result.findings.filter((f) => f.ruleId === id && f.resource.stack === stackName && !f.suppressed);
  for (const f of findings) {
    expect(f.resource.constructPath).toMatch(new RegExp(`^${stackName}/`));
    expect(f.location?.line).toBeGreaterThan(0);
  }
  const flagged = [...new Set(findings.map((f) => f.resource.constructPath!.split('/')[1]))].sort();
  expect(flagged).toEqual([...fixture.expect].sort());
});
