import type { Model } from './model';
import type { Resource } from './resource';
import { ResourceRef, Unknown, ZoneValue, ZoneList, refTarget } from './values';
import { Zone, uniqueZones, zone } from './zones';
import { recordOf } from '../catalog';

/**
 * Where a resource runs, as far as the input tells:
 * - `zonal`: in exactly these zones (each known);
 * - `regional`: spread over the region's zones by AWS (S3, DynamoDB, Multi-AZ RDS, Lambda outside a VPC…), or not
 *   tied to a zone at all (IAM, SNS…): losing one zone does not take it down;
 * - `single`: in one zone that AWS picks at deploy time (an RDS instance without Multi-AZ and no zone set);
 *   `among` lists the zones it can land in when known;
 * - `unknown`: cannot be decided before deployment; `reason` says why. Never guessed, never reported as a finding.
 */
export type Placement =
  | { readonly kind: 'zonal'; readonly zones: readonly Zone[] }
  | { readonly kind: 'regional'; readonly reason?: string }
  | { readonly kind: 'single'; readonly among?: readonly Zone[]; readonly reason: string }
  | { readonly kind: 'unknown'; readonly reason: string };

export const REGIONAL: Placement = { kind: 'regional' };

/**
 * Where a resource runs, resolved from its catalog record (lib/catalog): zone properties, subnet properties, subnet
 * groups, per-type special cases and what AWS does when none is set. A type without a record, or whose record has no
 * placement, is not zonal (regional).
 */
export function computePlacement(model: Model, r: Resource): Placement {
  const spec = recordOf(r.type)?.placement;
  if (!spec) return REGIONAL;
  const special = spec.special?.(model, r);
  if (special) return special;
  const zoneProps = spec.zoneProperties;
  const subnetProps = spec.subnetProperties;
  if (!zoneProps && !subnetProps && !spec.subnetGroupProperties && !spec.whenUnset) return REGIONAL;

  // `AvailabilityZones: !GetAZs ''`: every zone of the region, however many there are
  if (zoneProps?.some((p) => r.get(p) instanceof ZoneList)) return { kind: 'regional', reason: 'every zone of the region (Fn::GetAZs)' };
  const zones: Zone[] = [];
  let anySet = false;
  const fromZones = zoneProps ? zonesFromProperties(model, r, zoneProps) : undefined;
  if (fromZones instanceof Unknown) return { kind: 'unknown', reason: fromZones.reason };
  if (fromZones) {
    anySet = true;
    zones.push(...fromZones);
  }
  if (subnetProps) {
    const fromSubnets = zonesOfSubnets(model, subnetsOf(r, subnetProps));
    if (fromSubnets instanceof Unknown) {
      if (!zones.length) return { kind: 'unknown', reason: fromSubnets.reason };
    } else if (fromSubnets) {
      anySet = true;
      if (!zones.length) zones.push(...fromSubnets);
    }
  }
  if (anySet) return zones.length ? { kind: 'zonal', zones: uniqueZones(zones) } : { kind: 'unknown', reason: 'no zone could be resolved' };
  const unset = spec.whenUnset ?? 'unknown';
  if (unset === 'single') return { kind: 'single', among: groupZones(model, r), reason: 'zone picked by AWS at deploy time' };
  if (unset === 'regional') return REGIONAL;
  return { kind: 'unknown', reason: 'no zone or subnet is set' };
}

/**
 * Zones named directly by the given properties (zone names, AZ ids, Fn::Select of Fn::GetAZs); a `*` in a path steps
 * into every list element (`AvailabilityZoneMappings.*.AvailabilityZone`).
 */
export function zonesFromProperties(model: Model, r: Resource, props: readonly string[]): Zone[] | Unknown | undefined {
  let out: Zone[] | undefined;
  for (const p of props) {
    const v = p.includes('*') ? valuesAt(r, p) : r.get(p);
    if (v === undefined || (Array.isArray(v) && !v.length && p.includes('*'))) continue;
    const zones = toZones(model, v, p.endsWith('Id'));
    if (zones instanceof Unknown) return zones;
    out = [...(out ?? []), ...zones];
  }
  return out;
}

function toZones(model: Model, v: unknown, isId: boolean): Zone[] | Unknown {
  if (v instanceof Unknown) return v;
  if (v instanceof ZoneValue) return [v.zone];
  if (v instanceof ResourceRef) {
    // `!GetAtt Instance.AvailabilityZone` / `!GetAtt Subnet.AvailabilityZone`: the zone of that resource
    if (v.attribute !== 'AvailabilityZone' && v.attribute !== 'AvailabilityZoneId') return new Unknown(`${v} is not a zone`);
    const p = model.placement(v.target);
    return p.kind === 'zonal' && p.zones.length === 1 ? [p.zones[0]] : new Unknown(`the zone of ${v.target.logicalId} is not known`);
  }
  if (v instanceof ZoneList) return new Unknown('a whole zone list (Fn::GetAZs) of unknown length');
  if (typeof v === 'string') {
    if (v === '') return new Unknown('empty zone name');
    return v.split(',').map((s) => (isId || /^[a-z]{2,4}\d+-az\d+$/.test(s.trim()) ? zone(s.trim(), s.trim(), s.trim()) : zone(s.trim())));
  }
  if (Array.isArray(v)) {
    const out: Zone[] = [];
    for (const item of v) {
      const z = toZones(model, item, isId);
      if (z instanceof Unknown) return z;
      out.push(...z);
    }
    return out;
  }
  return new Unknown('zone is not a name');
}

