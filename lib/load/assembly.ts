import * as fs from 'fs';
import * as path from 'path';
import { InputError } from '../errors';
import { readSourceFile, assertTemplate, cdkPathMetadata, displayPath } from './template';
import { Acknowledgement, LoadResult, StackInput } from './stack-input';
import { SourceFile } from './source';
import { parseJson } from './json';

const ACK_TYPE = 'aws:cdk:acknowledged-rules';
const LOGICAL_ID_TYPE = 'aws:cdk:logicalId';
const TEMPLATE_FILE_TYPE = 'aws:cdk:templateFile';
/** Construct properties CDK records (names; values redacted) with @aws-cdk/core:enableAdditionalMetadataCollection on. */
export const CONSTRUCT_PROPS_TYPE = 'aws:cdk:analytics:construct';
/** Construct path CDK gives a nested stack's AWS::CloudFormation::Stack resource: `<nested path>.NestedStack/<id>.NestedStackResource`. */
const NESTED_STACK_RESOURCE = /^(.*)\.NestedStack\/[^/]+\.NestedStackResource$/;

interface MetadataEntry {
  type: string;
  data?: unknown;
}
type StackMetadata = Record<string, MetadataEntry[]>;

interface ManifestArtifact {
  type?: string;
  environment?: string;
  displayName?: string;
  properties?: { templateFile?: string; directoryName?: string; displayName?: string };
  metadata?: StackMetadata;
  additionalMetadataFile?: string;
}

export function isCloudAssembly(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'manifest.json'));
}

/** Looks like a cdk.out (CDK writes a `cdk.out` version marker and tree.json beside the manifest). */
export function looksLikeAssemblyWithoutManifest(dir: string): boolean {
  return !isCloudAssembly(dir) && (fs.existsSync(path.join(dir, 'cdk.out')) || fs.existsSync(path.join(dir, 'tree.json')));
}

/**
 * Loads every stack of a cloud assembly: top-level stacks, Stage sub-assemblies (recursively) and nested stacks
 * (followed from their AWS::CloudFormation::Stack resource to the nested template), with construct paths and
 * acknowledgements taken from the assembly metadata (inline in manifest.json or in `<Stack>.metadata.json`).
 */
export function loadAssembly(dir: string, result: LoadResult = { stacks: [], skipped: [], notes: [] }): LoadResult {
  const context = readContextZones(dir);
  loadAssemblyDir(dir, '', result, context, new Set());
  return result;
}

/**
 * Loads only the stacks whose templates are listed (absolute paths), each from the assembly directory it is in, with
 * its nested stacks: what the CDK validation plugin is handed. `appDir` is the outermost assembly (stack ids are
 * prefixed with the sub-assembly directories below it); by default the directory of the outermost template, as Stage
 * sub-assemblies sit below the app's. Reads only the metadata construct paths need (see MetadataNeed):
 * acknowledgements recorded in the assembly may be missing, as CDK applies them itself.
 */
export function loadAssemblyTemplates(templatePaths: readonly string[], appDir: string | undefined = outermostDir(templatePaths)): LoadResult {
  const result: LoadResult = { stacks: [], skipped: [], notes: [] };
  const byDir = new Map<string, Set<string>>();
  for (const t of templatePaths) {
    const dir = path.dirname(path.resolve(t));
    if (!byDir.has(dir)) byDir.set(dir, new Set());
    byDir.get(dir)!.add(path.basename(t));
  }
  for (const [dir, files] of byDir) {
    const prefix = appDir ? path.relative(path.resolve(appDir), dir).split(path.sep).filter(Boolean).map((p) => `${p}/`).join('') : '';
    const zones = readContextZones(appDir ?? dir);
    loadAssemblyDir(dir, prefix, result, zones, new Set(), files);
  }
  return result;
}

/** The shortest of the templates' directories (undefined without templates). */
function outermostDir(templatePaths: readonly string[]): string | undefined {
  let out: string | undefined;
  for (const t of templatePaths) {
    const dir = path.dirname(path.resolve(t));
    if (out === undefined || dir.length < out.length) out = dir;
  }
  return out;
}

