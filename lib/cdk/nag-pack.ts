// zonelint's rules as a cdk-nag (v3) NagPack, for teams that run cdk-nag: `ZonelintChecks` registers beside
// `AwsSolutionsChecks` and reports zonelint's ids (ZL301…) and messages in the same CDK validation report.
//
// The only module of zonelint that loads cdk-nag (and, through it, aws-cdk-lib): import it from
// `zonelint/lib/cdk/nag-pack` (or the bundled dist/lib/cdk/nag-pack.js), never from zonelint's main entry.
//
// One rule implementation serves every entry point. cdk-nag v3 walks the construct tree and asks a pack about one
// CfnResource at a time; zonelint's rules look across resources and stacks (a subnet's route to a NAT gateway in
// another zone, a volume attached to an instance elsewhere, Backup selections in other stacks). So the pack runs
// zonelint's engine once per app, over the templates CDK wrote — the same loader, model and rules as `zonelint check`
// and ZonelintPlugin — and then lets cdk-nag's walk (`checkResource` → `applyRule`) report each finding on its
// CfnResource, so cdk-nag's machinery (acknowledgements, verbose explanations, the report) applies unchanged.
import * as path from 'path';
import { CfnResource, IPolicyValidationContext, PolicyValidationPluginReport, PolicyViolation, Stack } from 'aws-cdk-lib';
import { NagMessageLevel, NagPack, NagPackProps, NagRuleCompliance } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { ALL_RULES } from '../../rules';
import type { Finding } from '../engine/finding';
import { PLUGIN_NAMESPACE, qualifiedRuleId } from '../engine/suppress';
import type { Severity } from '../engine/types';
import { loadAssemblyTemplates } from '../load/assembly';
import { lintLoaded, LintResult } from '../lint';
import { VERSION } from '../version';
import { pushTo } from '../util/multimap';
import { AckIndex, closestAck, indexAcknowledgements, treeAcknowledgements } from './acknowledgements';
import { ResolvedOptions, ZonelintCdkOptions, failsOn, resolveCdkOptions } from './options';

export interface ZonelintChecksProps extends NagPackProps, ZonelintCdkOptions {}

const LEVEL: Record<Severity, NagMessageLevel> = { error: NagMessageLevel.ERROR, warning: NagMessageLevel.WARN, info: NagMessageLevel.INFO };

/**
 * `Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ZonelintChecks(app))`.
 *
 * Violations are named by zonelint's rule ids (`ZL301`) under the plugin name `zonelint`, so one acknowledgement
 * serves the CLI, ZonelintPlugin and this pack: `Validations.of(construct).acknowledge({ id: 'zonelint::ZL301', reason })`.
 * cdk-nag's own form (`zonelint-ZL301`) is honoured too. Findings suppressed in template metadata are left out.
 * Synthesis fails on findings at or above `failOn` (default `error`), as with ZonelintPlugin.
 */
export class ZonelintChecks extends NagPack {
  readonly name = PLUGIN_NAMESPACE;
  override readonly version = VERSION;
  override readonly ruleIds: string[];
  /** The last engine run, for programmatic use. */
  lastResult?: LintResult;
  private readonly resolved: ResolvedOptions;
  private pending = new Map<string, Finding[]>();
  private reported = new Map<string, Finding[]>();

  constructor(scope?: IConstruct, props: ZonelintChecksProps = {}) {
    super(scope, props);
    this.packName = PLUGIN_NAMESPACE;
    const { config, configFile, failOn } = props;
    this.resolved = resolveCdkOptions({ ...(config !== undefined ? { config } : {}), ...(configFile !== undefined ? { configFile } : {}), ...(failOn !== undefined ? { failOn } : {}) }, 'ZonelintChecks');
    this.ruleIds = this.resolved.rules.map((r) => r.rule.id);
  }

  override validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const templates = context.stackTemplates?.length ? context.stackTemplates.map((s) => s.templatePath) : context.templatePaths;
    const result = lintLoaded(loadAssemblyTemplates(templates), { configSource: this.resolved.configSource, applyAcknowledgements: false }, this.resolved.rules);
    this.lastResult = result;
    const root = (context as { appConstruct?: IConstruct }).appConstruct;
    const acks: AckIndex | undefined = root ? indexAcknowledgements(treeAcknowledgements(root.node.findAll())) : undefined;

    this.pending = new Map();
    this.reported = new Map();
    let inTemplate = 0;
    let acknowledged = 0;
    for (const f of result.findings) {
      if (f.suppressed) inTemplate++;
      else if (acks && f.resource.constructPath && closestAck(acks, qualifiedRuleId(f.ruleId), f.resource.constructPath)) acknowledged++;
      else pushTo(this.pending, resourceKeys(f, result)[0], f);
    }