/** Property paths split at dots, once per path (a handful of distinct paths, asked for every resource). */
const splitPaths = new Map<string, string[]>();

/** Values of a property path where `*` steps into each list element. */
export function valuesAt(r: Resource, path: string): unknown[] {
  let parts = splitPaths.get(path);
  if (!parts) {
    parts = path.split('.');
    if (splitPaths.size >= 1024) splitPaths.clear();
    splitPaths.set(path, parts);
  }
  if (!parts.includes('*')) {
    // one value at most: walk it without a list per step (the graph and the rules ask this for every resource)
    let c: unknown = r.properties;
    for (const part of parts) {
      if (c instanceof Unknown) continue; // an unknown stands for everything below it
      if (!c || typeof c !== 'object' || Array.isArray(c)) return [];
      c = (c as Record<string, unknown>)[part];
      if (c === undefined) return [];
    }
    return [c];
  }
  let current: unknown[] = [r.properties];
  for (const part of parts) {
    const next: unknown[] = [];
    for (const c of current) {
      if (part === '*') {
        if (Array.isArray(c)) next.push(...c);
      } else if (c && typeof c === 'object' && !Array.isArray(c) && !(c instanceof Unknown)) {
        const v = (c as Record<string, unknown>)[part];
        if (v !== undefined) next.push(v);
      } else if (c instanceof Unknown) next.push(c);
    }
    current = next;
  }
  return current;
}

/** Subnet resources (or unknowns) named by the given properties. */
export function subnetsOf(r: Resource, props: readonly string[] = recordOf(r.type)?.placement?.subnetProperties ?? []): Array<Resource | Unknown> {
  return subnetsIn(props.flatMap((p) => valuesAt(r, p)));
}

/** Subnet resources (or unknowns) named by resolved values: lists, comma-separated strings or single references. */
export function subnetsIn(values: unknown[]): Array<Resource | Unknown> {
  const out: Array<Resource | Unknown> = [];
  for (const v of values) {
    const items = Array.isArray(v) ? v : typeof v === 'string' && v.includes(',') ? v.split(',') : [v];
    for (const item of items) {
      const target = refTarget(item);
      if (target) out.push(target);
      else if (item instanceof Unknown) out.push(item);
      else out.push(new Unknown(typeof item === 'string' ? `subnet ${item} is not in the input` : 'subnet cannot be resolved'));
    }
  }
  return out;
}

/** The subnets of the input a resource is placed in (for `related` in findings). */
export function knownSubnets(r: Resource): Resource[] {
  return subnetsOf(r).filter((s): s is Resource => !(s instanceof Unknown));
}

export function zonesOfSubnets(model: Model, subnets: Array<Resource | Unknown>): Zone[] | Unknown | undefined {
  if (!subnets.length) return undefined;
  const zones: Zone[] = [];
  for (const s of subnets) {
    if (s instanceof Unknown) return s;
    const p = model.placement(s);
    if (p.kind !== 'zonal') return new Unknown(`the zone of ${s.logicalId} is not known`);
    zones.push(...p.zones);
  }
  return uniqueZones(zones);
}

/** The zones of the subnet group a resource uses (DB, cache, DMS…), if it is in the input and resolvable. */
export function groupZones(model: Model, r: Resource): Zone[] | undefined {
  for (const p of recordOf(r.type)?.placement?.subnetGroupProperties ?? []) {
    const group = refTarget(r.get(p));
    if (!group) continue;
    const placement = model.placement(group);
    if (placement.kind === 'zonal') return [...placement.zones];
  }
  return undefined;
}

export function spreadOverGroup(model: Model, r: Resource, reason: string): Placement {
  const zones = groupZones(model, r);
  return zones && zones.length >= 2 ? { kind: 'zonal', zones } : { kind: 'regional', reason };
}

/**
 * A function without VpcConfig subnets runs in every zone of the region. A SAM function without its own SubnetIds
 * takes them from `Globals.Function.VpcConfig` (SAM merges the resource's VpcConfig over the global one).
 */
export function lambdaOutsideVpc(model: Model, r: Resource): Placement | undefined {
  if (r.get('VpcConfig.SubnetIds') !== undefined) return undefined;
  const globals = (r.stack.input.template.Globals as { Function?: { VpcConfig?: unknown } } | undefined)?.Function?.VpcConfig;
  if (r.type === 'AWS::Serverless::Function' && globals !== undefined) {
    const resolved = r.stack.resolver.resolve(globals);
    if (!resolved || typeof resolved !== 'object' || resolved instanceof Unknown) return { kind: 'unknown', reason: 'the VpcConfig of the SAM Globals section cannot be resolved' };
    const ids = (resolved as Record<string, unknown>).SubnetIds;
    const zones = ids === undefined ? undefined : zonesOfSubnets(model, subnetsIn([ids]));
    if (zones instanceof Unknown) return { kind: 'unknown', reason: zones.reason };
    if (zones?.length) return { kind: 'zonal', zones };
  }
  return { kind: 'regional', reason: 'Lambda runs in every zone of the region' };
}

