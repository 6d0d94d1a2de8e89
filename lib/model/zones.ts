/**
 * An Availability Zone as far as the input tells it. `key` identifies the zone (two resources are in the same zone
 * iff their keys are equal); `label` is what users read.
 *
 * - literal zone names (`us-east-1a`) and AZ ids (`use1-az6`) are keys of their own;
 * - `Fn::Select [i, Fn::GetAZs '']` is "the i-th zone of the region": named from the zones CDK recorded when known,
 *   else keyed by region and index, so that index 0 and index 1 are known to differ even when the region is not;
 * - `Fn::Select [i, !Ref ZonesParam]` is keyed by parameter and index the same way.
 */
import { compareStrings } from '../util/compare';

export interface Zone {
  readonly key: string;
  readonly label: string;
  /** AZ id (use1-az6) when known, for live scans. */
  readonly id?: string;
}

const cache = new Map<string, Zone>();

export function zone(key: string, label = key, id?: string): Zone {
  const cacheKey = `${key}\u0000${label}\u0000${id ?? ''}`;
  let z = cache.get(cacheKey);
  if (!z) {
    z = id ? { key, label, id } : { key, label };
    cache.set(cacheKey, z);
  }
  return z;
}

/** The i-th zone of a region's zone list. */
export function indexedZone(source: string, index: number, names?: readonly string[]): Zone {
  const name = names?.[index];
  if (name) return zone(name);
  return zone(`${source}[${index}]`, `${source}[${index}]`);
}

export function uniqueZones(zones: Iterable<Zone>): Zone[] {
  // Called for nearly every resource with a handful of zones: a linear scan and an insertion sort allocate only the
  // result (a Map and a sorted copy per call were the largest allocation site of the rules). Equal labels keep their
  // input order, as a stable sort would.
  const out: Zone[] = [];
  if (Array.isArray(zones)) for (let i = 0; i < zones.length; i++) insertZone(out, zones[i] as Zone);
  else for (const z of zones) insertZone(out, z);
  return out;
}

/** Adds `z` to `out` (distinct keys, sorted by label) unless a zone with its key is there already. */
function insertZone(out: Zone[], z: Zone): void {
  for (let j = 0; j < out.length; j++) if (out[j].key === z.key) return;
  let k = out.length;
  out.push(z);
  while (k > 0 && compareStrings(out[k - 1].label, z.label) > 0) {
    out[k] = out[k - 1];
    k--;
  }
  out[k] = z;
}

export function zoneLabels(zones: readonly Zone[]): string {
  return zones.map((z) => z.label).join(', ');
}
