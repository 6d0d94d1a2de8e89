// What every command shares: exit codes, the gate, colors, repeatable options.
import type { ZonelintConfig } from '../engine/config';
import type { Finding } from '../engine/finding';
import { SEVERITY_RANK, Severity } from '../engine/types';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

export type FailOn = Severity | 'none';

/** The gate: an unsuppressed finding at or above `failOn` that is not accepted in the baseline. */
export function gateFails(findings: readonly Finding[], failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  const threshold = SEVERITY_RANK[failOn];
  return findings.some((f) => !f.suppressed && f.baseline !== 'unchanged' && SEVERITY_RANK[f.severity] >= threshold);
}

/** Colors on a TTY unless `--no-color` or NO_COLOR; FORCE_COLOR forces them. */
export function useColor(flag: boolean | undefined, stream: NodeJS.WriteStream): boolean {
  if (flag === false || process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

/** Commander's accumulator for a repeatable option. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Prints a loader notice (skipped file, note) on stderr. */
export function notice(message: string): void {
  process.stderr.write(`zonelint: ${message}\n`);
}

/**
 * Config with a live scan's snapshot threshold (`--snapshot-max-age`, or the one a saved inventory records) applied
 * to every rule that has the option; the user's file wins per rule.
 */
export function withSnapshotThreshold(config: ZonelintConfig, hours: number): ZonelintConfig {
  return { ...config, options: { ...(config.options ?? {}), maxSnapshotAgeHours: hours } };
}
