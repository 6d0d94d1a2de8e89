import type { Stack } from 'aws-cdk-lib';

/**
 * A rule's CDK fixture (rules/<service>/<slug>/fixtures/cdk.ts): builds constructs into a stack of its own; `expect`
 * lists the ids of the stack's direct children the rule must flag (every flagged resource lies below one of them),
 * and nothing else may be flagged.
 */
export interface CdkFixture {
  readonly expect: readonly string[];
  /** Stack properties (e.g. an env with a region) if the rule needs them. */
  readonly stackProps?: Record<string, unknown>;
  build(stack: Stack): void;
}
