/**
 * Scan progress on stderr: one status line redrawn in place on a terminal (scopes and services done, API calls,
 * throttles), plain log lines in CI (not a TTY, or CI=true) so that logs stay readable. No AWS SDK here.
 */
import type { CoverageGap } from '../load/inventory-types';

export interface ScanStatsView {
  readonly calls: number;
  readonly throttles: number;
  readonly errors: number;
}

export interface ScanProgress {
  /** Total scopes (account × region) once known. */
  planned(scopes: number, servicesPerScope: number): void;
  scopeStarted(scope: string): void;
  serviceDone(scope: string, service: string, gaps: readonly CoverageGap[]): void;
  scopeDone(scope: string): void;
  /** A note that is not about one scope (accounts listed, an account that could not be scanned). */
  note(message: string): void;
  /** After each API attempt. */
  tick(): void;
  finish(): void;
}

export const SILENT: ScanProgress = {
  planned() {},
  scopeStarted() {},
  serviceDone() {},
  scopeDone() {},
  note() {},
  tick() {},
  finish() {},
};

export interface ProgressStream {
  write(s: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** Picks the display: live line on a terminal, log lines otherwise (or when CI is set). */
export function createProgress(stream: ProgressStream, stats: ScanStatsView, env: NodeJS.ProcessEnv = process.env, now: () => number = Date.now): ScanProgress {
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== '0' && env.CI.toLowerCase() !== 'false';
  return stream.isTTY && !ci ? new TerminalProgress(stream, stats, now) : new LogProgress(stream, stats);
}

function counters(stats: ScanStatsView): string {
  return `${stats.calls} API call${stats.calls === 1 ? '' : 's'}, ${stats.throttles} throttled${stats.errors ? `, ${stats.errors} failed` : ''}`;
}

function gapText(gaps: readonly CoverageGap[]): string {
  return gaps.map((g) => `${g.operation} ${g.kind === 'denied' ? 'access denied' : g.kind === 'timeout' ? 'timed out' : g.kind} (${g.code ?? g.message})`).join('; ');
}

class LogProgress implements ScanProgress {
  private scopes = 0;
  private done = 0;
  constructor(
    private readonly out: ProgressStream,
    private readonly stats: ScanStatsView,
  ) {}
  planned(scopes: number): void {
    this.scopes = scopes;
    this.out.write(`zonelint: scanning ${scopes} account/region scope${scopes === 1 ? '' : 's'}\n`);
  }
  scopeStarted(scope: string): void {
    this.out.write(`zonelint: ${scope}: started\n`);
  }
  serviceDone(scope: string, service: string, gaps: readonly CoverageGap[]): void {
    this.out.write(`zonelint: ${scope}: ${service} ${gaps.length ? `NOT COVERED: ${gapText(gaps)}` : 'done'}\n`);
  }
  scopeDone(scope: string): void {
    this.done++;
    this.out.write(`zonelint: ${scope}: done (${this.done}/${this.scopes}; ${counters(this.stats)})\n`);
  }
  note(message: string): void {
    this.out.write(`zonelint: ${message}\n`);
  }
  tick(): void {}
  finish(): void {
    // A scan that never started (no credentials, no such profile) ends with its one error line only.
    if (this.scopes) this.out.write(`zonelint: scan finished: ${counters(this.stats)}\n`);
  }
}

class TerminalProgress implements ScanProgress {
  private scopes = 0;
  private perScope = 0;
  private scopesDone = 0;
  private servicesDone = 0;
  private readonly running = new Set<string>();
  private last = 0;
  private shown = false;
  constructor(
    private readonly out: ProgressStream,
    private readonly stats: ScanStatsView,
    private readonly now: () => number,
  ) {}
  planned(scopes: number, servicesPerScope: number): void {
    this.scopes = scopes;
    this.perScope = servicesPerScope;
    this.draw(true);
  }
  scopeStarted(scope: string): void {
    this.running.add(scope);
    this.draw(true);
  }
  serviceDone(scope: string, service: string, gaps: readonly CoverageGap[]): void {
    this.servicesDone++;
    if (gaps.length) this.line(`${scope}: ${service} not covered: ${gapText(gaps)}`);
    this.draw(false);
  }
  scopeDone(scope: string): void {
    this.running.delete(scope);
    this.scopesDone++;
    this.draw(true);
  }
  note(message: string): void {
    this.line(message);
  }
  tick(): void {
    this.draw(false);
  }
  finish(): void {
    this.clear();
  }
  private line(text: string): void {
    this.clear();
    this.out.write(`zonelint: ${text}\n`);
    this.draw(true);
  }
  private clear(): void {
    if (this.shown) this.out.write('\r\u001b[2K');
    this.shown = false;
  }
  private draw(force: boolean): void {
    const t = this.now();
    if (!force && t - this.last < 100) return;
    this.last = t;
    const total = this.scopes * this.perScope;
    const current = [...this.running].slice(0, 2).join(', ') + (this.running.size > 2 ? ` +${this.running.size - 2}` : '');
    let text = `scanning ${this.scopesDone}/${this.scopes} regions, ${this.servicesDone}/${total} services, ${counters(this.stats)}${current ? ` [${current}]` : ''}`;
    const width = (this.out.columns ?? 100) - 1;
    if (text.length > width) text = `${text.slice(0, Math.max(0, width - 1))}…`;
    this.out.write(`\r\u001b[2K${text}`);
    this.shown = true;
  }
}
