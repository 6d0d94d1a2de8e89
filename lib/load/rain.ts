/**
 * Rain source templates (https://github.com/aws-cloudformation/rain, `rain pkg`): templates with `Rain::` directives
 * that the Rain packager turns into CloudFormation before deployment. zonelint lints them as `rain pkg` would package
 * them, as far as that is knowable without running it:
 *
 * - `Rain::Embed`, `Rain::S3`, `Rain::S3Http` (a file's contents, an uploaded object's location) stay in the data as
 *   they are; the resolver takes every one-key `Rain::…` mapping for a value only known once packaged (Unknown), so
 *   placement is never guessed from them;
 * - `Type: !Rain::Module <path>` with a local path (relative to the file that uses it) is expanded as Rain documents
 *   it: each resource of the module becomes a resource of the template named by the using resource's logical id
 *   followed by the module's own (`Network` + `VPC` = `NetworkVPC`); `Ref`, `Fn::GetAtt` and `Fn::Sub` to module
 *   resources are renamed the same way; references to the module's Parameters take the value the using resource
 *   sets in its Properties (else the parameter's Default); `Overrides: <resource>: …` replaces attributes and
 *   properties of one module resource; a module may use modules of its own. References of the template to the
 *   module itself (`!GetAtt Module.Output`) take the module's Outputs;
 * - what is left unexpanded (a module URL, a module file that is not there, type-extension modules, `Rain::Include`,
 *   `Rain::Env`, `Rain::Constant`, the `Rain` and `Modules` sections) is named in one note per file: the resources of
 *   a module not expanded are left out, and references to them are unknown values.
 *
 * Locations of expanded resources point into the template: at the override that set a value, else at the resource
 * that uses the module.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { NodePath, SourceFile } from './source';

/** How deep modules may use modules (Rain sets no bound; a cycle is caught separately). */
const MAX_MODULE_DEPTH = 16;

/** Attributes whose keys an override replaces one by one (Rain: property-like attributes). */
const PROPERTY_LIKE = ['Properties', 'Metadata', 'CreationPolicy', 'UpdatePolicy'];
/** Attributes an override replaces as a whole. */
const SCALAR_ATTRIBUTES = ['DeletionPolicy', 'UpdateReplacePolicy', 'Condition'];

/** A value only known once `rain pkg` has run: the resolver reads any one-key `Rain::…` mapping as Unknown. */
export const RAIN_UNKNOWN = 'Rain::Unknown';
const unknown = (why: string) => ({ [RAIN_UNKNOWN]: why });

