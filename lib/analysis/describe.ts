import type { BlastRadius, ImpactItem, WhereverImpact, ZoneImpact } from './blast-radius';

export type BlastStyle = 'error' | 'warning' | 'info' | 'dim' | 'bold' | 'ok';

/** `Workers DOWN ← loses subnet PrivateA in us-east-1a ← …` */
export function impactLine(i: ImpactItem, paint: (style: BlastStyle, s: string) => string = (_s, x) => x): string {
  const status =
    i.status === 'down' ? paint('error', i.aspect === 'egress' ? 'egress DOWN' : 'DOWN') : i.status === 'egress-lost' ? paint('warning', 'egress lost') : paint('warning', 'degraded');
  const data = i.dataOnlyInZone ? paint('error', ' [data only in this zone]') : '';
  const chain = i.chain.map((c) => c.text).join(' ← ');
  return `${paint('bold', i.label)} ${status}${data}${chain ? ` ← ${chain}` : ''}`;
}

export function zoneTitle(z: ZoneImpact): string {
  return z.zoneId && z.zoneId !== z.zone && !z.zone.startsWith(`${z.zoneId} `) ? `${z.zone} (${z.zoneId})` : z.zone; // live labels already lead with the id
}

function countsText(c: { down: number; degraded: number; egressLost: number; dataOnlyInZone: number }): string {
  return `${c.down} down, ${c.degraded} degraded${c.egressLost ? `, ${c.egressLost} with egress lost` : ''}${c.dataOnlyInZone ? `, ${c.dataOnlyInZone} with data only there` : ''}`;
}

export function whereverTitle(w: WhereverImpact): string {
  return `${w.label} — in one zone${w.among.length ? ` (one of ${w.among.join(', ')})` : ''}, down wherever it lands`;
}

/**
 * The blast radius as text lines, worst zone first: a heading per zone, one line per down/degraded resource with its
 * chain; then the single-zone resources ("wherever it lands") and what is unknown.
 */
export function blastRadiusLines(br: BlastRadius, paint: (style: BlastStyle, s: string) => string = (_s, x) => x): string[] {
  const lines: string[] = [];
  if (!br.zones.length && !br.wherever.length && !br.unknown.length) {
    lines.push(`${paint('bold', 'Blast radius')}: nothing is placed in a specific zone.`);
    return lines;
  }
  lines.push(`${paint('bold', 'Blast radius')} of losing one Availability Zone (worst first):`);
  for (const z of br.zones) {
    lines.push(`  ${paint('bold', zoneTitle(z))}: ${countsText(z.counts)}`);
    if (!z.down.length && !z.degraded.length && !z.egressLost.length) lines.push(`    ${paint('ok', 'nothing goes down or degrades')}`);
    for (const i of [...z.down, ...z.degraded, ...z.egressLost]) lines.push(`    ${impactLine(i, paint)}`);
  }
  if (br.wherever.length) {
    lines.push(`  ${paint('bold', 'Wherever it lands')}: in one zone AWS picks, or one instance or task in whichever of its zones it runs: down when that zone fails`);
    for (const w of br.wherever) {
      lines.push(`    ${paint('bold', whereverTitle(w))}: ${countsText(w.counts)}`);
      for (const i of [...w.down, ...w.degraded]) lines.push(`      ${impactLine(i, paint)}`);
    }
  }
  if (br.unknown.length) {
    lines.push(`  ${paint('bold', 'Unknown')}: placement cannot be decided before deployment (not counted above)`);
    for (const u of br.unknown) lines.push(`    ${paint('bold', u.label)} ${paint('dim', u.reason)}`);
  }
  return lines;
}

/** One line for summaries (CDK plugin): `worst zone us-east-1a: 4 down, 0 degraded; 1 single-zone resource …`. */
export function blastRadiusSummary(br: BlastRadius): string {
  const parts: string[] = [];
  const worst = br.zones[0];
  if (worst) parts.push(`worst zone ${zoneTitle(worst)}: ${countsText(worst.counts)}`);
  else parts.push('nothing is placed in a specific zone');
  if (br.wherever.length) parts.push(`${br.wherever.length} single-zone resource${br.wherever.length === 1 ? '' : 's'} down wherever AWS places ${br.wherever.length === 1 ? 'it' : 'them'} (${br.wherever.map((w) => w.label).join(', ')})`);
  if (br.unknown.length) parts.push(`${br.unknown.length} with unknown placement`);
  return parts.join('; ');
}
