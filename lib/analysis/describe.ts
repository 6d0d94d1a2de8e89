import type { BlastRadius, ImpactItem, WhereverImpact, ZoneImpact } from './blast-radius';
import { ScenarioRecovery, recoveryPhrase, rpoText, rtoText } from './recovery';

export type BlastStyle = 'error' | 'warning' | 'info' | 'dim' | 'bold' | 'ok';

/** `Workers DOWN ← loses subnet PrivateA in us-east-1a ← …` */
export function impactLine(i: ImpactItem, paint: (style: BlastStyle, s: string) => string = (_s, x) => x): string {
  const status =
    i.status === 'down' ? paint('error', i.aspect === 'egress' ? 'egress DOWN' : 'DOWN') : i.status === 'egress-lost' ? paint('warning', 'egress lost') : paint('warning', 'degraded');
  const data = i.dataOnlyInZone ? paint('error', ' [data only in this zone]') : '';
  const chain = i.chain.map((c) => c.text).join(' ← ');
  const rec = recoveryNote(i);
  return `${paint('bold', i.label)} ${status}${data}${rec ? ` — ${paint(i.recovery.rpoSeconds === null ? 'error' : 'dim', rec)}` : ''}${chain ? ` ← ${chain}` : ''}`;
}

/**
 * The recovery of an item in words, for the lines of a report: `back in 1–2 minutes, no data lost`, `data lost (no
 * copy outside the zone); rebuilt in 1–24 hours`. Nothing for what keeps serving without losing data.
 */
export function recoveryNote(i: ImpactItem): string {
  const r = i.recovery;
  if (!r || (r.rtoSeconds.max === 0 && r.rpoSeconds === 0)) return '';
  return recoveryPhrase(r);
}

/** `losing us-east-1a: back in 1–24 hours, no data lost (slowest: Workers)`. */
export function scenarioRecoveryLine(s: ScenarioRecovery, labelOf: (s: ScenarioRecovery) => string): string {
  const what = s.rpoSeconds === null ? `${rpoText(null)}; back in ${rtoText(s.rtoSeconds)}` : `back in ${rtoText(s.rtoSeconds)}, ${rpoText(s.rpoSeconds)}`;
  return `${s.zone.startsWith('wherever ') ? s.zone : `losing ${s.zone}`}: ${what}${s.decidedBy ? ` (slowest: ${labelOf(s)})` : ''}`;
}

/** Scenarios worth a line: something stops serving or loses data. */
function interrupting(list: readonly ScenarioRecovery[]): ScenarioRecovery[] {
  return list.filter((s) => s.rtoSeconds.max > 0 || s.rpoSeconds !== 0);
}

/** The name of a scenario's slowest part (its basis starts with the label). */
function deciderLabel(s: ScenarioRecovery): string {
  return s.basis.split(': ')[0];
}

/** The service view as text lines: per request path, then per stack, each scenario that interrupts it. */
export function serviceRecoveryLines(br: BlastRadius, paint: (style: BlastStyle, s: string) => string = (_s, x) => x): string[] {
  const lines: string[] = [];
  const paths = br.recovery?.paths.map((p) => ({ p, zones: interrupting(p.zones) })).filter((x) => x.zones.length) ?? [];
  const stacks = br.recovery?.stacks.map((s) => ({ s, zones: interrupting(s.zones) })).filter((x) => x.zones.length) ?? [];
  if (!paths.length && !stacks.length) return lines;
  lines.push(`${paint('bold', 'Recovery')} (a path or stack is back when its slowest part is back; figures and sources: docs/recovery.md):`);
  for (const { p, zones } of paths) {
    lines.push(`  request path ${paint('bold', p.label)} (${p.parts.join(' → ')}):`);
    for (const z of zones) lines.push(`    ${scenarioRecoveryLine(z, deciderLabel)}`);
  }
  for (const { s, zones } of stacks) {
    lines.push(`  stack ${paint('bold', s.stack)}:`);
    for (const z of zones) lines.push(`    ${scenarioRecoveryLine(z, deciderLabel)}`);
  }
  return lines;
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
  for (const l of serviceRecoveryLines(br, paint)) lines.push(`  ${l}`); // a line per stack and scenario: no spread
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