/** The reason a `Rain::…` value is not known before packaging, for the resolver's Unknown. */
export function rainValueReason(directive: string, arg: unknown): string {
  if (directive === RAIN_UNKNOWN && typeof arg === 'string') return arg;
  const what = typeof arg === 'string' ? ` ${arg}` : '';
  return `${directive}${what} is filled in by rain pkg`;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The one key of a one-key mapping, else undefined. */
function onlyKey(v: unknown): string | undefined {
  if (!isObj(v)) return undefined;
  const keys = Object.keys(v);
  return keys.length === 1 ? keys[0] : undefined;
}

/** Where an expanded resource's nodes are found in the template that uses the module. */
interface Origin {
  /** The logical id of the resource that uses the module (in the top template). */
  readonly useSite: string;
  /** The path of the module resource's Overrides entry in the top template, when it is at the top level. */
  readonly overrides?: NodePath;
  /** The override value of the module resource, to tell overridden nodes from the module's own. */
  readonly override?: Obj;
}

interface Context {
  /** Constructs not supported, in words. */
  readonly notes: string[];
  /** Module uses not expanded: `module <uri> (<why>)[ in <module file>]` → the resources that use it. */
  readonly unexpanded: Map<string, string[]>;
  /** The directory of the linted template (module files are named relative to it in notes). */
  readonly root: string;
  readonly origins: Map<string, Origin>;
  /** Absolute paths of the modules being expanded (cycle check). */
  readonly stack: string[];
}

/** Does the data use a Rain directive anywhere (a `Rain::…` key, a `Rain` or `Modules` section)? */
export function usesRain(data: unknown): boolean {
  if (isObj(data) && ('Rain' in data || 'Modules' in data)) return true;
  const walk = (v: unknown, depth: number): boolean => {
    if (depth > 500 || v === null || typeof v !== 'object') return false;
    if (Array.isArray(v)) return v.some((x) => walk(x, depth + 1));
    for (const k in v as Obj) if (k.startsWith('Rain::') || walk((v as Obj)[k], depth + 1)) return true;
    return false;
  };
  return walk(data, 0);
}

/**
 * The template as `rain pkg` would package it, with positions mapped back into the file, and the one note naming what
 * was left unexpanded (undefined when everything was). `file` is the template's real path (modules are relative to it).
 */
export function expandRain(source: SourceFile, file: string, parse: (file: string) => SourceFile): { source: SourceFile; note?: string } {
  const data = structuredClone(source.data) as Obj;
  const ctx: Context = { notes: [], unexpanded: new Map(), root: path.dirname(path.resolve(file)), origins: new Map(), stack: [path.resolve(file)] };
  if ('Rain' in data) ctx.notes.push('the Rain section (constants)');
  if ('Modules' in data) ctx.notes.push('the Modules section');
  expandModules(data, path.dirname(file), parse, ctx, 0, true);
  for (const directive of ['Rain::Include', 'Rain::Env', 'Rain::Constant']) if (hasKey(data, directive)) ctx.notes.push(`${directive} values (taken as unknown)`);
  const positionOf = (p: NodePath) => {
    if (p[0] === 'Resources' && typeof p[1] === 'string') {
      const origin = ctx.origins.get(p[1]);
      if (origin) return source.positionOf(mapPath(origin, p.slice(2)));
    }
    return source.positionOf(p);
  };
  const left = [...ctx.unexpanded].map(([what, ids]) => `${what} used by ${ids.join(', ')}`);
  if (left.length) ctx.notes.unshift(`${left.join('; ')} (their resources are left out, references to them unknown)`);
  const note = ctx.notes.length ? `${source.file}: Rain source template linted as rain pkg would package it; not expanded: ${[...new Set(ctx.notes)].join('; ')}` : undefined;
  return { source: { file: source.file, format: source.format, data, positionOf, release: source.release?.bind(source) }, note };
}

/** A node path inside an expanded resource, as a path of the template that uses the module. */
function mapPath(origin: Origin, rest: NodePath): NodePath {
  const [attr, key] = rest;
  if (origin.overrides && origin.override && typeof attr === 'string' && attr in origin.override) {
    const o = origin.override[attr];
    if (!PROPERTY_LIKE.includes(attr) || key === undefined || (isObj(o) && typeof key === 'string' && key in o)) return [...origin.overrides, ...rest];
  }
  return ['Resources', origin.useSite];
}

function hasKey(v: unknown, key: string, depth = 0): boolean {
  if (depth > 500 || v === null || typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.some((x) => hasKey(x, key, depth + 1));
  for (const k in v as Obj) if (k === key || hasKey((v as Obj)[k], key, depth + 1)) return true;
  return false;
}

/**
 * Replaces every resource of `template` whose Type is `Rain::Module` with the module's resources (in place). `top`:
 * the template is the file being linted (its resources are the use sites locations point at).
 */
function expandModules(template: Obj, dir: string, parse: (file: string) => SourceFile, ctx: Context, depth: number, top: boolean): void {
  const resources = isObj(template.Resources) ? template.Resources : undefined;
  if (!resources) return;
  /** Module uses left unexpanded: their references become unknown. */
  const dropped = new Set<string>();
  /** Module uses expanded: the ids of their resources (for DependsOn) and their Outputs (for GetAtt). */
  const expanded = new Map<string, { ids: string[]; outputs: Obj }>();
  const out: Obj = {};
  for (const [id, res] of Object.entries(resources)) {
    const type = isObj(res) ? res.Type : undefined;
    if (onlyKey(type) !== 'Rain::Module') {
      out[id] = res;
      continue;
    }
    const uri = (type as Obj)['Rain::Module'];
    const module = typeof uri === 'string' ? loadModule(uri, dir, parse, ctx, depth) : { why: 'a module reference that is not a path' };
    if ('why' in module) {
      const where = top ? '' : ` in ${path.relative(ctx.root, ctx.stack[ctx.stack.length - 1]) || '.'}`;
      const key = `module ${typeof uri === 'string' ? `${uri} ` : ''}(${module.why})${where}`;
      ctx.unexpanded.set(key, [...(ctx.unexpanded.get(key) ?? []), id]);
      dropped.add(id);
      continue;
    }
    expanded.set(id, instantiate(id, res as Obj, module.data, out, ctx, top));
  }
  template.Resources = out;
  if (!dropped.size && !expanded.size) return;
  // the template's own references to module uses: to a module's Outputs, its resources (DependsOn), or unknown
  const rewrite = (v: unknown): unknown => rewriteRefs(v, (name, attr) => {
    const use = expanded.get(name);
    if (use) {
      const output = attr !== undefined ? use.outputs[attr] : undefined;
      if (isObj(output) && 'Value' in output) return output.Value;
      return unknown(`${name}${attr ? `.${attr}` : ''} names a Rain module, not one of its resources`);
    }
    for (const d of dropped) if (name.startsWith(d) && !(name in out)) return unknown(`${name} is a resource of the Rain module used by ${d}, which was not expanded`);
    return undefined;
  });
  for (const section of ['Resources', 'Outputs', 'Conditions']) if (isObj(template[section])) template[section] = rewrite(template[section]);
  for (const res of Object.values(template.Resources as Obj)) {
    if (!isObj(res) || res.DependsOn === undefined) continue;
    const deps = (Array.isArray(res.DependsOn) ? res.DependsOn : [res.DependsOn]).flatMap((d) =>
      typeof d === 'string' && expanded.has(d) ? expanded.get(d)!.ids : typeof d === 'string' && dropped.has(d) ? [] : [d],
    );
    res.DependsOn = deps;
  }
}

/** Reads and expands a module file (its own modules first); a reason when it cannot be. */
function loadModule(uri: string, dir: string, parse: (file: string) => SourceFile, ctx: Context, depth: number): { data: Obj } | { why: string } {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(uri)) return { why: 'a remote module, not fetched' };
  const file = path.resolve(dir, uri);
  if (ctx.stack.includes(file)) return { why: 'the module uses itself' };
  if (depth >= MAX_MODULE_DEPTH) return { why: `modules nested deeper than ${MAX_MODULE_DEPTH} levels` };
  if (!fs.existsSync(file)) return { why: 'file not found' };
  let data: unknown;
  try {
    data = structuredClone(parse(file).data);
  } catch (e) {
    return { why: `cannot be read: ${(e as Error).message.split('\n')[0]}` };
  }
  if (!isObj(data) || !isObj(data.Resources)) return { why: 'no Resources section' };
  if ('ModuleExtension' in data.Resources) return { why: 'a type-extension module (ModuleExtension), not supported' };
  ctx.stack.push(file);
  try {
    expandModules(data, path.dirname(file), parse, ctx, depth + 1, false);
  } finally {
    ctx.stack.pop();
  }
  return { data };
}

/** Adds the resources of one module use to `out`; returns their logical ids and the module's Outputs in template terms. */
function instantiate(id: string, use: Obj, module: Obj, out: Obj, ctx: Context, top: boolean): { ids: string[]; outputs: Obj } {
  const params = isObj(module.Parameters) ? module.Parameters : {};
  const props = isObj(use.Properties) ? use.Properties : {};
  const overrides = isObj(use.Overrides) ? use.Overrides : {};
  const moduleResources = module.Resources as Obj;
  const local = new Set(Object.keys(moduleResources));
  const ids: string[] = [];
  // a parameter's value: what the using resource sets, else the module's Default, else unknown
  const values: Obj = {};
  for (const [name, def] of Object.entries(params)) {
    if (name in props) values[name] = props[name];
    else if (isObj(def) && def.Default !== undefined) values[name] = def.Default;
    else values[name] = unknown(`module parameter ${name} is not set by ${id}`);
  }
  for (const [name, res] of Object.entries(moduleResources)) {
    if (!isObj(res)) continue;
    const newId = id + name;
    const resource = renameInModule(id, res, local, params, values) as Obj;
    const override = isObj(overrides[name]) ? (overrides[name] as Obj) : undefined;
    if (override) applyOverride(resource, override);
    // attributes of the using resource apply to every resource of the module that does not set its own
    for (const attr of SCALAR_ATTRIBUTES) if (use[attr] !== undefined && resource[attr] === undefined) resource[attr] = use[attr];
    if (use.DependsOn !== undefined) resource.DependsOn = [...asList(resource.DependsOn), ...asList(use.DependsOn)];
    out[newId] = resource;
    ids.push(newId);
    // resources of a module used by a module were flattened into it already: every id here is one of the top template
    if (top) ctx.origins.set(newId, { useSite: id, overrides: override ? ['Resources', id, 'Overrides', name] : undefined, override });
  }
  const outputs = isObj(module.Outputs) ? (renameInModule(id, module.Outputs, local, params, values) as Obj) : {};
  return { ids, outputs };
}

const asList = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** An override of one module resource: property-like attributes key by key, the others as a whole. */
function applyOverride(resource: Obj, override: Obj): void {
  for (const [attr, value] of Object.entries(override)) {
    if (PROPERTY_LIKE.includes(attr) && isObj(value)) {
      const base = isObj(resource[attr]) ? (resource[attr] as Obj) : {};
      resource[attr] = { ...base, ...value };
    } else if (attr === 'DependsOn') {
      resource.DependsOn = [...asList(resource.DependsOn), ...asList(value)];
    } else {
      resource[attr] = value;
    }
  }
}

/**
 * A module node in the template's terms: references to module resources renamed with the use's logical id, references
 * to module parameters replaced by their values (Fn::Sub variables for Sub strings), DependsOn renamed.
 */
function renameInModule(id: string, node: unknown, local: Set<string>, params: Obj, values: Obj): unknown {
  const isLocal = (name: string) => local.has(name);
  const renamed = rewriteRefs(node, (name, attr, kind) => {
    if (kind === 'ref' && name in params) return values[name];
    if (isLocal(name)) return kind === 'ref' ? { Ref: id + name } : { 'Fn::GetAtt': [id + name, attr] };
    return undefined;
  }, (name) => (isLocal(name) ? id + name : name in params ? undefined : name));
  if (isObj(renamed) && renamed.DependsOn !== undefined) {
    renamed.DependsOn = asList(renamed.DependsOn).map((d) => (typeof d === 'string' && isLocal(d) ? id + d : d));
  }
  return renamed;
}

/**
 * Rewrites Ref, Fn::GetAtt and Fn::Sub references of a node. `replace(name, attr, kind)` gives the expression that
 * stands for a reference (undefined: keep it). In a Sub string, a `${Name}` or `${Name.Attr}` whose replacement is
 * another name is renamed in place (`subName`), and any other replacement is bound to a Sub variable.
 */
function rewriteRefs(
  node: unknown,
  replace: (name: string, attr: string | undefined, kind: 'ref' | 'getatt') => unknown,
  subName?: (name: string) => string | undefined,
  depth = 0,
): unknown {
  if (depth > 500 || node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map((x) => rewriteRefs(x, replace, subName, depth + 1));
  const obj = node as Obj;
  const key = onlyKey(obj);
  if (key === 'Ref' && typeof obj.Ref === 'string') {
    const r = replace(obj.Ref, undefined, 'ref');
    return r === undefined ? obj : r;
  }
  if (key === 'Fn::GetAtt') {
    const arg = obj[key];
    const [name, attr] = typeof arg === 'string' ? [arg.split('.')[0], arg.split('.').slice(1).join('.')] : Array.isArray(arg) ? [arg[0], arg[1]] : [undefined, undefined];
    if (typeof name === 'string') {
      const r = replace(name, typeof attr === 'string' ? attr : undefined, 'getatt');
      if (r !== undefined) return r;
    }
    return obj;
  }
  if (key === 'Fn::Sub') {
    const arg = obj[key];
    const text = typeof arg === 'string' ? arg : Array.isArray(arg) && typeof arg[0] === 'string' ? arg[0] : undefined;
    if (text === undefined) return { [key]: rewriteRefs(arg, replace, subName, depth + 1) };
    const own = Array.isArray(arg) && isObj(arg[1]) ? (arg[1] as Obj) : {};
    const vars: Obj = {};
    for (const [k, v] of Object.entries(own)) vars[k] = rewriteRefs(v, replace, subName, depth + 1);
    let n = 0;
    const rewritten = text.replace(/\$\{([^!}][^}]*)\}/g, (whole, inner: string) => {
      const [name, ...rest] = inner.split('.');
      if (name in own || name.startsWith('AWS::')) return whole;
      const attr = rest.length ? rest.join('.') : undefined;
      const renamedTo = subName?.(name);
      if (renamedTo !== undefined && renamedTo !== name) return `\${${renamedTo}${attr ? `.${attr}` : ''}}`;
      if (renamedTo === name) return whole;
      const r = replace(name, attr, attr === undefined ? 'ref' : 'getatt');
      if (r === undefined) return whole;
      if (typeof r === 'string' || typeof r === 'number' || typeof r === 'boolean') return String(r).replace(/\$\{/g, '${!');
      const r1 = onlyKey(r);
      if (r1 === 'Ref' && typeof (r as Obj).Ref === 'string') return `\${${(r as Obj).Ref as string}}`;
      let v = `RainValue${n++}`;
      while (v in own || v in vars) v = `RainValue${n++}`;
      vars[v] = r;
      return `\${${v}}`;
    });
    return Object.keys(vars).length ? { [key]: [rewritten, vars] } : { [key]: rewritten };
  }
  let out: Obj | undefined;
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    const r = rewriteRefs(v, replace, subName, depth + 1);
    if (r !== v) (out ??= { ...obj })[k] = r;
  }
  return out ?? obj;
}
