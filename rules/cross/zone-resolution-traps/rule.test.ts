// ZL902's two-zone check on stacks synthesized with the pinned aws-cdk-lib: CDK gives ec2.Vpc two zones whenever the
// stack lacks a concrete account or region; an explicit maxAzs recorded in the assembly (construct property metadata,
// @aws-cdk/core:enableAdditionalMetadataCollection) is the author's choice. The CLI (whole assembly), the validation
// plugin's loader (templates only, metadata file read on demand) and the aspect (the construct tree) agree.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { renderApp } from '../../../lib/cdk/aspect';
import type { Finding } from '../../../lib/engine/finding';
import { lintLoaded, lintPaths } from '../../../lib/lint';
import { loadAssemblyTemplates } from '../../../lib/load/assembly';
import { testApp } from '../../../test/support/test-app';
import rule from './rule';

const FLAG = '@aws-cdk/core:enableAdditionalMetadataCollection';
const subnetConfiguration = [{ name: 'app', subnetType: ec2.SubnetType.PUBLIC }];

let outdir: string;
let app: ReturnType<typeof testApp>;

beforeAll(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'zl902-'));
  app = testApp({
    outdir,
    context: {
      'availability-zones:account=123456789012:region=us-east-1': ['us-east-1a', 'us-east-1b', 'us-east-1c'],
      'aws:cdk:enable-path-metadata': true, // as the CDK CLI sets it: templates name their construct paths
    },
  });
  const stack = (id: string, props: StackProps, flag: boolean, vpc: ec2.VpcProps) => {
    const s = new Stack(app, id, props);
    s.node.setContext(FLAG, flag);
    new ec2.Vpc(s, 'Vpc', { natGateways: 0, subnetConfiguration, ...vpc });
  };
  const region = { env: { region: 'us-east-1' } };
  stack('AgnosticDefault', {}, true, {}); // default maxAzs (3), cut to two: reported
  stack('AgnosticMaxAzs2', {}, true, { maxAzs: 2 }); // the author's choice, recorded: silent
  stack('AgnosticUnrecorded', {}, false, { maxAzs: 2 }); // nothing recorded: cannot tell, reported as before
  stack('RegionOnlyDefault', region, true, {}); // a region but no account: two zones too
  stack('RegionOnlyMaxAzs2', region, true, { maxAzs: 2 });
  stack('AccountOnlyDefault', { env: { account: '123456789012' } }, true, {});
  stack('FullEnv', { env: { account: '123456789012', region: 'us-east-1' } }, true, {}); // three real zones: silent
  app.synth();
});

afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

const summary = (findings: readonly Finding[]) =>
  findings
    .filter((f) => f.ruleId === 'ZL902')
    .map((f) => `${f.resource.stack} ${f.resource.constructPath}: ${f.message.replace(/, so CDK.*/, '')}`)
    .sort();

const EXPECTED = [
  'AccountOnlyDefault AccountOnlyDefault/Vpc/Resource: Stack AccountOnlyDefault has an account but no region',
  'AgnosticDefault AgnosticDefault/Vpc/Resource: Stack AgnosticDefault is environment-agnostic (no account/region)',
  'AgnosticUnrecorded AgnosticUnrecorded/Vpc/Resource: Stack AgnosticUnrecorded is environment-agnostic (no account/region)',
  'RegionOnlyDefault RegionOnlyDefault/Vpc/Resource: Stack RegionOnlyDefault has a region (us-east-1) but no account',
];

test('the CLI reads the assembly: stacks without account or region, unless maxAzs is recorded', () => {
  expect(summary(lintPaths([outdir], { rules: [rule] }).findings)).toEqual(EXPECTED);
});

test('the region-only finding says the account is missing and how to add it', () => {
  const f = lintPaths([outdir], { rules: [rule] }).findings.find((x) => x.resource.stack === 'RegionOnlyDefault')!;
  expect(f.severity).toBe('info');
  expect(f.message).toContain('has a region (us-east-1) but no account, so CDK cannot look up the region\'s zones and uses only two');
  expect(f.fix).toContain("add the account to the stack's env ({ account, region: 'us-east-1' })");
});

test('the validation plugin sees only templates and reads the metadata file on demand: same findings', () => {
  const templates = fs.readdirSync(outdir).filter((f) => f.endsWith('.template.json')).map((f) => path.join(outdir, f));
  expect(summary(lintLoaded(loadAssemblyTemplates(templates), { rules: [rule] }).findings)).toEqual(EXPECTED);
});

test('the plugin reads a metadata file when the rule asks, not when it loads', () => {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'zl902-copy-'));
  try {
    fs.cpSync(outdir, copy, { recursive: true });
    const load = loadAssemblyTemplates([path.join(copy, 'AgnosticMaxAzs2.template.json')]);
    expect(summary(lintLoaded(load, { rules: [rule] }).findings)).toEqual([]);
    const later = loadAssemblyTemplates([path.join(copy, 'AgnosticMaxAzs2.template.json')]);
    fs.rmSync(path.join(copy, 'AgnosticMaxAzs2.metadata.json')); // gone after loading: nothing recorded, reported
    expect(summary(lintLoaded(later, { rules: [rule] }).findings)).toEqual(['AgnosticMaxAzs2 AgnosticMaxAzs2/Vpc/Resource: Stack AgnosticMaxAzs2 is environment-agnostic (no account/region)']);
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
});

test('the aspect reads the construct tree: same findings', () => {
  expect(summary(lintLoaded(renderApp(app).load, { rules: [rule] }).findings)).toEqual(EXPECTED);
});