function loadAssemblyDir(dir: string, prefix: string, result: LoadResult, zones: ZoneContext, seen: Set<string>, only?: Set<string>): void {
  const real = safeRealpath(dir);
  if (seen.has(real)) return;
  seen.add(real);
  const manifestPath = path.join(dir, 'manifest.json');
  const manifest = readJsonObject(manifestPath, 'cloud assembly manifest');
  const artifacts = manifest.artifacts;
  if (artifacts === undefined) return; // an assembly with no artifacts: nothing to lint
  if (artifacts === null || typeof artifacts !== 'object' || Array.isArray(artifacts)) {
    throw new InputError(displayPath(manifestPath), 'not a cloud assembly manifest: artifacts is not a mapping');
  }
  for (const [artifactId, raw] of Object.entries(artifacts as Record<string, ManifestArtifact>)) {
    if (!raw || typeof raw !== 'object') continue;
    if (raw.type === 'cdk:cloud-assembly') {
      if (only) continue;
      const sub = raw.properties?.directoryName;
      if (typeof sub !== 'string') continue;
      const subDir = path.join(dir, sub);
      if (!isCloudAssembly(subDir)) {
        throw new InputError(displayPath(subDir), `nested cloud assembly ${artifactId} has no manifest.json`);
      }
      loadAssemblyDir(subDir, `${prefix}${sub}/`, result, zones, seen);
    } else if (raw.type === 'aws:cloudformation:stack') {
      if (only && !only.has(String(raw.properties?.templateFile))) continue;
      loadStackArtifact(dir, prefix, artifactId, raw, result, zones, only ? 'paths' : 'all');
    }
  }
}

/**
 * How much of a stack's assembly metadata to read. `all`: construct paths, nested stacks and acknowledgements, for the
 * CLI. `paths`: what a consumer inside `cdk synth` needs (CDK applies acknowledgements itself): the stack's metadata
 * file (a large one: creation stack traces of every construct) is read only when the template's own `aws:cdk:path`
 * resource metadata, which `cdk synth` writes by default, leaves a resource without a construct path or the stack has
 * nested stacks to follow.
 */
export type MetadataNeed = 'all' | 'paths';

/** Whether the template alone gives every construct path: each resource has one, and no nested stack is to be followed. */
function pathsSuffice(template: Record<string, unknown>, paths: ReadonlyMap<string, string>): boolean {
  const resources = template.Resources as Record<string, Record<string, unknown>>;
  for (const id in resources) {
    if (!paths.has(id) || resources[id]?.Type === 'AWS::CloudFormation::Stack') return false;
  }
  return true;
}

function loadStackArtifact(dir: string, prefix: string, artifactId: string, artifact: ManifestArtifact, result: LoadResult, zones: ZoneContext, metadata: MetadataNeed): void {
  const templateFile = artifact.properties?.templateFile;
  if (typeof templateFile !== 'string') {
    throw new InputError(displayPath(path.join(dir, 'manifest.json')), `stack artifact ${artifactId} has no templateFile`);
  }
  const { account, region } = parseEnvironment(artifact.environment);
  if (!fs.existsSync(path.join(dir, templateFile))) {
    throw new InputError(displayPath(path.join(dir, 'manifest.json')), `stack ${artifactId}: its template ${templateFile} is not in the cloud assembly`);
  }
  const source = readSourceFile(path.join(dir, templateFile));
  const template = assertTemplate(source);
  const ownPaths = cdkPathMetadata(template);
  const metadataFile = artifact.additionalMetadataFile;
  const extra = metadataFile && (metadata === 'all' || !pathsSuffice(template, ownPaths)) ? (readJsonObject(path.join(dir, metadataFile), 'stack metadata file') as StackMetadata) : undefined;
  const index = indexMetadata(artifact.metadata ?? {}, extra);
  // the metadata file when a rule asks for construct properties, if it was not read already
  let props: ReadonlyMap<string, ReadonlySet<string>> | undefined;
  const constructProperties = () => (props ??= (extra || !metadataFile ? index : indexMetadata(artifact.metadata ?? {}, readMetadataFile(path.join(dir, metadataFile)))).constructProperties());
  const name = artifact.displayName ?? artifact.properties?.displayName ?? artifactId;
  const stackPath = name;
  const stack: StackInput = {
    id: `${prefix}${artifactId}`,
    name,
    source,
    template,
    account,
    region,
    zoneNames: zones.lookup(account, region),
    constructPath: stackPath,
    constructPaths: mergeInto(ownPaths, index.pathsUnder(stackPath)),
    acknowledgements: index.acksUnder(stackPath),
    constructProperties,
    origin: 'assembly',
  };
  result.stacks.push(stack);
  followNestedStacks(dir, stack, index, result, zones, 0);
}

