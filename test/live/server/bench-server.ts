// Benchmark server process (scripts/bench-live.mjs): serves bigWorld() on 127.0.0.1 with injected latency, prints one
// JSON line {url, minimumCalls}, and answers `GET /__stats` (no signature) with the calls it received per operation.
import { bigWorld } from './big-world';
import { orgWorld } from './org-world';
import { startFakeAws } from './server';

void (async () => {
  const size = { instances: Number(process.env.BENCH_INSTANCES ?? 10000), volumes: Number(process.env.BENCH_VOLUMES ?? 30000) };
  // BENCH_ORG_ACCOUNTS: an organization of that many member accounts (scan --org) instead of one large account
  const org = Number(process.env.BENCH_ORG_ACCOUNTS ?? 0);
  const { world, minimumCalls } = org > 0 ? { world: orgWorld(org), minimumCalls: {} } : bigWorld(size);
  const server = await startFakeAws(world, { latencyMs: Number(process.env.BENCH_LATENCY_MS ?? 20), noLog: true, statsPath: '/__stats' });
  process.stdout.write(`${JSON.stringify({ url: server.url, minimumCalls })}\n`);
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
})();
