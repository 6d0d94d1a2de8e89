// docs/live-scan.md's GitHub Actions recipe for an organization scanned in shards cannot rot: the workflow is valid
// YAML with a shard matrix, every `npx zonelint` line runs here with the matrix expanded (the scan jobs against a
// simulated organization on the loopback wire server), each shard job saves the file its upload step names, and the
// report job's `check` merges exactly the files the scan jobs saved into one report covering every account.
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { isolateAwsEnv, runCli, tmpDir } from './helpers';
import { ACCOUNT } from './server/account2011';
import { memberIds, orgWorld } from './server/org-world';
import { FakeAwsServer, startFakeAws } from './server/server';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'live-scan.md'), 'utf8');
const section = doc.slice(doc.indexOf('## Scanning an organization in shards'));
const yamlBlock = /```yaml\n([\s\S]*?)^```$/m.exec(section)![1];
const workflow = parse(yamlBlock) as Json;
const MEMBERS = 9;

let server: FakeAwsServer;
let restore: () => void;
let dir: string;
let cwd: string;
beforeAll(async () => {
  restore = isolateAwsEnv();
  server = await startFakeAws(orgWorld(MEMBERS), { noLog: true });
  dir = tmpDir();
  cwd = process.cwd();
  process.chdir(dir);
});
afterAll(async () => {
  process.chdir(cwd);
  await server.close();
  restore();
  fs.rmSync(dir, { recursive: true, force: true });
});

function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

function zonelintRuns(job: Json, matrix: Record<string, string>): string[][] {
  return (job.steps as Json[])
    .filter((s) => typeof s.run === 'string' && s.run.includes('npx zonelint'))
    .map((s) => words((s.run as string).replace(/\$\{\{\s*matrix\.(\w+)\s*\}\}/g, (_m: string, k: string) => matrix[k]).replace(/^.*?npx zonelint /, '')));
}

test('the recipe is a workflow: a scan job per shard, a report job after them', () => {
  const { scan, report } = workflow.jobs;
  expect(scan.strategy.matrix.shard).toEqual([1, 2, 3, 4]);
  expect(report.needs).toBe('scan');
  const [cmd] = zonelintRuns(scan, { shard: '1' });
  expect(cmd.slice(0, 4)).toEqual(['scan', '--org', '--shard', `1/${scan.strategy.matrix.shard.length}`]);
});

test('every shard job runs and saves the file it uploads; the report merges them into every account', async () => {
  const { scan, report } = workflow.jobs;
  const saved: string[] = [];
  for (const shard of scan.strategy.matrix.shard as number[]) {
    const matrix = { shard: String(shard) };
    for (const args of zonelintRuns(scan, matrix)) {
      const r = await runCli([...args, '--endpoint-url', server.url]);
      expect(r.stderr).not.toMatch(/error:/);
      expect(r.code).toBe(0); // --fail-on none: a shard with findings still uploads its inventory
      const file = args[args.indexOf('--save') + 1];
      expect(fs.existsSync(file)).toBe(true);
      saved.push(file);
    }
    const upload = (scan.steps as Json[]).find((s) => s.uses?.startsWith('actions/upload-artifact')) as Json;
    expect(upload!.with.path.replace(/\$\{\{\s*matrix\.shard\s*\}\}/g, String(shard))).toBe(saved[saved.length - 1]);
  }
  const [check] = zonelintRuns(report, {});
  expect(check[0]).toBe('check');
  expect(check.filter((a) => a.endsWith('.json')).sort()).toEqual([...saved].sort());
  const r = await runCli([...check, '--format', 'json=merged.json']);
  expect(r.code).toBe(1); // the gate: every account's web instance keeps its data in one zone
  const merged = JSON.parse(fs.readFileSync('merged.json', 'utf8'));
  expect(merged.stacks.map((s: Json) => s.name.split('/')[0])).toEqual([ACCOUNT, ...memberIds(MEMBERS)].sort());
  for (const f of ['zonelint.html', 'zonelint.md']) expect(fs.statSync(f).size).toBeGreaterThan(1000);
});