/** An EBS volume attached to an instance, by an AWS::EC2::VolumeAttachment or by an entry of the instance's Volumes. */
export interface VolumeAttachmentEdge {
  readonly volume: Resource;
  readonly instance: Resource;
  /** The VolumeAttachment resource, or the instance itself for a `Volumes` entry. */
  readonly via: Resource;
  /** Property path on `via` naming the volume: `Properties.VolumeId` or `Properties.Volumes.<index>`. */
  readonly path: string;
  readonly device?: string;
}

/** Every volume attachment of the input whose volume and instance are both in it (across stacks, through imports). */
export function volumeAttachments(model: Model): VolumeAttachmentEdge[] {
  const out: VolumeAttachmentEdge[] = [];
  // Resources whose Condition is false are not created: neither are their attachments.
  const ofType = (v: unknown, type: string): Resource | undefined => {
    const r = refTarget(v);
    return r?.type === type && r.created !== false ? r : undefined;
  };
  for (const a of model.ofType('AWS::EC2::VolumeAttachment')) {
    if (a.created === false) continue;
    const volume = ofType(a.get('VolumeId'), 'AWS::EC2::Volume');
    const instance = ofType(a.get('InstanceId'), 'AWS::EC2::Instance');
    const device = a.get('Device');
    if (volume && instance) out.push({ volume, instance, via: a, path: 'Properties.VolumeId', ...(typeof device === 'string' ? { device } : {}) });
  }
  for (const instance of model.ofType('AWS::EC2::Instance')) {
    if (instance.created === false) continue;
    const volumes = instance.get('Volumes');
    if (!Array.isArray(volumes)) continue;
    volumes.forEach((entry, i) => {
      const volume = ofType((entry as Record<string, unknown> | undefined)?.VolumeId, 'AWS::EC2::Volume');
      const device = (entry as Record<string, unknown> | undefined)?.Device;
      if (volume) out.push({ volume, instance, via: instance, path: `Properties.Volumes.${i}`, ...(typeof device === 'string' ? { device } : {}) });
    });
  }
  return out;
}


/** Device names AMIs use for the root volume; a block device mapping on any other name is a data volume. */
const ROOT_DEVICE_NAMES = new Set(['/dev/xvda', '/dev/sda1', '/dev/sda', 'xvda', 'sda1', 'sda']);

/** Whether a device name is one AMIs use for the root volume (live scans attach root volumes like any other). */
export function isRootDevice(device: string | undefined): boolean {
  return device !== undefined && ROOT_DEVICE_NAMES.has(device);
}

/** An EBS data volume an instance creates at launch, from its own BlockDeviceMappings or its launch template's. */
export interface BlockDeviceDataVolume {
  readonly device: string;
  readonly ebs: Record<string, unknown>;
  /** Where the mapping is written: the instance, or the AWS::EC2::LaunchTemplate it launches from. */
  readonly source: Resource;
}

/** The AWS::EC2::LaunchTemplate of the input an instance launches from, if any. */
export function launchTemplateOf(instance: Resource): Resource | undefined {
  for (const key of ['LaunchTemplate.LaunchTemplateId', 'LaunchTemplate.LaunchTemplateName']) {
    const lt = refTarget(instance.get(key));
    if (lt?.type === 'AWS::EC2::LaunchTemplate') return lt;
  }
  return undefined;
}

/**
 * EBS data volumes an instance creates through its BlockDeviceMappings and those of its launch template (the
 * instance's own mapping of a device name wins): `Ebs` entries on a non-root device, not suppressed with NoDevice.
 * Entries whose device name cannot be resolved are left out (never guessed).
 */
export function blockDeviceDataVolumes(instance: Resource): BlockDeviceDataVolume[] {
  const byDevice = new Map<string, BlockDeviceDataVolume | null>();
  const add = (mappings: unknown, source: Resource) => {
    if (!Array.isArray(mappings)) return;
    for (const m of mappings) {
      const entry = m as Record<string, unknown> | undefined;
      const device = entry?.DeviceName;
      if (typeof device !== 'string' || byDevice.has(device)) continue;
      const ebs = entry?.Ebs;
      const data = !!ebs && typeof ebs === 'object' && !Array.isArray(ebs) && !(ebs instanceof Unknown) && entry?.NoDevice === undefined && !ROOT_DEVICE_NAMES.has(device);
      byDevice.set(device, data ? { device, ebs: ebs as Record<string, unknown>, source } : null);
    }
  };
  add(instance.get('BlockDeviceMappings'), instance);
  const lt = launchTemplateOf(instance);
  if (lt) add(lt.get('LaunchTemplateData.BlockDeviceMappings'), lt);
  return [...byDevice.values()].filter((v): v is BlockDeviceDataVolume => v !== null);
}
