import { SourceFile } from './source';

/** A CDK acknowledgement (`Validations.of(x).acknowledge({ id, reason })`) as recorded in the assembly metadata. */
export interface Acknowledgement {
  /** Fully qualified id, e.g. `zonelint::ZL301`. */
  readonly id: string;
  readonly reason: string;
  /** Construct path it was recorded at; it covers that construct and everything below it. */
  readonly constructPath: string;
}

/** One CloudFormation template to lint, with everything its source knows about it. */
export interface StackInput {
  /** Unique id within the input (artifact id path, file path, or parent id + nested logical id). */
  readonly id: string;
  /** Name shown to users: CDK display name (`Prod/Api`), file path, or nested stack construct path. */
  readonly name: string;
  readonly source: SourceFile;
  readonly template: Record<string, unknown>;
  readonly region?: string;
  readonly account?: string;
  /** Zone names CDK recorded for this account/region (cdk.context.json), index-aligned with Fn::GetAZs. */
  readonly zoneNames?: string[];
  /** Construct path of the stack itself (CDK only). */
  readonly constructPath?: string;
  /** Construct path of each resource, by logical id (CDK only). */
  readonly constructPaths: ReadonlyMap<string, string>;
  /** Acknowledgements recorded on constructs of this stack. */
  readonly acknowledgements: readonly Acknowledgement[];
  /**
   * The properties the author passed to each construct, by construct path, as CDK records them (names only, values
   * redacted) with the feature flag `@aws-cdk/core:enableAdditionalMetadataCollection` on (CDK only). A construct
   * missing from the map recorded nothing: say "unknown", never "not set". A function: a `cdk synth` plugin does not
   * otherwise read the stack's metadata file, so it is read only when a rule asks.
   */
  readonly constructProperties?: () => ReadonlyMap<string, ReadonlySet<string>>;
  /** For a nested stack: the parent stack and the logical id of its AWS::CloudFormation::Stack resource. */
  readonly parent?: { readonly stackId: string; readonly logicalId: string };
  /** Where the template came from. */
  readonly origin: 'assembly' | 'template' | 'live';
}

export interface SkippedFile {
  readonly file: string;
  readonly reason: string;
}

export interface LoadResult {
  readonly stacks: StackInput[];
  /** Files in a scanned directory that are not templates (reported on stderr, not an error). */
  readonly skipped: SkippedFile[];
  /** Things the loader could not follow, e.g. a nested stack whose template is not on disk. */
  readonly notes: string[];
}
