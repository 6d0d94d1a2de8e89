// zonelint benchmark (`npm run bench`): the only place performance is measured — tests never time anything.
//
// 1. CLI startup: `node bin/zonelint.js rules` against a bare `node -e 0`.
// 2. `zonelint check <cdk.out> --format json` on generated CDK-like cloud assemblies of about 1,400, 10,000 and
//    100,000 resources (scripts/bench/gen-assembly.mjs): wall time and peak RSS of the real CLI process, and the growth
//    of time per resource from one size to the next (1.0 = linear).
// 3. `cdk synth` of a 20-stack app (VPC, RDS, Auto Scaling group behind an ALB, Lambda per stack;
//    scripts/bench/synth-app.cjs) without a validation plugin, with ZonelintPlugin and with cdk-nag's
//    AwsSolutionsChecks: rounds in rotating order, medians, ratios against the baseline of the same run, and each
//    plugin's own cost (loading its module, plus its validate() time) as a share of its synthesis. The app is given the
//    context `cdk synth` passes (construct paths in templates, version reporting, asset metadata). Each variant runs
//    with aws-cdk-lib's built-in CloudFormation validation on (its default) and off (`cdk synth --no-validation`): in
//    aws-cdk-lib 2.275 that validation is most of the synthesis, so the two give very different ratios.
//
// The machines are shared and noisy: compare the ratios, which are measured within one run.
// 4. `zonelint scan` of a simulated 10,000-instance / 30,000-volume account on the local wire-protocol server
//    (scripts/bench-live.mjs): API calls against the minimum number of pages, wall time, peak memory.
// 5. cfn-lint and checkov (pinned peers) on the same generated templates as zonelint, ratios per round.
// Options: --no-peers, --no-phases (skip the in-process phase breakdown of the largest input), --quick (sizes 1.4k and 10k, 1 synth round of 5 stacks, a 2,000-instance account), --no-synth, --no-live,
// --rounds N, --synth-rounds N (default 7), --stacks N, --keep, --reference REV (also build git revision REV in a temporary worktree and run its
// `check` on the same assemblies, alternating with this build's runs: the ratio of the two is what a slower or busier
// machine does not change).
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fileURLToPath } from 'url';
import { generateAssembly } from './bench/gen-assembly.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : fallback;
};
const quick = flag('--quick');
const SIZES = quick
  ? [{ total: 1400, stacks: 2 }, { total: 10000, stacks: 5 }]
  : [{ total: 1400, stacks: 2 }, { total: 10000, stacks: 5 }, { total: 100000, stacks: 20 }];
const ROUNDS = option('--rounds', quick ? 1 : 3);
// the plugins' cost is a few hundred milliseconds inside a multi-second synthesis: more rounds than the rest
const SYNTH_ROUNDS = option('--synth-rounds', quick ? 1 : Math.max(7, ROUNDS));
const SYNTH_STACKS = option('--stacks', quick ? 5 : 20);
const CLI = path.join(root, 'bin', 'zonelint.js');
const REFERENCE = (() => {
  const i = args.indexOf('--reference');
  return i >= 0 ? args[i + 1] : undefined;
})();
const RSS = path.join(root, 'scripts', 'bench', 'rss.cjs');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zonelint-bench-'));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
/** A figure's spread over its rounds relative to its median: the smaller, the more stable. */
const stability = (r) => (r.max - r.min) / r.median;
const fmtMiB = (kib) => `${(kib / 1024).toFixed(0)} MiB`;
const gc = () => globalThis.gc?.();

