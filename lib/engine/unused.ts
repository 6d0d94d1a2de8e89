import type { Model } from '../model/model';
import type { Finding } from './finding';
import { PLUGIN_NAMESPACE } from './suppress';
import { compareStrings } from '../util/compare';

/**
 * A suppression that silences nothing, like eslint's unused disable directives: a `Metadata.zonelint.suppress` entry
 * or a CDK acknowledgement (`zonelint::ZLnnn`) that matches no finding of this run, or that names a rule zonelint
 * does not have. Left alone they hide the next real finding on that resource, so they are reported.
 */
export interface UnusedSuppression {
  readonly kind: 'metadata' | 'acknowledgement';
  /** `unused`: the rule ran and found nothing to silence here; `unknown-rule`: no zonelint rule has this id. */
  readonly problem: 'unused' | 'unknown-rule';
  /** The id as written (`ZL301`, or `zonelint::ZL301` for an acknowledgement). */
  readonly id: string;
  readonly reason: string;
  readonly stack: string;
  /** Logical id (metadata) or construct path (acknowledgement) the suppression is attached to. */
  readonly at: string;
  /** Template file, with the line of the suppression entry for metadata. */
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** One line for humans: what is wrong and what to do. */
  readonly message: string;
}

export interface UnusedOptions {
  /** Every rule id zonelint knows (unknown ids are reported as such). */
  readonly knownRuleIds: readonly string[];
  /** Rules that ran in this run. A suppression of a rule that did not run (off in the config) cannot be judged. */
  readonly enabledRuleIds: readonly string[];
  /**
   * Whether CDK acknowledgements were applied by this run (the CLI applies them; the CDK plugin leaves them to CDK).
   * When false, acknowledgements are not judged.
   */
  readonly acknowledgementsApplied?: boolean;
}

/** Suppressions (template metadata and CDK acknowledgements) that match no finding, in input order. */
export function findUnusedSuppressions(model: Model, findings: readonly Finding[], options: UnusedOptions): UnusedSuppression[] {
  const known = new Set(options.knownRuleIds);
  const enabled = new Set(options.enabledRuleIds);
  const out: UnusedSuppression[] = [];

  // Metadata entries used: the finding's resource and rule, suppressed by metadata.
  const usedMetadata = new Set<string>();
  const usedAcks = new Set<string>();
  for (const f of findings) {
    if (!f.suppressed || !f.suppression) continue;
    if (f.suppression.kind === 'metadata') usedMetadata.add(key(f.resource.stack, f.resource.logicalId, f.ruleId));
    else usedAcks.add(key(f.suppression.at ?? '', `${PLUGIN_NAMESPACE}::${f.ruleId}`));
  }

  for (const stack of model.stacks) {
    for (const r of stack.resources.values()) {
      const suppress = r.zonelintMetadata?.suppress;
      if (!Array.isArray(suppress)) continue;
      suppress.forEach((entry, i) => {
        const e = entry as { id?: unknown; reason?: unknown };
        if (typeof e?.id !== 'string') return;
        const ruleId = e.id.replace(/^zonelint::/, '');
        const pos = stack.input.source.positionOf(['Resources', r.logicalId, 'Metadata', 'zonelint', 'suppress', i]);
        const base = { kind: 'metadata' as const, id: e.id, reason: String(e.reason ?? ''), stack: stack.name, at: r.logicalId, file: stack.file, ...(pos ? { line: pos.line, column: pos.column } : {}) };
        if (!known.has(ruleId)) {
          out.push({ ...base, problem: 'unknown-rule', message: `suppression of unknown rule ${e.id} on ${r.logicalId}${hint(ruleId, options.knownRuleIds)}` });
        } else if (enabled.has(ruleId) && !usedMetadata.has(key(stack.name, r.logicalId, ruleId))) {
          out.push({ ...base, problem: 'unused', message: `unused suppression of ${ruleId} on ${r.logicalId}: ${ruleId} reports nothing here; remove it` });
        }
      });
    }
  }

  if (options.acknowledgementsApplied !== false) {
    // An acknowledgement above a stack is listed for every stack below it: judge each one once, over all stacks.
    const seen = new Set<string>();
    for (const stack of model.stacks) {
      for (const ack of stack.input.acknowledgements) {
        if (!ack.id.startsWith(`${PLUGIN_NAMESPACE}::`)) continue; // another plugin's acknowledgement
        const k = key(ack.constructPath, ack.id);
        if (seen.has(k)) continue;
        seen.add(k);
        const ruleId = ack.id.slice(PLUGIN_NAMESPACE.length + 2);
        const base = { kind: 'acknowledgement' as const, id: ack.id, reason: ack.reason, stack: stack.name, at: ack.constructPath, file: stack.file };
        if (!known.has(ruleId)) {
          out.push({ ...base, problem: 'unknown-rule', message: `acknowledgement of unknown rule ${ack.id} at ${ack.constructPath}${hint(ruleId, options.knownRuleIds)}` });
        } else if (enabled.has(ruleId) && !usedAcks.has(k)) {
          out.push({ ...base, problem: 'unused', message: `unused acknowledgement ${ack.id} at ${ack.constructPath}: ${ruleId} reports nothing there; remove it` });
        }
      }
    }
  }
  return out;
}

function key(...parts: string[]): string {
  return parts.join('\u0000');
}

function hint(id: string, known: readonly string[]): string {
  const close = closeMatches(id, known);
  return close.length ? ` (did you mean ${close.join(', ')}?)` : ' (run `zonelint rules` for the list)';
}

/** Ids within edit distance 2 of `id` (case-insensitive), closest first, at most 3. */
export function closeMatches(id: string, candidates: readonly string[], max = 3): string[] {
  const wanted = id.toUpperCase();
  return candidates
    .map((c) => ({ c, d: editDistance(wanted, c.toUpperCase()) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(wanted.length / 3)))
    .sort((a, b) => a.d - b.d || compareStrings(a.c, b.c))
    .slice(0, max)
    .map((x) => x.c);
}

export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}
