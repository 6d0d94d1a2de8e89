// Live-scan benchmark (run by `npm run bench`, or alone: `node scripts/bench-live.mjs [--instances N] [--volumes N]
// [--latency MS]`): a simulated account of 10,000 instances and 30,000 volumes (plus groups, databases, load
// balancers, snapshots, backups) served on 127.0.0.1 by the wire-protocol test server with injected latency, scanned by
// the real CLI (`zonelint scan --save`). Prints API calls made against the minimum number of pages a complete scan needs
// at each API's largest page size, wall time, and the scanner's peak memory. Then `scan --org` of simulated
// organizations of 100 and 1,000 member accounts (`--org-only` runs just that; `--no-org` skips it; `--quick`: 25
// and 100): wall time and peak memory per account, and whether it stays linear. Never a test: numbers only.
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createInterface } from 'readline';
import { fileURLToPath } from 'url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : fallback;
};
const INSTANCES = option('--instances', 10000);
const VOLUMES = option('--volumes', 30000);
const LATENCY = option('--latency', 20);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zonelint-bench-live-'));
const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const ok = (b) => (b ? 'ok' : 'MISSED');

// Isolated AWS environment: static fake keys, loopback endpoint only, no shared config, no instance metadata.
const awsEnv = {};
for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_')) awsEnv[k] = v;
Object.assign(awsEnv, {
  AWS_ACCESS_KEY_ID: 'AKIAZONELINTTEST0001',
  AWS_SECRET_ACCESS_KEY: 'fake-secret-for-bench',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_CONFIG_FILE: path.join(tmp, 'config'),
  AWS_SHARED_CREDENTIALS_FILE: path.join(tmp, 'credentials'),
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  CI: 'true',
  NO_COLOR: '1',
});

async function startServer(orgAccounts = 0) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test', 'live', 'server', 'bench-server.ts')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, BENCH_INSTANCES: String(INSTANCES), BENCH_VOLUMES: String(VOLUMES), BENCH_LATENCY_MS: String(LATENCY), BENCH_ORG_ACCOUNTS: String(orgAccounts) },
  });
  const line = await new Promise((resolve, reject) => {
    const rl = createInterface({ input: child.stdout });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
  });
  return { child, ...JSON.parse(line) };
}

/**
 * `scan --org` of a simulated organization of `accounts` member accounts (each a small workload: 4 instances, 2
 * volumes, a group, 3 subnets) on the same server: wall time and peak memory, per account. Accounts are scanned four at
 * a time, so wall time per account should stay flat as the organization grows (linear in accounts).
 */
async function orgRun(accounts) {
  const server = await startServer(accounts);
  try {
    const rssFile = path.join(tmp, `rss-org-${accounts}.json`);
    const start = process.hrtime.bigint();
    const r = spawnSync(
      process.execPath,
      ['-r', path.join(root, 'scripts', 'bench', 'rss.cjs'), path.join(root, 'bin', 'zonelint.js'), 'scan', '--org', '--region', 'us-east-1', '--endpoint-url', server.url, '--format', `json=${path.join(tmp, `org-${accounts}.json`)}`, '--fail-on', 'none'],
      { cwd: root, env: { ...awsEnv, ZONELINT_BENCH_RSS_FILE: rssFile }, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 },
    );
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) throw new Error(`zonelint scan --org exited ${r.status}: ${r.stderr.toString().split('\n').slice(-5).join(' | ')}`);
    const rss = JSON.parse(fs.readFileSync(rssFile, 'utf8'));
    const calls = Object.values(await (await fetch(`${server.url}/__stats`)).json()).reduce((a, b) => a + b, 0);
    const stacks = JSON.parse(fs.readFileSync(path.join(tmp, `org-${accounts}.json`), 'utf8')).stacks.length;
    return { accounts: accounts + 1, stacks, wallMs, rssMiB: rss.maxRSSKiB / 1024, cpuMs: rss.userMs + rss.systemMs, calls };
  } finally {
    server.child.kill('SIGTERM');
  }
}

if (args.includes('--org-only')) {
  await orgBench();
  process.exit(0);
}

