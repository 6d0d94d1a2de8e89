// `zonelint scan` when AWS misbehaves, through the wire-protocol server on 127.0.0.1: a service that never answers,
// answers 500 (as AWS, and as an emulator's unimplemented call), throttles or denies; no credentials; a profile that
// does not exist; a region that does not exist. Each ends with an exit code and one clear line, in bounded time: the
// bounds below are generous (the limits under test are small --timeout / --service-timeout values).
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { isolateAwsEnv, runCli, tmpDir } from './helpers';
import { ACCESS_KEY, ACCOUNT, world2011 } from './server/account2011';
import { FakeAwsServer, ServerOptions, startFakeAws } from './server/server';
import { READ_OPERATIONS } from '../../lib/live/operations';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const root = path.join(__dirname, '..', '..');
const SCOPE = `${ACCOUNT}/us-east-1`;
let restore: () => void;

beforeAll(() => {
  restore = isolateAwsEnv();
});
afterAll(() => restore());

async function withServer<T>(options: ServerOptions, fn: (server: FakeAwsServer) => Promise<T>): Promise<T> {
  const server = await startFakeAws(world2011(new Date()), options);
  try {
    return await fn(server);
  } finally {
    await server.close();
  }
}

/** Runs a scan against the server; returns the run, its wall time and the last stderr line. */
async function scanAgainst(server: FakeAwsServer, extra: string[] = []) {
  const started = Date.now();
  const run = await runCli(['scan', '--region', 'us-east-1', '--endpoint-url', server.url, '--format', 'json', ...extra]);
  return { ...run, ms: Date.now() - started, last: run.stderr.trim().split('\n').pop() ?? '' };
}

const gapsOf = (report: Json) => report.blastRadius.live.scopes[0].gaps as Json[];

test('a service that never answers is cut off at its deadline, recorded not covered, and the scan goes on', async () => {
  await withServer({ hang: ['elasticache'] }, async (server) => {
    const r = await scanAgainst(server, ['--service-timeout', '2s']);
    expect(r.ms).toBeLessThan(30_000);
    expect(r.code).toBe(1); // the rest of the account was read: its findings decide
    const report = JSON.parse(r.stdout);
    expect(gapsOf(report)).toEqual(
      ['DescribeReplicationGroups', 'DescribeCacheClusters'].map((operation) => expect.objectContaining({ service: 'elasticache', operation, kind: 'timeout', message: 'elasticache did not finish within the 2s deadline per service' })),
    );
    expect(report.findings.some((f: Json) => f.ruleId === 'ZL301')).toBe(true);
    expect(r.last).toBe(`zonelint: partial scan: not covered: ${SCOPE} elasticache:DescribeReplicationGroups, ${SCOPE} elasticache:DescribeCacheClusters`);
  });
}, 60_000);

test('a service whose hung calls hold every request slot delays the others but does not cost them their deadline', async () => {
  await withServer({ hang: ['rds'] }, async (server) => {
    // RDS sends four calls at once: with --concurrency 4 they hold every slot of the scope until RDS's deadline
    const r = await scanAgainst(server, ['--service-timeout', '2s', '--concurrency', '4']);
    expect(r.ms).toBeLessThan(30_000);
    const gaps = gapsOf(JSON.parse(r.stdout));
    expect(new Set(gaps.map((g) => `${g.service} ${g.kind}`))).toEqual(new Set(['rds timeout']));
  });
}, 60_000);

test('the overall --timeout stops everything still running and reports what was read', async () => {
  await withServer({ hang: ['rds', 'elasticache'] }, async (server) => {
    const r = await scanAgainst(server, ['--timeout', '3s', '--concurrency', '16']); // enough slots: the hung calls block no other
    expect(r.ms).toBeLessThan(30_000);
    const gaps = gapsOf(JSON.parse(r.stdout));
    expect(gaps.every((g) => g.kind === 'timeout' && g.message === 'the scan did not finish within --timeout 3s')).toBe(true);
    expect(new Set(gaps.map((g) => g.service))).toEqual(new Set(['rds', 'elasticache']));
    expect(r.code).toBe(1);
  });
}, 60_000);

