/**
 * Whether AWS Backup selections and DLM lifecycle policies cover an EBS volume, in three-valued logic: `true` (covered),
 * `false` (certainly not) and `undefined` (cannot be decided before deployment). Only `false` leads to a finding.
 */
import type { Model } from './model';
import { volumeAttachments } from './placement';
import type { Resource } from './resource';
import type { Stack } from './stack';
import { NO_VALUE, ResourceRef, Unknown, asBoolean } from './values';

export type Tri = boolean | undefined;

export function or(...xs: Tri[]): Tri {
  return xs.includes(true) ? true : xs.includes(undefined) ? undefined : false;
}

export function and(...xs: Tri[]): Tri {
  return xs.includes(false) ? false : xs.includes(undefined) ? undefined : true;
}

/** `or` over items, stopping at the first `true`. */
export function some<T>(items: readonly T[], test: (item: T) => Tri): Tri {
  let result: Tri = false;
  for (const item of items) {
    const r = test(item);
    if (r === true) return true;
    if (r === undefined) result = undefined;
  }
  return result;
}

function not(x: Tri): Tri {
  return x === undefined ? undefined : !x;
}

/** Whether a resource is created (its `Condition` with parameter defaults). */
export function exists(r: Resource): Tri {
  return r.created;
}

// ---------------------------------------------------------------------------------------------------------------
// Tags

/** A resource's tags as far as the template tells: known values, keys with unknown values, or unknowable as a whole. */
export interface TagSet {
  readonly known: ReadonlyMap<string, string>;
  readonly unknownKeys: ReadonlySet<string>;
  /** An entry or the whole list cannot be resolved: any tag may be present. */
  readonly anything: boolean;
}

export const NO_TAGS: TagSet = { known: new Map(), unknownKeys: new Set(), anything: false };
const ANY_TAGS: TagSet = { known: new Map(), unknownKeys: new Set(), anything: true };

export function tagSet(r: Resource, property = 'Tags'): TagSet {
  return tagSetOf(r.get(property));
}

/** Tags from a resolved tag list (`[{Key, Value}]`) or map. */
function tagSetOf(raw: unknown): TagSet {
  if (raw === undefined) return NO_TAGS;
  if (raw instanceof Unknown) return ANY_TAGS;
  const known = new Map<string, string>();
  const unknownKeys = new Set<string>();
  let anything = false;
  const add = (k: unknown, v: unknown) => {
    if (typeof k !== 'string') anything = true;
    else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') known.set(k, String(v));
    else unknownKeys.add(k);
  };
  if (Array.isArray(raw)) {
    for (const item of raw) {
      if (item && typeof item === 'object' && !(item instanceof Unknown)) add((item as Record<string, unknown>).Key, (item as Record<string, unknown>).Value);
      else anything = true;
    }
  } else if (raw && typeof raw === 'object') {
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) add(k, v);
  } else anything = true;
  return { known, unknownKeys, anything };
}

/** The tag's value; null when the resource certainly does not carry it; undefined when that cannot be known. */
function tagValue(tags: TagSet, key: string): string | null | undefined {
  if (tags.known.has(key)) return tags.known.get(key)!;
  return tags.unknownKeys.has(key) || tags.anything ? undefined : null;
}

const regExpCache = new Map<string, RegExp>();

/** `*` and `?` wildcards (and, when given, the unknown-part marker) as a regular expression; compiled once per glob. */
function globToRegExp(glob: string, unknownMarker?: string): RegExp {
  const cacheKey = unknownMarker === undefined ? glob : `${unknownMarker}${glob}`;
  const cached = regExpCache.get(cacheKey);
  if (cached) return cached;
  const re = compileGlob(glob, unknownMarker);
  if (regExpCache.size > 10_000) regExpCache.clear();
  regExpCache.set(cacheKey, re);
  return re;
}

