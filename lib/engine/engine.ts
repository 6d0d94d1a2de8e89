import type { Model } from '../model/model';
import type { Resource } from '../model/resource';
import type { Stack } from '../model/stack';
import type { NodePath } from '../load/source';
import { ResolvedRule } from './config';
import { Finding, ResourceId } from './finding';
import { fingerprint } from './fingerprint';
import { findAcknowledgement, metadataSuppressions } from './suppress';
import { Report, RuleContext, RuleFix, SEVERITY_RANK, Severity } from './types';
import { compareStrings } from '../util/compare';
import { ARRAY_INDEX, POSITION_DEPTH } from '../load/json';

export interface RunOptions {
  /** Apply CDK acknowledgements recorded in the assembly (the CLI does; the CDK plugin leaves them to CDK). */
  readonly applyAcknowledgements?: boolean;
  /**
   * Compute findings' line and column (default true). The CDK plugin sets false: CDK shows property paths, not lines,
   * and the templates' position index is then never built. Findings are sorted in the same order either way: without
   * lines, by the order of their nodes in the template as JSON.parse returned it, which is the order of the lines in
   * the templates CDK writes (one key or element per line); where the parsed object's key order can differ from the
   * text's (integer-like keys), or the source is not JSON, by the positions after all.
   */
  readonly positions?: boolean;
}