/** Adds the entries of `extra` to `map` (later wins, as `new Map([...map, ...extra])` would) without copying `map`. */
function mergeInto<K, V>(map: Map<K, V>, extra: Map<K, V>): Map<K, V> {
  for (const [k, v] of extra) map.set(k, v);
  return map;
}

/** Follows AWS::CloudFormation::Stack resources to their nested templates, in the assembly or beside a template. */
export function followNestedStacks(dir: string, parent: StackInput, index: MetadataIndex | undefined, result: LoadResult, zones: ZoneContext | undefined, depth: number): void {
  const resources = parent.template.Resources as Record<string, Record<string, unknown>>;
  for (const logicalId in resources) {
    const res = resources[logicalId];
    if (res?.Type !== 'AWS::CloudFormation::Stack') continue;
    if (depth > 20) throw new InputError(parent.source.file, `nested stacks deeper than 20 levels at ${logicalId}`);
    const nestedPath = index?.nestedStackPathFor(parent.constructPaths.get(logicalId));
    const file = nestedTemplateFile(dir, res, nestedPath ? index?.templateFileOf(nestedPath) : undefined);
    if (!file) {
      result.notes.push(`${parent.source.file}: nested stack ${logicalId} not followed: its template is not in the input (TemplateURL points elsewhere)`);
      continue;
    }
    const source: SourceFile = readSourceFile(file);
    const template = assertTemplate(source);
    const nested: StackInput = {
      id: `${parent.id}/${logicalId}`,
      name: nestedPath ?? `${parent.name}/${logicalId}`,
      source,
      template,
      account: parent.account,
      region: parent.region,
      zoneNames: parent.zoneNames,
      constructPath: nestedPath,
      constructPaths: new Map([...cdkPathMetadata(template), ...(nestedPath && index ? index.pathsUnder(nestedPath) : [])]),
      acknowledgements: nestedPath && index ? index.acksUnder(nestedPath) : [],
      ...(parent.constructProperties ? { constructProperties: parent.constructProperties } : {}),
      parent: { stackId: parent.id, logicalId },
      origin: parent.origin,
    };
    result.stacks.push(nested);
    followNestedStacks(path.dirname(file), nested, index, result, zones, depth + 1);
  }
}

function nestedTemplateFile(dir: string, res: Record<string, unknown>, fromMetadata: string | undefined): string | undefined {
  const candidates: string[] = [];
  if (fromMetadata) candidates.push(fromMetadata);
  const meta = res.Metadata as Record<string, unknown> | undefined;
  if (meta && typeof meta['aws:asset:path'] === 'string') candidates.push(meta['aws:asset:path'] as string);
  const url = (res.Properties as Record<string, unknown> | undefined)?.TemplateURL;
  if (typeof url === 'string' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) candidates.push(url);
  candidates.push(...assetSourcesFor(dir, url));
  for (const c of candidates) {
    const file = path.resolve(dir, c);
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  }
  return undefined;
}

/**
 * The template a CDK TemplateURL points at, through the assets manifests (`*.assets.json`) of the assembly: the URL
 * ends in `<asset hash>.json` (DefaultStackSynthesizer), the manifest maps the hash to the file. This finds nested
 * templates in assemblies that record neither `aws:cdk:templateFile` nor `aws:asset:path` (older aws-cdk-lib apps
 * synthesized outside the CDK CLI).
 */
