// The zonelint command line. Bundled by esbuild into dist/cli.js (bin/zonelint.js loads it); never loads aws-cdk-lib.
import * as v8 from 'v8';
import * as vm from 'vm';
import { Command, CommanderError, Option } from 'commander';
import { InputError, UsageError, oneLine } from '../lib/errors';
import { loadConfigFile } from '../lib/engine/config';
import { RuleCrash } from '../lib/engine/engine';
import { SEVERITY_RANK, Severity } from '../lib/engine/types';
import { lintPaths, LintResult } from '../lib/lint';
import { applyBaseline, createBaseline, DEFAULT_BASELINE_FILE, readBaseline, serializeBaseline } from '../lib/engine/baseline';
import { findUnusedSuppressions } from '../lib/engine/unused';
import type { Finding } from '../lib/engine/finding';
import { explainText, findRule, formatMarkdownForTerminal } from '../lib/cli/explain';
import { planOutputs, writeFileAtomic, writeOutputs } from '../lib/report/render';
import { computeBlastRadius } from '../lib/analysis/blast-radius';
import { withLiveSection } from '../lib/live/blast';
import { FORMATS, toReport } from '../lib/report';
import { ALL_RULES } from '../rules';
import { VERSION } from '../lib/version';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

type FailOn = Severity | 'none';