/** Runs `node [-r rss.cjs] <args>` with stdout to a file; returns wall ms, peak RSS and exit code. */
function run(nodeArgs, { stdoutFile, env } = {}) {
  const rssFile = path.join(tmp, `rss-${process.hrtime.bigint()}.json`);
  const out = stdoutFile ? fs.openSync(stdoutFile, 'w') : 'ignore';
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', RSS, ...nodeArgs], {
    cwd: root,
    stdio: ['ignore', out, 'pipe'],
    env: { ...process.env, ...env, ZONELINT_BENCH_RSS_FILE: rssFile, NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (typeof out === 'number') fs.closeSync(out);
  if (r.error) throw r.error;
  const usage = fs.existsSync(rssFile) ? JSON.parse(fs.readFileSync(rssFile, 'utf8')) : { maxRSSKiB: NaN };
  fs.rmSync(rssFile, { force: true });
  return { wallMs, cpuMs: (usage.userMs ?? NaN) + (usage.systemMs ?? NaN), maxRSSKiB: usage.maxRSSKiB, code: r.status, stderr: r.stderr.toString() };
}

const results = { startup: {}, cli: [], synth: {}, blast: [] };

/**
 * The reference build for --reference: git revision REV checked out in a temporary worktree, with this checkout's
 * node_modules, built with its own build script. Returns its CLI, or undefined (with the reason) when it cannot build.
 */
function referenceCli() {
  if (!REFERENCE) return undefined;
  const dir = path.join(tmp, 'reference');
  try {
    execFileSync('git', ['worktree', 'add', '--detach', dir, REFERENCE], { cwd: root, stdio: 'ignore' });
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
    execFileSync(process.execPath, [path.join(dir, 'scripts', 'build.mjs')], { cwd: dir, stdio: 'ignore' });
    results.reference = { rev: execFileSync('git', ['rev-parse', '--short', REFERENCE], { cwd: root, encoding: 'utf8' }).trim(), cli: [] };
    return path.join(dir, 'bin', 'zonelint.js');
  } catch (e) {
    process.stderr.write(`reference ${REFERENCE} not built (${e.message.split('\n')[0]}): measuring this build alone\n`);
    return undefined;
  }
}

function removeReference() {
  if (!results.reference) return;
  try {
    execFileSync('git', ['worktree', 'remove', '--force', path.join(tmp, 'reference')], { cwd: root, stdio: 'ignore' });
  } catch {
    // left for `git worktree prune`
  }
}

/**
 * The blast-radius simulation alone (lib/analysis/blast-radius.ts, part of every `check`): a child process loads the
 * assembly with the built library, then times computeBlastRadius (median of 3 warm runs after one cold run; the warm
 * runs name every zone, which bypasses the per-model cache of the full result).
 */
function benchBlastRadius(dir, resources) {
  const script = `const z = require(${JSON.stringify(path.join(root, 'dist', 'lib', 'index.js'))});
    const r = z.lintPaths([${JSON.stringify(dir)}]);
    // computeBlastRadius keeps the full result per model; naming every zone runs the simulation again each time
    let zones;
    const t = () => { const s = process.hrtime.bigint(); const b = zones ? z.computeBlastRadius(r.model, { zones }) : z.computeBlastRadius(r.model); return [Number(process.hrtime.bigint() - s) / 1e6, b]; };
    const [cold, b] = t(); zones = b.zones.map((x) => x.key); const warm = [t()[0], t()[0], t()[0]].sort((x, y) => x - y)[1];
    process.stdout.write(JSON.stringify({ cold, warm, zones: b.zones.length, wherever: b.wherever.length, edges: b.summary.edges, items: b.zones.reduce((n, z) => n + z.down.length + z.degraded.length, 0) }));`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`blast-radius benchmark failed: ${r.stderr}`);
  results.blast.push({ resources, ...JSON.parse(r.stdout.toString()) });
}

