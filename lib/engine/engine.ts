import type { Model } from '../model/model';
import type { Resource } from '../model/resource';
import { ResolvedRule } from './config';
import { Finding, ResourceId } from './finding';
import { fingerprint, stableResourceName } from './fingerprint';
import { findAcknowledgement, metadataSuppressions } from './suppress';
import { Report, RuleContext, SEVERITY_RANK, Severity } from './types';

export interface RunOptions {
  /** Apply CDK acknowledgements recorded in the assembly (the CLI does; the CDK plugin leaves them to CDK). */
  readonly applyAcknowledgements?: boolean;
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
  for (const { rule, severity, options: ruleOptions } of rules) {
    const seen = new Set<string>();
    const ctx: RuleContext = {
      model,
      options: ruleOptions,
      // a resource whose Condition is false with the parameter defaults is not created: no rule judges it
      resources: (...types) => model.ofType(...types).filter((r) => r.created !== false),
      report: (report: Report) => {
        const f = toFinding(rule.id, rule.title, severity, report, rule.fix, `rules/${rule.service}/${rule.slug}/README.md`);
        if (seen.has(f.fingerprint)) return; // one finding per rule, resource, path and key
        seen.add(f.fingerprint);
        findings.push(applySuppression(f, report.resource, rule.id, suppressionCache, options));
      },
    };
    try {
      rule.check(ctx);
    } catch (e) {
      if ((e as Error)?.name === 'InputError') throw e;
      throw new RuleCrash(rule.id, e);
    }
  }
  return sortFindings(model, findings);
}

function toFinding(ruleId: string, title: string, ruleSeverity: Severity, report: Report, fix: { cloudformation: string; cdk: string }, docs: string): Finding {
  const r = report.resource;
  const rel = report.path ? report.path.split('.') : [];
  const nodePath = [...r.path, ...rel];
  const source = r.stack.input.source;
  const pos = r.stack.input.origin === 'live' ? undefined : source.positionOf(nodePath);
  const severity = report.severity && SEVERITY_RANK[report.severity] < SEVERITY_RANK[ruleSeverity] ? report.severity : ruleSeverity;
  const isCdk = r.stack.input.origin === 'assembly' || r.constructPath !== undefined;
  return {
    ruleId,
    severity,
    title,
    message: report.message,
    fix: report.fix ?? (isCdk ? fix.cdk : fix.cloudformation),
    resource: resourceId(r),
    location: { file: source.file, ...(pos ? { line: pos.line, column: pos.column } : {}), path: nodePath.join('.') },
    related: (report.related ?? []).map((x) => ({ ...resourceId(x.resource), role: x.role })),
    fingerprint: fingerprint({ ruleId, stack: r.stack.name, resource: stableResourceName(r.constructPath, r.logicalId), path: report.path, key: report.key }),
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
function sortFindings(model: Model, findings: Finding[]): Finding[] {
  const stackOrder = new Map(model.stacks.map((s, i) => [s.name, i]));
  return findings.sort(
    (a, b) =>
      (stackOrder.get(a.resource.stack) ?? 0) - (stackOrder.get(b.resource.stack) ?? 0) ||
      (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
      a.ruleId.localeCompare(b.ruleId) ||
      a.resource.logicalId.localeCompare(b.resource.logicalId),
  );
}

/** Validates every zonelint suppression in the model up front, so a bad one fails even when nothing is reported. */
export function checkSuppressions(model: Model): void {
  for (const r of model.resources) if (r.zonelintMetadata) metadataSuppressions(r);
}