interface CheckOptions {
  /** Repeatable: `NAME` or `NAME=FILE` (see lib/report/render.ts). */
  format?: string[];
  output?: string;
  failOn: FailOn;
  config?: string;
  color?: boolean;
  showSuppressed?: boolean;
  baseline?: string;
  reportUnusedSuppressions?: boolean;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function useColor(flag: boolean | undefined, stream: NodeJS.WriteStream): boolean {
  if (flag === false || process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

/** Resources from which `check` frees memory between phases (below, the process stays small anyway). */
const LARGE_INPUT = 20000;

/**
 * One full garbage collection, between linting and the blast radius of a large input: the garbage of loading and
 * linting is gone before the next phases allocate, so the heap does not grow on top of it (peak RSS at 100k
 * resources ~630 -> ~480 MiB, no slower: the collection replaces the ones V8 would run anyway).
 */
function collectGarbage(): void {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    v8.setFlagsFromString('--no-expose-gc');
    gc();
  } catch {
    // not available: V8 collects on its own schedule
  }
}

export function check(inputs: string[], opts: CheckOptions): number {
  const outputs = planOutputs(opts.format, opts.output, Object.keys(FORMATS));
  const { config, file } = loadConfigFile(opts.config);
  const result = lintPaths(inputs, { config, configSource: file ?? 'config' });
  for (const s of result.load.skipped) process.stderr.write(`zonelint: skipped ${s.file}: ${s.reason}\n`);
  for (const n of result.load.notes) process.stderr.write(`zonelint: note: ${n}\n`);
  const unused = unusedSuppressionsOf(result);
  // findings and unused suppressions have their positions: free the templates' text and position index (~70 MiB at
  // 100k resources) before the blast radius and the report; a later lookup would read the file again
  for (const s of result.load.stacks) s.source.release?.();
  if (result.model.resources.length >= LARGE_INPUT) collectGarbage();
  let report = toReport(result, withLiveSection(computeBlastRadius(result.model), result));
  report = { ...report, unusedSuppressions: unused };
  if (opts.baseline) {
    const { findings, comparison } = applyBaseline(report.findings, readBaseline(opts.baseline), opts.baseline);
    report = { ...report, findings, baseline: comparison };
  }
  writeOutputs(report, outputs, FORMATS, { colorStdout: useColor(opts.color, process.stdout), showSuppressed: opts.showSuppressed });
  const failing = gateFails(report.findings, opts.failOn) || (opts.reportUnusedSuppressions === true && unused.length > 0);
  return failing ? EXIT_FINDINGS : EXIT_OK;
}

/** The gate: an unsuppressed finding at or above `failOn` that is not accepted in the baseline. */
export function gateFails(findings: readonly Finding[], failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  const threshold = SEVERITY_RANK[failOn];
  return findings.some((f) => !f.suppressed && f.baseline !== 'unchanged' && SEVERITY_RANK[f.severity] >= threshold);
}

function unusedSuppressionsOf(result: LintResult) {
  return findUnusedSuppressions(result.model, result.findings, {
    knownRuleIds: ALL_RULES.map((r) => r.id),
    enabledRuleIds: result.rules.map((r) => r.rule.id),
  });
}

/** `zonelint baseline`: records today's unsuppressed findings so that `check --baseline` fails only on new ones. */
export function baseline(inputs: string[], opts: { output: string; config?: string }): number {
  const { config, file } = loadConfigFile(opts.config);
  const result = lintPaths(inputs, { config, configSource: file ?? 'config' });
  for (const s of result.load.skipped) process.stderr.write(`zonelint: skipped ${s.file}: ${s.reason}\n`);
  for (const n of result.load.notes) process.stderr.write(`zonelint: note: ${n}\n`);
  const doc = serializeBaseline(createBaseline(result.findings));
  const count = JSON.parse(doc).findings.length as number;
  if (opts.output === '-') process.stdout.write(doc);
  else writeFileAtomic(opts.output, doc);
  process.stderr.write(`zonelint: baseline of ${count} finding${count === 1 ? '' : 's'} written to ${opts.output === '-' ? 'stdout' : opts.output}\n`);
  return EXIT_OK;
}

/** `zonelint explain <rule>`: the rule's doc, lightly formatted on a terminal, plain Markdown when piped. */
export function explain(id: string, opts: { color?: boolean }): number {
  const rule = findRule(id);
  const text = explainText(rule);
  process.stdout.write(useColor(opts.color, process.stdout) ? `${formatMarkdownForTerminal(text)}\n` : text);
  return EXIT_OK;
}

export function listRules(format: string): number {
  if (format === 'json') {
    const rules = ALL_RULES.map((r) => ({
      id: r.id,
      slug: r.slug,
      service: r.service,
      severity: r.severity,
      title: r.title,
      resourceTypes: r.resourceTypes,
      options: r.options ?? {},
      fix: r.fix,
      docs: `rules/${r.service}/${r.slug}/README.md`,
    }));
    process.stdout.write(`${JSON.stringify(rules, null, 2)}\n`);
    return EXIT_OK;
  }
  const idW = 6;
  const sevW = Math.max(...ALL_RULES.map((r) => r.severity.length));
  const lines = ALL_RULES.map((r) => `${r.id.padEnd(idW)}  ${r.severity.padEnd(sevW)}  ${r.title}`);
  process.stdout.write(`${lines.join('\n')}\n${ALL_RULES.length} rules; \`zonelint rules --format json\` for options and fixes.\n`);
  return EXIT_OK;
}

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name('zonelint')
    .description('Multi-AZ resilience linter: finds single-zone dependencies in CDK apps and CloudFormation templates.')
    .version(VERSION, '-v, --version')
    .exitOverride()
    // A usage error is one line, like every other error (the usage hint on the same line, not a second one).
    .configureOutput({ writeErr: (s) => process.stderr.write(s.startsWith('error: ') ? `zonelint: ${oneLine(s.slice(7))} (run \`zonelint --help\` for usage)\n` : s) });

  program
    .command('check')
    .description('lint a cloud assembly (cdk.out), CloudFormation templates (JSON/YAML) or directories of them')
    .argument('<inputs...>', 'cdk.out directory, template file, or directory')
    .option(
      '-f, --format <format[=file]>',
      `output format, repeatable; NAME=FILE writes that format to FILE (formats: ${Object.keys(FORMATS).join(', ')}; default text to stdout)`,
      collect,
    )
    .option('-o, --output <file>', 'write the (one) format given without =FILE to this file instead of stdout')
    .option('--baseline <file>', 'fail only on findings not recorded in this baseline (see `zonelint baseline`); report fixed ones')
    .option('--report-unused-suppressions', 'exit 1 when a suppression or acknowledgement matches no finding or names an unknown rule')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding at or above this severity remains').choices(['error', 'warning', 'info', 'none']).default('error'))
    .option('-c, --config <file>', 'config file (default: zonelint.config.json or .zonelintrc.{json,yaml} in the working directory)')
    .option('--no-color', 'no colors in text output')
    .option('--show-suppressed', 'also list suppressed findings')
    .action((inputs: string[], opts: CheckOptions) => setExit(check(inputs, opts)));

  program
    .command('baseline')
    .description("record today's findings so that `check --baseline` fails only on new ones")
    .argument('<inputs...>', 'cdk.out directory, template file, or directory (as for check)')
    .option('-o, --output <file>', 'baseline file to write (- for stdout)', DEFAULT_BASELINE_FILE)
    .option('-c, --config <file>', 'config file (as for check)')
    .action((inputs: string[], opts: { output: string; config?: string }) => setExit(baseline(inputs, opts)));

  program
    .command('explain')
    .description("print a rule's documentation: why it matters, bad and good examples, the fix")
    .argument('<rule>', 'rule id (ZL301) or slug (rds-instance-multi-az)')
    .option('--no-color', 'plain Markdown even on a terminal')
    .action((id: string, opts: { color?: boolean }) => setExit(explain(id, opts)));

  program
    .command('rules')
    .description('list every rule: id, severity, title')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((opts: { format: string }) => setExit(listRules(opts.format)));

  program
    .command('scan')
    .description('read an AWS account (read-only) and print its findings and the per-zone blast radius')
    .option('-r, --region <region>', 'region to scan, repeatable or comma-separated (default: AWS_REGION or the profile\'s region)', collect)
    .option('--profile <name>', 'named profile from the shared AWS config/credentials files')
    .option('--role-arn <arn>', 'assume this IAM role and scan its account')
    .option('--org', 'scan every active account of the organization (run with management or delegated-admin credentials)')
    .option('--org-role <name>', 'role assumed in each organization account (default OrganizationAccountAccessRole)')
    .option('-f, --format <format[=file]>', `output format, repeatable, as for check (formats: ${Object.keys(FORMATS).join(', ')})`, collect)
    .option('-o, --output <file>', 'write the (one) format given without =FILE to this file instead of stdout')
    .option('--save <file>', 'also write what was collected; `zonelint check <file>` re-analyses it offline')
    .option('--snapshot-max-age <duration>', 'a snapshot or backup older than this is not recent (e.g. 24h, 90m, 7d)', '24h')
    .option('--endpoint-url <url>', 'send every AWS API call to this endpoint (else AWS_ENDPOINT_URL[_<SERVICE>])')
    .option('--strict-coverage', 'exit 2 when a service or account could not be read (access denied, failing after retries)')
    .option('--concurrency <n>', 'API requests in flight per account and region (default 4)')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding at or above this severity remains').choices(['error', 'warning', 'info', 'none']).default('error'))
    .option('-c, --config <file>', 'config file (as for check)')
    .option('--no-color', 'no colors in text output')
    .option('--show-suppressed', 'also list suppressed findings')
    .action(async (opts: import('../lib/live/command').ScanCommandOptions) => {
      // Loaded only here: the AWS SDK stays out of every other command.
      const { runScanCommand } = await import('../lib/live/command');
      setExit(await runScanCommand(opts, { gateFails, colorStdout: useColor(opts.color, process.stdout) }));
    });

  return program;
}

/** Runs the CLI; returns the exit code. Errors become one line on stderr and exit code 2. Synchronous commands only: `scan` needs mainAsync. */
export function main(argv: string[]): number {
  let code = EXIT_OK;
  try {
    buildProgram((c) => (code = c)).parse(argv, { from: 'user' });
  } catch (e) {
    return exitCodeOf(e);
  }
  return code;
}

/** Like main, awaiting asynchronous commands (`scan`); the CLI entry point uses this one. */
export async function mainAsync(argv: string[]): Promise<number> {
  let code = EXIT_OK;
  try {
    await buildProgram((c) => (code = c)).parseAsync(argv, { from: 'user' });
  } catch (e) {
    return exitCodeOf(e);
  }
  return code;
}

function exitCodeOf(e: unknown): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT_OK;
    return EXIT_ERROR; // commander already printed a one-line message
  }
  if (e instanceof InputError || e instanceof UsageError) {
    process.stderr.write(`zonelint: ${e.message}\n`);
    return EXIT_ERROR;
  }
  if (process.env.ZONELINT_DEBUG) process.stderr.write(`${(e as Error)?.stack ?? e}\n`);
  const what = e instanceof RuleCrash ? e.message : `internal error: ${oneLine((e as Error)?.message ?? String(e))}`;
  process.stderr.write(`zonelint: ${what} (this is a bug in zonelint; rerun with ZONELINT_DEBUG=1 for details)\n`);
  return EXIT_ERROR;
}

if (require.main === module || process.env.ZONELINT_CLI_BUNDLE) {
  void mainAsync(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

