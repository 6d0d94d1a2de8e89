import type { Resource } from './resource';
import type { Zone } from './zones';

/**
 * Values produced by intrinsic resolution besides plain JSON data. A resolved property is plain data where the
 * template is literal, and one of these where it depends on another resource, a zone list or something unknowable.
 */

/** A value that cannot be decided before deployment (parameter without default, import from outside the input…). */
/**
 * The live inventory's marker for a property the scan could not read (`{ [NOT_READ]: 'why' }`): it resolves to an
 * Unknown, so that no rule takes CloudFormation's default for data that was never read.
 */
export const NOT_READ = 'Fn::ZonelintNotRead';

export class Unknown {
  constructor(readonly reason: string) {}
  toString(): string {
    return `<unknown: ${this.reason}>`;
  }
}

/** `Ref` or `Fn::GetAtt` to a resource in the input. */
export class ResourceRef {
  constructor(
    readonly target: Resource,
    readonly attribute?: string,
  ) {}
  toString(): string {
    return this.attribute ? `${this.target.logicalId}.${this.attribute}` : this.target.logicalId;
  }
}

/** One Availability Zone, e.g. the result of `Fn::Select [1, Fn::GetAZs '']`. */
export class ZoneValue {
  constructor(readonly zone: Zone) {}
  toString(): string {
    return this.zone.label;
  }
}

/** An ordered list of zones (`Fn::GetAZs`, or a List<AWS::EC2::AvailabilityZone::Name> parameter). */
export class ZoneList {
  constructor(
    /** What the list comes from, used in zone keys: `GetAZs(us-east-1)`, `parameter AZs`. */
    readonly source: string,
    readonly zoneAt: (index: number) => Zone,
  ) {}
  toString(): string {
    return this.source;
  }
}

/** `Ref: AWS::NoValue`: the property or list element is removed. */
export const NO_VALUE = Symbol('AWS::NoValue');

export function isUnknown(v: unknown): v is Unknown {
  return v instanceof Unknown;
}

/** true / false for booleans and their CloudFormation string forms; undefined if absent or not decidable. */
export function asBoolean(v: unknown): boolean | undefined {
  if (v === true || v === 'true' || v === 'True' || v === 'TRUE') return true;
  if (v === false || v === 'false' || v === 'False' || v === 'FALSE') return false;
  return undefined;
}

export function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export function asString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

export function asArray(v: unknown): unknown[] | undefined {
  return Array.isArray(v) ? v : undefined;
}

/** The resource a value refers to (Ref or GetAtt), if it is one in the input. */
/**
 * A stable text for a resolved value, to tell whether two properties name the same thing: a literal string, or a
 * reference to a resource (and attribute) of the input; undefined when the value is unknown or of another kind.
 */
export function valueKey(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v instanceof ResourceRef) return `${v.target.stack.name}/${v.target.logicalId}${v.attribute ? `.${v.attribute}` : ''}`;
  return undefined;
}

export function refTarget(v: unknown): Resource | undefined {
  return v instanceof ResourceRef ? v.target : undefined;
}
