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
