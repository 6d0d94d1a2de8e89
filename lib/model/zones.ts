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

/**
 * Availability Zones per Region, where a Region has more than the three that AWS guarantees ("Each Region has at least
 * three Availability Zones", AWS Regions and Availability Zones: AWS Availability Zones, which lists the AZ ids of each
 * Region). Fn::GetAZs returns at most these; an account can see fewer where a constrained zone was removed from the
 * list for new accounts.
 */
const ZONES_BEYOND_THREE: Readonly<Record<string, number>> = {
  'us-east-1': 6,
  'us-west-2': 4,
  'ap-northeast-1': 4,
  'ap-northeast-2': 4,
};

/** The zones AWS guarantees in every Region. */
export const MIN_REGION_ZONES = 3;

/** The most zones any Region has. */
export const MAX_REGION_ZONES = Math.max(MIN_REGION_ZONES, ...Object.values(ZONES_BEYOND_THREE));

/** The Availability Zones of a Region (the most Fn::GetAZs can return there): its known count, else the guaranteed three. */
export function regionZoneCount(region: string): number {
  return ZONES_BEYOND_THREE[region] ?? MIN_REGION_ZONES;
}

/** Regions with more than `n` zones, for messages. */
export function regionsWithMoreZonesThan(n: number): string[] {
  return Object.keys(ZONES_BEYOND_THREE).filter((r) => ZONES_BEYOND_THREE[r] > n);
}
