import { InputError } from '../errors';
import { INTRINSICS, RULE_FUNCTIONS } from './resolve';
import type { Stack } from './stack';
import { NOT_READ } from './values';

const PSEUDO = /^AWS::/;

/** Deeper than any template CloudFormation accepts; bounds the recursion of the walk below (YAML has the same bound). */
const MAX_NESTING = 500;

/**
 * Rejects what CloudFormation itself would reject before creating anything, with the file and line: unknown intrinsic
 * functions, Ref / GetAtt / DependsOn naming something the template does not define, and circular dependencies
 * between resources. Templates with a Transform (SAM, Include…) may refer to resources the transform creates, so
 * names are not checked there.
 */
export function validateStack(stack: Stack): ValidatedFacts {
  // This walks every node of every template, in every `cdk synth` with the plugin: it allocates next to nothing (a
  // list per resource for the cycle check, paths only for an error message), as garbage collection inside a CDK app's
  // heap costs several times what it does in a fresh process.
  const deps = new Map<string, string[]>();
  const checkNames = !stack.hasTransform;
  // the live inventory marks what it could not read (lib/load/inventory.ts); no template may
  const live = stack.input.origin === 'live';
  const fail = (at: Array<string | number>, detail: string): never => {
    const pos = stack.input.source.positionOf(at);
    throw new InputError(stack.file, detail, pos?.line, pos?.column);
  };
  const isDefined = (name: string) => stack.resources.has(name) || name in stack.parameters || PSEUDO.test(name);

  // One mutable path for the whole walk (a fresh array per node made validation allocate as much as the template).
  const path: Array<string | number> = [];
  const walk = (node: unknown, from: string[] | undefined, inRules: boolean) => {
    if (node === null || typeof node !== 'object') return;
    if (path.length > MAX_NESTING) fail(path, `template nested deeper than ${MAX_NESTING} levels`);
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        path.push(i);
        walk(node[i], from, inRules);
        path.pop();
      }
      return;
    }
    const obj = node as Record<string, unknown>;
    // an intrinsic is a mapping with exactly one key (counted without allocating a key list)
    let fn = '';
    let n = 0;
    for (const k in obj) {
      if (n++ === 0) fn = k;
      else break;
    }
    if (n === 1) {
      const arg = obj[fn];
      if (fn.startsWith('Fn::') && !INTRINSICS.has(fn) && !fn.startsWith('Fn::ForEach::') && !(inRules && RULE_FUNCTIONS.has(fn)) && !(fn === NOT_READ && live)) {
        fail(path, `unknown intrinsic function ${fn}`);
      }
      if (fn === 'Fn::GetAZs' && current !== undefined) getAzs.add(current);
      if (fn === 'Ref') {
        if (typeof arg !== 'string') fail(path, 'Ref must name a resource or parameter');
        else if (checkNames && !isDefined(arg)) fail(path, `Ref to ${arg}, which is not a resource or parameter of this template`);
        else if (from && stack.resources.has(arg)) from.push(arg);
      } else if (fn === 'Fn::GetAtt') {
        const target = typeof arg === 'string' ? arg.split('.')[0] : Array.isArray(arg) ? arg[0] : undefined;
        // with AWS::LanguageExtensions (Fn::ForEach), the logical id may itself be computed: `Fn::Sub S3Bucket${Id}`
        if (typeof target !== 'string') {
          if (!(stack.hasTransform && target !== null && typeof target === 'object')) fail(path, 'Fn::GetAtt must name a resource and an attribute');
        }
        else if (checkNames && !stack.resources.has(target)) fail(path, `Fn::GetAtt of ${target}, which is not a resource of this template`);
        else if (from && stack.resources.has(target)) from.push(target);
      } else if (fn === 'Fn::Sub' && from) {
        const text = typeof arg === 'string' ? arg : Array.isArray(arg) ? arg[0] : undefined;
        const vars = Array.isArray(arg) && arg[1] && typeof arg[1] === 'object' ? (arg[1] as Record<string, unknown>) : {};
        if (typeof text === 'string' && text.includes('${')) {
          for (const m of text.matchAll(/\$\{([^!}][^}.]*)(?:\.[^}]*)?\}/g)) {
            if (!(m[1] in vars) && stack.resources.has(m[1])) from.push(m[1]);
          }
        }
      } else if ((fn === 'Condition' && conditionRefs) || fn === 'Fn::If') {
        // `Condition` is the function only inside Conditions; elsewhere a one-key { Condition: … } can be a property
        const name = fn === 'Condition' ? arg : Array.isArray(arg) ? arg[0] : undefined;
        if (typeof name === 'string') {
          if (checkNames && !(name in stack.conditions)) fail(path, `condition ${name} is not defined in Conditions`);
          conditionRefs?.push(name);
        }
      }
    }
    for (const k in obj) {
      path.push(k);
      walk(obj[k], from, inRules);
      path.pop();
    }
  };
  const walkAt = (node: unknown, from: string[] | undefined, inRules: boolean, a: string, b?: string, c?: string) => {
    if (node === undefined) return;
    path.length = 0;
    path.push(a);
    if (b !== undefined) path.push(b);
    if (c !== undefined) path.push(c);
    walk(node, from, inRules);
  };
  // Set while walking one condition's definition: the conditions it uses (CloudFormation rejects a cycle among them).
  let conditionRefs: string[] | undefined;
  /** The resource whose Properties are being walked, and the resources whose Properties call Fn::GetAZs. */
  let current: string | undefined;
  const getAzs = new Set<string>();

  stack.resources.forEach((res, id) => {
    const from: string[] = [];
    deps.set(id, from);
    const raw = res.raw;
    current = id;
    walkAt(raw.Properties, from, false, 'Resources', id, 'Properties');
    current = undefined;
    for (let i = 0; i < POLICY_ATTRIBUTES.length; i++) walkAt(raw[POLICY_ATTRIBUTES[i]], undefined, false, 'Resources', id, POLICY_ATTRIBUTES[i]);
    const dependsOn = raw.DependsOn;
    if (typeof dependsOn === 'string' || Array.isArray(dependsOn)) {
      const list: unknown[] = typeof dependsOn === 'string' ? [dependsOn] : dependsOn;
      for (let i = 0; i < list.length; i++) {
        const d = list[i];
        if (typeof d !== 'string') continue;
        if (checkNames && !stack.resources.has(d)) fail(['Resources', id, 'DependsOn', ...(Array.isArray(dependsOn) ? [i] : [])], `DependsOn ${d}, which is not a resource of this template`);
        from.push(d);
      }
    }
    const cond = raw.Condition;
    if (typeof cond === 'string' && checkNames && !(cond in stack.conditions)) fail(['Resources', id, 'Condition'], `Condition ${cond} is not defined in Conditions`);
  });
  walkAt(stack.input.template.Outputs, undefined, false, 'Outputs');
  const conditionDeps = new Map<string, string[]>();
  for (const name of Object.keys(stack.conditions)) {
    conditionRefs = [];
    conditionDeps.set(name, conditionRefs);
    walkAt(stack.conditions[name], undefined, false, 'Conditions', name);
  }
  conditionRefs = undefined;
  walkAt(stack.input.template.Rules, undefined, true, 'Rules');
  const conditionCycle = findCycle(conditionDeps);
  if (conditionCycle) fail(['Conditions', conditionCycle[0]], `circular dependency between conditions: ${conditionCycle.join(' -> ')}`);

  const cycle = findCycle(deps);
  if (cycle) fail(['Resources', cycle[0]], `circular dependency between resources: ${cycle.join(' -> ')}`);
  return { getAzsResources: getAzs };
}