test('STS never answering: exit 2, one line, bounded', async () => {
  await withServer({ hang: ['sts'] }, async (server) => {
    const r = await scanAgainst(server, ['--service-timeout', '2s']);
    expect(r.ms).toBeLessThan(30_000);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.last).toBe('zonelint: cannot read the caller identity: sts did not finish within the 2s deadline per service (sts:GetCallerIdentity)');
  });
}, 60_000);

test('every service but STS answering 500: no verdict, exit 2', async () => {
  // every service a collector reads (the wire server names Classic ELB's calls `elb`)
  const services = [...Object.keys(READ_OPERATIONS).filter((s) => s !== 'sts' && s !== 'organizations'), 'elb'];
  const always = Object.fromEntries(services.map((s) => [s, 'always' as const]));
  await withServer({ fail: always }, async (server) => {
    const r = await scanAgainst(server, ['--timeout', '60s']);
    expect(r.ms).toBeLessThan(60_000);
    expect(r.code).toBe(2);
    expect(r.last).toMatch(new RegExp(`^zonelint: no service could be read in ${SCOPE} \\(InternalError: We encountered an internal error\\. Please try again\\.\\): no verdict \\(exit 2\\)$`));
    expect(JSON.parse(r.stdout).summary.resources).toBe(0);
  });
}, 90_000);

test('an unimplemented call answering HTTP 500 with an HTML page reads "HTTP 500 from <endpoint>"', async () => {
  await withServer({ unimplemented: ['dlm'] }, async (server) => {
    const r = await scanAgainst(server);
    const gap = gapsOf(JSON.parse(r.stdout)).find((g) => g.service === 'dlm');
    expect(gap?.message).toBe(`HTTP 500 from ${server.url}/policies (a body that is not the service's XML or JSON)`);
    expect(r.stderr).not.toMatch(/SyntaxError|\$response/);
  });
}, 60_000);

test('throttling: retried with backoff until answered; a service that keeps throttling is not covered', async () => {
  await withServer({ throttle: { 'ec2:DescribeVolumes': 2, autoscaling: 1000 } }, async (server) => {
    const r = await scanAgainst(server);
    expect(r.ms).toBeLessThan(60_000);
    const report = JSON.parse(r.stdout);
    const gaps = gapsOf(report);
    expect(gaps.map((g) => `${g.service}:${g.operation} ${g.kind} ${g.code}`)).toEqual(['autoscaling:DescribeAutoScalingGroups failed Throttling']);
    expect(report.findings.some((f: Json) => f.ruleId === 'ZL405' && f.resource.logicalId === 'vol-0data')).toBe(true); // volumes were read in the end
    expect(r.stderr).toMatch(/scan finished: \d+ API calls, [1-9]\d* throttled/);
    expect(r.last).toBe(`zonelint: partial scan: not covered: ${SCOPE} autoscaling:DescribeAutoScalingGroups`);
  });
}, 90_000);

test('Backup and DLM denied: ZL401 says "unknown" (info), never "the data is gone"; the recovery list says not readable', async () => {
  await withServer({ deny: ['backup', 'dlm'] }, async (server) => {
    const r = await scanAgainst(server);
    const report = JSON.parse(r.stdout);
    const zl401 = report.findings.filter((f: Json) => f.ruleId === 'ZL401');
    expect(zl401.length).toBeGreaterThan(0);
    for (const f of zl401) {
      expect(f.severity).toBe('info');
      expect(f.message).toContain('unknown: Backup/DLM not readable');
      expect(f.message).not.toContain('the data is gone');
    }
    // ZL405 cannot conclude "no backup" either; the per-zone list moves those volumes to "recovery not known"
    expect(report.findings.filter((f: Json) => f.ruleId === 'ZL405')).toEqual([]);
    const az6 = report.blastRadius.live.zones.find((z: Json) => z.zoneId === 'use1-az6');
    expect(az6.unrestorable.filter((u: Json) => u.kind === 'volume')).toEqual([]);
    expect(az6.recoveryUnknown.map((u: Json) => `${u.label}: ${u.reason}`)).toContain('vol-0data: unknown: backup:ListProtectedResources not readable');
    expect(r.code).toBe(1);
  });
}, 60_000);

