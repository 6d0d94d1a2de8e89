// CDK acknowledgements read from the construct tree, for the plugin and the aspect. Never loads aws-cdk-lib.
import type { IConstruct } from 'constructs';
import type { Acknowledgement } from '../load/stack-input';

/** Metadata type `Validations.of(x).acknowledge({ id, reason })` records (aws-cdk-lib 2.251+). */
export const ACKNOWLEDGED_RULES = 'aws:cdk:acknowledged-rules';

/** Every `Validations.of(x).acknowledge(...)` on the given constructs, as CDK's synthesis validation collects them. */
export function treeAcknowledgements(constructs: readonly IConstruct[]): Acknowledgement[] {
  const out: Acknowledgement[] = [];
  for (const c of constructs) {
    for (const entry of c.node.metadata) {
      if (entry.type !== ACKNOWLEDGED_RULES || !entry.data || typeof entry.data !== 'object') continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, unknown>)) out.push({ id, reason: String(reason), constructPath: c.node.path });
    }
  }
  return out;
}

/** Acknowledgements by qualified rule id, then by construct path (the app root's path is ''). */
export type AckIndex = Map<string, Map<string, string>>;

export function indexAcknowledgements(acks: readonly Acknowledgement[]): AckIndex {
  const out: AckIndex = new Map();
  for (const a of acks) {
    if (!out.has(a.id)) out.set(a.id, new Map());
    out.get(a.id)!.set(a.constructPath, a.reason);
  }
  return out;
}

/** The acknowledgement at the construct or its closest ancestor, as CDK matches them. */
export function closestAck(acks: AckIndex, qualifiedId: string, constructPath: string): { at: string; reason: string } | undefined {
  const byPath = acks.get(qualifiedId);
  if (!byPath) return undefined;
  let p = constructPath;
  for (;;) {
    const reason = byPath.get(p);
    if (reason !== undefined) return { at: p, reason };
    if (p === '') return undefined;
    const slash = p.lastIndexOf('/');
    p = slash === -1 ? '' : p.slice(0, slash);
  }
}

/**
 * The constructs on the way from `root` to each of the construct paths (root included): the only ones whose
 * acknowledgements `closestAck` can match for those paths. Undefined when a path does not lead to a construct
 * (then the caller takes the whole tree).
 */
export function ancestorsOf(root: IConstruct, constructPaths: Iterable<string>): IConstruct[] | undefined {
  const out = new Set<IConstruct>([root]);
  const rootPath = root.node.path;
  for (const p of constructPaths) {
    let rel = p;
    if (rootPath) {
      if (p !== rootPath && !p.startsWith(`${rootPath}/`)) return undefined;
      rel = p.slice(rootPath.length + 1);
    }
    let node: IConstruct | undefined = root;
    for (const id of rel ? rel.split('/') : []) {
      node = node.node.tryFindChild(id);
      if (!node) return undefined;
      out.add(node);
    }
  }
  return [...out];
}
