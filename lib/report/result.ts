import type { BaselineComparison } from '../engine/baseline';
import type { Finding } from '../engine/finding';
import type { Severity } from '../engine/types';
import type { UnusedSuppression } from '../engine/unused';
import type { LintResult } from '../lint';

/** Everything a reporter needs; reporters only render, they never decide. */
export interface Report {
  readonly findings: readonly Finding[];
  readonly stacks: ReadonlyArray<{ readonly id: string; readonly name: string; readonly file: string; readonly resources: number }>;
  readonly skipped: ReadonlyArray<{ readonly file: string; readonly reason: string }>;
  readonly notes: readonly string[];
  /** Filled by the blast-radius analysis when it runs; null otherwise. */
  readonly blastRadius: unknown;
  /** Ids of the rules that ran (enabled by the config), in id order. */
  readonly rules?: readonly string[];
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

export function toReport(result: LintResult, blastRadius: unknown = null): Report {
  return {
    findings: result.findings,
    stacks: result.model.stacks.map((s) => ({ id: s.id, name: s.name, file: s.file, resources: s.resources.size })),
    skipped: result.load.skipped,
    notes: result.load.notes,
    blastRadius,
    rules: result.rules.map((r) => r.rule.id),
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
    resources: report.stacks.reduce((n, s) => n + s.resources, 0),
  };
}