function assetSourcesFor(dir: string, url: unknown): string[] {
  const hashes = new Set<string>();
  JSON.stringify(url ?? null).replace(/([0-9a-f]{64})\.json/g, (_, h: string) => (hashes.add(h), ''));
  if (!hashes.size) return [];
  let entries: string[];
  try {
    entries = fs.readdirSync(dir).filter((f) => f.endsWith('.assets.json'));
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const f of entries) {
    try {
      const files = (JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { files?: Record<string, { source?: { path?: unknown } }> }).files ?? {};
      for (const h of hashes) {
        const source = files[h]?.source?.path;
        if (typeof source === 'string') out.push(source);
      }
    } catch {
      // an unreadable assets manifest only means this way of finding the template does not apply
    }
  }
  return out;
}

/** Construct paths, nested stacks and acknowledgements from one stack artifact's metadata. */
export class MetadataIndex {
  private readonly logicalIds: Array<[string, string]> = []; // [constructPath, logicalId]
  private readonly nestedTemplates = new Map<string, string>(); // nested stack construct path -> template file
  // nested stack construct paths, also known from their resource's path where CDK (before `aws:cdk:templateFile`
  // metadata) records no template file
  private readonly nestedPaths = new Set<string>();
  private readonly acks: Acknowledgement[] = [];
  private readonly props = new Map<string, Set<string>>();

