// Public API of zonelint. Loading this module never loads aws-cdk-lib.
export { ZonelintPlugin, ZonelintPluginOptions } from './cdk/plugin';
export { ZonelintAspect, ZonelintAspectOptions } from './cdk/aspect';
export { lintPaths, lintLoaded, LintOptions, LintResult } from './lint';
export { analyse, Analysis, AnalyseOptions } from './analysis/analyse';
export { ZonelintConfig, RuleSetting, RecoveryPolicy, resolveConfig, loadConfigFile } from './engine/config';
export { Finding, ResourceId, Location, Suppression } from './engine/finding';
export { Rule, RuleMeta, RuleContext, Report as RuleReport, Severity, defineRule } from './engine/types';
export { Model } from './model/model';
export { Resource } from './model/resource';
export { Placement } from './model/placement';
export { Zone } from './model/zones';
export { InputError } from './errors';
export { ALL_RULES } from '../rules';
export { FORMATS, Report, toReport, summarize } from './report';
export { RULE_HEADER_START, RULE_HEADER_END, ruleHeaderTable, withRuleHeader } from './report/rule-header';
export { computeBlastRadius, BlastRadius, BlastRadiusOptions, ImpactItem, ZoneImpact, WhereverImpact, Recovery } from './analysis/blast-radius';
export { dependencyGraph, DependencyGraph, Edge, EdgeRole } from './analysis/graph';
export { VERSION } from './version';
