// Starts the simulated account on 127.0.0.1 and prints its URL (manual runs: `npx tsx test/live/server/cli.ts`).
import { world2011 } from './account2011';
import { startFakeAws } from './server';

void (async () => {
  const pageCap = process.env.PAGE_CAP ? Number(process.env.PAGE_CAP) : undefined;
  const server = await startFakeAws(world2011(new Date()), { pageCap });
  process.stdout.write(`${server.url}\n`);
})();
