import type { Severity } from './types';

/** A resource as findings name it. */
export interface ResourceId {
  /** Stack display name (CDK construct path of the stack, or the template path). */
  readonly stack: string;
  readonly logicalId: string;
  readonly type: string;
  readonly constructPath?: string;
}

export interface Location {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** Path of the node in the template, dot-separated: `Resources.Db.Properties.MultiAZ`. */
  readonly path: string;
}

export interface Suppression {
  /** `metadata`: template Metadata.zonelint.suppress; `acknowledgement`: CDK Validations.acknowledge. */
  readonly kind: 'metadata' | 'acknowledgement';
  readonly reason: string;
  /** For acknowledgements, the construct path they were recorded at. */
  readonly at?: string;
}

/** One finding, as the JSON contract (docs/findings-contract.md) publishes it. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly title: string;
  readonly message: string;
  readonly fix: string;
  readonly resource: ResourceId;
  readonly location?: Location;
  readonly related: ReadonlyArray<ResourceId & { readonly role: string }>;
  readonly fingerprint: string;
  readonly suppressed: boolean;
  readonly suppression?: Suppression;
  /** Relative path of the rule's documentation in the package (`rules/rds/rds-instance-multi-az/README.md`). */
  readonly docs: string;
  /**
   * Only when a baseline is given (`check --baseline`), for unsuppressed findings: `new` (fails the gate) or
   * `unchanged` (accepted in the baseline; reported, never failing).
   */
  readonly baseline?: 'new' | 'unchanged';
}