// ---------------------------------------------------------------------------------------------------------------- 1
function benchStartup() {
  const bare = [];
  const rules = [];
  for (let i = 0; i < 7; i++) {
    bare.push(run(['-e', '0']).wallMs);
    const r = run([CLI, 'rules']);
    if (r.code !== 0) throw new Error(`zonelint rules failed: ${r.stderr}`);
    rules.push(r.wallMs);
  }
  results.startup = { nodeMs: median(bare), rulesMs: median(rules) };
  const bundle = fs.readFileSync(path.join(root, 'dist', 'cli.js'), 'utf8');
  results.startup.bundleLoadsCdk = /require\(["']aws-cdk-lib/.test(bundle);
}

// ---------------------------------------------------------------------------------------------------------------- 2
function benchCli() {
  const reference = referenceCli();
  for (const size of SIZES) {
    const dir = path.join(tmp, `assembly-${size.total}`);
    const resources = generateAssembly(dir, size);
    const bytes = fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
    const reps = size.total >= 100000 ? 3 : 5;
    const runs = [];
    const refRuns = [];
    const outFile = path.join(tmp, `report-${size.total}.json`);
    for (let i = 0; i < reps; i++) {
      gc();
      if (reference) {
        // the reference first and this build next, in pairs: both see the same moment of the machine's load
        const r = run([reference, 'check', dir, '--format', 'json'], { stdoutFile: `${outFile}.reference` });
        if (r.code !== 1 && r.code !== 0) throw new Error(`reference check failed on ${resources} resources (exit ${r.code}): ${r.stderr}`);
        refRuns.push(r);
      }
      const r = run([CLI, 'check', dir, '--format', 'json'], { stdoutFile: outFile });
      if (r.code !== 1 && r.code !== 0) throw new Error(`zonelint check failed on ${resources} resources (exit ${r.code}): ${r.stderr}`);
      runs.push(r);
    }
    if (reference) {
      const ratios = runs.map((r, i) => r.wallMs / refRuns[i].wallMs);
      results.reference.cli.push({ resources, wallMs: median(refRuns.map((r) => r.wallMs)), cpuMs: median(refRuns.map((r) => r.cpuMs)), maxRSSKiB: Math.max(...refRuns.map((r) => r.maxRSSKiB)), ratio: median(ratios), ratioMin: Math.min(...ratios), ratioMax: Math.max(...ratios) });
      fs.rmSync(`${outFile}.reference`, { force: true });
    }
    const report = JSON.parse(fs.readFileSync(outFile, 'utf8'));
    if (report.summary.resources !== resources) throw new Error(`report counts ${report.summary.resources} resources, generated ${resources}`);
    results.cli.push({
      resources,
      stacks: size.stacks,
      mb: bytes / 1048576,
      findings: report.summary.findings,
      wallMs: median(runs.map((r) => r.wallMs)),
      minMs: Math.min(...runs.map((r) => r.wallMs)),
      cpuMs: median(runs.map((r) => r.cpuMs)),
      maxRSSKiB: Math.max(...runs.map((r) => r.maxRSSKiB)),
      reps,
    });
    benchBlastRadius(dir, resources);
    // the largest input once more, in-process phase by phase (CPU time and live heap), to show where the time goes
    if (size === SIZES[SIZES.length - 1] && !flag('--no-phases')) {
      const p = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(root, 'scripts', 'bench', 'phases.ts'), dir], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      if (p.status === 0) results.phases = JSON.parse(p.stdout.trim().split('\n').pop());
      else process.stderr.write(`phase breakdown failed: ${p.stderr}\n`);
    }
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(outFile, { force: true });
    process.stderr.write(`  check: ${resources} resources done\n`);
  }
}

// ---------------------------------------------------------------------------------------------------------------- 3
function benchSynth() {
  const variants = ['baseline', 'zonelint', 'cdk-nag'];
  // aws-cdk-lib's own CloudFormation validation (on by default, off with `cdk synth --no-validation`) changes the
  // synthesis a lot: both settings are measured, each against its own baseline
  const settings = ['on', 'off'];
  const runs = variants.flatMap((variant) => settings.map((validation) => ({ variant, validation })));
  const records = []; // each names its variant and validation setting (synth-app.cjs prints them)
  const env = { ...process.env };
  delete env.CDK_VALIDATION; // the app's builtinCloudFormationValidation decides, not the shell's
  for (let round = 0; round < SYNTH_ROUNDS; round++) {
    // rotate the order every round so that no variant always runs first (cold caches) or last
    const order = runs.map((_, i) => runs[(i + round * settings.length) % runs.length]);
    for (const { variant: v, validation } of order) {
      const outdir = path.join(tmp, `synth-${v}-${validation}-${round}`);
      const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'bench', 'synth-app.cjs'), v, outdir, String(SYNTH_STACKS), validation], { cwd: root, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      if (r.status !== 0) throw new Error(`synth (${v}, validation ${validation}) failed: ${r.stderr}`);
      const line = r.stdout.trim().split('\n').pop();
      records.push({ ...JSON.parse(line), round });
      fs.rmSync(outdir, { recursive: true, force: true });
      process.stderr.write(`  synth round ${round + 1}/${SYNTH_ROUNDS}: ${v}, CDK validation ${validation} done\n`);
    }
  }
  for (const validation of settings) {
    const of = (v) => records.filter((x) => x.variant === v && x.validation === validation);
    const base = median(of('baseline').map((x) => x.totalMs));
    const out = (results.synth[validation] = {});
    for (const v of variants) {
      const xs = of(v);
      const totalMs = median(xs.map((x) => x.totalMs));
      out[v] = {
        totalMs,
        ratio: totalMs / base,
        loadMs: median(xs.map((x) => x.loadMs)),
        pluginMs: median(xs.map((x) => x.pluginMs)),
        // the plugin's whole cost, loading its module included, against the run's whole work (loading it included)
        pluginShare: median(xs.map((x) => (x.loadMs + x.pluginMs) / (x.loadMs + x.totalMs))),
        costMs: median(xs.map((x) => x.loadMs + x.pluginMs)),
        costCpuMs: median(xs.map((x) => x.loadCpuMs + x.pluginCpuMs)),
      };
    }
    // ZonelintPlugin's cost (module load + validate()) over cdk-nag's, per round: the two ran in the same round, a few
    // seconds apart, so the machine's load of the moment hits both. Wall time and CPU time, median and spread.
    const ratios = (cost) => {
      const rs = [];
      for (let round = 0; round < SYNTH_ROUNDS; round++) {
        const z = of('zonelint').find((x) => x.round === round);
        const n = of('cdk-nag').find((x) => x.round === round);
        if (z && n) rs.push(cost(z) / cost(n));
      }
      return { median: median(rs), min: Math.min(...rs), max: Math.max(...rs), n: rs.length };
    };
    const wall = ratios((x) => x.loadMs + x.pluginMs);
    const cpu = ratios((x) => x.loadCpuMs + x.pluginCpuMs);
    // the stabler of the two (smaller spread over its median) is the one the target is judged on
    out.vsCdkNag = { wall, cpu, stabler: stability(cpu) < stability(wall) ? 'cpu' : 'wall' };
  }
}