async function orgBench() {
  const sizes = args.includes('--quick') ? [25, 100] : [100, 1000];
  const runs = [];
  for (const n of sizes) runs.push(await orgRun(n));
  const lines = ['', `organization scan (scan --org, ${LATENCY} ms latency per request, accounts scanned 4 at a time)`];
  for (const x of runs) {
    lines.push(`  ${String(x.accounts).padStart(5)} accounts (${x.stacks} scanned) ... ${fmtMs(x.wallMs)} wall = ${fmtMs(x.wallMs / x.accounts)} per account, CPU ${fmtMs(x.cpuMs / x.accounts)} per account, ${x.calls} API calls (${(x.calls / x.accounts).toFixed(0)} per account), peak RSS ${x.rssMiB.toFixed(0)} MiB (${((x.rssMiB * 1024) / x.accounts).toFixed(0)} KiB per account)`);
  }
  const [a, b] = runs;
  const ratio = b.wallMs / b.accounts / (a.wallMs / a.accounts);
  lines.push(`  marginal cost of an account: ${fmtMs((b.wallMs - a.wallMs) / (b.accounts - a.accounts))} wall, ${(((b.rssMiB - a.rssMiB) * 1024) / (b.accounts - a.accounts)).toFixed(0)} KiB peak memory`);
  lines.push('targets');
  lines.push(`  linear in accounts (wall per account at ${b.accounts} within 1.5x of ${a.accounts}) ... ${ok(ratio <= 1.5)} (${ratio.toFixed(2)}x)`);
  lines.push(`  every account scanned ... ${ok(runs.every((x) => x.stacks === x.accounts))}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

const server = await startServer();
try {
  const rssFile = path.join(tmp, 'rss.json');
  const inventory = path.join(tmp, 'inventory.json');
  const start = process.hrtime.bigint();
  const r = spawnSync(
    process.execPath,
    ['-r', path.join(root, 'scripts', 'bench', 'rss.cjs'), path.join(root, 'bin', 'zonelint.js'), 'scan', '--region', 'us-east-1', '--endpoint-url', server.url, '--format', `text=${path.join(tmp, 'report.txt')}`, '--save', inventory, '--fail-on', 'none'],
    { cwd: root, env: { ...awsEnv, ZONELINT_BENCH_RSS_FILE: rssFile }, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 },
  );
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`zonelint scan exited ${r.status}: ${r.stderr.toString().split('\n').slice(-5).join(' | ')}`);
  const rss = JSON.parse(fs.readFileSync(rssFile, 'utf8'));
  const received = await (await fetch(`${server.url}/__stats`)).json();
  const minimum = server.minimumCalls;
  const made = Object.values(received).reduce((a, b) => a + b, 0);
  const min = Object.values(minimum).reduce((a, b) => a + b, 0);
  const inv = JSON.parse(fs.readFileSync(inventory, 'utf8'));
  const d = inv.scopes[0].data;

  // Check-only re-analysis of the saved inventory (offline, no SDK): the model side of the same work.
  const checkStart = process.hrtime.bigint();
  const rssCheck = path.join(tmp, 'rss-check.json');
  spawnSync(process.execPath, ['-r', path.join(root, 'scripts', 'bench', 'rss.cjs'), path.join(root, 'bin', 'zonelint.js'), 'check', inventory, '--format', `json=${path.join(tmp, 'report.json')}`, '--fail-on', 'none'], {
    cwd: root,
    env: { ...awsEnv, ZONELINT_BENCH_RSS_FILE: rssCheck },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const report = JSON.parse(fs.readFileSync(path.join(tmp, 'report.json'), 'utf8'));
  const checkMs = Number(process.hrtime.bigint() - checkStart) / 1e6;
  const rssC = JSON.parse(fs.readFileSync(rssCheck, 'utf8'));

  const lines = [];
  lines.push('');
  lines.push(`live scan: ${d.instances.length} instances, ${d.volumes.length} volumes, ${Object.keys(d.volumeSnapshots).length} volumes with snapshots, ${d.autoScalingGroups.length} Auto Scaling groups, ${d.dbInstances.length} DB instances, ${d.loadBalancers.length} load balancers; ${LATENCY} ms latency per request`);
  lines.push(`  API calls made ............ ${made} (minimum pages ${min}; ${(((made - min) / min) * 100).toFixed(1)}% over)`);
  for (const op of Object.keys({ ...minimum, ...received }).sort()) {
    if ((received[op] ?? 0) !== (minimum[op] ?? 0)) lines.push(`    ${op}: ${received[op] ?? 0} made, minimum ${minimum[op] ?? 0}`);
  }
  lines.push(`  zonelint scan (text) ...... ${fmtMs(wallMs)} wall, CPU ${fmtMs(rss.userMs + rss.systemMs)}, peak RSS ${(rss.maxRSSKiB / 1024).toFixed(0)} MiB (collection, model, ${report.findings.length} findings, blast radius)`);
  lines.push(`  inventory saved ........... ${(fs.statSync(inventory).size / 1048576).toFixed(1)} MiB; ${report.stacks[0].resources} resources in the model`);
  lines.push(`  check inventory.json (json) ${fmtMs(checkMs)} wall, peak RSS ${(rssC.maxRSSKiB / 1024).toFixed(0)} MiB, report ${(fs.statSync(path.join(tmp, 'report.json')).size / 1048576).toFixed(0)} MiB`);
  lines.push('targets');
  lines.push(`  calls within 10% of the minimum ... ${ok(made <= min * 1.1)}`);
  lines.push(`  scan memory well under 1 GiB (< 768 MiB) ... ${ok(rss.maxRSSKiB < 768 * 1024)} (${(rss.maxRSSKiB / 1024).toFixed(0)} MiB)`);
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  server.child.kill('SIGTERM');
}
try {
  if (!args.includes('--no-org')) await orgBench();
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