function compileGlob(glob: string, unknownMarker?: string): RegExp {
  let out = '';
  for (const ch of glob) {
    if (ch === '*') out += '[^]*';
    else if (ch === '?') out += '[^]';
    else if (unknownMarker !== undefined && ch === unknownMarker) out += '[^]*';
    else out += ch.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

type Operator = 'StringEquals' | 'StringNotEquals' | 'StringLike' | 'StringNotLike';

/** One tag condition. A missing tag fails the positive operators; for the negated ones it is left undecided. */
function tagCondition(tags: TagSet, op: Operator, rawKey: unknown, value: unknown): Tri {
  if (typeof rawKey !== 'string' || (typeof value !== 'string' && typeof value !== 'number')) return undefined;
  const key = rawKey.replace(/^aws:ResourceTag\//, '');
  const actual = tagValue(tags, key);
  if (actual === undefined) return undefined;
  if (actual === null) return op === 'StringEquals' || op === 'StringLike' ? false : undefined;
  const matches = op === 'StringEquals' || op === 'StringNotEquals' ? actual === String(value) : globToRegExp(String(value)).test(actual);
  return op.includes('Not') ? !matches : matches;
}

/** A CloudFormation tag list (`[{Key, Value}]`, as DLM TargetTags use it): does the resource carry any of them? */
export function anyTag(tags: TagSet, list: unknown): Tri {
  if (list === undefined) return false;
  if (!Array.isArray(list)) return undefined;
  return or(...list.map((t) => (t && typeof t === 'object' && !(t instanceof Unknown) ? tagCondition(tags, 'StringEquals', (t as Record<string, unknown>).Key, (t as Record<string, unknown>).Value) : undefined)));
}

// ---------------------------------------------------------------------------------------------------------------
// ARNs

/** A piece of an ARN expression: literal text, the id of a resource of the input, or something unknown. */
type Segment = { lit: string } | { ref: Resource; attribute?: string } | { unknown: true };

/** Marks an unknown part of an ARN pattern (may stand for anything). */
const UNKNOWN_PART = '\u0000';
/** Stands for an id AWS assigns at creation: only wildcards (or unknown parts) can match it. */
const FRESH_ID = '\u0001';

function valueSegment(v: unknown): Segment {
  // nested stack outputs (GetAtt Nested.Outputs.X) are already followed by the resolver
  if (typeof v === 'string' || typeof v === 'number') return { lit: String(v) };
  if (v instanceof ResourceRef) return { ref: v.target, ...(v.attribute ? { attribute: v.attribute } : {}) };
  return { unknown: true };
}

/**
 * The segments of an ARN expression, keeping references to resources visible even when the rest (region, account of
 * an environment-agnostic stack) is unknown: CDK's `arn:${Partition}:ec2:${Region}:${Account}:volume/${Ref}`.
 */
function segments(stack: Stack, node: unknown, depth = 0): Segment[] {
  if (depth > 32) return [{ unknown: true }];
  if (node === null || typeof node !== 'object') return [valueSegment(node)];
  if (Array.isArray(node)) return [{ unknown: true }];
  const keys = Object.keys(node);
  const arg = (node as Record<string, unknown>)[keys[0]];
  if (keys.length === 1 && keys[0] === 'Fn::Join' && Array.isArray(arg) && arg.length === 2) {
    const delim = stack.resolver.resolve(arg[0]);
    if (typeof delim !== 'string') return [{ unknown: true }];
    const list = Array.isArray(arg[1]) ? arg[1] : stack.resolver.resolve(arg[1]);
    if (!Array.isArray(list)) return [{ unknown: true }];
    return list.flatMap((item, i) => [...(i > 0 && delim ? [{ lit: delim }] : []), ...(Array.isArray(arg[1]) ? segments(stack, item, depth + 1) : [valueSegment(item)])]);
  }
  if (keys.length === 1 && keys[0] === 'Fn::Sub') {
    const [text, vars] = typeof arg === 'string' ? [arg, {}] : Array.isArray(arg) ? [arg[0], (arg[1] ?? {}) as Record<string, unknown>] : [undefined, {}];
    if (typeof text !== 'string') return [{ unknown: true }];
    const out: Segment[] = [];
    let last = 0;
    for (const m of text.matchAll(/\$\{([^}]*)\}/g)) {
      out.push({ lit: text.slice(last, m.index) });
      last = m.index! + m[0].length;
      const name = m[1];
      if (name.startsWith('!')) out.push({ lit: `\${${name.slice(1)}}` });
      else if (vars && typeof vars === 'object' && name in vars) out.push(...segments(stack, (vars as Record<string, unknown>)[name], depth + 1));
      else out.push(valueSegment(stack.resolver.resolve(name.includes('.') ? { 'Fn::GetAtt': name } : { Ref: name })));
    }
    out.push({ lit: text.slice(last) });
    return out;
  }
  if (keys.length === 1 && keys[0] === 'Fn::If' && Array.isArray(arg) && arg.length === 3 && typeof arg[0] === 'string') {
    const cond = stack.resolver.condition(arg[0]);
    return cond instanceof Unknown ? [{ unknown: true }] : segments(stack, cond ? arg[1] : arg[2], depth + 1);
  }
  return [valueSegment(stack.resolver.resolve(node))];
}

/** An ARN expression ready to match: the resources it names by reference, or its text with unknown parts marked. */
export interface ArnPattern {
  readonly refs: ReadonlyArray<{ readonly ref: Resource; readonly attribute?: string }>;
  readonly text: string;
  readonly hasUnknown: boolean;
}

function compilePattern(segs: Segment[]): ArnPattern {
  const refs = segs.filter((x): x is { ref: Resource; attribute?: string } => 'ref' in x);
  const text = segs.map((x) => ('lit' in x ? x.lit : UNKNOWN_PART)).join('');
  return { refs, text, hasUnknown: text.includes(UNKNOWN_PART) };
}

/** The ARN patterns of a list property (Resources, NotResources): undefined when absent, Unknown when unresolvable. */
export function arnPatterns(stack: Stack, raw: unknown): ArnPattern[] | Unknown | undefined {
  if (raw === undefined) return undefined;
  if (Array.isArray(raw)) {
    const out: ArnPattern[] = [];
    for (const item of raw) {
      if (stack.resolver.resolve(item) === NO_VALUE) continue;
      out.push(compilePattern(segments(stack, item)));
    }
    return out;
  }
  const v = stack.resolver.resolve(raw);
  if (Array.isArray(v)) return v.map((item) => compilePattern([valueSegment(item)]));
  if (v === NO_VALUE) return undefined;
  return v instanceof Unknown ? v : new Unknown('the resource list cannot be resolved');
}

/** What an ARN pattern is matched against: an EC2 volume or instance, by resource, or by a known ARN (live scans). */
export interface ArnTarget {
  /** The resource (undefined for a volume an instance creates from a block device mapping). */
  readonly resource?: Resource;
  readonly stack: Stack;
  readonly resourceType: 'volume' | 'instance' | 'file-system';
}

/** The ARN service and the attributes naming the resource, by ARN resource type (what an ARN built from a reference names). */
const ARN_SERVICE: Record<ArnTarget['resourceType'], { service: string; attributes: readonly string[] }> = {
  volume: { service: 'ec2', attributes: ['VolumeId'] },
  instance: { service: 'ec2', attributes: ['InstanceId'] },
  'file-system': { service: 'elasticfilesystem', attributes: ['FileSystemId', 'Arn'] },
};

/** The partition of a region; `aws` when the region is not known, as the resolver takes `AWS::Partition` to be. */
function partitionOf(region: string | undefined): string | undefined {
  if (!region) return 'aws';
  return region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : region.startsWith('us-iso') ? undefined : 'aws';
}

/** The ARN a live scan recorded for a resource. */
function liveArn(r: Resource | undefined): string | undefined {
  const live = (r?.raw.Metadata as Record<string, Record<string, unknown>> | undefined)?.ZonelintLive;
  return typeof live?.arn === 'string' ? live.arn : undefined;
}

/** Does one ARN pattern select the target? */
export function arnMatches(pattern: ArnPattern, target: ArnTarget): Tri {
  const { refs, text, hasUnknown } = pattern;
  if (refs.length) {
    // An ARN built from a resource's id names that resource (CDK's BackupResource.fromConstruct / fromEc2Instance).
    if (refs.some((s) => s.ref === target.resource && (!s.attribute || ARN_SERVICE[target.resourceType].attributes.includes(s.attribute)))) return true;
    // A custom resource may return any id, the volume's included; any other resource's id is not the volume's.
    return refs.some((s) => s.ref.type.startsWith('Custom::') || s.ref.type === 'AWS::CloudFormation::CustomResource') ? undefined : false;
  }
  const strict = globToRegExp(text);
  const loose = globToRegExp(text, UNKNOWN_PART);
  const arn = liveArn(target.resource);
  if (arn) return strict.test(arn) ? true : hasUnknown && loose.test(arn) ? undefined : false;

  // A resource not created yet: partition, region and account may be unknown, its id is certainly not yet known.
  const { stack } = target;
  const fields: Array<string | undefined> = ['arn', partitionOf(stack.region), ARN_SERVICE[target.resourceType].service, stack.region, stack.account, `${target.resourceType}/${FRESH_ID}`];
  const sample = fields.map((f) => f ?? FRESH_ID).join(':');
  if (!hasUnknown && strict.test(sample)) return true; // the pattern's wildcards cover every unknown field
  const parts = text.split(':');
  if (parts.length < 6) return hasUnknown ? undefined : false;
  if (hasUnknown && parts.length !== 6) return undefined; // an unknown part may hold colons: fields cannot be aligned
  const patternFields = [...parts.slice(0, 5), parts.slice(5).join(':')];
  let certain = true;
  for (let i = 0; i < 6; i++) {
    const f = fields[i];
    const p = patternFields[i];
    if (f === undefined) {
      if (!/^[*\u0000]*$/.test(p) || p === '') certain = false; // the unknown field may or may not match a literal
      continue;
    }
    if (globToRegExp(p).test(f)) continue;
    if (globToRegExp(p, UNKNOWN_PART).test(f)) certain = false;
    else return false;
  }
  return certain ? true : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// AWS Backup selections and DLM policies

/** Whether two stacks deploy to the same region and account (undefined when one of them is not known). */
export function sameEnvironment(a: Stack, b: Stack): Tri {
  const same = (x: string | undefined, y: string | undefined): Tri => (x === y ? true : x === undefined || y === undefined ? undefined : false);
  return and(same(a.region, b.region), same(a.account, b.account));
}

/** A volume (or block-device volume) to check, with the instances it is attached to. */
export interface VolumeCase {
  readonly volume: ArnTarget;
  readonly tags: TagSet;
  readonly volumeType: unknown;
  readonly instances: ReadonlyArray<{ readonly resource: Resource; readonly tags: TagSet }>;
}

const patternCache = new WeakMap<Resource, { resources: ReturnType<typeof arnPatterns>; notResources: ReturnType<typeof arnPatterns> }>();

/** A selection's Resources and NotResources patterns, parsed once per selection. */
function selectionPatterns(selection: Resource, rawSel: Record<string, unknown>) {
  let p = patternCache.get(selection);
  if (!p) {
    p = { resources: arnPatterns(selection.stack, rawSel.Resources), notResources: arnPatterns(selection.stack, rawSel.NotResources) };
    patternCache.set(selection, p);
  }
  return p;
}

/** Whether an AWS::Backup::BackupSelection selects the target (volume or instance) with the given tags. */
function selectionSelects(selection: Resource, target: ArnTarget, tags: TagSet): Tri {
  const { chosen, excluded } = selectionVerdict(selection, target, tags);
  return and(chosen, not(excluded));
}

/** A selection's verdict on a target: chosen by Resources / ListOfTags and Conditions, and excluded by NotResources. */
function selectionVerdict(selection: Resource, target: ArnTarget, tags: TagSet): { chosen: Tri; excluded: Tri } {
  const rawSel = (selection.rawProperties.BackupSelection ?? {}) as Record<string, unknown>;
  const listOfTags = selection.get('BackupSelection.ListOfTags');
  const conditions = selection.get('BackupSelection.Conditions');
  const { resources, notResources } = selectionPatterns(selection, rawSel);

  const byArn: Tri = resources === undefined ? false : resources instanceof Unknown ? undefined : some(resources, (p) => arnMatches(p, target));
  let byTags: Tri = false;
  if (listOfTags !== undefined) {
    byTags = Array.isArray(listOfTags)
      ? or(
          ...listOfTags.map((t) => {
            const c = t as Record<string, unknown>;
            if (c instanceof Unknown || !c || String(c.ConditionType ?? 'STRINGEQUALS').toUpperCase() !== 'STRINGEQUALS') return undefined;
            return tagCondition(tags, 'StringEquals', c.ConditionKey, c.ConditionValue);
          }),
        )
      : undefined;
  }
  // Neither resources nor tags: AWS Backup assigns every supported resource (then filtered by the conditions).
  const included = resources === undefined && listOfTags === undefined ? true : or(byArn, byTags);

  let filtered: Tri = true;
  if (conditions !== undefined) {
    if (!conditions || typeof conditions !== 'object' || conditions instanceof Unknown) filtered = undefined;
    else {
      const checks: Tri[] = [];
      for (const op of ['StringEquals', 'StringNotEquals', 'StringLike', 'StringNotLike'] as const) {
        const list = (conditions as Record<string, unknown>)[op];
        if (list === undefined) continue;
        if (!Array.isArray(list)) checks.push(undefined);
        else for (const c of list) checks.push(c && typeof c === 'object' && !(c instanceof Unknown) ? tagCondition(tags, op, (c as Record<string, unknown>).ConditionKey, (c as Record<string, unknown>).ConditionValue) : undefined);
      }
      filtered = and(...checks);
    }
  }
  const chosen = and(included, filtered);
  if (chosen === false) return { chosen, excluded: false };
  const excluded: Tri = notResources === undefined ? false : notResources instanceof Unknown ? undefined : some(notResources, (p) => arnMatches(p, target));
  return { chosen, excluded };
}

/** Whether a selection would back the volume up, were it not excluded by NotResources (for the message). */
export function selectionExcludes(selection: Resource, c: VolumeCase): boolean {
  if (selection.created !== true || sameEnvironment(selection.stack, c.volume.stack) === false) return false;
  const { chosen, excluded } = selectionVerdict(selection, c.volume, c.tags);
  return chosen === true && excluded === true;
}

/** Whether a selection backs the volume up: itself, or an instance it is attached to (EC2 backups include every volume). */
export function selectionCovers(selection: Resource, c: VolumeCase): Tri {
  const planRef = selection.get('BackupPlanId');
  // A plan outside the input (an id or import) is taken to exist; a plan in the input must be created.
  const planExists = planRef instanceof ResourceRef ? exists(planRef.target) : true;
  const base = and(exists(selection), planExists, sameEnvironment(selection.stack, c.volume.stack));
  if (base === false) return false;
  const selects = or(
    selectionSelects(selection, c.volume, c.tags),
    some(c.instances, (i) => selectionSelects(selection, { resource: i.resource, stack: i.resource.stack, resourceType: 'instance' }, i.tags)),
  );
  return and(base, selects);
}

/** Whether an AWS::DLM::LifecyclePolicy snapshots the volume (by its tags, or by the tags of its instance). */
export function policyCovers(policy: Resource, c: VolumeCase): Tri {
  const state = policy.get('State');
  const enabled: Tri = state === undefined || state === 'ENABLED' ? true : typeof state === 'string' ? false : undefined;
  const base = and(exists(policy), enabled, sameEnvironment(policy.stack, c.volume.stack));
  if (base === false) return false;

  const defaultPolicy = policy.get('DefaultPolicy');
  if (defaultPolicy !== undefined) {
    // Default policies cover every volume (or every instance) of the region, minus the exclusions.
    const excludeTags = policy.get('Exclusions.ExcludeTags');
    const excludeTypes = policy.get('Exclusions.ExcludeVolumeTypes');
    if (defaultPolicy === 'VOLUME') {
      const typeExcluded: Tri = excludeTypes === undefined ? false : Array.isArray(excludeTypes) && typeof c.volumeType === 'string' ? excludeTypes.includes(c.volumeType) : undefined;
      return and(base, not(anyTag(c.tags, excludeTags)), not(typeExcluded));
    }
    if (defaultPolicy === 'INSTANCE') return and(base, or(...c.instances.map((i) => not(anyTag(i.tags, excludeTags)))));
    return and(base, undefined);
  }

  const details = policy.get('PolicyDetails');
  if (!details || typeof details !== 'object' || details instanceof Unknown) return and(base, undefined);
  const d = details as Record<string, unknown>;
  const policyType = d.PolicyType ?? 'EBS_SNAPSHOT_MANAGEMENT';
  if (policyType !== 'EBS_SNAPSHOT_MANAGEMENT' && policyType !== 'IMAGE_MANAGEMENT') return typeof policyType === 'string' ? false : and(base, undefined);
  const types = d.ResourceTypes;
  if (!Array.isArray(types)) return and(base, undefined);
  // Custom policies name their targets by tag; without TargetTags (a default policy as a live scan may report it) the
  // targets are not known.
  const targets = (tags: TagSet): Tri => (d.TargetTags === undefined ? undefined : anyTag(tags, d.TargetTags));
  const byVolume: Tri = policyType === 'EBS_SNAPSHOT_MANAGEMENT' && types.includes('VOLUME') ? targets(c.tags) : false;
  let byInstance: Tri = false;
  if (types.includes('INSTANCE')) {
    // Multi-volume snapshots (or AMIs) of a targeted instance include its data volumes, minus ExcludeDataVolumeTags.
    const excludedTags = (d.Parameters as Record<string, unknown> | undefined)?.ExcludeDataVolumeTags;
    const volumeExcluded = policyType === 'EBS_SNAPSHOT_MANAGEMENT' ? anyTag(c.tags, excludedTags) : false;
    byInstance = and(not(volumeExcluded), some(c.instances, (i) => targets(i.tags)));
  }
  return and(base, or(byVolume, byInstance));
}

/** Both tag sets on one resource (the second wins for a key both name). */
function mergeTags(a: TagSet, b: TagSet): TagSet {
  return { known: new Map([...a.known, ...b.known]), unknownKeys: new Set([...a.unknownKeys, ...b.unknownKeys]), anything: a.anything || b.anything };
}

/**
 * Tags of the volumes an instance creates from block device mappings: the instance's own when it propagates them
 * (PropagateTagsToVolumeOnCreation), plus the `volume` TagSpecifications of its launch template.
 */
export function blockDeviceTags(instance: Resource, launchTemplate?: Resource): TagSet {
  const propagate = instance.get('PropagateTagsToVolumeOnCreation');
  const p = propagate === undefined ? false : asBoolean(propagate);
  let tags = p === true ? tagSet(instance) : p === false ? NO_TAGS : ANY_TAGS;
  const specs = launchTemplate?.get('LaunchTemplateData.TagSpecifications');
  if (specs instanceof Unknown || (specs !== undefined && !Array.isArray(specs))) tags = mergeTags(tags, ANY_TAGS);
  else if (Array.isArray(specs)) {
    for (const spec of specs) {
      const type = (spec as Record<string, unknown> | undefined)?.ResourceType;
      if (type === 'volume') tags = mergeTags(tags, tagSetOf((spec as Record<string, unknown>).Tags));
      else if (typeof type !== 'string') tags = mergeTags(tags, ANY_TAGS);
    }
  }
  return tags;
}

/** Every volume attachment of a model by volume, built once per model. */
const attachmentsByModel = new WeakMap<Model, Map<Resource, Array<{ instance: Resource; device?: string }>>>();

export function attachmentsOf(model: Model, volume: Resource): ReadonlyArray<{ instance: Resource; device?: string }> {
  let index = attachmentsByModel.get(model);
  if (!index) {
    index = new Map();
    for (const edge of volumeAttachments(model)) {
      const list = index.get(edge.volume);
      const entry = edge.device !== undefined ? { instance: edge.instance, device: edge.device } : { instance: edge.instance };
      if (list) list.push(entry);
      else index.set(edge.volume, [entry]);
    }
    attachmentsByModel.set(model, index);
  }
  return index.get(volume) ?? [];
}

/** The volume as a coverage case: its tags and type, and the instances it is attached to. */
export function volumeCase(model: Model, volume: Resource): VolumeCase {
  return {
    volume: { resource: volume, stack: volume.stack, resourceType: 'volume' },
    tags: tagSet(volume),
    volumeType: volume.get('VolumeType') ?? 'gp2',
    instances: attachmentsOf(model, volume).map((a) => ({ resource: a.instance, tags: tagSet(a.instance) })),
  };
}

/** Whether some AWS Backup selection or DLM lifecycle policy of the input covers a coverage case (three-valued). */
export function backupCovers(model: Model, c: VolumeCase): Tri {
  return or(
    some(model.ofType('AWS::Backup::BackupSelection'), (s) => selectionCovers(s, c)),
    some(model.ofType('AWS::DLM::LifecyclePolicy'), (p) => policyCovers(p, c)),
  );
}

/**
 * Whether some AWS Backup selection of the input backs up a resource that is not an EBS volume (an EFS file system):
 * by ARN, by the logical id an ARN is built from, or by tag. Three-valued like the volume case; DLM does not apply.
 */
export function selectionsCover(model: Model, target: ArnTarget, tags: TagSet): Tri {
  const c: VolumeCase = { volume: target, tags, volumeType: undefined, instances: [] };
  return some(model.ofType('AWS::Backup::BackupSelection'), (s) => selectionCovers(s, c));
}
