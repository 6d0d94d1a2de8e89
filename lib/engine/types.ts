import type { Model } from '../model/model';
import type { Resource } from '../model/resource';

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export type OptionValue = number | string | boolean | string[];

export interface RuleOption {
  readonly default: OptionValue;
  readonly description: string;
}

/** A one-line fix for each kind of source: a CloudFormation template, or a CDK app (its construct code). */
export interface RuleFix {
  readonly cloudformation: string;
  readonly cdk: string;
}

/** What a rule reports: the engine turns it into a Finding with file, line, construct path and fingerprint. */
export interface Report {
  readonly resource: Resource;
  /** Path inside the resource entry, e.g. `Properties.MultiAZ` or `DeletionPolicy`. Defaults to the resource. */
  readonly path?: string;
  readonly message: string;
  /**
   * A finding-specific one-line fix: one text, or one per source like the rule's own (the engine picks the CDK one
   * for a CDK input). Defaults to the rule's fix for the source.
   */
  readonly fix?: string | RuleFix;
  /** Other resources involved (the instance a volume is attached to, the subnets of a group…). */
  readonly related?: ReadonlyArray<{ resource: Resource; role: string }>;
  /** Lower severity than the rule's for this finding (e.g. backups below the threshold vs disabled). */
  readonly severity?: Severity;
  /** What makes this finding this finding, beyond rule and resource (kept stable across runs for fingerprints). */
  readonly key?: string;
}

export interface RuleContext {
  readonly model: Model;
  /** Effective options (rule defaults, overridden by config). */
  readonly options: Readonly<Record<string, OptionValue>>;
  /**
   * Resources of the given types across every stack of the input, except those whose Condition is false with the
   * parameter defaults (not created). A Condition that cannot be decided keeps the resource: it may be created.
   */
  resources(...types: string[]): Resource[];
  report(report: Report): void;
}

export interface RuleMeta {
  /** Stable id, `ZL` + three digits; never reused. */
  readonly id: string;
  /** Kebab-case name, also the rule's folder name. */
  readonly slug: string;
  /** Service folder the rule lives in (`rds`, `ec2`…). */
  readonly service: string;
  readonly title: string;
  readonly severity: Severity;
  /** Why it matters when a zone fails (one or two sentences). */
  readonly rationale: string;
  /** One-line fixes. */
  readonly fix: RuleFix;
  readonly resourceTypes: readonly string[];
  readonly options?: Readonly<Record<string, RuleOption>>;
  /** Scope: `resource` rules judge one resource at a time; `graph` rules look across resources and stacks. */
  readonly scope?: 'resource' | 'graph';
  /** Rules that only make sense on a live account (snapshot age, unhealthy targets…). */
  readonly liveOnly?: boolean;
  readonly tags?: readonly string[];
}

export interface Rule extends RuleMeta {
  check(ctx: RuleContext): void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
