import type { Placement } from './placement';
import { zoneLabels } from './zones';

/** Placement in words for messages: "in us-east-1a", "in one zone AWS picks at deploy time". */
export function placementPhrase(p: Placement): string {
  switch (p.kind) {
    case 'zonal':
      return p.zones.length === 1 ? `in ${p.zones[0].label}` : `in ${zoneLabels(p.zones)}`;
    case 'single':
      return p.among && p.among.length ? `in one of ${zoneLabels(p.among)}, picked by AWS at deploy time` : 'in one zone picked by AWS at deploy time';
    case 'regional':
      return 'spread over the region';
    case 'unknown':
      return `zone unknown: ${p.reason}`;
  }
}

/**
 * The message of a minZones rule when a placement covers fewer than `minZones` known zones; undefined otherwise (an
 * unknown placement is never short). "<subject> 1 zone (us-east-1a); minZones is 2: losing us-east-1a <onlyZoneLost>."
 */
export function minZonesMessage(p: Placement, minZones: number, subject: string, onlyZoneLost: string, leftToServe: string): string | undefined {
  if (p.kind !== 'zonal' || p.zones.length >= minZones) return undefined;
  const n = p.zones.length;
  const zones = (k: number) => `${k} zone${k === 1 ? '' : 's'}`;
  return (
    `${subject} ${zones(n)} (${zoneLabels(p.zones)}); minZones is ${minZones}: ` +
    (n === 1 ? `losing ${p.zones[0].label} ${onlyZoneLost}.` : `losing one of them leaves ${zones(n - 1)} ${leftToServe}, fewer than the policy asks for.`)
  );
}

/** The zone a resource is in when it is exactly one known zone, else `fallback` ("its zone"). */
export function zoneOf(p: Placement, fallback = 'its zone'): string {
  return p.kind === 'zonal' && p.zones.length === 1 ? p.zones[0].label : fallback;
}