/**
 * 5. Peers on the same input: zonelint check, cfn-lint 1.58.0 and checkov 3.3.30 (pinned, from PyPI, in the bench's
 * own virtual environments: scripts/ensure-peers.mjs --with-checkov) over the templates of the generated 1,400-resource
 * assembly. The three run in rotating order, round after round, so that the machine's load hits each alike; the
 * ratios are per round (zonelint's time over the peer's in the same round), reported as median and spread.
 */
function benchPeers() {
  const cfnLint = path.join(root, '.venv-peers', 'bin', 'cfn-lint');
  const checkov = path.join(root, '.venv-peers-checkov', 'bin', 'checkov');
  const dir = path.join(tmp, 'assembly-1400');
  if (!fs.existsSync(dir)) generateAssembly(dir, SIZES[0]);
  const templates = fs.readdirSync(dir).filter((f) => f.endsWith('.template.json')).map((f) => path.join(dir, f));
  const tools = {
    zonelint: () => run([CLI, 'check', ...templates, '--format', 'json', '--fail-on', 'none']),
    'cfn-lint': fs.existsSync(cfnLint) ? () => timed(cfnLint, ['--format', 'json', ...templates]) : undefined,
    checkov: fs.existsSync(checkov) ? () => timed(checkov, ['--quiet', '--compact', '--framework', 'cloudformation', '--output', 'json', ...templates.flatMap((t) => ['-f', t])]) : undefined,
  };
  const names = Object.keys(tools).filter((k) => tools[k]);
  const rounds = Math.max(3, ROUNDS);
  const times = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < rounds; round++) {
    const order = names.map((_, i) => names[(i + round) % names.length]);
    for (const n of order) times[n].push(tools[n]().wallMs);
    process.stderr.write(`  peers round ${round + 1}/${rounds} done\n`);
  }
  const resources = templates.reduce((k, t) => k + Object.keys(JSON.parse(fs.readFileSync(t, 'utf8')).Resources ?? {}).length, 0);
  results.peers = { resources, templates: templates.length, rounds, tools: {} };
  for (const n of names) {
    const ratios = times.zonelint.map((z, i) => z / times[n][i]);
    results.peers.tools[n] = { medianMs: median(times[n]), minMs: Math.min(...times[n]), maxMs: Math.max(...times[n]), ratio: median(ratios), ratioMin: Math.min(...ratios), ratioMax: Math.max(...ratios) };
  }
}