test('no credentials: exit 2, one line', async () => {
  await withServer({}, async (server) => {
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    try {
      const r = await scanAgainst(server, ['--timeout', '30s']);
      expect(r.ms).toBeLessThan(30_000);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.last).toMatch(/^zonelint: no AWS credentials found \(environment, shared config\/credentials files, SSO, container or instance role\)/);
      expect(r.stderr.trim().split('\n')).toEqual([r.last]);
    } finally {
      process.env.AWS_ACCESS_KEY_ID = saved.id;
      process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    }
  });
}, 60_000);

test('a profile that does not exist is named in the one error line', async () => {
  await withServer({}, async (server) => {
    fs.writeFileSync(process.env.AWS_CONFIG_FILE!, '[profile audit]\nregion = us-east-1\n');
    try {
      const r = await scanAgainst(server, ['--profile', 'nope']);
      expect(r.ms).toBeLessThan(30_000);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.last).toBe(`zonelint: profile "nope" is not in ${process.env.AWS_CONFIG_FILE} or ${process.env.AWS_SHARED_CREDENTIALS_FILE} (profiles there: audit)`);
    } finally {
      fs.rmSync(process.env.AWS_CONFIG_FILE!, { force: true });
    }
  });
}, 60_000);

test('a region that does not exist: no verdict, exit 2, one line naming it', async () => {
  await withServer({}, async (server) => {
    const started = Date.now();
    const r = await runCli(['scan', '--region', 'us-east-9', '--endpoint-url', server.url, '--format', 'json']);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n').pop()).toBe(
      `zonelint: no service could be read in ${ACCOUNT}/us-east-9 (the region has no availability zones: not an AWS region, or not one this endpoint serves): no verdict (exit 2)`,
    );
  });
}, 60_000);

test('zones come from the subnets when DescribeAvailabilityZones fails: keyed by AZ id, each zone once', async () => {
  await withServer({ fail: { 'ec2:DescribeAvailabilityZones': 'always' } }, async (server) => {
    const r = await scanAgainst(server);
    const live = JSON.parse(r.stdout).blastRadius.live;
    const zones = live.zones.map((z: Json) => z.zone);
    expect(zones).toEqual(expect.arrayContaining(['use1-az6 (us-east-1a)', 'use1-az1 (us-east-1b)']));
    expect(zones.filter((z: string) => /^us-east-1/.test(z))).toEqual([]); // never by name beside the id
    expect(new Set(live.zones.map((z: Json) => z.zoneId)).size).toBe(live.zones.length);
  });
}, 60_000);

test('Ctrl-C prints what was collected so far and exits 130 with one line', async () => {
  await withServer({ hang: ['elasticache'] }, async (server) => {
    const dir = tmpDir();
    try {
      const child = spawn(process.execPath, [path.join(root, 'bin', 'zonelint.js'), 'scan', '--region', 'us-east-1', '--endpoint-url', server.url, '--format', 'json'], {
        env: { ...process.env, AWS_ACCESS_KEY_ID: ACCESS_KEY },
        cwd: dir,
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c) => (stdout += c));
      const interrupted = new Promise<void>((resolve) =>
        child.stderr.on('data', (c) => {
          stderr += c;
          if (/rds done/.test(stderr)) resolve();
        }),
      );
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      await interrupted;
      const started = Date.now();
      child.kill('SIGINT');
      const code = await exited;
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(code).toBe(130);
      const report = JSON.parse(stdout);
      expect(report.findings.some((f: Json) => f.ruleId === 'ZL301')).toBe(true); // RDS was read before Ctrl-C
      expect(gapsOf(report)).toEqual(expect.arrayContaining([expect.objectContaining({ service: 'elasticache', kind: 'interrupted' })]));
      expect(stderr.trim().split('\n').pop()).toBe('zonelint: interrupted (Ctrl-C): the report above covers what was read before (exit 130)');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}, 60_000);
