/**
 * `zonelint scan`: reads the account(s) read-only, runs the analysis pipeline (lib/analysis/analyse.ts) on the result,
 * and prints the findings and the per-zone blast radius with the check command's renderers. Loaded lazily by
 * bin/zonelint.ts: this is the only path that loads the AWS SDK.
 */
import * as fs from 'fs';
import * as path from 'path';
import { setMaxListeners } from 'events';
import { analyse } from '../analysis/analyse';
import { InputError, UsageError } from '../errors';
import { loadConfigFile } from '../engine/config';
import { FORMATS } from '../report';
import { planOutputs, writeFileAtomic, writeOutputs } from '../report/render';
import { parseDuration } from '../util/duration';
import { inventoryLoadResult } from '../load/inventory';
import { SERVICE_DEADLINE_MS, ScanAborted, formatMs, newStats } from '../live/clients';
import { createProgress } from '../live/progress';
import { DEFAULT_ORG_ROLE, REGION_NAME, ScanError, ScanOptions, scan } from '../live/scan';
import type { Inventory } from '../load/inventory-types';
import { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, FailOn, gateFails, withSnapshotThreshold } from './common';

/** Exit code of a scan stopped by Ctrl-C (128 + SIGINT), as shells report it. */
export const EXIT_INTERRUPTED = 130;
/** Default overall time limit of a scan. */
export const DEFAULT_TIMEOUT = '10m';

export interface ScanCommandOptions {
  region?: string[];
  profile?: string;
  roleArn?: string;
  org?: boolean;
  orgRole?: string;
  format?: string[];
  output?: string;
  save?: string;
  snapshotMaxAge: string;
  endpointUrl?: string;
  strictCoverage?: boolean;
  failOn: FailOn;
  config?: string;
  color?: boolean;
  showSuppressed?: boolean;
  concurrency?: string;
  timeout?: string;
  serviceTimeout?: string;
}

export interface ScanCommandDeps {
  colorStdout: boolean;
  /** Progress stream (stderr). */
  progressStream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Extra scan options (tests: fixed clock, command interception, credentials). */
  scanOverrides?: Partial<ScanOptions>;
  /** Where Ctrl-C comes from (default: the process). */
  interrupts?: Pick<NodeJS.EventEmitter, 'on' | 'off'>;
}

/** A positive duration option (`90s`, `10m`, `1h`; a bare number is hours, as for --snapshot-max-age). */
function durationOption(flag: string, text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) throw new UsageError(`${flag} "${text}" is not a duration (e.g. 30s, 10m, 1h)`);
  return ms;
}

function validate(opts: ScanCommandOptions): { regions: string[]; maxAgeHours: number; concurrency?: number; timeoutMs: number; serviceDeadlineMs: number } {
  const regions = (opts.region ?? []).flatMap((r) => r.split(',')).map((r) => r.trim()).filter(Boolean);
  for (const r of regions) if (!REGION_NAME.test(r)) throw new UsageError(`--region "${r}" is not an AWS region name (e.g. us-east-1)`);
  const ms = parseDuration(opts.snapshotMaxAge);
  if (ms === undefined || ms <= 0) throw new UsageError(`--snapshot-max-age "${opts.snapshotMaxAge}" is not a duration (e.g. 24h, 90m, 7d)`);
  if (opts.orgRole !== undefined && !opts.org) throw new UsageError('--org-role needs --org');
  if (opts.org && opts.roleArn) throw new UsageError('--org and --role-arn cannot be combined (with --org, --org-role names the role assumed in each account)');
  if (opts.orgRole !== undefined && !/^[\w+=,.@/-]{1,64}$/.test(opts.orgRole)) throw new UsageError(`--org-role "${opts.orgRole}" is not an IAM role name`);
  if (opts.roleArn !== undefined && !/^arn:[\w-]+:iam::\d{12}:role\/.+/.test(opts.roleArn)) throw new UsageError(`--role-arn "${opts.roleArn}" is not an IAM role ARN (arn:aws:iam::123456789012:role/Name)`);
  if (opts.endpointUrl !== undefined) {
    let u: URL | undefined;
    try {
      u = new URL(opts.endpointUrl);
    } catch {
      u = undefined;
    }
    if (!u || !/^https?:$/.test(u.protocol)) throw new UsageError(`--endpoint-url "${opts.endpointUrl}" is not an http(s) URL`);
  }
  let concurrency: number | undefined;
  if (opts.concurrency !== undefined) {
    concurrency = Number(opts.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) throw new UsageError(`--concurrency must be an integer from 1 to 32, got "${opts.concurrency}"`);
  }
  const timeoutMs = durationOption('--timeout', opts.timeout ?? DEFAULT_TIMEOUT);
  const serviceDeadlineMs = Math.min(timeoutMs, opts.serviceTimeout !== undefined ? durationOption('--service-timeout', opts.serviceTimeout) : SERVICE_DEADLINE_MS);
  return { regions, maxAgeHours: ms / 3600_000, concurrency, timeoutMs, serviceDeadlineMs };
}

/** Fails (one line, exit 2) when `file` cannot be written: an existing directory, or a directory without write access. */
function checkWritable(file: string): void {
  const target = path.resolve(file);
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(target);
  } catch {
    stat = undefined;
  }
  if (stat?.isDirectory()) throw new InputError(file, 'cannot save the inventory here: is a directory');
  let dir = path.dirname(target);
  while (!fs.existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  try {
    fs.accessSync(stat ? target : dir, fs.constants.W_OK);
  } catch {
    throw new InputError(file, 'cannot save the inventory here: permission denied');
  }
}


