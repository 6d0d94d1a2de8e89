// docs/ci.md cannot rot: every `npx zonelint …` command on that page runs here against the demo app's synthesized
// cloud assembly (bin/demo/app.ts, as `npx cdk synth` builds it) or a templates directory, and must behave as the page
// says — valid exit codes, every output written and well-formed (SARIF against the schema), the baseline making the
// gate pass on the same code, the workflow uploading the very SARIF file the check writes.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { buildDemo } from '../bin/demo/app';
import { runCli } from './support/gate-cli';
import { sarifValidator } from './support/sarif-schema';
import { testApp } from './support/test-app';

const root = path.join(__dirname, '..');
const doc = fs.readFileSync(path.join(root, 'docs', 'ci.md'), 'utf8');

/** Fenced code blocks of the page: language and body. */
function codeBlocks(md: string): Array<{ lang: string; body: string }> {
  return [...md.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1], body: m[2] }));
}

/** The zonelint invocations of a block (`npx zonelint …`, in `run:` steps, script lists or shell lines). */
function zonelintCommands(body: string): string[][] {
  const out: string[][] = [];
  for (const line of body.split('\n')) {
    const m = /\bnpx zonelint (.+)$/.exec(line);
    if (m) out.push(shellWords(m[1].replace(/\s+#.*$/, '')));
  }
  return out;
}

/** Splits a command line into words: whitespace-separated, with single and double quotes. */
function shellWords(s: string): string[] {
  const words: string[] = [];
  for (const m of s.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) words.push(m[1] ?? m[2] ?? m[3]);
  return words;
}

const commands = codeBlocks(doc).flatMap((b) => zonelintCommands(b.body));
let work: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'zonelint-ci-recipe-'));
  // `npx cdk synth`: the demo app with the context cdk.json gives it.
  const cdkJson = JSON.parse(fs.readFileSync(path.join(root, 'cdk.json'), 'utf8'));
  const app = testApp({ outdir: path.join(work, 'cdk.out'), context: cdkJson.context });
  buildDemo(app);
  app.synth();
  // The plain-CloudFormation example lints a templates directory.
  fs.mkdirSync(path.join(work, 'templates'));
  fs.copyFileSync(path.join(__dirname, 'data', 'gate', 'app.yaml'), path.join(work, 'templates', 'app.yaml'));
  // The recovery-policy section's config file, as the page shows it.
  const policy = codeBlocks(doc).find((b) => b.lang === 'json' && b.body.includes('"policy"'));
  if (policy) fs.writeFileSync(path.join(work, 'zonelint.config.json'), policy.body);
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Files an invocation writes: `--format NAME=FILE` and `-o FILE`. */
function outputsOf(args: string[]): Array<{ format: string; file: string }> {
  const out: Array<{ format: string; file: string }> = [];
  for (let i = 0; i < args.length; i++) {
    if ((args[i] === '--format' || args[i] === '-f') && args[i + 1]?.includes('=')) {
      const [format, file] = args[i + 1].split(/=(.*)/s);
      out.push({ format, file });
    }
    if ((args[i] === '-o' || args[i] === '--output') && args[i + 1] && args[0] === 'baseline') out.push({ format: 'baseline', file: args[i + 1] });
  }
  return out;
}

test('the page documents baseline, check with several formats, and explain', () => {
  expect(commands.length).toBeGreaterThanOrEqual(4);
  expect(commands.some((c) => c[0] === 'baseline')).toBe(true);
  expect(commands.some((c) => c[0] === 'check' && c.includes('--baseline') && c.some((w) => w.startsWith('sarif=')))).toBe(true);
  expect(commands.some((c) => c[0] === 'explain')).toBe(true);
});

test('every documented command runs against the demo assembly and behaves as documented', () => {
  const validateSarif = sarifValidator();
  // The baseline is recorded first, as the page's adoption section does; then the checks and the rest.
  const ordered = [...commands.filter((c) => c[0] === 'baseline'), ...commands.filter((c) => c[0] !== 'baseline')];
  for (const args of ordered) {
    const run = runCli(args, work);
    const label = `npx zonelint ${args.join(' ')}`;
    expect({ label, code: run.code, stderr: run.stderr }).toEqual({ label, code: expect.any(Number), stderr: expect.not.stringMatching(/internal error|^zonelint: [^\n]*: /m) });
    expect([label, [0, 1].includes(run.code)]).toEqual([label, true]);
    for (const { format, file } of outputsOf(args)) {
      const full = path.join(work, file);
      expect([label, file, fs.existsSync(full)]).toEqual([label, file, true]);
      const text = fs.readFileSync(full, 'utf8');
      if (format === 'sarif') {
        const log = JSON.parse(text);
        expect([label, validateSarif(log), validateSarif.errors ?? []]).toEqual([label, true, []]);
        expect(log.runs[0].results.length).toBeGreaterThan(0);
      } else if (format === 'junit') expect(text).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /);
      else if (format === 'markdown') expect(text).toMatch(/^### .* zonelint: /);
      else if (format === 'json') expect(JSON.parse(text).schemaVersion).toBe(3);
      else if (format === 'baseline') expect(JSON.parse(text).schemaVersion).toBe(1);
    }
    if (args[0] === 'check' && args.includes('--baseline')) {
      // The baseline was just recorded from this very code: nothing is new, the gate passes.
      expect([label, run.code]).toEqual([label, 0]);
      const bare = args.filter((a, i) => a !== '--baseline' && args[i - 1] !== '--baseline');
      expect([`${label} (without --baseline)`, runCli(bare, work).code]).toEqual([`${label} (without --baseline)`, 1]);
    }
    if (args[0] === 'explain') expect(run.stdout).toMatch(/^# ZL\d{3}/);
    if (args[0] === 'check' && args.includes('--config')) {
      // the recovery policy fails the gate on the demo: its legacy stack cannot be back within 15 minutes
      expect([label, run.code]).toEqual([label, 1]);
      expect(runCli([...args, '--format', 'json'], work).stdout).toMatch(/"ruleId": "ZL904"/);
    }
    if (args[0] === 'check' && args.includes('--report-unused-suppressions')) {
      expect([label, run.code]).toEqual([label, 1]); // the templates example holds an unused suppression
      expect(run.stdout).toMatch(/unused suppression of ZL302 on BillingDb/);
    }
  }
});

test('the GitHub workflow synthesizes, checks, and uploads the SARIF file the check writes, even when the gate fails', () => {
  const workflow = codeBlocks(doc).find((b) => b.lang === 'yaml' && b.body.includes('upload-sarif'));
  expect(workflow).toBeDefined();
  const wf = parse(workflow!.body) as { permissions: Record<string, string>; jobs: Record<string, { steps: Array<Record<string, any>> }> };
  expect(wf.permissions['security-events']).toBe('write');
  const steps = Object.values(wf.jobs)[0].steps;
  const uses = steps.map((s) => s.uses).filter(Boolean);
  expect(uses).toEqual(expect.arrayContaining([expect.stringMatching(/^actions\/checkout@/), expect.stringMatching(/^actions\/setup-node@/), expect.stringMatching(/^github\/codeql-action\/upload-sarif@/)]));
  const runs = steps.map((s) => s.run).filter(Boolean) as string[];
  const order = ['npm ci', 'npx cdk synth', 'npx zonelint check'].map((cmd) => runs.findIndex((r) => r.startsWith(cmd)));
  expect(order.every((i) => i >= 0)).toBe(true);
  expect(order).toEqual([...order].sort((a, b) => a - b));
  const check = shellWords(runs.find((r) => r.startsWith('npx zonelint check'))!.replace(/^npx zonelint /, ''));
  const sarifFile = outputsOf(check).find((o) => o.format === 'sarif')!.file;
  const upload = steps.find((s) => String(s.uses).startsWith('github/codeql-action/upload-sarif'))!;
  expect(upload.with.sarif_file).toBe(sarifFile);
  expect(upload.if).toBe('always()');
});

test('the GitLab job publishes the JUnit file the check writes', () => {
  const job = codeBlocks(doc).find((b) => b.lang === 'yaml' && b.body.includes('reports:'));
  const gl = parse(job!.body) as Record<string, { script: string[]; artifacts: { reports: { junit: string } } }>;
  const spec = Object.values(gl)[0];
  const check = shellWords(spec.script.find((s) => s.startsWith('npx zonelint check'))!.replace(/^npx zonelint /, ''));
  expect(outputsOf(check).find((o) => o.format === 'junit')!.file).toBe(spec.artifacts.reports.junit);
});
