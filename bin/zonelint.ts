// The zonelint command line. Bundled by esbuild into dist/cli.js (bin/zonelint.js loads it); never loads aws-cdk-lib.
import * as fs from 'fs';
import * as path from 'path';
import { Command, CommanderError, Option } from 'commander';
import { InputError, UsageError, oneLine } from '../lib/errors';
import { loadConfigFile } from '../lib/engine/config';
import { RuleCrash } from '../lib/engine/engine';
import { SEVERITY_RANK, Severity } from '../lib/engine/types';
import { lintPaths } from '../lib/lint';
import { computeBlastRadius } from '../lib/analysis/blast-radius';
import { FORMATS, summarize, toReport } from '../lib/report';
import { ALL_RULES } from '../rules';
import { VERSION } from '../lib/version';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

type FailOn = Severity | 'none';

interface CheckOptions {
  format: string;
  output?: string;
  failOn: FailOn;
  config?: string;
  color?: boolean;
  showSuppressed?: boolean;
}

function useColor(flag: boolean | undefined, stream: NodeJS.WriteStream): boolean {
  if (flag === false || process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

function writeOutput(text: string, output: string | undefined): void {
  if (!output || output === '-') {
    process.stdout.write(text);
    return;
  }
  try {
    fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
    fs.writeFileSync(output, text);
  } catch (e) {
    throw new InputError(output, `cannot write output: ${(e as Error).message}`);
  }
}

export function check(inputs: string[], opts: CheckOptions): number {
  const { config, file } = loadConfigFile(opts.config);
  const result = lintPaths(inputs, { config, configSource: file ?? 'config' });
  for (const s of result.load.skipped) process.stderr.write(`zonelint: skipped ${s.file}: ${s.reason}\n`);
  for (const n of result.load.notes) process.stderr.write(`zonelint: note: ${n}\n`);
  const report = toReport(result, computeBlastRadius(result.model));
  const render = FORMATS[opts.format];
  writeOutput(render(report, { color: opts.output ? false : useColor(opts.color, process.stdout), showSuppressed: opts.showSuppressed }), opts.output);
  if (opts.failOn === 'none') return EXIT_OK;
  const threshold = SEVERITY_RANK[opts.failOn];
  const failing = result.findings.some((f) => !f.suppressed && SEVERITY_RANK[f.severity] >= threshold);
  return failing ? EXIT_FINDINGS : EXIT_OK;
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
    .configureOutput({ writeErr: (s) => process.stderr.write(s.startsWith('error: ') ? `zonelint: ${oneLine(s.slice(7))}\n` : s) })
    .showHelpAfterError('(run `zonelint --help` for usage)');

  program
    .command('check')
    .description('lint a cloud assembly (cdk.out), CloudFormation templates (JSON/YAML) or directories of them')
    .argument('<inputs...>', 'cdk.out directory, template file, or directory')
    .addOption(new Option('-f, --format <format>', 'output format').choices(Object.keys(FORMATS)).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding at or above this severity remains').choices(['error', 'warning', 'info', 'none']).default('error'))
    .option('-c, --config <file>', 'config file (default: zonelint.config.json or .zonelintrc.{json,yaml} in the working directory)')
    .option('--no-color', 'no colors in text output')
    .option('--show-suppressed', 'also list suppressed findings')
    .action((inputs: string[], opts: CheckOptions) => setExit(check(inputs, opts)));

  program
    .command('rules')
    .description('list every rule: id, severity, title')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((opts: { format: string }) => setExit(listRules(opts.format)));

  return program;
}

/** Runs the CLI; returns the exit code. Errors become one line on stderr and exit code 2. */
export function main(argv: string[]): number {
  let code = EXIT_OK;
  try {
    buildProgram((c) => (code = c)).parse(argv, { from: 'user' });
  } catch (e) {
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
  return code;
}

if (require.main === module || process.env.ZONELINT_CLI_BUNDLE) {
  const code = main(process.argv.slice(2));
  process.exitCode = code;
}

export { summarize };
