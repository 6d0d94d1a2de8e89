// The CDK validation plugin. Only *type* imports from aws-cdk-lib: the plugin reads the templates CDK wrote, like the
// CLI does, with the same loader, model and rules, so `cdk synth` and `zonelint check cdk.out` agree.
import * as path from 'path';
import type { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, PolicyViolation } from 'aws-cdk-lib';
import type { Finding } from '../engine/finding';
import { PLUGIN_NAMESPACE, qualifiedRuleId } from '../engine/suppress';
import { VERSION } from '../version';
import { FailOn, ResolvedOptions, ZonelintCdkOptions, failsOn, resolveCdkOptions } from './options';
import { loadAssemblyTemplates } from '../load/assembly';
import type { LintResult } from '../lint';
import { AckIndex, ancestorsOf, closestAck, indexAcknowledgements, treeAcknowledgements } from './acknowledgements';
import { Analysis, analyse } from '../analysis/analyse';
import { blastRadiusSummary, impactLine, zoneTitle } from '../analysis/describe';

export type ZonelintPluginOptions = ZonelintCdkOptions;

/**
 * `Validations.of(app).addPlugins(new ZonelintPlugin())`: zonelint's findings in CDK's validation report, mapped to
 * construct paths. Acknowledge one with `Validations.of(construct).acknowledge({ id: 'zonelint::ZL301', reason })`.
 * Nested stacks and Stage sub-assemblies are followed (CDK hands plugins only the stack templates it wrote).
 *
 * Options are validated when the plugin is constructed (unknown rule, option or severity: an InputError naming the
 * config source), so a typo fails at once rather than at the end of synthesis.
 */
export class ZonelintPlugin implements IPolicyValidationPlugin {
  readonly name = PLUGIN_NAMESPACE;
  readonly version = VERSION;
  readonly ruleIds: string[];
  /** The last result, for programmatic use (tests, the blast-radius report). */
  lastResult?: LintResult;
  private readonly resolved: ResolvedOptions;

  constructor(options: ZonelintPluginOptions = {}) {
    this.resolved = resolveCdkOptions(options, 'ZonelintPlugin');
    this.ruleIds = this.resolved.rules.map((r) => r.rule.id);
  }

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const templates = context.stackTemplates?.length ? context.stackTemplates.map((s) => s.templatePath) : context.templatePaths;
    const load = loadAssemblyTemplates(templates);
    // CDK reports property paths, not lines: no position index of the templates (the findings' order is the same)
    const analysis = analyse(load, { configSource: this.resolved.configSource, applyAcknowledgements: false, positions: false, resolvedRules: this.resolved.rules });
    const result = analysis.lint;
    this.lastResult = result;
    // acknowledgements can only match at a finding's construct or its ancestors: read those, not the whole tree
    const app = context.appConstruct;
    const paths = new Set<string>();
    for (const f of result.findings) if (!f.suppressed && f.resource.constructPath) paths.add(f.resource.constructPath);
    const acks = app ? indexAcknowledgements(treeAcknowledgements(ancestorsOf(app, paths) ?? app.node.findAll())) : undefined;
    return buildReport(result.findings, acks, this.resolved.failOn, analysis);
  }
}

/**
 * The plugin's report. Findings suppressed in the template (`Metadata.zonelint.suppress`) are left out. Acknowledged
 * findings are handed to CDK, which lists them as suppressed violations with the reason and the construct they were
 * acknowledged at, and then recomputes the report's success as "no error left". When that recomputation would
 * contradict `failOn` (e.g. `failOn: 'warning'` with only warnings left), the plugin leaves the acknowledged findings
 * out itself so that CDK keeps its verdict, and counts them in the report metadata.
 */
export function buildReport(findings: readonly Finding[], acks: AckIndex | undefined, failOn: FailOn, analysis?: Analysis): PolicyValidationPluginReport {
  const result = analysis?.lint;
  const open: Finding[] = [];
  const acknowledged: Finding[] = [];
  let inTemplate = 0;
  for (const f of findings) {
    if (f.suppressed) inTemplate++;
    else if (acks && f.resource.constructPath && closestAck(acks, qualifiedRuleId(f.ruleId), f.resource.constructPath)) acknowledged.push(f);
    else open.push(f);
  }
  const success = !open.some((f) => failsOn(f.severity, failOn));
  const cdkVerdict = !open.some((f) => f.severity === 'error');
  const handOver = acknowledged.length === 0 || cdkVerdict === success;
  const shown = handOver ? [...open, ...acknowledged] : open;
  const metadata: Record<string, string> = {
    failOn,
    findings: String(open.length),
    suppressedInTemplate: String(inTemplate),
    acknowledged: String(acknowledged.length),
  };
  if (result) metadata.stacks = String(result.model.stacks.length);
  // the per-zone blast radius: a summary line, then each zone's down/degraded resources with their chains
  const br = analysis?.blastRadius;
  if (br) {
    metadata.blastRadius = blastRadiusSummary(br);
    for (const z of br.zones) metadata[`blastRadius ${zoneTitle(z)}`] = [...z.down, ...z.degraded, ...z.egressLost].map((i) => impactLine(i)).join(' | ') || 'nothing goes down or degrades';
  }
  return { success, violations: shown.map((f) => toViolation(f, result)), pluginVersion: VERSION, metadata };
}

function toViolation(f: Finding, result: LintResult | undefined): PolicyViolation {
  const stack = result?.model.stacks.find((s) => s.name === f.resource.stack);
  const file = stack?.file ?? f.location?.file;
  // CDK shows property paths dot-separated and relative to the resource (`Properties.MultiAZ`), as in its own
  // CloudFormation validation, and uses them to find the stack trace of the line that set the property.
  const rel = f.location?.path.split('.').slice(2).join('.') ?? '';
  return {
    ruleName: f.ruleId,
    description: `${f.title}: ${f.message}`,
    fix: f.fix,
    severity: f.severity,
    ruleMetadata: { documentation: f.docs, fingerprint: f.fingerprint },
    violatingResources: [
      {
        resourceLogicalId: f.resource.logicalId,
        templatePath: file ? path.resolve(file) : undefined,
        constructPath: f.resource.constructPath,
        locations: rel ? [rel] : [],
      },
    ],
  } as PolicyViolation;
}
