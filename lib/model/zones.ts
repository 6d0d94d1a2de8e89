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
  const byKey = new Map<string, Zone>();
  for (const z of zones) if (!byKey.has(z.key)) byKey.set(z.key, z);
  return [...byKey.values()].sort((a, b) => compareStrings(a.label, b.label));
}

export function zoneLabels(zones: readonly Zone[]): string {
  return zones.map((z) => z.label).join(', ');
}
