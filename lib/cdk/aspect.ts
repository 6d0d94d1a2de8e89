// The CDK Aspect entry point, for any aws-cdk-lib 2.x from 2.93.0 (where Annotations.acknowledgeWarning, and the
// `[ack: <id>]` warnings it silences, appeared). aws-cdk-lib is required lazily, on the first visit, so that loading
// zonelint's library (lib/index.ts) never loads it; type imports vanish at compile time.
//
// An aspect visits one construct at a time, before the app is prepared (cross-stack references wired, tags applied by
// other aspects). zonelint's rules look across resources and stacks, so the aspect only records what it visits and
// registers a validation on the app root: CDK runs validations after every aspect and after preparation, on the final
// tree, and before it writes the assembly. There the aspect renders each stack's template in memory (the same
// `_toCloudFormation()` CDK's synthesis calls), runs the very same loader model and rules as the CLI and the plugin,
// once per app, and turns each finding into an annotation on the offending construct — which CDK writes into the
// assembly, prints at `cdk synth`, fails on (errors; warnings too with `--strict`).
import type { IAspect, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { RuleCrash } from '../engine/engine';
import type { Finding } from '../engine/finding';
import { qualifiedRuleId } from '../engine/suppress';
import { InputError } from '../errors';
import { addConstructProperties, CONSTRUCT_PROPS_TYPE } from '../load/assembly';
import { parseJson } from '../load/json';
import { assertTemplate } from '../load/template';
import type { LoadResult, StackInput } from '../load/stack-input';
import { lintLoaded, LintResult } from '../lint';
import { treeAcknowledgements } from './acknowledgements';
import { FailOn, ResolvedOptions, ZonelintCdkOptions, failsOn, resolveCdkOptions } from './options';

export type ZonelintAspectOptions = ZonelintCdkOptions;

type CdkLib = typeof import('aws-cdk-lib');
let cdkLib: CdkLib | undefined;
/** The aws-cdk-lib the app uses (zonelint declares it as a peer dependency, so both resolve the same copy). */
function cdk(): CdkLib {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  cdkLib ??= require('aws-cdk-lib') as CdkLib;
  return cdkLib;
}

/**
 * `Aspects.of(app).add(new ZonelintAspect())`: every finding becomes an annotation on the construct it is about —
 * an error when its severity is at or above `failOn` (default `error`: synthesis fails), else a warning (`cdk synth
 * --strict` fails) or an info. Silence one with `Annotations.of(construct).acknowledgeWarning('zonelint::ZL301',
 * reason)` or, on aws-cdk-lib 2.251+, `Validations.of(construct).acknowledge({ id: 'zonelint::ZL301', reason })`; both
 * cover the construct and everything below it, errors included.
 *
 * The analysis covers every stack of the app (nested stacks and Stages included), so cross-stack rules see the whole
 * app; annotations go only on constructs the aspect visited (the scope it was added to).
 */
export class ZonelintAspect implements IAspect {
  /** The last result, for programmatic use (tests, the blast-radius report). */
  lastResult?: LintResult;
  private readonly resolved: ResolvedOptions;
  private readonly visited = new WeakSet<IConstruct>();
  private readonly roots = new WeakSet<IConstruct>();

  constructor(options: ZonelintAspectOptions = {}) {
    this.resolved = resolveCdkOptions(options, 'ZonelintAspect');
  }

  visit(node: IConstruct): void {
    this.visited.add(node);
    const root = node.node.root;
    if (this.roots.has(root)) return;
    this.roots.add(root);
    root.node.addValidation({ validate: () => this.analyse(root) });
  }

  /** Runs once per synthesis of the app, from the root's validation. Returns validation errors (input problems only). */
  private analyse(root: IConstruct): string[] {
    let result: LintResult;
    let constructs: Map<string, IConstruct>;
    try {
      const app = renderApp(root);
      constructs = app.constructs;
      result = lintLoaded(app.load, { configSource: this.resolved.configSource, applyAcknowledgements: true }, this.resolved.rules);
    } catch (e) {
      // a template zonelint cannot read, or a rule bug: one line in CDK's validation error, not a stack trace
      if (e instanceof InputError || e instanceof RuleCrash) return [`zonelint: ${e.message}`];
      throw e;
    }
    this.lastResult = result;
    const acks = annotationAcknowledgements(root);
    for (const f of result.findings) {
      if (f.suppressed) continue;
      const target = (f.resource.constructPath && constructs.get(f.resource.constructPath)) || undefined;
      if (!target || !this.visited.has(target)) continue;
      if (acks?.has(target, qualifiedRuleId(f.ruleId))) continue;
      annotate(target, f, this.resolved.failOn);
    }
    return [];
  }
}

/** Annotation metadata types of the cloud assembly schema (what `Annotations.addError/addWarningV2/addInfo` write). */
const LEVELS = { error: 'aws:cdk:error', warning: 'aws:cdk:warning', info: 'aws:cdk:info' } as const;
const CREATION_STACK = 'aws:cdk:creationStack';

/**
 * Adds the annotation as `Annotations.of(target)` would — same metadata type, same `[ack: <id>]` tag, no duplicate —
 * but with the construct's creation stack trace instead of the aspect's own, so `cdk synth` points at the line of the
 * app that created the construct (where the constructs library supports `stackTraceOverride`; else without a trace).
 */
function annotate(target: IConstruct, f: Finding, failOn: FailOn): void {
  const level = failsOn(f.severity, failOn) ? 'error' : f.severity === 'info' ? 'info' : 'warning';
  const message = `[${f.ruleId}] ${f.title}: ${f.message} Fix: ${f.fix}. [ack: ${qualifiedRuleId(f.ruleId)}]`;
  if (target.node.metadata.some((m) => m.type === LEVELS[level] && m.data === message)) return;
  target.node.addMetadata(LEVELS[level], message, { stackTraceOverride: creationTrace(target) });
}

/** The stack trace CDK recorded when the construct (or its closest recorded ancestor) was created, if any. */
function creationTrace(c: IConstruct): string[] | undefined {
  for (let node: IConstruct | undefined = c; node; node = node.node.scope) {
    const entry = node.node.metadata.find((m) => m.type === CREATION_STACK && Array.isArray(m.data) && m.data.length > 0);
    // CDK records it already abbreviated ("...new DatabaseInstance in aws-cdk-lib..."); keep the frames that name a
    // file, which the CLI can point at
    if (entry) return (entry.data as string[]).filter((frame) => !frame.startsWith('...'));
  }
  return undefined;
}

/**
 * The registry `Annotations.acknowledgeWarning` records into (kept on the App under a global symbol). CDK consults it
 * for warnings only; zonelint consults it for its errors too, so one acknowledgement syntax covers every finding.
 */
function annotationAcknowledgements(root: IConstruct): { has(node: IConstruct, id: string): boolean } | undefined {
  const registry = (root as unknown as Record<symbol, unknown>)[Symbol.for('@aws-cdk/core.Acknowledgements')] as { has?: unknown } | undefined;
  return registry && typeof registry.has === 'function' ? (registry as { has(node: IConstruct, id: string): boolean }) : undefined;
}

interface RenderedApp {
  readonly load: LoadResult;
  /** Every construct by path, to annotate findings. */
  readonly constructs: Map<string, IConstruct>;
}

/**
 * Every stack of the app (Stage stacks and nested stacks included) as a StackInput: the template CDK would write,
 * rendered in memory, with construct paths by logical id and the acknowledgements recorded in the tree. Names follow
 * what the CLI shows for the synthesized assembly (the stack's construct path), so findings and fingerprints agree.
 */
export function renderApp(root: IConstruct): RenderedApp {
  const lib = cdk();
  const all = root.node.findAll();
  const constructs = new Map<string, IConstruct>(all.map((c) => [c.node.path, c]));
  const acknowledgements = treeAcknowledgements(all);
  const stacks = all.filter((c): c is Stack => lib.Stack.isStack(c));
  const elementsByStack = new Map<Stack, IConstruct[]>();
  for (const c of all) {
    if (!lib.CfnElement.isCfnElement(c)) continue;
    const owner = (c as InstanceType<CdkLib['CfnElement']>).stack;
    if (!elementsByStack.has(owner)) elementsByStack.set(owner, []);
    elementsByStack.get(owner)!.push(c);
  }
  const load: LoadResult = { stacks: [], skipped: [], notes: [] };
  let props: Map<string, Set<string>> | undefined;
  const constructProperties = () => (props ??= treeConstructProperties(all));
  for (const stack of stacks) {
    // _toCloudFormation() is what the stack synthesizer writes to `<stack>.template.json` (protected in the typings,
    // present throughout aws-cdk-lib 2.x); it resolves every token.
    const template = (stack as unknown as { _toCloudFormation(): unknown })._toCloudFormation();
    const file = stack.templateFile;
    const source = parseJson(file, JSON.stringify(template, undefined, 1));
    const constructPaths = new Map<string, string>();
    for (const element of elementsByStack.get(stack) ?? []) {
      const logicalId = stack.resolve((element as InstanceType<CdkLib['CfnElement']>).logicalId) as unknown;
      if (typeof logicalId === 'string') constructPaths.set(logicalId, element.node.path);
    }
    const nested = lib.NestedStack.isNestedStack(stack) ? stack : undefined;
    const parentResource = nested?.nestedStackResource;
    const parentStack = nested?.nestedStackParent;
    const input: StackInput = {
      id: stack.node.path,
      name: stack.node.path,
      source,
      template: assertTemplate(source),
      account: concrete(stack.account),
      region: concrete(stack.region),
      zoneNames: contextZones(stack),
      constructPath: stack.node.path,
      constructPaths,
      acknowledgements,
      constructProperties,
      ...(parentResource && parentStack
        ? { parent: { stackId: parentStack.node.path, logicalId: parentStack.resolve(parentResource.logicalId) as string } }
        : {}),
      origin: 'assembly',
    };
    load.stacks.push(input);
  }
  return { load, constructs };
}

/** The construct properties CDK recorded in the tree, as the assembly's metadata has them (StackInput.constructProperties). */
function treeConstructProperties(constructs: readonly IConstruct[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const c of constructs) for (const e of c.node.metadata) if (e.type === CONSTRUCT_PROPS_TYPE) addConstructProperties(out, c.node.path, e.data);
  return out;
}

function concrete(value: string): string | undefined {
  return cdk().Token.isUnresolved(value) ? undefined : value;
}

/** Zone names the app already has in its context (cdk.json, cdk.context.json): never triggers a lookup. */
function contextZones(stack: Stack): string[] | undefined {
  const account = concrete(stack.account);
  const region = concrete(stack.region);
  if (!account || !region) return undefined;
  const zones = stack.node.tryGetContext(`availability-zones:account=${account}:region=${region}`) as unknown;
  return Array.isArray(zones) && zones.every((z) => typeof z === 'string') ? zones : undefined;
}
