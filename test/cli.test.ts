// Basic CLI behaviour: exit codes 0/1/2, --fail-on, --config, text and JSON output grouped by stack. In-process through
// the same main() the bundle runs; a few cases also through the real `node bin/zonelint.js` process.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { expectOneLineError, runCli, runInProcess } from './support/cli';

// An RDS instance without Multi-AZ (ZL301, error) and with CloudFormation's default UpdateReplacePolicy (ZL404, warning).
const SINGLE_AZ_DB = `Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.m6g.large
      AllocatedStorage: '100'
      MasterUsername: admin
      BackupRetentionPeriod: 7
`;
// Multi-AZ, but backups kept 3 days (ZL302, warning) and the default UpdateReplacePolicy (ZL404, warning): no error.
const WARNINGS_ONLY = `Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.m6g.large
      AllocatedStorage: '100'
      MasterUsername: admin
      MultiAZ: true
      BackupRetentionPeriod: 3
`;
const CLEAN = `{
  "Resources": {
    "Bucket": { "Type": "AWS::S3::Bucket", "Properties": { "VersioningConfiguration": { "Status": "Enabled" } } }
  }
}
`;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zonelint-cli-'));
  fs.writeFileSync(path.join(dir, 'single.yaml'), SINGLE_AZ_DB);
  fs.writeFileSync(path.join(dir, 'warn.yaml'), WARNINGS_ONLY);
  fs.writeFileSync(path.join(dir, 'clean.json'), CLEAN);
  fs.writeFileSync(path.join(dir, 'off.json'), JSON.stringify({ rules: { ZL301: 'off', ZL404: 'off' } }));
  fs.writeFileSync(path.join(dir, 'strict.yaml'), 'options:\n  minBackupRetentionDays: 14\nrules:\n  ZL301: warning\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const check = (...args: string[]) => runInProcess(['check', '--no-color', ...args], { cwd: dir });

describe('exit codes', () => {
  test('0 when nothing is found', () => {
    const r = check('clean.json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/✔ no findings in 1 stack, 1 resource/);
  });

  test('1 when an error-level finding remains (default --fail-on error)', () => {
    const r = check('single.yaml');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/single\.yaml:\d+:\d+ +error +ZL301 /);
    expect(r.stdout).toMatch(/✖ 2 findings \(1 error, 1 warning, 0 info\) in 1 stack, 1 resource/);
  });

  test('warnings alone pass by default, fail with --fail-on warning, and --fail-on none never fails', () => {
    expect(check('warn.yaml').code).toBe(0);
    expect(check('warn.yaml', '--fail-on', 'warning').code).toBe(1);
    expect(check('warn.yaml', '--fail-on', 'info').code).toBe(1);
    expect(check('single.yaml', '--fail-on', 'none').code).toBe(0);
    expect(check('clean.json', '--fail-on', 'info').code).toBe(0);
  });

  test('2 on usage errors, one line each', () => {
    expectOneLineError(check('single.yaml', '--fail-on', 'sometimes'), "option '--fail-on", /sometimes.*error, warning, info, none/);
    expectOneLineError(runInProcess(['check']), "missing required argument 'inputs'", /usage/);
    expectOneLineError(runInProcess(['lint', 'x']), "unknown command 'lint'", /usage/);
  });
});

describe('--config', () => {
  test('rules turned off in a config file no longer fail the build', () => {
    const r = check('single.yaml', '--config', 'off.json');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/ZL301|ZL404/);
  });

  test('severity override and a global option (YAML config)', () => {
    // ZL301 lowered to a warning: the single-AZ database no longer fails the default gate
    const single = check('single.yaml', '--config', 'strict.yaml', '--format', 'json');
    expect(single.code).toBe(0);
    const zl301 = JSON.parse(single.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === 'ZL301');
    expect(zl301.map((f: { severity: string }) => f.severity)).toEqual(['warning']);
    expect(check('single.yaml', '--config', 'strict.yaml', '--fail-on', 'warning').code).toBe(1);
    // minBackupRetentionDays 14 applies to ZL302: BackupRetentionPeriod 7 is now below the minimum
    const zl302 = JSON.parse(single.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === 'ZL302');
    expect(zl302).toHaveLength(1);
    expect(zl302[0].message).toMatch(/\b14\b/); // the configured minimum, not the default 7
    expect(JSON.parse(check('single.yaml', '--format', 'json').stdout).findings.some((f: { ruleId: string }) => f.ruleId === 'ZL302')).toBe(false);
  });

  test('a config file in the working directory is picked up without --config', () => {
    const sub = fs.mkdtempSync(path.join(dir, 'cwd-'));
    fs.copyFileSync(path.join(dir, 'single.yaml'), path.join(sub, 'single.yaml'));
    fs.writeFileSync(path.join(sub, 'zonelint.config.json'), JSON.stringify({ rules: { ZL301: 'off', ZL404: 'off' } }));
    expect(runInProcess(['check', 'single.yaml'], { cwd: sub }).code).toBe(0);
    fs.rmSync(path.join(sub, 'zonelint.config.json'));
    expect(runInProcess(['check', 'single.yaml'], { cwd: sub }).code).toBe(1);
  });

  test('a missing config file is an input error naming it', () => {
    expectOneLineError(check('single.yaml', '--config', 'nope.json'), 'nope.json', /config file not found/);
  });
});

