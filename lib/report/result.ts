import type { Finding } from '../engine/finding';
import type { Severity } from '../engine/types';
import type { LintResult } from '../lint';

/** Everything a reporter needs; reporters only render, they never decide. */
export interface Report {
  readonly findings: readonly Finding[];
  readonly stacks: ReadonlyArray<{ readonly id: string; readonly name: string; readonly file: string; readonly resources: number }>;
  readonly skipped: ReadonlyArray<{ readonly file: string; readonly reason: string }>;
  readonly notes: readonly string[];
  /** Filled by the blast-radius analysis when it runs; null otherwise. */
  readonly blastRadius: unknown;
}

export interface Summary {
  readonly findings: number;
  readonly errors: number;
  readonly warnings: number;
  readonly info: number;
  readonly suppressed: number;
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
  };
}

export function summarize(report: Report): Summary {
  const active = report.findings.filter((f) => !f.suppressed);
  const count = (s: Severity) => active.filter((f) => f.severity === s).length;
  return {
    findings: active.length,
    errors: count('error'),
    warnings: count('warning'),
    info: count('info'),
    suppressed: report.findings.length - active.length,
    stacks: report.stacks.length,
    resources: report.stacks.reduce((n, s) => n + s.resources, 0),
  };
}
