/**
 * The one analysis pipeline: load → lint → blast radius → live section → report model. `zonelint check`, `zonelint
 * scan` and the CDK validation plugin all run it (lib/cli/check.ts, lib/cli/scan.ts, lib/cdk/plugin.ts); nothing else
 * assembles that sequence. What differs between them is an option: positions and acknowledgements (the plugin leaves
 * both to CDK), freeing the templates' text on large inputs (the CLI), unused suppressions and a baseline (`check`).
 */
import * as v8 from 'v8';
import * as vm from 'vm';
import type { ResolvedRule } from '../engine/config';
import { applyBaseline, readBaseline } from '../engine/baseline';
import { findUnusedSuppressions } from '../engine/unused';
import { LintOptions, LintResult, lintLoaded, resolveRules } from '../lint';
import { loadInputs } from '../load/inputs';
import type { LoadResult } from '../load/stack-input';
import { Report, toReport } from '../report/result';
import { computeBlastRadius } from './blast-radius';
import { BlastRadiusWithLive, withLiveSection } from './live';

export interface AnalyseOptions extends LintOptions {
  /** Rules already resolved against the config (the CDK entry points resolve them when constructed). */
  readonly resolvedRules?: readonly ResolvedRule[];
  /** Compute the blast radius (default true; `zonelint baseline` needs findings only). */
  readonly blastRadius?: boolean;
  /** Look for suppressions and acknowledgements that match no finding or name an unknown rule (`check`). */
  readonly unusedSuppressions?: boolean;
  /**
   * Free the templates' text and position index once findings (and unused suppressions) have their positions, and on
   * large inputs collect garbage before the blast radius (the CLI: ~70 MiB and ~150 MiB of peak RSS at 100k
   * resources). A later position lookup would read the file again.
   */
  readonly releaseSources?: boolean;
  /** Compare the findings with this baseline file (`check --baseline`): new/unchanged marks, fixed entries. */
  readonly baseline?: string;
  /** Told, right after loading, of every skipped file (`skipped FILE: REASON`) and loader note (`note: …`). */
  readonly onNotice?: (message: string) => void;
}

export interface Analysis {
  readonly lint: LintResult;
  /** With its live section when the input has live stacks; null when not computed. */
  readonly blastRadius: BlastRadiusWithLive | null;
  /** The typed report model every output format renders. */
  readonly report: Report;
}

/** Resources from which `releaseSources` also runs a full garbage collection (below, the process stays small anyway). */
export const LARGE_INPUT = 20000;

/** Analyses inputs given as paths (cdk.out, templates, inventories, directories) or already loaded. */
export function analyse(input: readonly string[] | LoadResult, options: AnalyseOptions = {}): Analysis {
  const rules = options.resolvedRules ?? resolveRules(options); // a config error comes before an input error
  const lint = lintLoaded(isLoaded(input) ? input : loadInputs([...input]), options, rules);
  if (options.onNotice) {
    for (const s of lint.load.skipped) options.onNotice(`skipped ${s.file}: ${s.reason}`);
    for (const n of lint.load.notes) options.onNotice(`note: ${n}`);
  }
  const unused = options.unusedSuppressions
    ? findUnusedSuppressions(lint.model, lint.findings, { knownRuleIds: lint.catalog.map((r) => r.id), enabledRuleIds: lint.rules.map((r) => r.rule.id) })
    : undefined;
  const large = options.releaseSources === true && lint.model.resources.length >= LARGE_INPUT;
  if (options.releaseSources) {
    for (const s of lint.load.stacks) s.source.release?.();
    if (large) collectGarbage();
  }
  const blastRadius = options.blastRadius === false ? null : withLiveSection(computeBlastRadius(lint.model, large ? { betweenScenarios: collectGarbage } : {}), lint);
  let report = toReport(lint, blastRadius);
  if (unused) report = { ...report, unusedSuppressions: unused };
  if (options.baseline) {
    const { findings, comparison } = applyBaseline(report.findings, readBaseline(options.baseline), options.baseline);
    report = { ...report, findings, baseline: comparison };
  }
  return { lint, blastRadius, report };
}

function isLoaded(input: readonly string[] | LoadResult): input is LoadResult {
  return !Array.isArray(input);
}

/**
 * One full garbage collection, on large inputs: between linting and the blast radius (the garbage of loading and
 * linting is gone before the next phases allocate, so the heap does not grow on top of it), between the blast
 * radius's zone scenarios and its single-resource ones, and (lib/cli/check.ts) before the report is written, when
 * only the report is left. Peak RSS at 100k resources ~630 -> ~490 MiB, no slower: each collection replaces ones V8
 * would run anyway.
 */
export function collectGarbage(): void {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    v8.setFlagsFromString('--no-expose-gc');
    gc();
  } catch {
    // not available: V8 collects on its own schedule
  }
}
