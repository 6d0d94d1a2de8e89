// `scan --org --shard i/n` (a stable split of the organization's account list) and `check a.json b.json …` merging
// the saved shards: together the shards scan every account exactly once, and the merged report equals the report of
// one unsharded scan — the same stacks, findings and blast radius.
import * as fs from 'fs';
import * as path from 'path';
import { inShard, parseShard, shardOf } from '../../lib/live/shard';
import { isolateAwsEnv, runCli, tmpDir } from './helpers';
import { ACCOUNT } from './server/account2011';
import { memberIds, orgWorld } from './server/org-world';
import { FakeAwsServer, startFakeAws } from './server/server';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const MEMBERS = 7;
let server: FakeAwsServer;
let restore: () => void;
let dir: string;
beforeAll(async () => {
  restore = isolateAwsEnv();
  server = await startFakeAws(orgWorld(MEMBERS), { noLog: true });
  dir = tmpDir();
});
afterAll(async () => {
  await server.close();
  restore();
  fs.rmSync(dir, { recursive: true, force: true });
});

const base = () => ['scan', '--org', '--region', 'us-east-1', '--endpoint-url', server.url, '--fail-on', 'none'];
const stripTimes = (report: Json) => JSON.stringify({ ...report, tool: undefined }).replace(/"scannedAt":"[^"]*"/g, '');

test('the split is stable: by account id, independent of the list and its order', () => {
  expect(parseShard('2/8')).toEqual({ index: 2, count: 8 });
  for (const bad of ['0/3', '4/3', '1/0', 'a/b', '1', '1/1001', '-1/3']) expect(parseShard(bad)).toBeUndefined();
  const ids = memberIds(100);
  const shards = [1, 2, 3, 4].map((index) => inShard(ids.map((id) => ({ id })), { index, count: 4 }).map((a) => a.id));
  expect(shards.flat().sort()).toEqual([...ids].sort()); // every account in exactly one shard
  expect(shards.map((s) => s.length)).toEqual([25, 25, 25, 25]);
  // an account joining or leaving moves no other account
  const fewer = ids.filter((id) => id !== ids[10]);
  for (const id of fewer) expect(shardOf(id, 4)).toBe(shardOf(ids[ids.indexOf(id)], 4));
  expect(inShard([...ids].reverse().map((id) => ({ id })), { index: 1, count: 4 }).map((a) => a.id).sort()).toEqual([...shards[0]].sort());
});

test('three shards scan every account once; `check` of their inventories equals one unsharded scan', async () => {
  const files: string[] = [];
  const seen: string[] = [];
  for (const i of [1, 2, 3]) {
    const file = path.join(dir, `shard-${i}.json`);
    const r = await runCli([...base(), '--shard', `${i}/3`, '--save', file, '--format', 'json']);
    expect(r.stderr).toContain(`organization: ${MEMBERS + 1} active accounts; shard ${i}/3:`);
    expect([0, 1]).toContain(r.code);
    const inv = JSON.parse(fs.readFileSync(file, 'utf8'));
    const accounts = inv.scopes.map((s: Json) => s.account);
    for (const a of accounts) expect(shardOf(a, 3)).toBe(i);
    expect(inv.shard).toEqual({ index: i, count: 3, accounts: accounts.length, organizationAccounts: MEMBERS + 1 });
    seen.push(...accounts);
    files.push(file);
  }
  expect(seen.sort()).toEqual([ACCOUNT, ...memberIds(MEMBERS)].sort());

  const whole = path.join(dir, 'whole.json');
  const one = await runCli([...base(), '--save', whole, '--format', 'json']);
  const merged = await runCli(['check', ...files, '--format', 'json', '--fail-on', 'none']);
  const single = await runCli(['check', whole, '--format', 'json', '--fail-on', 'none']);
  expect(merged.code).toBe(0);
  const m = JSON.parse(merged.stdout);
  const s = JSON.parse(single.stdout);
  expect(m.stacks.map((x: Json) => x.name).sort()).toEqual(JSON.parse(one.stdout).stacks.map((x: Json) => x.name).sort());
  const key = (f: Json) => `${f.ruleId} ${f.resource.stack} ${f.resource.logicalId}`;
  expect(m.findings.map(key).sort()).toEqual(s.findings.map(key).sort());
  expect(m.findings.length).toBeGreaterThanOrEqual(MEMBERS + 1); // each account's web instance keeps data in one zone
  expect(m.blastRadius.zones.map((z: Json) => [z.zone, z.counts])).toEqual(s.blastRadius.zones.map((z: Json) => [z.zone, z.counts]));
  expect(stripTimes(m.blastRadius.live)).toBe(stripTimes(s.blastRadius.live));

  // the same shard twice is refused: its accounts would be counted twice
  const twice = await runCli(['check', files[0], files[0], '--format', 'json']);
  expect(twice.code).toBe(2);
  expect(twice.stderr.trim().split('\n')).toHaveLength(1);
  expect(twice.stderr).toMatch(/given twice/);
});

test('a shard without accounts saves an empty inventory and exits 0; merging it changes nothing', async () => {
  const taken = new Set([ACCOUNT, ...memberIds(MEMBERS)].map((id) => shardOf(id, 1000)));
  const free = [...Array(1000).keys()].map((i) => i + 1).find((i) => !taken.has(i))!;
  const empty = path.join(dir, 'empty.json');
  const r = await runCli([...base(), '--shard', `${free}/1000`, '--save', empty, '--format', 'json']);
  expect(r.code).toBe(0);
  expect(r.stderr).toContain(`shard ${free}/1000: 0 of them`);
  const inv = JSON.parse(fs.readFileSync(empty, 'utf8'));
  expect(inv.scopes).toEqual([]);
  expect(inv.shard).toEqual({ index: free, count: 1000, accounts: 0, organizationAccounts: MEMBERS + 1 });
  const whole = path.join(dir, 'whole-2.json');
  await runCli([...base(), '--save', whole, '--format', 'json']);
  const a = await runCli(['check', whole, '--format', 'json', '--fail-on', 'none']);
  const b = await runCli(['check', empty, whole, '--format', 'json', '--fail-on', 'none']);
  expect(b.code).toBe(0);
  expect(JSON.parse(b.stdout).findings).toEqual(JSON.parse(a.stdout).findings);
});

test('--shard needs --org and i/n', async () => {
  const noOrg = await runCli(['scan', '--region', 'us-east-1', '--endpoint-url', server.url, '--shard', '1/2']);
  expect(noOrg.code).toBe(2);
  expect(noOrg.stderr).toMatch(/--shard needs --org/);
  const bad = await runCli([...base(), '--shard', '3/2']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/--shard "3\/2" is not i\/n/);
});