/** Wall time of an executable (the peers are not Node programs). */
function timed(cmd, cmdArgs) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { wallMs: Number(process.hrtime.bigint() - start) / 1e6, code: r.status };
}

// ------------------------------------------------------------------------------------------------------------ report
function printReport() {
  const lines = [];
  const ok = (cond) => (cond ? 'ok' : 'MISSED');
  lines.push('', `zonelint benchmark — node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`, '');
  const s = results.startup;
  lines.push(`CLI startup (zonelint rules, median of 7): ${fmtMs(s.rulesMs)}  (bare node: ${fmtMs(s.nodeMs)}; zonelint's own: ${fmtMs(s.rulesMs - s.nodeMs)}); bundle requires aws-cdk-lib: ${s.bundleLoadsCdk ? 'YES' : 'no'}`, '');
  lines.push('zonelint check <cdk.out> --format json (real CLI process; median wall time and CPU time, peak RSS)');
  lines.push('  resources  stacks   size    findings   wall time   per 1k res   peak RSS   CPU time   growth of time/resource');
  let prev;
  for (const c of results.cli) {
    const per = c.wallMs / (c.resources / 1000);
    const growth = prev ? `${(per / (prev.wallMs / (prev.resources / 1000))).toFixed(2)}× vs ${prev.resources}` : '';
    lines.push(
      `  ${String(c.resources).padStart(9)}  ${String(c.stacks).padStart(6)}  ${`${c.mb.toFixed(1)} MB`.padStart(8)}  ${String(c.findings).padStart(8)}  ${fmtMs(c.wallMs).padStart(10)}  ${fmtMs(per).padStart(11)}  ${fmtMiB(c.maxRSSKiB).padStart(9)}  ${fmtMs(c.cpuMs).padStart(9)}   ${growth}`,
    );
    prev = c;
  }
  if (results.reference) {
    lines.push('', `  the same assemblies with the reference build ${results.reference.rev} (--reference), in pairs with this build's runs:`);
    for (const c of results.reference.cli) {
      lines.push(`  ${String(c.resources).padStart(9)}  reference ${fmtMs(c.wallMs).padStart(9)}, ${fmtMiB(c.maxRSSKiB)}, CPU ${fmtMs(c.cpuMs)};  this build / reference: ${c.ratio.toFixed(2)}× (${c.ratioMin.toFixed(2)}–${c.ratioMax.toFixed(2)}× over the pairs)`);
    }
  }
  if (results.phases) {
    const ph = results.phases;
    const total = ph.phases.reduce((n, x) => n + x.cpuMs, 0);
    lines.push('', `  where the time goes at ${ph.resources} resources (in-process, CPU time; live heap after each phase; report ${ph.reportMiB.toFixed(0)} MiB)`);
    for (const x of ph.phases) lines.push(`    ${x.phase.padEnd(40)} ${fmtMs(x.cpuMs).padStart(9)}  ${`${((x.cpuMs / total) * 100).toFixed(0)}%`.padStart(4)}  ${`${x.heapMiB.toFixed(0)} MiB`.padStart(9)}`);
    lines.push(`    slowest rules: ${ph.rules.slice(0, 5).map((r) => `${r.id} ${fmtMs(r.cpuMs)}`).join(', ')}`);
  }
  const at = (n) => results.cli.find((c) => Math.abs(c.resources - n) / n < 0.05);
  const k10 = at(10000);
  const k100 = at(100000);
  lines.push('');
  if (results.synth.on) {
    lines.push(`cdk synth, ${SYNTH_STACKS} stacks (VPC, RDS, ASG + ALB, Lambda each); median of ${SYNTH_ROUNDS} round${SYNTH_ROUNDS === 1 ? '' : 's'}, rotating order`);
    lines.push('  (the app gets the context `cdk synth` passes: construct paths in the templates, version reporting, asset metadata)');
    for (const [validation, title] of [['on', "aws-cdk-lib's built-in CloudFormation validation on (its default)"], ['off', 'built-in validation off (cdk synth --no-validation)']]) {
      const y = results.synth[validation];
      lines.push(`  ${title}`);
      lines.push('    variant              construct+synth   vs baseline   plugin module load   plugin validate()   load+validate share of synth');
      for (const [name, v] of [['no plugin', y.baseline], ['ZonelintPlugin', y.zonelint], ['cdk-nag AwsSolutions', y['cdk-nag']]]) {
        const own = v === y.baseline;
        lines.push(
          `    ${name.padEnd(20)} ${fmtMs(v.totalMs).padStart(15)}   ${`${((v.ratio - 1) * 100).toFixed(1)}%`.padStart(11)}   ${(own ? '-' : fmtMs(v.loadMs)).padStart(18)}   ${(own ? '-' : fmtMs(v.pluginMs)).padStart(17)}   ${own ? '' : `${(v.pluginShare * 100).toFixed(2)}%`}`,
        );
      }
      const z = y.zonelint;
      const n = y['cdk-nag'];
      const { wall, cpu, stabler } = y.vsCdkNag;
      const pct = (r) => `${(r * 100).toFixed(0)}%`;
      lines.push(`    ZonelintPlugin's cost (module load + validate()) as a share of cdk-nag AwsSolutions', per round (${wall.n} rounds):`);
      lines.push(`      wall time  ${pct(wall.median).padStart(4)} (${pct(wall.min)}–${pct(wall.max)})   median ${fmtMs(z.costMs)} vs ${fmtMs(n.costMs)}`);
      lines.push(`      CPU time   ${pct(cpu.median).padStart(4)} (${pct(cpu.min)}–${pct(cpu.max)})   median ${fmtMs(z.costCpuMs)} vs ${fmtMs(n.costCpuMs)} (whole process: V8's helper threads count)`);
      lines.push(`      the more stable figure in this run: ${stabler === 'cpu' ? 'CPU time' : 'wall time'} (spread over median: wall ${pct(stability(wall))}, CPU ${pct(stability(cpu))})`);
    }
    const cfn = results.synth.on.baseline.totalMs - results.synth.off.baseline.totalMs;
    lines.push(`  aws-cdk-lib's built-in validation: ${fmtMs(cfn)} of the default synth's ${fmtMs(results.synth.on.baseline.totalMs)} (${((cfn / results.synth.on.baseline.totalMs) * 100).toFixed(0)}%)`);
    lines.push('');
  }
  if (results.blast.length) {
    lines.push('blast radius alone (computeBlastRadius on the loaded model; cold run, median warm run)');
    lines.push('  resources   zones  edges    items  wherever      cold      warm   warm per 1k res   growth');
    let before;
    for (const b of results.blast) {
      const per = b.warm / (b.resources / 1000);
      const growth = before ? `${(per / (before.warm / (before.resources / 1000))).toFixed(2)}× vs ${before.resources}` : '';
      lines.push(`  ${String(b.resources).padStart(9)}  ${String(b.zones).padStart(6)}  ${String(b.edges).padStart(6)}  ${String(b.items).padStart(7)}  ${String(b.wherever).padStart(8)}  ${fmtMs(b.cold).padStart(8)}  ${fmtMs(b.warm).padStart(8)}  ${fmtMs(per).padStart(16)}   ${growth}`);
      before = b;
    }
    lines.push('');
  }
  lines.push('targets');
  if (k10) lines.push(`  check 10k resources < 1 s ........................ ${fmtMs(k10.wallMs)}  ${ok(k10.wallMs < 1000)}`);
  if (k100) {
    lines.push(`  check 100k resources < 5 s ....................... ${fmtMs(k100.wallMs)}  ${ok(k100.wallMs < 5000)}`);
    lines.push(`  check 100k resources < 512 MiB ................... ${fmtMiB(k100.maxRSSKiB)}  ${ok(k100.maxRSSKiB < 512 * 1024)}`);
    const g = k100.wallMs / k100.resources / (k10.wallMs / k10.resources);
    lines.push(`  linear growth (time/resource 100k vs 10k ≤ 1.5×) .. ${g.toFixed(2)}×  ${ok(g <= 1.5)}`);
    // the same without the fixed cost of starting a process: time added per resource from one size to the next
    const k1 = results.cli[0];
    if (k1 !== k10) {
      const m = (k100.cpuMs - k10.cpuMs) / (k100.resources - k10.resources) / ((k10.cpuMs - k1.cpuMs) / (k10.resources - k1.resources));
      lines.push(`  marginal CPU per resource, 10k→100k vs 1.4k→10k .. ${m.toFixed(2)}×  ${ok(m <= 1.5)}`);
    }
  }
  if (results.synth.on) {
    const { on, off } = results.synth;
    lines.push(`  ZonelintPlugin ≤ 1% of synth (load + validate) ..... ${(on.zonelint.pluginShare * 100).toFixed(2)}%  ${ok(on.zonelint.pluginShare <= 0.01)}  (built-in validation off: ${(off.zonelint.pluginShare * 100).toFixed(2)}%  ${ok(off.zonelint.pluginShare <= 0.01)})`);
  }
  if (results.synth.on) {
    // the plugin's whole cost (load + validate) against cdk-nag AwsSolutions' in the same run, both validation settings
    // judged on the median per-round ratio of the figure that was the more stable in this run (the other beside it)
    for (const validation of ['on', 'off']) {
      const { wall, cpu, stabler } = results.synth[validation].vsCdkNag;
      const [judged, other] = stabler === 'cpu' ? [cpu, wall] : [wall, cpu];
      const name = (r) => (r === cpu ? 'CPU' : 'wall');
      lines.push(`  ZonelintPlugin ≤ 1/5 of cdk-nag's cost (validation ${validation.padEnd(3)}) .. ${(judged.median * 100).toFixed(0)}% ${name(judged)} (the stabler; ${(other.median * 100).toFixed(0)}% ${name(other)})  ${ok(judged.median <= 0.2)}`);
    }
  }
  lines.push(`  check does not load aws-cdk-lib .................. ${ok(!results.startup.bundleLoadsCdk)}`);
  if (results.peers) {
    const p = results.peers;
    lines.push('', `peers on the same ${p.templates} templates (${p.resources} resources), ${p.rounds} rounds in rotating order; zonelint's time as a share of each peer's, per round:`);
    for (const [n, t] of Object.entries(p.tools)) {
      lines.push(`  ${n.padEnd(9)} median ${fmtMs(t.medianMs).padStart(9)} (${fmtMs(t.minMs)}–${fmtMs(t.maxMs)})${n === 'zonelint' ? '' : `   zonelint / ${n}: ${(t.ratio * 100).toFixed(1)}% (${(t.ratioMin * 100).toFixed(1)}–${(t.ratioMax * 100).toFixed(1)}%)`}`);
    }
    if (!p.tools['cfn-lint'] || !p.tools.checkov) lines.push('  (a peer is missing: run node scripts/ensure-peers.mjs --with-checkov)');
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

try {
  process.stderr.write(`benchmark in ${tmp}\n`);
  benchStartup();
  benchCli();
  if (!flag('--no-synth')) benchSynth();
  if (!flag('--no-peers')) benchPeers();
  printReport();
  // 4. Live scan of a simulated 10,000-instance / 30,000-volume account (scripts/bench-live.mjs prints its own report).
  if (!flag('--no-live')) {
    const live = spawnSync(process.execPath, [path.join(root, 'scripts', 'bench-live.mjs'), ...(quick ? ['--instances', '2000', '--volumes', '6000'] : [])], { cwd: root, stdio: 'inherit' });
    if (live.status !== 0) process.stderr.write(`live-scan benchmark failed (exit ${live.status})\n`);
  }
} finally {
  removeReference();
  if (!flag('--keep')) fs.rmSync(tmp, { recursive: true, force: true });
}