export async function runScanCommand(opts: ScanCommandOptions, deps: ScanCommandDeps): Promise<number> {
  // zonelint pins its SDK version and supports Node 20: the SDK's notice about its own future releases is not the user's
  // concern and would clutter every scan's stderr. Set the variable to "false" to see it.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { regions, maxAgeHours, concurrency, timeoutMs, serviceDeadlineMs } = validate(opts);
  const outputs = planOutputs(opts.format, opts.output, Object.keys(FORMATS));
  if (opts.save) checkWritable(opts.save); // before the scan: a long scan must not be lost to a typo in the path
  const { config, file } = loadConfigFile(opts.config);
  const stats = newStats();
  const progress = createProgress(deps.progressStream ?? process.stderr, stats);

  // One signal ends the scan early: the overall --timeout, or Ctrl-C (a second Ctrl-C exits at once).
  const stop = new AbortController();
  setMaxListeners(0, stop.signal); // every service of every scope listens
  const timer = setTimeout(() => stop.abort(new ScanAborted('timeout', `the scan did not finish within --timeout ${formatMs(timeoutMs)}`)), timeoutMs);
  timer.unref?.();
  const interrupts = deps.interrupts ?? process;
  const onInterrupt = () => {
    if (stop.signal.aborted && (stop.signal.reason as ScanAborted)?.kind === 'interrupted') process.exit(EXIT_INTERRUPTED);
    stop.abort(new ScanAborted('interrupted', 'interrupted (Ctrl-C)'));
  };
  interrupts.on('SIGINT', onInterrupt);
  const interrupted = () => stop.signal.aborted && (stop.signal.reason as ScanAborted)?.kind === 'interrupted';
  const interruptLine = (what: string) => process.stderr.write(`zonelint: interrupted (Ctrl-C): ${what} (exit ${EXIT_INTERRUPTED})\n`);

  let inventory: Inventory;
  try {
    const result = await scan({
      regions,
      profile: opts.profile,
      roleArn: opts.roleArn,
      org: opts.org,
      orgRole: opts.org ? (opts.orgRole ?? DEFAULT_ORG_ROLE) : undefined,
      endpointUrl: opts.endpointUrl,
      concurrency,
      progress,
      stats,
      signal: stop.signal,
      serviceDeadlineMs,
      ...deps.scanOverrides,
    });
    inventory = result.inventory;
  } catch (e) {
    progress.finish();
    if (interrupted()) {
      interruptLine('nothing was collected yet');
      return EXIT_INTERRUPTED;
    }
    if (e instanceof ScanError) throw new UsageError(e.message);
    throw e;
  } finally {
    clearTimeout(timer);
    interrupts.off('SIGINT', onInterrupt);
  }

  // The options that shape the output travel with the inventory: `check inventory.json` prints the same report.
  inventory = {
    ...inventory,
    options: {
      maxSnapshotAgeHours: maxAgeHours,
      snapshotMaxAge: opts.snapshotMaxAge,
      regions: regions.length ? regions : [...new Set(inventory.scopes.map((sc) => sc.region))],
      ...(opts.profile ? { profile: opts.profile } : {}),
      ...(opts.roleArn ? { roleArn: opts.roleArn } : {}),
      ...(opts.org ? { org: true, orgRole: opts.orgRole ?? DEFAULT_ORG_ROLE } : {}),
      timeout: formatMs(timeoutMs),
      serviceTimeout: formatMs(serviceDeadlineMs),
    },
  };
  if (opts.save) writeFileAtomic(opts.save, `${JSON.stringify(inventory, null, 1)}\n`);
  const load = inventoryLoadResult(inventory, opts.save);
  // The stacks now hold everything the analysis reads; the collected records can go (large accounts: memory).
  const gapsAndFailures = { scopes: inventory.scopes.map((sc) => ({ account: sc.account, region: sc.region, gaps: sc.gaps, read: sc.read ?? sc.services })), failures: inventory.failures };
  inventory = { ...inventory, scopes: [], failures: [] };
  const { report } = analyse(load, { config: withSnapshotThreshold(config, maxAgeHours), configSource: file ?? 'config' });
  writeOutputs(report, outputs, FORMATS, { colorStdout: deps.colorStdout, showSuppressed: opts.showSuppressed });

  if (interrupted()) {
    interruptLine('the report above covers what was read before');
    return EXIT_INTERRUPTED;
  }
  // A scan that read nothing has no verdict: "no findings" would pass an audit on no data.
  if (!gapsAndFailures.scopes.some((s) => s.read.length)) {
    const first = gapsAndFailures.failures[0]?.message ?? gapsAndFailures.scopes.flatMap((s) => s.gaps)[0]?.message;
    const where = [...gapsAndFailures.scopes.map((s) => `${s.account}/${s.region}`), ...gapsAndFailures.failures.map((f) => [f.account, f.region].filter(Boolean).join('/'))].join(', ');
    process.stderr.write(`zonelint: no service could be read in ${where || 'any scope'}${first ? ` (${first})` : ''}: no verdict (exit 2)\n`);
    return EXIT_ERROR;
  }
  const gaps = gapsAndFailures.scopes.flatMap((s) => s.gaps.map((g) => `${s.account}/${s.region} ${g.service}:${g.operation}`));
  const missing = [...gaps, ...gapsAndFailures.failures.map((f) => `${[f.account, f.region].filter(Boolean).join('/')} (not scanned)`)];
  if (missing.length) {
    process.stderr.write(`zonelint: partial scan: not covered: ${missing.join(', ')}\n`);
    if (opts.strictCoverage) {
      process.stderr.write('zonelint: --strict-coverage: the scan did not cover everything (exit 2)\n');
      return EXIT_ERROR;
    }
  }
  return gateFails(report.findings, opts.failOn) ? EXIT_FINDINGS : EXIT_OK;
}