describe('output', () => {
  test('text: findings grouped under their stack, in input order, then one summary line', () => {
    const r = check('warn.yaml', 'single.yaml', 'clean.json');
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    const header = (name: string) => lines.indexOf(name);
    const single = header('single.yaml');
    const warn = header('warn.yaml');
    expect(single).toBeGreaterThanOrEqual(0);
    expect(warn).toBeGreaterThanOrEqual(0);
    expect(warn).toBeLessThan(single); // the order the inputs were given in
    expect(lines).not.toContain('clean.json'); // a stack without findings gets no group
    const group = (start: number) => lines.slice(start + 1, lines.indexOf('', start));
    expect(group(warn).length).toBe(2);
    for (const l of group(warn)) expect(l).toMatch(/^ {2}warn\.yaml:\d+:\d+ +warning +ZL30[0-9]|^ {2}warn\.yaml:\d+:\d+ +warning +ZL404/);
    for (const l of group(single)) expect(l).toMatch(/^ {2}single\.yaml:\d+:\d+ /);
    expect(lines.filter((l) => l !== '').pop()).toBe('✖ 4 findings (1 error, 3 warnings, 0 info) in 3 stacks, 3 resources');
  });

  test('json: one document whose findings, locations and summary agree', () => {
    const r = check('warn.yaml', 'single.yaml', 'clean.json', '--format', 'json');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.schemaVersion).toBe(3);
    expect(doc.tool.name).toBe('zonelint');
    expect(doc.summary).toMatchObject({ findings: 4, errors: 1, warnings: 3, stacks: 3, resources: 3 });
    const zl301 = doc.findings.find((f: { ruleId: string }) => f.ruleId === 'ZL301');
    expect(zl301.resource).toMatchObject({ stack: 'single.yaml', logicalId: 'Db', type: 'AWS::RDS::DBInstance' });
    // MultiAZ is not set: the finding points at the Properties of the instance (line 4 of single.yaml)
    expect(zl301.location).toMatchObject({ file: 'single.yaml', line: 4, column: 5, path: 'Resources.Db.Properties.MultiAZ' });
    expect(doc.findings.map((f: { resource: { stack: string } }) => f.resource.stack)).toEqual(['warn.yaml', 'warn.yaml', 'single.yaml', 'single.yaml']);
  });

  test('--output writes the report to a file and leaves stdout empty', () => {
    const out = path.join(dir, 'out', 'report.json');
    const r = check('single.yaml', '--format', 'json', '--output', out);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).summary.errors).toBe(1);
  });
});

