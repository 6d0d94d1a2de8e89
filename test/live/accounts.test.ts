// Cross-account scans: --role-arn (STS AssumeRole through the SDK's credential provider) and --org (accounts from
// Organizations ListAccounts, paginated; a role assumed in each; accounts scanned concurrently). An account whose role
// cannot be assumed is reported as not scanned and the others go on.
import * as fs from 'fs';
import * as path from 'path';
import { isolateAwsEnv, runCli, tmpDir } from './helpers';
import { ACCESS_KEY, ACCOUNT, LOCKED, MEMBER, world2011 } from './server/account2011';
import { FakeAwsServer, startFakeAws } from './server/server';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let server: FakeAwsServer;
let restore: () => void;
let dir: string;
beforeAll(async () => {
  restore = isolateAwsEnv();
  server = await startFakeAws(world2011(new Date()), { pageCap: { 'organizations:ListAccounts': 2 } });
  dir = tmpDir();
});
afterAll(async () => {
  await server.close();
  restore();
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  server.log.length = 0;
});

test('--org scans every active account through the organization role; a refused role is reported, not fatal', async () => {
  const text = path.join(dir, 'org.txt');
  const r = await runCli(['scan', '--org', '--region', 'us-east-1', '--endpoint-url', server.url, '--format', 'json', '--format', `text=${text}`]);
  expect(r.code).toBe(1);
  const report = JSON.parse(r.stdout);
  expect(report.stacks.map((s: Json) => s.name)).toEqual([`${ACCOUNT}/us-east-1`, `${MEMBER}/us-east-1`]);
  expect(server.log.filter((l) => l.operation === 'ListAccounts').map((l) => l.status)).toEqual([200, 200]); // 4 accounts, 2 per page
  // The role is assumed with the caller's own key; the member account is then read with the temporary key.
  const assumed = server.log.filter((l) => l.operation === 'AssumeRole');
  expect(assumed.map((l) => [l.accessKeyId, l.status]).sort()).toEqual([
    [ACCESS_KEY, 200],
    [ACCESS_KEY, 403],
  ]);
  const memberCalls = server.log.filter((l) => l.account === MEMBER);
  expect(memberCalls.length).toBeGreaterThan(10);
  expect(memberCalls.every((l) => l.accessKeyId!.startsWith('ASIA'))).toBe(true);
  expect(server.log.filter((l) => l.account === LOCKED)).toEqual([]);
  // Read-only: AssumeRole is the one operation that is not Describe/List/Get.
  expect([...new Set(server.log.map((l) => l.operation).filter((op) => !/^(Describe|List|Get)/.test(op)))]).toEqual(['AssumeRole']);

  const message = `cannot assume arn:aws:iam::${LOCKED}:role/OrganizationAccountAccessRole: AccessDenied: User: arn:aws:iam::${ACCOUNT}:user/auditor is not authorized to perform: sts:AssumeRole`;
  expect(report.notes.some((n: string) => n.startsWith(`not scanned: ${LOCKED}: ${message}`))).toBe(true);
  expect(report.blastRadius.live.notScanned).toEqual([expect.stringContaining(`${LOCKED}: ${message}`)]);
  expect(fs.readFileSync(text, 'utf8')).toContain(`NOT SCANNED: ${LOCKED}: cannot assume`);
  expect(report.findings.filter((f: Json) => f.resource.stack === `${MEMBER}/us-east-1` && f.ruleId === 'ZL405').map((f: Json) => f.resource.logicalId)).toEqual(['vol-0member']);
  // AZ ids are the same physical zone in every account; the names are not.
  const az1 = report.blastRadius.live.zones.find((z: Json) => z.zoneId === 'use1-az1');
  expect(az1.names).toEqual([
    { scope: `${ACCOUNT}/us-east-1`, name: 'us-east-1b' },
    { scope: `${MEMBER}/us-east-1`, name: 'us-east-1a' },
  ]);
  expect(az1.down.instances).toBe(2); // i-0batch in the first account, i-0member in the second

  const strict = await runCli(['scan', '--org', '--region', 'us-east-1', '--endpoint-url', server.url, '--strict-coverage', '--format', 'json']);
  expect(strict.code).toBe(2);
});

test('--org-role names the role assumed in each account', async () => {
  const r = await runCli(['scan', '--org', '--org-role', 'Audit', '--region', 'us-east-1', '--endpoint-url', server.url, '--format', 'json']);
  const report = JSON.parse(r.stdout);
  expect(report.stacks.map((s: Json) => s.name)).toEqual([`${ACCOUNT}/us-east-1`, `${MEMBER}/us-east-1`]);
  expect(report.notes.find((n: string) => n.startsWith('not scanned'))).toContain(`arn:aws:iam::${LOCKED}:role/Audit`);
});

test('--role-arn scans the role\u2019s account only', async () => {
  const r = await runCli(['scan', '--role-arn', `arn:aws:iam::${MEMBER}:role/Audit`, '--region', 'us-east-1', '--endpoint-url', server.url, '--format', 'json']);
  const report = JSON.parse(r.stdout);
  expect(report.stacks.map((s: Json) => s.name)).toEqual([`${MEMBER}/us-east-1`]);
  expect(server.log.filter((l) => l.operation === 'AssumeRole').map((l) => l.status)).toEqual([200]);
});

test('--role-arn that cannot be assumed: nothing scanned, reported, exit 2 (no verdict) even without --strict-coverage', async () => {
  const r = await runCli(['scan', '--role-arn', `arn:aws:iam::${LOCKED}:role/Audit`, '--region', 'us-east-1', '--endpoint-url', server.url, '--format', 'json']);
  expect(r.code).toBe(2);
  expect(JSON.parse(r.stdout).stacks).toEqual([]);
  expect(r.stderr.trim().split('\n').pop()).toBe(
    `zonelint: no service could be read in ${LOCKED} (cannot assume arn:aws:iam::${LOCKED}:role/Audit: AccessDenied: User: arn:aws:iam::111122223333:user/auditor is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${LOCKED}:role/Audit): no verdict (exit 2)`,
  );
});
