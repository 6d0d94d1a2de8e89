// Preloaded into the measured CLI process (`node -r scripts/bench/rss.cjs bin/zonelint.js …`): at exit, writes the
// process's peak resident set size (getrusage ru_maxrss, in KiB) and its CPU time to $ZONELINT_BENCH_RSS_FILE.
'use strict';
const fs = require('fs');
const out = process.env.ZONELINT_BENCH_RSS_FILE;
if (out) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    fs.writeFileSync(out, JSON.stringify({ maxRSSKiB: u.maxRSS, userMs: u.userCPUTime / 1000, systemMs: u.systemCPUTime / 1000 }));
  });
}
