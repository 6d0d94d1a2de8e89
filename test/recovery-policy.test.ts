// The recovery policy (ZL904): set in the config file, the CDK options or a template; it fails the CI gate where an
// estimate breaks it, naming the part that decides it; without a policy the rule is silent.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { App } from 'aws-cdk-lib';
import { resolveConfig } from '../lib/engine/config';
import { resolveCdkOptions } from '../lib/cdk/options';
import { lintPaths } from '../lib/lint';
import { parseDurationSeconds } from '../lib/util/duration';
import { ALL_RULES } from '../rules';
import { testApp } from './support/test-app';

const root = path.join(__dirname, '..');
const stores = path.join(root, 'test', 'fixtures', 'recovery', 'stores.yaml');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'zonelint-recovery-policy-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function check(args: string[]): { code: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, [path.join(root, 'bin', 'zonelint.js'), 'check', ...args], { encoding: 'utf8', cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    return { code: 0, stdout, stderr: '' };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, stdout: err.stdout, stderr: err.stderr };
  }
}

const zl904 = (rules = resolveConfig(ALL_RULES, {})) => rules.find((r) => r.rule.id === 'ZL904')!;

test('durations: s, m, h, d, combined; a bare number or a typo is not one', () => {
  expect(parseDurationSeconds('15m')).toBe(900);
  expect(parseDurationSeconds('1h')).toBe(3600);
  expect(parseDurationSeconds('1d12h')).toBe(129600);
  expect(parseDurationSeconds('0')).toBe(0);
  for (const bad of ['15', '15 minutes', 'h', '']) expect(parseDurationSeconds(bad)).toBeUndefined();
});

test('the config policy sets ZL904 options; a malformed policy names the config and the key', () => {
  expect(zl904().options).toEqual({ zoneRto: '', zoneRpo: '' });
  expect(zl904(resolveConfig(ALL_RULES, { policy: { zoneRto: '15m', zoneRpo: '1h' } })).options).toEqual({ zoneRto: '15m', zoneRpo: '1h' });
  // a rule's own options win over the policy
  expect(zl904(resolveConfig(ALL_RULES, { policy: { zoneRto: '15m' }, rules: { ZL904: { options: { zoneRto: '1h' } } } })).options.zoneRto).toBe('1h');
  expect(() => resolveConfig(ALL_RULES, { policy: { zoneRto: '15 minutes' } }, 'zonelint.config.json')).toThrow(/zonelint.config.json: policy: zoneRto must be a duration/);
  expect(() => resolveConfig(ALL_RULES, { policy: { rto: '15m' } as never })).toThrow(/policy: unknown key "rto"/);
  expect(() => resolveConfig(ALL_RULES, { policy: '15m' as never })).toThrow(/policy must be a mapping/);
});

test('the CDK plugin and aspect take the policy as an option, over the config', () => {
  const resolved = resolveCdkOptions({ config: { policy: { zoneRto: '1h' } }, policy: { zoneRto: '15m', zoneRpo: '1h' } }, 'ZonelintPlugin');
  expect(zl904(resolved.rules).options).toEqual({ zoneRto: '15m', zoneRpo: '1h' });
  expect(() => resolveCdkOptions({ policy: { zoneRpo: 'soon' } }, 'ZonelintPlugin')).toThrow(/ZonelintPlugin options: policy: zoneRpo must be a duration/);
});

