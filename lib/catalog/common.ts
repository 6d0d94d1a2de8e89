/** Small helpers the catalog modules share (no state, no AWS SDK). */
import type { Resource } from '../model/resource';
import { Unknown, asBoolean, asNumber, refTarget } from '../model/values';
import type { Model } from '../model/model';
import { Placement, groupZones, spreadOverGroup } from '../model/placement';
import type { DataCopy, OutageCoverage } from './types';

export const isSet = (v: unknown): boolean => v !== undefined && v !== '';

/** `(r) => r.get(prop)` is true. */
export const flag =
  (prop: string) =>
  (r: Resource): boolean =>
    asBoolean(r.get(prop)) === true;

/**
 * Copies from a retention-period property (automated backups or snapshots kept N days): one copy when N > 0, none when
 * 0, Unknown when the value cannot be decided. `fallback` is CloudFormation's default when the property is not set.
 */
export function retentionCopies(r: Resource, prop: string, fallback: number | undefined, kind: DataCopy['kind'], what: string): DataCopy[] | Unknown {
  const raw = r.get(prop);
  const n = raw === undefined ? fallback : asNumber(raw);
  if (n === undefined) return raw === undefined ? [] : new Unknown(`${prop} cannot be decided`);
  return n > 0 ? [{ kind, text: `${what} kept ${n} day${n === 1 ? '' : 's'}${raw === undefined ? ' (the default)' : ''}` }] : [];
}

/** The resource a property names: its resolved Ref/GetAtt, else the one resource of `type` its raw expression names. */
export function refOrRaw(r: Resource, prop: string, type: string): Resource | undefined {
  const direct = refTarget(r.get(prop));
  if (direct) return direct;
  const raw = r.rawProperties[prop];
  if (raw === undefined || typeof raw !== 'object') return undefined;
  const found = [...rawReferences(raw)].map((id) => r.stack.resources.get(id)).filter((t): t is Resource => t?.type === type);
  return found.length === 1 ? found[0] : undefined;
}

/** Logical ids named by Ref, Fn::GetAtt and Fn::Sub in a raw (unresolved) template fragment. */
export function rawReferences(v: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(v)) for (const x of v) rawReferences(x, out);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (k === 'Ref' && typeof x === 'string') out.add(x);
      else if (k === 'Fn::GetAtt') {
        if (typeof x === 'string') out.add(x.split('.')[0]);
        else if (Array.isArray(x) && typeof x[0] === 'string') out.add(x[0]);
      } else if (k === 'Fn::Sub') {
        const text = typeof x === 'string' ? x : Array.isArray(x) ? x[0] : undefined;
        if (typeof text === 'string') for (const m of text.matchAll(/\$\{([^!}][^}.]*)(?:\.[^}]*)?\}/g)) out.add(m[1]);
        if (Array.isArray(x)) rawReferences(x[1], out);
      } else rawReferences(x, out);
    }
  }
  return out;
}

/** An outage coverage that names dedicated rules. */
export const reportedBy = (...rules: string[]): OutageCoverage => ({ rules });

/**
 * Placement of a type with a Multi-AZ switch: spread over its subnet group when the switch is on, unknown when it cannot
 * be decided before deployment, else undefined (the generic resolution places it in one zone).
 */
export function multiAzPlacement(model: Model, r: Resource, prop: string, reason: string): Placement | undefined {
  const raw = r.get(prop);
  if (raw instanceof Unknown || (raw !== undefined && asBoolean(raw) === undefined)) return { kind: 'unknown', reason: `${prop} cannot be decided before deployment` };
  return asBoolean(raw) === true ? spreadOverGroup(model, r, reason) : undefined;
}

/**
 * Placement of nodes the service spreads over the zones of a subnet group: those zones when there are two or more,
 * the one zone when the group has only one (nothing to spread over), else regional (spreadOverGroup).
 */
export function spreadOverGroupZones(model: Model, r: Resource, reason: string): Placement {
  const zones = groupZones(model, r);
  return zones?.length === 1 ? { kind: 'zonal', zones } : spreadOverGroup(model, r, reason);
}