  add(constructPath: string, entries: MetadataEntry[]): void {
    const p = constructPath.replace(/^\//, '');
    for (const e of entries) {
      if (!e || typeof e !== 'object') continue;
      if (e.type === LOGICAL_ID_TYPE && typeof e.data === 'string') {
        this.logicalIds.push([p, e.data]);
        const nested = NESTED_STACK_RESOURCE.exec(p);
        if (nested) this.nestedPaths.add(nested[1]);
      } else if (e.type === TEMPLATE_FILE_TYPE && typeof e.data === 'string') {
        this.nestedTemplates.set(p, e.data);
        this.nestedPaths.add(p);
      }
      else if (e.type === ACK_TYPE && e.data && typeof e.data === 'object') {
        for (const [id, reason] of Object.entries(e.data as Record<string, unknown>)) {
          this.acks.push({ id, reason: String(reason), constructPath: p });
        }
      } else if (e.type === CONSTRUCT_PROPS_TYPE) addConstructProperties(this.props, p, e.data);
    }
  }

  /** The nested stack (closest to the resource) a construct path belongs to, if any. */
  private owningNested(constructPath: string): string | undefined {
    let best: string | undefined;
    for (const nested of this.nestedPaths) {
      if (constructPath.startsWith(`${nested}/`) && (!best || nested.length > best.length)) best = nested;
    }
    return best;
  }

  /** Logical id -> construct path for the resources of the stack (or nested stack) at `stackPath`. */
  pathsUnder(stackPath: string): Map<string, string> {
    const out = new Map<string, string>();
    for (const [p, logicalId] of this.logicalIds) {
      if (!p.startsWith(`${stackPath}/`)) continue;
      // a resource belongs to the innermost nested stack above it, or else to the top-level stack
      if (this.nestedPaths.size > 0 && (this.owningNested(p) ?? stackPath) !== stackPath) continue;
      out.set(logicalId, p);
    }
    return out;
  }

  acksUnder(stackPath: string): Acknowledgement[] {
    // An acknowledgement on the stack or above covers every resource of it; one below covers part of it.
    return this.acks.filter((a) => a.constructPath === stackPath || a.constructPath.startsWith(`${stackPath}/`) || stackPath.startsWith(`${a.constructPath}/`));
  }

  /** CDK names a nested stack's resource `<path>.NestedStack/<id>.NestedStackResource`; map it back to `<path>`. */
  nestedStackPathFor(resourcePath: string | undefined): string | undefined {
    if (!resourcePath) return undefined;
    const m = NESTED_STACK_RESOURCE.exec(resourcePath);
    if (m && this.nestedPaths.has(m[1])) return m[1];
    return undefined;
  }

  templateFileOf(nestedPath: string): string | undefined {
    return this.nestedTemplates.get(nestedPath);
  }

  /** Property names recorded for each construct (see StackInput.constructProperties). */
  constructProperties(): ReadonlyMap<string, ReadonlySet<string>> {
    return this.props;
  }
}

/**
 * Adds the property names of one `aws:cdk:analytics:construct` entry (`{ maxAzs: '*', natGateways: '*' }`) to the
 * construct's set. CDK writes `'*'` instead of an object for a construct whose properties it does not list: that
 * records nothing.
 */
export function addConstructProperties(out: Map<string, Set<string>>, constructPath: string, data: unknown): void {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return;
  let names = out.get(constructPath);
  if (!names) out.set(constructPath, (names = new Set()));
  for (const k of Object.keys(data)) names.add(k);
}

/** A stack's metadata file read for construct properties only: unreadable, it records nothing (never an error here). */
function readMetadataFile(file: string): StackMetadata | undefined {
  try {
    return readJsonObject(file, 'stack metadata file') as StackMetadata;
  } catch {
    return undefined;
  }
}

/**
 * Indexes the metadata of `Object.assign({ ...metadata }, extra)` without building it (at 100k resources, copying the
 * metadata file's entries into one object was most of the assembly's own loading time): the keys of `metadata` in
 * order, each with the entry of `extra` when it has one, then the keys only `extra` has. As with Object.assign, a
 * `__proto__` key of `extra` adds no entry.
 */
function indexMetadata(metadata: StackMetadata, extra?: StackMetadata): MetadataIndex {
  const index = new MetadataIndex();
  const own = (o: object, k: string) => k !== '__proto__' && Object.prototype.hasOwnProperty.call(o, k);
  for (const p of Object.keys(metadata)) {
    const entries = extra && own(extra, p) ? extra[p] : metadata[p];
    if (Array.isArray(entries)) index.add(p, entries);
  }
  if (extra) {
    for (const p of Object.keys(extra)) {
      if (p === '__proto__' || Object.prototype.hasOwnProperty.call(metadata, p)) continue;
      const entries = extra[p];
      if (Array.isArray(entries)) index.add(p, entries);
    }
  }
  return index;
}

function parseEnvironment(env: string | undefined): { account?: string; region?: string } {
  const m = /^aws:\/\/([^/]*)\/(.*)$/.exec(env ?? '');
  if (!m) return {};
  return {
    account: m[1] && m[1] !== 'unknown-account' ? m[1] : undefined,
    region: m[2] && m[2] !== 'unknown-region' ? m[2] : undefined,
  };
}

/** Zone names CDK looked up and cached in cdk.context.json (`availability-zones:account=…:region=…`). */
export interface ZoneContext {
  lookup(account: string | undefined, region: string | undefined): string[] | undefined;
}

function readContextZones(assemblyDir: string): ZoneContext {
  const byKey = new Map<string, string[]>();
  for (const candidate of [path.join(assemblyDir, '..', 'cdk.context.json'), path.join(assemblyDir, 'cdk.context.json')]) {
    if (!fs.existsSync(candidate)) continue;
    try {
      const ctx = JSON.parse(fs.readFileSync(candidate, 'utf8')) as Record<string, unknown>;
      for (const [k, v] of Object.entries(ctx)) {
        const m = /^availability-zones:account=([^:]+):region=(.+)$/.exec(k);
        if (m && Array.isArray(v) && v.every((z) => typeof z === 'string')) byKey.set(`${m[1]}/${m[2]}`, v as string[]);
      }
    } catch {
      // cdk.context.json is a cache; a broken one only means zones stay symbolic
    }
  }
  return { lookup: (account, region) => (account && region ? byKey.get(`${account}/${region}`) : undefined) };
}

function readJsonObject(file: string, what: string): Record<string, unknown> {
  const display = displayPath(file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(display, `cannot read ${what}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  let data: unknown;
  try {
    data = parseJson(display, text).data;
  } catch (e) {
    // parseJson says where (line:column) and what (e.g. "invalid JSON: property name expected")
    if (e instanceof InputError) throw new InputError(display, `invalid ${what}: ${e.detail}`, e.line, e.column);
    throw e;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new InputError(display, `invalid ${what}: not a JSON object`);
  return data as Record<string, unknown>;
}

function safeRealpath(p: string): string {
  try {
    return fs.realpathSync.native(p); // one system call (the JS realpathSync lstat()s every component, cold: ~8 ms in synth)
  } catch {
    return path.resolve(p);
  }
}