/** A bug in a rule, reported with the rule and resource so that a user can file it; never an input problem. */
export class RuleCrash extends Error {
  constructor(
    readonly ruleId: string,
    override readonly cause: unknown,
  ) {
    super(`internal error in rule ${ruleId}: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'RuleCrash';
  }
}

export function resourceId(r: Resource): ResourceId {
  const constructPath = r.constructPath;
  return constructPath ? { stack: r.stack.name, logicalId: r.logicalId, type: r.type, constructPath } : { stack: r.stack.name, logicalId: r.logicalId, type: r.type };
}

/** Runs every enabled rule over the model and turns reports into findings (location, suppression, fingerprint). */
export function runRules(model: Model, rules: readonly ResolvedRule[], options: RunOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const suppressionCache = new Map<Resource, Map<string, string>>();
  const positions = options.positions !== false;
  const nodePaths = new Map<Finding, FindingNode>();
  for (const { rule, severity, options: ruleOptions } of rules) {
    const seen = new Set<string>();
    const ctx: RuleContext = {
      model,
      options: ruleOptions,
      // a resource whose Condition is false with the parameter defaults is not created: no rule judges it
      resources: (...types) => model.ofType(...types).filter((r) => r.created !== false),
      report: (report: Report) => {
        const nodePath = report.path ? [...report.resource.path, ...report.path.split('.')] : [...report.resource.path];
        const f = toFinding(rule.id, rule.title, severity, report, rule.fix, `rules/${rule.service}/${rule.slug}/README.md`, nodePath, positions);
        if (seen.has(f.fingerprint)) return; // one finding per rule, resource, path and key
        seen.add(f.fingerprint);
        const out = applySuppression(f, report.resource, rule.id, suppressionCache, options);
        if (!positions) nodePaths.set(out, { stack: report.resource.stack, path: nodePath });
        findings.push(out);
      },
    };
    try {
      rule.check(ctx);
    } catch (e) {
      if ((e as Error)?.name === 'InputError') throw e;
      throw new RuleCrash(rule.id, e);
    }
  }
  if (!positions) {
    const order = documentOrder(nodePaths);
    if (order) return sortFindings(model, findings, (a, b) => compareOrder(order.get(a)!, order.get(b)!));
    // the lines after all, for the sort only (the findings keep their location without line and column)
    const lines = new Map<Finding, number>();
    for (const [f, { stack, path }] of nodePaths) lines.set(f, (stack.input.origin === 'live' ? undefined : stack.input.source.positionOf(path))?.line ?? 0);
    return sortFindings(model, findings, (a, b) => lines.get(a)! - lines.get(b)!);
  }
  return sortFindings(model, findings, (a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0));
}

/** A finding's stack and template node, kept for the sort when positions are not computed. */
interface FindingNode {
  readonly stack: Stack;
  readonly path: NodePath;
}

function toFinding(ruleId: string, title: string, ruleSeverity: Severity, report: Report, ruleFix: RuleFix, docs: string, nodePath: NodePath, positions: boolean): Finding {
  const r = report.resource;
  const source = r.stack.input.source;
  const pos = !positions || r.stack.input.origin === 'live' ? undefined : source.positionOf(nodePath);
  const severity = report.severity && SEVERITY_RANK[report.severity] < SEVERITY_RANK[ruleSeverity] ? report.severity : ruleSeverity;
  const isCdk = r.stack.input.origin === 'assembly' || r.constructPath !== undefined;
  const fix = report.fix ?? ruleFix;
  return {
    ruleId,
    severity,
    title,
    message: report.message,
    fix: typeof fix === 'string' ? fix : isCdk ? fix.cdk : fix.cloudformation,
    resource: resourceId(r),
    location: { file: source.file, ...(pos ? { line: pos.line, column: pos.column } : {}), path: nodePath.join('.') },
    related: (report.related ?? []).map((x) => ({ ...resourceId(x.resource), role: x.role })),
    fingerprint: fingerprint({ ruleId, stack: r.stack.name, resource: r.constructPath ?? r.logicalId, path: report.path, key: report.key }),
    suppressed: false,
    docs,
  };
}

function applySuppression(f: Finding, r: Resource, ruleId: string, cache: Map<Resource, Map<string, string>>, options: RunOptions): Finding {
  let own = cache.get(r);
  if (!own) {
    own = metadataSuppressions(r);
    cache.set(r, own);
  }
  const reason = own.get(ruleId);
  if (reason !== undefined) return { ...f, suppressed: true, suppression: { kind: 'metadata', reason } };
  if (options.applyAcknowledgements !== false) {
    const ack = findAcknowledgement(r, ruleId);
    if (ack) return { ...f, suppressed: true, suppression: ack };
  }
  return f;
}

/** Input order of stacks, then line, then rule id: the order a reader walks the templates in. */
function sortFindings(model: Model, findings: Finding[], byLine: (a: Finding, b: Finding) => number): Finding[] {
  const stackOrder = new Map(model.stacks.map((s, i) => [s.name, i]));
  return findings.sort(
    (a, b) =>
      (stackOrder.get(a.resource.stack) ?? 0) - (stackOrder.get(b.resource.stack) ?? 0) ||
      byLine(a, b) ||
      compareStrings(a.ruleId, b.ruleId) ||
      compareStrings(a.resource.logicalId, b.resource.logicalId),
  );
}

/**
 * Each finding's node as the indices of its keys and elements along its path in the parsed template, cut where the
 * position lookup would stop (at the deepest existing node, at most POSITION_DEPTH levels down): comparing two such
 * lists in order compares the nodes' lines in a template with one key or element per line, as CDK writes them.
 * Undefined when that cannot be relied on (not JSON, or an integer-like key JSON.parse may have reordered).
 */
function documentOrder(nodePaths: ReadonlyMap<Finding, FindingNode>): Map<Finding, number[]> | undefined {
  const keyIndex = new Map<object, Map<string, number>>();
  const order = new Map<Finding, number[]>();
  for (const [f, { stack, path }] of nodePaths) {
    const source = stack.input.source;
    if (source.format !== 'json' || stack.input.origin === 'live') return undefined;
    const key: number[] = [];
    let node: unknown = source.data;
    for (let i = 0; i < path.length && i < POSITION_DEPTH; i++) {
      if (node === null || typeof node !== 'object') break;
      const part = path[i];
      if (Array.isArray(node)) {
        const n = typeof part === 'number' ? part : ARRAY_INDEX.test(part) ? Number(part) : -1;
        if (n < 0 || n >= node.length) break;
        key.push(n);
        node = node[n];
        continue;
      }
      let index = keyIndex.get(node);
      if (!index) {
        index = new Map();
        let k = 0;
        for (const name in node) {
          if (ARRAY_INDEX.test(name)) return undefined; // JSON.parse lists these first, whatever the text's order
          index.set(name, k++);
        }
        keyIndex.set(node, index);
      }
      const at = index.get(String(part));
      if (at === undefined) break;
      key.push(at);
      node = (node as Record<string, unknown>)[String(part)];
    }
    order.set(f, key);
  }
  return order;
}

/** Document order of two nodes given as index lists: an ancestor (a prefix) comes first. */
function compareOrder(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** Validates every zonelint suppression in the model up front, so a bad one fails even when nothing is reported. */
export function checkSuppressions(model: Model): void {
  for (const r of model.resources) if (r.zonelintMetadata) metadataSuppressions(r);
}