describe('the real command (node bin/zonelint.js)', () => {
  test('exit codes 0, 1 and 2 and the streams they use', () => {
    const ok = runCli(['check', 'clean.json'], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(ok.stderr).toBe('');
    const findings = runCli(['check', 'single.yaml', '--format', 'json'], { cwd: dir });
    expect(findings.code).toBe(1);
    expect(JSON.parse(findings.stdout).summary.errors).toBe(1);
    expect(findings.stderr).toBe('');
    expectOneLineError(runCli(['check', 'single.yaml', '--frobnicate'], { cwd: dir }), "unknown option '--frobnicate'", /usage/);
    expect(runCli(['check', 'warn.yaml', '--fail-on', 'warning'], { cwd: dir }).code).toBe(1);
  });

  test('`rules` lists the catalog and --version prints the version', () => {
    const rules = runCli(['rules']);
    expect(rules.code).toBe(0);
    expect(rules.stdout).toMatch(/^ZL301 +error +/m);
    const version = runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('startup: `check` never loads aws-cdk-lib, constructs, cdk-nag or the AWS SDK', () => {
  // A preload that records every module file the process loads, written at exit.
  const TRACE = `const fs = require('fs');
const seen = new Set();
const Module = require('module');
const load = Module._load;
Module._load = function (request, parent, isMain) {
  try { seen.add(Module._resolveFilename(request, parent, isMain)); } catch {}
  return load.apply(this, arguments);
};
process.on('exit', () => fs.writeFileSync(process.env.ZONELINT_TRACE_FILE, JSON.stringify([...seen])));
`;
  const heavy = /node_modules[\\/](aws-cdk-lib|constructs|cdk-nag|@aws-sdk|@smithy)[\\/]/;

  /** The module files a real CLI process loads. */
  const traced = (name: string, args: string[]): string[] => {
    const preload = path.join(dir, 'trace.cjs');
    fs.writeFileSync(preload, TRACE);
    const traceFile = path.join(dir, `trace-${name.replace(/\W+/g, '-')}.json`);
    const cli = path.join(__dirname, '..', 'bin', 'zonelint.js');
    const { spawnSync } = require('child_process') as typeof import('child_process');
    const r = spawnSync(process.execPath, ['-r', preload, cli, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, ZONELINT_TRACE_FILE: traceFile } });
    expect([0, 1, 2]).toContain(r.status);
    const loaded = JSON.parse(fs.readFileSync(traceFile, 'utf8')) as string[];
    expect(loaded.some((m) => m.endsWith(path.join('dist', 'cli.js')))).toBe(true); // the trace works
    return loaded;
  };

  test.each([
    ['check (findings)', ['check', 'single.yaml', '--format', 'json']],
    ['check (bad input)', ['check', 'nope.yaml']],
    ['rules', ['rules']],
  ])('%s', (name, args) => {
    expect(traced(name, args).filter((m) => heavy.test(m))).toEqual([]);
  });

  test('yaml and jsonc-parser are loaded only when needed: a YAML input, a JSON syntax error', () => {
    const lib = (loaded: string[]) => loaded.map((m) => /node_modules[\\/](yaml|jsonc-parser)[\\/]/.exec(m)?.[1]).filter(Boolean);
    fs.writeFileSync(path.join(dir, 'broken.json'), '{"Resources": ');
    expect(new Set(lib(traced('json', ['check', 'clean.json'])))).toEqual(new Set());
    expect(new Set(lib(traced('yaml', ['check', 'single.yaml'])))).toEqual(new Set(['yaml']));
    expect(new Set(lib(traced('broken', ['check', 'broken.json'])))).toEqual(new Set(['jsonc-parser']));
  });

  test('the bundle has no top-level require of aws-cdk-lib', () => {
    const bundle = fs.readFileSync(path.join(__dirname, '..', 'dist', 'cli.js'), 'utf8');
    expect(bundle).not.toMatch(/require\(["']aws-cdk-lib/);
    expect(bundle).not.toMatch(/require\(["']constructs["']\)/);
  });
});
