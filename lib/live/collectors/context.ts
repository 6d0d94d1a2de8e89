/** What a collector gets: the clients of one account × region, the data to fill, and coverage bookkeeping. */
import type { ScopeClients } from '../clients';
import { ReadOnlyViolation, ScanAborted, describeError, errorCode, isDenied } from '../clients';
import type { CoverageGap, ScopeData, Tags } from '../../load/inventory-types';

export interface CollectContext {
  readonly account: string;
  readonly region: string;
  readonly partition: string;
  readonly clients: ScopeClients;
  readonly data: ScopeData;
  readonly gaps: CoverageGap[];
  /** Services at least one call of which was answered in this scope (a scan that read none has no verdict). */
  readonly read: Set<string>;
}

/**
 * Runs one part of a collector. If it fails (access denied, or still failing after the SDK's retries), records a
 * coverage gap naming the service and operation and returns undefined: the rest of the scan goes on.
 */
export async function attempt<T>(ctx: CollectContext, service: string, operation: string, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    const out = await fn();
    ctx.read.add(service);
    return out;
  } catch (e) {
    if (e instanceof ReadOnlyViolation) throw e;
    if (e instanceof ScanAborted) {
      // one gap per operation a deadline or Ctrl-C cut short, however many of its calls were in flight
      if (!ctx.gaps.some((g) => g.service === service && g.operation === operation && g.kind === e.kind)) {
        ctx.gaps.push({ service, operation, kind: e.kind, code: e.kind === 'timeout' ? 'Timeout' : 'Interrupted', message: e.message });
      }
      return undefined;
    }
    ctx.gaps.push({ service, operation, kind: isDenied(e) ? 'denied' : 'failed', code: errorCode(e), message: describeError(e) });
    return undefined;
  }
}

export function tagMap(tags: ReadonlyArray<{ Key?: string; Value?: string }> | Record<string, string> | undefined): Tags {
  const out: Tags = {};
  if (Array.isArray(tags)) {
    for (const t of tags) if (t.Key !== undefined) out[t.Key] = t.Value ?? '';
  } else if (tags) Object.assign(out, tags);
  return out;
}

export function iso(d: Date | string | undefined): string | undefined {
  if (d === undefined || d === null) return undefined;
  const t = d instanceof Date ? d : new Date(d);
  return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
}

/** Keeps the newest entry per key. */
export function keepNewest<T extends { time: string }>(map: Record<string, T>, key: string | undefined, value: T): void {
  if (!key) return;
  const cur = map[key];
  if (!cur || Date.parse(value.time) > Date.parse(cur.time)) map[key] = value;
}

/**
 * One call per item where the API has no batch form (DescribeBroker, DescribeFirewall…): every answer in order, or
 * undefined when any failed (each failure is a coverage gap), so that a list is never silently short.
 */
export async function describeEach<T, R>(ctx: CollectContext, service: string, operation: string, items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[] | undefined> {
  const results = await Promise.all(items.map((item) => attempt(ctx, service, operation, () => fn(item))));
  return results.every((r) => r !== undefined) ? (results as R[]) : undefined;
}
