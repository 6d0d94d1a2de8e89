// The CDK validation plugin. Only *type* imports from aws-cdk-lib: the plugin reads the templates CDK wrote, like the
// CLI does, with the same loader, model and rules, so `cdk synth` and `zonelint check cdk.out` agree.
import * as path from 'path';
import type { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, PolicyViolation } from 'aws-cdk-lib';
import { ALL_RULES } from '../../rules';
import { ZonelintConfig } from '../engine/config';
import { loadConfigFile } from '../engine/config';
import type { Finding } from '../engine/finding';
import { PLUGIN_NAMESPACE } from '../engine/suppress';
import { SEVERITY_RANK, Severity } from '../engine/types';
import { loadAssemblyTemplates } from '../load/assembly';
import { lintLoaded, LintResult } from '../lint';
import { VERSION } from '../version';

export interface ZonelintPluginOptions {
  /** Configuration object (rules on/off, severities, options such as minZones). */
  readonly config?: ZonelintConfig;
  /** Or a config file (JSON/YAML), relative to the working directory. */
  readonly configFile?: string;
  /** Findings at or above this severity fail synthesis. Default `error`; `none` only reports. */
  readonly failOn?: Severity | 'none';
}

/**
 * `Validations.of(app).addPlugins(new ZonelintPlugin())`: zonelint's findings in CDK's validation report, mapped to
 * construct paths. Acknowledge one with `Validations.of(construct).acknowledge({ id: 'zonelint::ZL301', reason })`.
 * Nested stacks and Stage sub-assemblies are followed (CDK hands plugins only the top-level templates).
 */
export class ZonelintPlugin implements IPolicyValidationPlugin {
  readonly name = PLUGIN_NAMESPACE;
  readonly version = VERSION;
  readonly ruleIds = ALL_RULES.map((r) => r.id);
  /** The last result, for programmatic use (tests, the blast-radius report). */
  lastResult?: LintResult;

  constructor(private readonly options: ZonelintPluginOptions = {}) {}

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const fromFile = this.options.configFile ? loadConfigFile(this.options.configFile) : undefined;
    const config = this.options.config ?? fromFile?.config;
    const templates = context.templatePaths;
    const appDir = commonAssemblyRoot(templates);
    const load = loadAssemblyTemplates(templates, appDir);
    const result = lintLoaded(load, { config, configSource: fromFile?.file ?? 'ZonelintPlugin options', applyAcknowledgements: false });
    this.lastResult = result;
    const violations = result.findings.filter((f) => !f.suppressed).map((f) => toViolation(f, result));
    const failOn = this.options.failOn ?? 'error';
    const success = failOn === 'none' || !result.findings.some((f) => !f.suppressed && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]);
    return { success, violations, pluginVersion: VERSION };
  }
}

function toViolation(f: Finding, result: LintResult): PolicyViolation {
  const stack = result.model.stacks.find((s) => s.name === f.resource.stack);
  const templatePath = stack ? path.resolve(stack.file) : f.location?.file;
  const rel = f.location?.path.split('.').slice(2) ?? [];
  return {
    ruleName: f.ruleId,
    description: `${f.title}: ${f.message}`,
    fix: f.fix,
    severity: f.severity,
    ruleMetadata: { documentation: f.docs, fingerprint: f.fingerprint },
    violatingResources: [
      {
        resourceLogicalId: f.resource.logicalId,
        templatePath,
        constructPath: f.resource.constructPath,
        locations: [rel.length ? rel.join('/') : 'Properties'],
      },
    ],
  } as PolicyViolation;
}

/** The outermost assembly directory of the given templates (Stage sub-assemblies sit below it). */
function commonAssemblyRoot(templates: readonly string[]): string | undefined {
  if (!templates.length) return undefined;
  const dirs = templates.map((t) => path.dirname(path.resolve(t)));
  return dirs.reduce((a, b) => (a.length <= b.length ? a : b));
}
