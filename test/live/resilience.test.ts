// Never a storm, never a crash: throttling answered with adaptive retry and recovered, AccessDenied and persistent 5xx
// reported as not covered (partial results, marked in text and JSON) while the scan goes on, --strict-coverage exit 2;
// standard endpoint and credential configuration (AWS_ENDPOINT_URL[_<SERVICE>], AWS_REGION, --profile).
import * as fs from 'fs';
import * as path from 'path';
import { isolateAwsEnv, runCli, tmpDir } from './helpers';
import { ACCESS_KEY, ACCOUNT, world2011 } from './server/account2011';
import { FakeAwsServer, startFakeAws } from './server/server';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let restore: () => void;
let dir: string;
beforeEach(() => {
  restore = isolateAwsEnv();
  dir = tmpDir();
});
afterEach(() => {
  restore();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function withServer<T>(options: Parameters<typeof startFakeAws>[1], fn: (s: FakeAwsServer) => Promise<T>): Promise<T> {
  const s = await startFakeAws(world2011(new Date()), options);
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

const ops = (s: FakeAwsServer, op: string) => s.log.filter((l) => `${l.service}:${l.operation}` === op);

test('throttling (EC2 RequestLimitExceeded, awsQuery Throttling, REST 429) is retried with backoff and recovers fully', async () => {
  await withServer({ throttle: { 'ec2:DescribeVolumes': 2, 'rds:DescribeDBInstances': 2, 'lambda:ListFunctions': 1 } }, async (s) => {
    const r = await runCli(['scan', '--region', 'us-east-1', '--endpoint-url', s.url, '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.blastRadius.live.scopes[0]).toMatchObject({ complete: true, gaps: [] });
    expect(ops(s, 'ec2:DescribeVolumes').map((l) => l.code ?? l.status)).toEqual(['RequestLimitExceeded', 'RequestLimitExceeded', 200]);
    expect(ops(s, 'rds:DescribeDBInstances').map((l) => l.code ?? l.status)).toEqual(['Throttling', 'Throttling', 200]);
    expect(ops(s, 'lambda:ListFunctions').map((l) => l.code ?? l.status)).toEqual(['ThrottlingException', 200]);
    expect(r.stderr).toMatch(/scan finished: \d+ API calls, 5 throttled/);
    expect(report.findings.some((f: Json) => f.ruleId === 'ZL405' && f.resource.logicalId === 'vol-0data')).toBe(true);
  });
});

test('AccessDenied on one service: not covered, clearly marked, the rest of the scan goes on; --strict-coverage exits 2', async () => {
  await withServer({ deny: ['elasticache:DescribeReplicationGroups'] }, async (s) => {
    const text = path.join(dir, 'report.txt');
    const r = await runCli(['scan', '--region', 'us-east-1', '--endpoint-url', s.url, '--format', 'json', '--format', `text=${text}`]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.blastRadius.live.scopes[0]).toMatchObject({
      complete: false,
      gaps: [{ service: 'elasticache', operation: 'DescribeReplicationGroups', kind: 'denied', code: 'AccessDenied', message: expect.stringContaining('not authorized') }],
    });
    expect(ops(s, 'elasticache:DescribeReplicationGroups')).toHaveLength(1); // access denied is not retried
    expect(report.findings.some((f: Json) => f.ruleId === 'ZL501')).toBe(false);
    expect(report.findings.some((f: Json) => f.ruleId === 'ZL301' && f.resource.logicalId === 'db:orders')).toBe(true);
    expect(report.notes).toContain(`not covered: ${ACCOUNT}/us-east-1 elasticache DescribeReplicationGroups: AccessDenied: User: arn:aws:iam::${ACCOUNT}:user/auditor is not authorized to perform: elasticache:DescribeReplicationGroups`);
    expect(fs.readFileSync(text, 'utf8')).toContain(`${ACCOUNT}/us-east-1: PARTIAL — not covered: elasticache:DescribeReplicationGroups (access denied: AccessDenied`);
    expect(r.stderr).toContain(`zonelint: partial scan: not covered: ${ACCOUNT}/us-east-1 elasticache:DescribeReplicationGroups`);
    expect(r.stderr).toContain(`zonelint: ${ACCOUNT}/us-east-1: elasticache NOT COVERED: DescribeReplicationGroups access denied (AccessDenied)`);

    const strict = await runCli(['scan', '--region', 'us-east-1', '--endpoint-url', s.url, '--strict-coverage', '--format', 'json']);
    expect(strict.code).toBe(2);
    expect(strict.stderr.trim().split('\n').pop()).toBe('zonelint: --strict-coverage: the scan did not cover everything (exit 2)');
  });
});

test('5xx: a transient one recovers; one that persists through every retry is not covered, and absence is not concluded from it', async () => {
  await withServer({ fail: { 'ec2:DescribeInstances': 1, 'backup:ListProtectedResources': 'always' } }, async (s) => {
    const r = await runCli(['scan', '--region', 'us-east-1', '--endpoint-url', s.url, '--format', 'json']);
    const report = JSON.parse(r.stdout);
    expect(ops(s, 'ec2:DescribeInstances').map((l) => l.status)).toEqual([500, 200]);
    expect(ops(s, 'backup:ListProtectedResources').map((l) => l.status)).toEqual([500, 500, 500, 500, 500, 500]); // maxAttempts 6
    expect(report.blastRadius.live.scopes[0].gaps).toEqual([{ service: 'backup', operation: 'ListProtectedResources', kind: 'failed', code: 'ServiceException', message: expect.stringContaining('internal error') }]);
    expect(report.blastRadius.live.zones.find((z: Json) => z.zoneId === 'use1-az6').down.instances).toBe(4); // the fifth runs on, without egress
    // Without AWS Backup data, "no recovery point" cannot be known: ZL405 and ZL306 stay silent.
    expect(report.findings.filter((f: Json) => f.ruleId === 'ZL405' || f.ruleId === 'ZL306')).toEqual([]);
  });
});

test('AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> are honoured (the SDK resolves them), with AWS_REGION as the region', async () => {
  await withServer({}, async (a) =>
    withServer({}, async (b) => {
      process.env.AWS_ENDPOINT_URL = a.url;
      process.env.AWS_ENDPOINT_URL_EC2 = b.url;
      process.env.AWS_REGION = 'us-east-1';
      const r = await runCli(['scan', '--format', 'json']);
      expect(r.code).toBe(1);
      expect(new Set(b.log.map((l) => l.service))).toEqual(new Set(['ec2']));
      expect(a.log.some((l) => l.service === 'ec2')).toBe(false);
      expect(a.log.some((l) => l.service === 'rds')).toBe(true);
      expect(JSON.parse(r.stdout).stacks.map((x: Json) => x.name)).toEqual([`${ACCOUNT}/us-east-1`]);
    }),
  );
});

test('--profile reads credentials and region from the shared files, like every AWS tool', async () => {
  await withServer({}, async (s) => {
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    fs.writeFileSync(process.env.AWS_CONFIG_FILE!, '[profile audit]\nregion = us-east-1\n');
    fs.writeFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE!, `[audit]\naws_access_key_id = ${ACCESS_KEY}\naws_secret_access_key = from-profile\n`);
    const r = await runCli(['scan', '--profile', 'audit', '--endpoint-url', s.url, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(s.log.every((l) => l.accessKeyId === ACCESS_KEY && l.region === 'us-east-1')).toBe(true);
    const missing = await runCli(['scan', '--profile', 'nobody', '--region', 'us-east-1', '--endpoint-url', s.url]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n').pop()).toBe(`zonelint: profile "nobody" is not in ${process.env.AWS_CONFIG_FILE} or ${process.env.AWS_SHARED_CREDENTIALS_FILE} (profiles there: audit)`);
  });
});

test('several regions are scanned, each its own stack; an empty region is covered and harmless', async () => {
  await withServer({}, async (s) => {
    const r = await runCli(['scan', '--region', 'us-east-1,us-west-2', '--endpoint-url', s.url, '--format', 'json']);
    const report = JSON.parse(r.stdout);
    expect(report.stacks.map((x: Json) => x.name)).toEqual([`${ACCOUNT}/us-east-1`, `${ACCOUNT}/us-west-2`]);
    expect(report.blastRadius.live.scopes.map((x: Json) => [x.scope, x.complete])).toEqual([
      [`${ACCOUNT}/us-east-1`, true],
      [`${ACCOUNT}/us-west-2`, true],
    ]);
    expect(report.blastRadius.live.zones.map((z: Json) => z.zone)).toEqual(['use1-az6 (us-east-1a)', 'use1-az1 (us-east-1b)', 'use1-az2 (us-east-1c)', 'usw2-az1 (us-west-2a)', 'usw2-az2 (us-west-2b)']);
  });
});

test('a region the account has not enabled is one failure (not a gap per operation) and the other regions are scanned', async () => {
  await withServer({ optInRequired: ['ap-east-1'] }, async (s) => {
    const r = await runCli(['scan', '--region', 'us-east-1,ap-east-1', '--endpoint-url', s.url, '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.stacks.map((x: Json) => x.name)).toEqual([`${ACCOUNT}/us-east-1`]);
    expect(report.blastRadius.live.notScanned).toEqual([expect.stringMatching(new RegExp(`^${ACCOUNT}/ap-east-1: the account cannot use this region \\(not enabled\\?\\): OptInRequired`))]);
    expect(s.log.filter((l) => l.region === 'ap-east-1').map((l) => l.operation)).toEqual(['DescribeAvailabilityZones']);
    const strict = await runCli(['scan', '--region', 'us-east-1,ap-east-1', '--endpoint-url', s.url, '--format', 'json', '--strict-coverage']);
    expect(strict.code).toBe(2);
  });
});

test('bounded concurrency: never more requests in flight per account and region than --concurrency', async () => {
  await withServer({ latencyMs: 25 }, async (s) => {
    const r = await runCli(['scan', '--region', 'us-east-1', '--endpoint-url', s.url, '--concurrency', '2', '--format', 'json']);
    expect(r.code).toBe(1);
    // The identity check runs alone; the collectors share the scope's two slots, and do use both.
    expect(s.peakInFlight.get(`${ACCOUNT}/us-east-1`)).toBe(2);
    const wide = await runCli(['scan', '--region', 'us-east-1', '--endpoint-url', s.url, '--concurrency', '5', '--format', 'json']);
    expect(wide.code).toBe(1);
    expect(s.peakInFlight.get(`${ACCOUNT}/us-east-1`)).toBe(5);
  });
});