    const walked = super.validate(context); // cdk-nag walks the tree: checkResource → applyRule for each finding
    const violations: PolicyViolation[] = [];
    for (const v of walked.violations) violations.push(...this.expand(v, result));
    // Findings on resources the tree does not hold as CfnResources (e.g. raw template content) are reported as well.
    for (const list of this.pending.values()) for (const f of list) violations.push(toViolation(f, f.ruleId, result));

    const open = violations.length;
    const success = !result.findings.some((f) => !f.suppressed && !(acks && f.resource.constructPath && closestAck(acks, qualifiedRuleId(f.ruleId), f.resource.constructPath)) && failsOn(f.severity, this.resolved.failOn));
    return {
      success: success && !walked.violations.some((v) => v.description.startsWith('Rule threw an error')),
      violations,
      pluginVersion: VERSION,
      metadata: { failOn: this.resolved.failOn, findings: String(open), suppressedInTemplate: String(inTemplate), acknowledged: String(acknowledged) },
    };
  }

  protected checkResource(node: CfnResource): void {
    const keys = nodeKeys(node);
    for (const key of keys) {
      const findings = this.pending.get(key);
      if (!findings) continue;
      this.pending.delete(key);
      for (const f of findings) {
        pushTo(this.reported, `${node.node.path}\u0000${f.ruleId}`, f);
        const rule = ALL_RULES.find((r) => r.id === f.ruleId);
        this.applyRule({
          ruleSuffixOverride: f.ruleId,
          info: `${f.title}: ${f.message}`,
          explanation: `${rule?.rationale ?? ''} Fix: ${f.fix}.`.trim(),
          level: LEVEL[f.severity],
          node,
          rule: () => NagRuleCompliance.NON_COMPLIANT,
        });
      }
      return;
    }
  }

  /**
   * cdk-nag groups a rule's violating resources under the first description; zonelint's messages are per resource,
   * so each resource becomes its own violation, named by the zonelint id, with the finding's own message, fix,
   * severity, logical id, template and property path.
   */
  private expand(v: PolicyViolation, result: LintResult): PolicyViolation[] {
    const prefix = `${this.packName}-`;
    if (!v.ruleName.startsWith(prefix)) return [v];
    const ruleId = v.ruleName.slice(prefix.length);
    return v.violatingResources.map((r) => {
      const f = r.constructPath ? this.reported.get(`${r.constructPath}\u0000${ruleId}`)?.shift() : undefined;
      if (!f) return { ...v, ruleName: ruleId, violatingResources: [r] };
      const base = toViolation(f, ruleId, result);
      // cdk-nag's verbose mode appends the rule's explanation; keep it.
      return { ...base, description: v.description.startsWith(`${f.title}: ${f.message}`) ? v.description : base.description };
    });
  }
}

function toViolation(f: Finding, ruleName: string, result: LintResult): PolicyViolation {
  const stack = result.model.stacks.find((s) => s.name === f.resource.stack);
  const rel = f.location?.path.split('.').slice(2).join('/') ?? '';
  return {
    ruleName,
    description: `${f.title}: ${f.message}`,
    fix: f.fix,
    severity: f.severity,
    ruleMetadata: { documentation: f.docs, fingerprint: f.fingerprint },
    violatingResources: [
      {
        ...(f.resource.constructPath ? { constructPath: f.resource.constructPath } : {}),
        resourceLogicalId: f.resource.logicalId,
        templatePath: stack ? path.resolve(stack.file) : f.location?.file,
        locations: [rel || 'Properties'],
      },
    ],
  } as PolicyViolation;
}

/** How a finding is matched to a CfnResource: its construct path, or its template file and logical id. */
function resourceKeys(f: Finding, result: LintResult): string[] {
  const stack = result.model.stacks.find((s) => s.name === f.resource.stack);
  return [f.resource.constructPath ? `path:${f.resource.constructPath}` : `id:${path.basename(stack?.file ?? '')}\u0000${f.resource.logicalId}`];
}

function nodeKeys(node: CfnResource): string[] {
  const keys = [`path:${node.node.path}`];
  try {
    const stack = Stack.of(node);
    const logicalId = stack.resolve(node.logicalId) as string;
    keys.push(`id:${stack.templateFile}\u0000${logicalId}`);
  } catch {
    // a resource outside a stack has no template: matched by construct path only
  }
  return keys;
}
