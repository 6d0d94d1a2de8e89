import { createHash } from 'crypto';

/**
 * A finding's identity across runs. It is built from what the finding is about, never from where it is printed:
 * the rule, the stack's name, the resource's construct path (or logical id for plain templates), the property path
 * and the rule's own key. Line numbers, the order of stacks and the logical ids of other resources do not enter it,
 * so it survives edits elsewhere; it changes when the finding itself changes.
 */
export function fingerprint(parts: { ruleId: string; stack: string; resource: string; path?: string; key?: string }): string {
  const h = createHash('sha256');
  // Stack names of plain templates are paths: the same on every OS, so that a baseline written on Windows matches in CI.
  const stack = parts.stack.replace(/\\/g, '/');
  h.update([parts.ruleId, stack, parts.resource, parts.path ?? '', parts.key ?? ''].join('\u0000'));
  return h.digest('hex').slice(0, 24);
}
