// `zonelint check`: lint inputs, print every requested format, gate on findings.
import { LARGE_INPUT, analyse, collectGarbage } from '../analysis/analyse';
import { loadConfigFile } from '../engine/config';
import { resolveRules } from '../lint';
import { loadInputs } from '../load/inputs';
import { savedSnapshotThreshold } from '../model/live';
import { FORMATS } from '../report';
import { Report, resourceCount } from '../report/result';
import { planOutputs, writeOutputs } from '../report/render';
import { EXIT_FINDINGS, EXIT_OK, FailOn, gateFails, notice, useColor, withSnapshotThreshold } from './common';

export interface CheckOptions {
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

export function check(inputs: string[], opts: CheckOptions): number {
  const outputs = planOutputs(opts.format, opts.output, Object.keys(FORMATS));
  const report = checkReport(inputs, opts);
  // the templates and the model are unreachable now: on a large input, one collection before writing lets the
  // report's text (~160 MiB of JSON at 100k resources) reuse their memory
  if (resourceCount(report) >= LARGE_INPUT) collectGarbage();
  writeOutputs(report, outputs, FORMATS, { colorStdout: useColor(opts.color, process.stdout), showSuppressed: opts.showSuppressed });
  const unused = report.unusedSuppressions ?? [];
  const failing = gateFails(report.findings, opts.failOn) || (opts.reportUnusedSuppressions === true && unused.length > 0);
  return failing ? EXIT_FINDINGS : EXIT_OK;
}

/**
 * Loads, lints and simulates; returns the report alone. Nothing of the templates or the model is reachable once it
 * returns, so writing the report (~160 MiB of JSON at 100k resources) reuses their memory instead of adding to it.
 */
function checkReport(inputs: string[], opts: CheckOptions): Report {
  const loaded = loadConfigFile(opts.config);
  const file = loaded.file;
  resolveRules({ config: loaded.config, configSource: file ?? 'config' }); // a config error comes before an input error
  const load = loadInputs(inputs);
  // A saved live scan is judged with the snapshot threshold it ran with (unless the config sets one for all rules).
  const saved = savedSnapshotThreshold(load.stacks);
  const config = saved !== undefined && loaded.config.options?.maxSnapshotAgeHours === undefined ? withSnapshotThreshold(loaded.config, saved) : loaded.config;
  return analyse(load, {
    config,
    configSource: file ?? 'config',
    onNotice: notice,
    unusedSuppressions: true,
    releaseSources: true,
    ...(opts.baseline ? { baseline: opts.baseline } : {}),
  }).report;
}