/** What the validation walk, which visits every node of the template once, learns for the rules on the way. */
export interface ValidatedFacts {
  /** Logical ids of the resources whose Properties call Fn::GetAZs anywhere (ZL902 looks only at those). */
  readonly getAzsResources: ReadonlySet<string>;
}

/** Attributes of a resource whose values may hold intrinsics but whose references do not order creation. */
const POLICY_ATTRIBUTES = ['DeletionPolicy', 'UpdateReplacePolicy', 'Condition', 'CreationPolicy', 'UpdatePolicy'];

/**
 * Iterative depth-first search; returns the first cycle found as a list of ids (first id repeated at the end). A
 * node's list may name an id twice or name ids that are not nodes (ignored).
 */
export function findCycle(deps: Map<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, 1 | 2>(); // 1 = on the current path, 2 = done
  const ids: string[] = []; // the current path
  const next: number[] = []; // for each id on the path, the index of its next dependency to visit
  for (const start of deps.keys()) {
    if (state.has(start)) continue;
    ids.push(start);
    next.push(0);
    state.set(start, 1);
    while (ids.length) {
      const top = ids.length - 1;
      const list = deps.get(ids[top])!;
      if (next[top] === list.length) {
        state.set(ids[top], 2);
        ids.pop();
        next.pop();
        continue;
      }
      const n = list[next[top]++];
      const s = state.get(n);
      if (s === 1) return [...ids.slice(ids.indexOf(n)), n];
      if (s === undefined && deps.has(n)) {
        state.set(n, 1);
        ids.push(n);
        next.push(0);
      }
    }
  }
  return undefined;
}