test('without a policy ZL904 is silent; with one it reports what breaks it, naming what would bring it within', () => {
  expect(lintPaths([stores]).findings.filter((f) => f.ruleId === 'ZL904')).toEqual([]);
  const findings = lintPaths([stores], { config: { policy: { zoneRto: '15m', zoneRpo: '1h' } } }).findings.filter((f) => f.ruleId === 'ZL904');
  const by = new Map(findings.map((f) => [f.resource.logicalId, f]));
  // restored from a snapshot in over an hour (500 GiB), a day of data: both bounds broken
  expect(by.get('SnapshottedVolume')?.message).toMatch(/beyond the zone RTO; up to 24 hours of data lost, beyond the zone RPO/);
  expect(by.get('NoBackupsDb')?.message).toMatch(/data lost, beyond the zone RPO.*To come within the policy: MultiAZ: true/);
  expect(by.get('WriterOnly')?.message).toMatch(/back in 10–30 minutes, beyond the zone RTO.*add a reader in another zone/);
  // within the policy: Multi-AZ failover, a reader promoted; the instances of a cluster are judged with it
  for (const ok of ['MultiAzDb', 'WithReader', 'WithReaderWriter', 'WriterOnlyWriter']) expect(by.has(ok)).toBe(false);
  expect(findings.every((f) => f.severity === 'error')).toBe(true);
  // an RPO alone: only what loses more data than that
  const rpoOnly = lintPaths([stores], { config: { policy: { zoneRpo: '1h' } } }).findings.filter((f) => f.ruleId === 'ZL904').map((f) => f.resource.logicalId).sort();
  expect(rpoOnly).toEqual(['InvoiceVolume', 'NoBackupsDb', 'SnapshottedVolume']);
});

test('the policy fails a CI gate: `zonelint check --config` exits 1 on ZL904, 0 without the policy', () => {
  const config = path.join(work, 'zonelint.config.json');
  fs.writeFileSync(config, JSON.stringify({ policy: { zoneRto: '15m', zoneRpo: '1h' }, rules: { ZL301: 'off', ZL302: 'off', ZL303: 'off', ZL401: 'off' } }));
  const gated = check([stores, '--config', config, '--format', 'json']);
  expect(gated.code).toBe(1);
  const doc = JSON.parse(gated.stdout) as { findings: Array<{ ruleId: string; severity: string; suppressed: boolean }> };
  const errors = doc.findings.filter((f) => f.severity === 'error' && !f.suppressed);
  expect(errors.length).toBeGreaterThan(0);
  expect(new Set(errors.map((f) => f.ruleId))).toEqual(new Set(['ZL904']));
  const relaxed = path.join(work, 'relaxed.json');
  fs.writeFileSync(relaxed, JSON.stringify({ rules: { ZL301: 'off', ZL302: 'off', ZL303: 'off', ZL401: 'off' } }));
  expect(check([stores, '--config', relaxed]).code).toBe(0);
  const broken = path.join(work, 'broken.json');
  fs.writeFileSync(broken, JSON.stringify({ policy: { zoneRto: 'fast' } }));
  const bad = check([stores, '--config', broken]);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/policy: zoneRto must be a duration/);
});

test('on the demo: the legacy request path breaks a 15-minute policy, and the finding names the part that decides it', () => {
  const outdir = path.join(work, 'demo');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildDemo } = require(path.join(root, 'bin', 'demo', 'app.ts')) as { buildDemo: (app: App) => unknown };
  const context = JSON.parse(fs.readFileSync(path.join(root, 'cdk.json'), 'utf8')).context;
  const app = testApp({ outdir, context });
  buildDemo(app);
  app.synth();
  const findings = lintPaths([outdir], { config: { policy: { zoneRto: '15m', zoneRpo: '1h' } } }).findings.filter((f) => f.ruleId === 'ZL904');
  const path_ = findings.find((f) => f.resource.constructPath === 'OrdersLegacy/OrdersAlb/Resource' && /request path/.test(f.message));
  expect(path_?.message).toMatch(/The request path through OrdersLegacy\/OrdersAlb .* breaks the recovery policy \(zone RTO 15m, zone RPO 1h\) when us-east-1a fails: back in 1–24 hours, beyond the zone RTO/);
  expect(path_?.related.map((r) => r.role)).toEqual(['decides the recovery']);
  expect(findings.some((f) => f.resource.constructPath === 'OrdersLegacy/InvoiceArchive/InvoiceVolume/Resource')).toBe(true);
  // the resilient twin keeps to the policy, except what is zonal by design and rebuilt by hand (its per-zone NAT gateways)
  const prod = findings.filter((f) => f.resource.stack !== 'OrdersLegacy' && !f.resource.constructPath?.includes('OrdersLegacy'));
  expect(prod.map((f) => f.resource.type).filter((t) => t !== 'AWS::EC2::NatGateway')).toEqual([]);
});
