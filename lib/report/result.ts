import type { BlastRadiusWithLive } from '../analysis/live';
import type { BaselineComparison } from '../engine/baseline';
import type { Finding } from '../engine/finding';
import type { RuleMeta, Severity } from '../engine/types';
import type { UnusedSuppression } from '../engine/unused';
import type { LintResult } from '../lint';

/**
 * Everything a reporter needs, built by analyse() (lib/analysis/analyse.ts); reporters only render, they never decide,
 * and they import neither the rules nor the live scanner: rule metadata comes in `rulesMeta`, the live section in
 * `blastRadius.live`.
 */
export interface Report {
  readonly findings: readonly Finding[];
  readonly stacks: ReadonlyArray<{ readonly id: string; readonly name: string; readonly file: string; readonly resources: number }>;
  readonly skipped: ReadonlyArray<{ readonly file: string; readonly reason: string }>;
  readonly notes: readonly string[];
  /** The per-zone blast radius (with its live section when the input has live stacks), or null when it did not run. */
  readonly blastRadius: BlastRadiusWithLive | null;
  /** Ids of the rules that ran (enabled by the config), in id order. */
  readonly rules?: readonly string[];
  /** Metadata of every rule the run knows (enabled or not), in id order: SARIF's rule list, links, JUnit suites. */
  readonly rulesMeta: readonly RuleMeta[];
  /** Set when the run was compared with a baseline (`check --baseline`). */
  readonly baseline?: BaselineComparison;
  /** Suppressions that matched nothing or name unknown rules (set by `check`). */
  readonly unusedSuppressions?: readonly UnusedSuppression[];
}

export interface Summary {
  /** Unsuppressed findings (not in the baseline, when one is given): what the gate judges. */
  readonly findings: number;
  readonly errors: number;
  readonly warnings: number;
  readonly info: number;
  readonly suppressed: number;
  /** Findings accepted in the baseline (0 without one). */
  readonly baselined: number;
  /** Baseline entries fixed since (0 without a baseline). */
  readonly fixed: number;
  /** Suppressions that match nothing or name unknown rules. */
  readonly unusedSuppressions: number;
  readonly stacks: number;
  readonly resources: number;
}

/** The report model of a lint result (analyse() adds the blast radius, unused suppressions and the baseline). */
export function toReport(result: LintResult, blastRadius: BlastRadiusWithLive | null = null): Report {
  return {
    findings: result.findings,
    stacks: result.model.stacks.map((s) => ({ id: s.id, name: s.name, file: s.file, resources: s.resources.size })),
    skipped: result.load.skipped,
    notes: result.load.notes,
    blastRadius,
    rules: result.rules.map((r) => r.rule.id),
    rulesMeta: result.catalog,
  };
}

export function summarize(report: Report): Summary {
  const unsuppressed = report.findings.filter((f) => !f.suppressed);
  const active = unsuppressed.filter((f) => f.baseline !== 'unchanged');
  const count = (s: Severity) => active.filter((f) => f.severity === s).length;
  return {
    findings: active.length,
    errors: count('error'),
    warnings: count('warning'),
    info: count('info'),
    suppressed: report.findings.length - unsuppressed.length,
    baselined: unsuppressed.length - active.length,
    fixed: report.baseline?.fixed.length ?? 0,
    unusedSuppressions: report.unusedSuppressions?.length ?? 0,
    stacks: report.stacks.length,
    resources: resourceCount(report),
  };
}

/** Resources of every stack the report covers. */
export function resourceCount(report: Report): number {
  return report.stacks.reduce((n, s) => n + s.resources, 0);
}
