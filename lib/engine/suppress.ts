import { InputError } from '../errors';
import type { Resource } from '../model/resource';
import type { Suppression } from './finding';

export const PLUGIN_NAMESPACE = 'zonelint';

/** Qualified id as CDK acknowledgements use it: `zonelint::ZL301`. */
export function qualifiedRuleId(ruleId: string): string {
  return `${PLUGIN_NAMESPACE}::${ruleId}`;
}

/**
 * Suppressions written in a template: `Metadata: { zonelint: { suppress: [{ id: ZL301, reason: "…" }] } }`.
 * A reason is required; an entry without one is an input error (like cdk-nag, an unexplained suppression is refused).
 */
export function metadataSuppressions(resource: Resource): Map<string, string> {
  const out = new Map<string, string>();
  const z = resource.zonelintMetadata;
  if (!z || z.suppress === undefined) return out;
  const base = ['Resources', resource.logicalId, 'Metadata', 'zonelint', 'suppress'];
  const fail = (path: Array<string | number>, detail: string): never => {
    const pos = resource.stack.input.source.positionOf(path);
    throw new InputError(resource.stack.file, detail, pos?.line, pos?.column);
  };
  if (!Array.isArray(z.suppress)) fail(base, `${resource.logicalId}: Metadata.zonelint.suppress must be a list of { id, reason }`);
  (z.suppress as unknown[]).forEach((entry, i) => {
    const e = entry as Record<string, unknown>;
    if (!e || typeof e !== 'object' || typeof e.id !== 'string') fail([...base, i], `${resource.logicalId}: each zonelint suppression needs an id (e.g. ZL301)`);
    if (typeof e.reason !== 'string' || e.reason.trim() === '') fail([...base, i], `${resource.logicalId}: zonelint suppression of ${e.id} needs a reason`);
    out.set((e.id as string).replace(/^zonelint::/, ''), e.reason as string);
  });
  return out;
}

/** The CDK acknowledgement covering a finding: the closest one at or above the resource's construct path. */
export function findAcknowledgement(resource: Resource, ruleId: string): Suppression | undefined {
  const path = resource.constructPath;
  if (!path) return undefined;
  const wanted = qualifiedRuleId(ruleId);
  let best: { reason: string; at: string } | undefined;
  for (const ack of resource.stack.input.acknowledgements) {
    if (ack.id !== wanted) continue;
    // '' is the App itself (an acknowledgement on the app covers everything)
    if (path === ack.constructPath || ack.constructPath === '' || path.startsWith(`${ack.constructPath}/`)) {
      if (!best || ack.constructPath.length > best.at.length) best = { reason: ack.reason, at: ack.constructPath };
    }
  }
  return best ? { kind: 'acknowledgement', reason: best.reason, at: best.at } : undefined;
}
