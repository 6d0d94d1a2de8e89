import { ALL_RULES } from '../rules';
import { ResolvedRule, ZonelintConfig, resolveConfig } from './engine/config';
import { checkSuppressions, runRules } from './engine/engine';
import type { Finding } from './engine/finding';
import type { Rule, RuleMeta } from './engine/types';
import { loadInputs } from './load/inputs';
import './load/inventory'; // lets `check` read a saved live-scan inventory
import { applyLivePlacements } from './model/live';
import type { LoadResult } from './load/stack-input';
import { Model, buildModel } from './model/model';

export interface LintOptions {
  readonly config?: ZonelintConfig;
  /** Name of the config's origin, for error messages (a file path, or "plugin options"). */
  readonly configSource?: string;
  /** Apply CDK acknowledgements recorded in the assembly. Default true (the CDK plugin sets false: CDK applies them). */
  readonly applyAcknowledgements?: boolean;
  /** Compute findings' line and column (default true; the CDK plugin sets false, see RunOptions.positions). */
  readonly positions?: boolean;
  /** Rule set (default: all rules). */
  readonly rules?: readonly Rule[];
}

export interface LintResult {
  readonly load: LoadResult;
  readonly model: Model;
  readonly rules: readonly ResolvedRule[];
  readonly findings: Finding[];
  /** Every rule the run knew, enabled or not (`options.rules`, default all): the reports' rule metadata. */
  readonly catalog: readonly RuleMeta[];
}

/** Loads the inputs (cdk.out, templates, directories), builds the model and runs the rules. */
export function lintPaths(paths: string[], options: LintOptions = {}): LintResult {
  const rules = resolveRules(options);
  return lintLoaded(loadInputs(paths), options, rules);
}

/** The rule set with the config applied (unknown rules, options or values: an InputError naming the config source). */
export function resolveRules(options: LintOptions = {}): ResolvedRule[] {
  return resolveConfig(options.rules ?? ALL_RULES, options.config, options.configSource);
}

export function lintLoaded(load: LoadResult, options: LintOptions = {}, resolved?: readonly ResolvedRule[]): LintResult {
  const rules = resolved ?? resolveRules(options);
  const model = buildModel(load);
  applyLivePlacements(model);
  checkSuppressions(model);
  const findings = runRules(model, rules, { applyAcknowledgements: options.applyAcknowledgements, positions: options.positions });
  return { load, model, rules, findings, catalog: options.rules ?? ALL_RULES };
}
