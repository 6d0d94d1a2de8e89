// The zonelint command line: builds the commander program and maps errors to exit codes; each command lives in
// lib/cli/<command>.ts. Bundled by esbuild into dist/cli.js (bin/zonelint.js loads it); never loads aws-cdk-lib, and
// loads the AWS SDK only for `scan` (lib/cli/scan.ts is imported lazily).
import { Command, CommanderError, Option } from 'commander';
import { InputError, UsageError, oneLine } from '../lib/errors';
import { RuleCrash } from '../lib/engine/engine';
import { DEFAULT_BASELINE_FILE } from '../lib/engine/baseline';
import { baseline } from '../lib/cli/baseline';
import { CheckOptions, check } from '../lib/cli/check';
import { EXIT_ERROR, EXIT_OK, collect, useColor } from '../lib/cli/common';
import { explain } from '../lib/cli/explain';
import { listRules } from '../lib/cli/rules';
import { FORMATS } from '../lib/report';
import { VERSION } from '../lib/version';

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
    .option('--timeout <duration>', 'stop the scan after this long and report what was read (e.g. 90s, 10m, 1h)', '10m')
    .option('--service-timeout <duration>', 'a service still not read after this long in one account and region is not covered (default 5m)')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding at or above this severity remains').choices(['error', 'warning', 'info', 'none']).default('error'))
    .option('-c, --config <file>', 'config file (as for check)')
    .option('--no-color', 'no colors in text output')
    .option('--show-suppressed', 'also list suppressed findings')
    .action(async (opts: import('../lib/cli/scan').ScanCommandOptions) => {
      // Loaded only here: the AWS SDK stays out of every other command.
      const { runScanCommand } = await import('../lib/cli/scan');
      setExit(await runScanCommand(opts, { colorStdout: useColor(opts.color, process.stdout) }));
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

