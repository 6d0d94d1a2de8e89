import type { BlastRadius, ImpactItem, Recovery, WhereverImpact, ZoneImpact } from '../analysis/blast-radius';
import { ScenarioRecovery, durationText, recoveryPhrase, rpoText, rtoText, worse } from '../analysis/recovery';
import { whereverTitle, zoneTitle } from '../analysis/describe';
import { liveSectionHtml } from './live';
import type { Finding } from '../engine/finding';
import { TOOL_NAME, VERSION } from '../version';
import { Report, summarize } from './result';
import { compareStrings } from '../util/compare';

/**
 * One self-contained HTML page (inline CSS and JS, no network, no external fonts): a zone × resource matrix of what
 * goes down or degrades when each zone fails, the chains behind each cell, and the findings with their fixes.
 * Everything from the input is escaped; the page works without JavaScript (JS only adds filtering and cell details).
 */

export function escapeHtml(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

interface Column {
  readonly id: string;
  readonly title: string;
  readonly sub: string;
  readonly kind: 'zone' | 'wherever';
}

/** An impact in one cell, with the scenario that causes it when that is not the column's zone. */
interface CellItem {
  readonly item: ImpactItem;
  /** For the "wherever AWS placed it" column: the single-zone resource whose zone fails. */
  readonly when?: WhereverImpact;
}

interface Row {
  readonly key: string;
  readonly label: string;
  readonly type: string;
  readonly stack: string;
  readonly cells: Map<string, CellItem[]>;
}

function rowKey(i: ImpactItem): string {
  return `${i.resource.stack}\u0000${i.resource.logicalId}\u0000${i.aspect}`;
}

export const WHEREVER_COLUMN = 'wherever AWS placed it';

/**
 * Rows: every resource down or degraded somewhere; columns: one per zone, worst first, and one for the single-zone
 * resources whose zone AWS picks ("wherever AWS placed it": each of them down in its own zone, whichever it is, with
 * what goes with it). Twenty single-zone resources still make one column.
 */
function matrix(br: BlastRadius): { columns: Column[]; rows: Row[] } {
  const columns: Column[] = br.zones.map((z, i) => ({ id: `z${i}`, title: zoneTitle(z), sub: `${z.counts.down} down · ${z.counts.degraded} degraded`, kind: 'zone' }));
  if (br.wherever.length) {
    const n = br.wherever.length;
    columns.push({ id: 'w', title: WHEREVER_COLUMN, sub: `${n} single-zone resource${n === 1 ? '' : 's'}, zone AWS picks`, kind: 'wherever' });
  }
  const rows = new Map<string, Row>();
  const add = (col: string, i: ImpactItem, when?: WhereverImpact) => {
    const key = rowKey(i);
    let row = rows.get(key);
    if (!row) {
      row = { key, label: i.aspect === 'egress' ? `${i.label} (egress)` : i.label, type: i.resource.type, stack: i.resource.stack, cells: new Map() };
      rows.set(key, row);
    }
    const list = row.cells.get(col) ?? [];
    list.push(when ? { item: i, when } : { item: i });
    row.cells.set(col, list);
  };
  br.zones.forEach((z, idx) => [...z.down, ...z.degraded, ...z.egressLost].forEach((i) => add(`z${idx}`, i)));
  for (const w of br.wherever) for (const i of [...w.down, ...w.degraded]) add('w', i, w);
  const downs = (r: Row) => [...r.cells.values()].filter((list) => list.some((c) => c.item.status === 'down')).length;
  const cells = (r: Row) => r.cells.size;
  // worst first: down in most scenarios, then data lost, then the longest time to be back
  const items = (r: Row) => [...r.cells.values()].flat().map((c) => c.item);
  const lost = (r: Row) => items(r).filter((i) => i.recovery?.rpoSeconds === null).length;
  const rto = (r: Row) => Math.max(0, ...items(r).map((i) => i.recovery?.rtoSeconds.max ?? 0));
  return { columns, rows: [...rows.values()].sort((a, b) => downs(b) - downs(a) || lost(b) - lost(a) || rto(b) - rto(a) || cells(b) - cells(a) || compareStrings(a.label, b.label)) };
}

function chainHtml(i: ImpactItem): string {
  const steps = i.chain.map((c) => `<li>${escapeHtml(c.text)}</li>`).join('');
  return `<ol class="chain">${steps}</ol>`;
}

function statusWord(i: ImpactItem): string {
  return i.status === 'down' ? 'DOWN' : i.status === 'egress-lost' ? 'egress lost' : 'degraded';
}

/** "when Db's zone fails (one of us-east-1a, us-east-1b)", or "in its own zone" for the resource itself. */
function whenText(c: CellItem): string {
  const w = c.when!;
  const self = w.cause.stack === c.item.resource.stack && w.cause.logicalId === c.item.resource.logicalId;
  const among = w.among.length ? ` (one of ${w.among.join(', ')})` : '';
  return self ? `in the one zone AWS placed it${among}` : `when the zone of ${w.label} fails${among}`;
}

/** The cell's recovery, short: `1–2 min · no data lost`, `data lost · 1–24 h`, `keeps serving`. */
export function shortRecovery(rec: Recovery): string {
  const rto = rec.rtoSeconds.max === 0 ? 'keeps serving' : abbreviateUnits(rtoText(rec.rtoSeconds));
  if (rec.rpoSeconds === null) return `data lost · ${rto}`;
  if (rec.rpoSeconds === 0) return rec.rtoSeconds.max === 0 ? 'keeps serving' : `${rto} · no data lost`;
  return `${rto} · ≤${abbreviateUnits(durationText(rec.rpoSeconds))} lost`;
}

/** `1–2 minutes` → `1–2 min`, and likewise hours, seconds and days (the first unit of the text). */
function abbreviateUnits(text: string): string {
  return text.replace(/ minutes?/, ' min').replace(/ hours?/, ' h').replace(/ seconds?/, ' s').replace(/ days?/, ' d');
}

/** The slowest of several estimates (longest time to serve again, then most data lost). */
function slowest(list: readonly Recovery[]): Recovery | undefined {
  return list.reduce<Recovery | undefined>((a, b) => (!a || worse(b, a) ? b : a), undefined);
}

function recoveryHtml(i: ImpactItem): string {
  const r = i.recovery;
  if (!r) return '';
  return `<p class="recovery${r.rpoSeconds === null ? ' lost' : ''}"><b>${escapeHtml(recoveryPhrase(r))}</b> <span class="basis">${escapeHtml(r.basis)}</span></p>`;
}

function cellHtml(items: CellItem[] | undefined, col: Column, row: Row): string {
  if (!items?.length) return '<td class="cell ok" data-status="ok"><span class="sr">ok</span></td>';
  const list = items.map((c) => c.item);
  const down = list.some((i) => i.status === 'down');
  const data = list.some((i) => i.dataOnlyInZone);
  const status = down ? 'down' : 'degraded';
  const label = down ? (list[0].aspect === 'egress' ? 'NO EGRESS' : 'DOWN') : list.every((i) => i.status === 'egress-lost') ? 'EGRESS LOST' : 'degraded';
  const tip = items.map((c) => `${c.when ? `${whenText(c)}: ` : ''}${c.item.chain.map((x) => x.text).join(' ← ')}`).join('\n');
  const detail = items
    .map((c) => `<div class="detail-item"><b>${escapeHtml(c.item.label)}</b> ${statusWord(c.item)}${c.when ? ` ${escapeHtml(whenText(c))}` : ''}${c.item.dataOnlyInZone ? ' — data only in this zone' : ''}${recoveryHtml(c.item)}${chainHtml(c.item)}</div>`)
    .join('');
  const causes = col.kind === 'wherever' && items.length > 1 ? `<span class="count" title="${items.length} single-zone scenarios">×${items.length}</span>` : '';
  const rec = slowest(list.map((i) => i.recovery).filter(Boolean));
  const recText = rec ? `<span class="rec${rec.rpoSeconds === null ? ' lost' : ''}">${escapeHtml(shortRecovery(rec))}</span>` : '';
  return (
    `<td class="cell ${status}" data-status="${status}" tabindex="0" title="${escapeHtml(tip)}" data-head="${escapeHtml(col.kind === 'zone' ? `${row.label} when ${col.title} fails` : `${row.label} when a single-zone resource's zone fails`)}">` +
    `<span class="badge">${label}</span>${causes}${data ? '<span class="data" title="data only in this zone">◆</span>' : ''}${recText}<template>${detail}</template></td>`
  );
}

function impactList(items: readonly ImpactItem[]): string {
  if (!items.length) return '<p class="muted">Nothing goes down or degrades.</p>';
  return `<ul class="impacts">${items
    .map(
      (i) =>
        `<li class="${i.status}"><span class="badge ${i.status === 'egress-lost' ? 'degraded' : i.status}">${i.status === 'down' ? (i.aspect === 'egress' ? 'NO EGRESS' : 'DOWN') : i.status === 'egress-lost' ? 'egress lost' : 'degraded'}</span> <b>${escapeHtml(i.label)}</b> <span class="type">${escapeHtml(i.resource.type)}</span>${i.dataOnlyInZone ? ' <span class="pill">data only in this zone</span>' : ''}${recoveryHtml(i)}${chainHtml(i)}</li>`,
    )
    .join('')}</ul>`;
}

const BOX_W = 176;
const BOX_H = 38;
const GAP = 14;
const LEFT = 124;
const PER_ROW = 6;
const PICTURE_W = LEFT + PER_ROW * (BOX_W + GAP) + GAP;

function idKey(r: { stack: string; logicalId: string }): string {
  return `${r.stack}\u0000${r.logicalId}`;
}

function clip(s: string, n: number): string {
  return s.length > n ? `…${s.slice(s.length - n + 1)}` : s;
}

/**
 * The per-zone picture of one zone's loss: the zones as lanes (the lost one shaded, ✕), each resource that goes down
 * or degrades as a box in the lane of the zone it runs in (resources in several zones, regional ones and those whose
 * zone AWS picks in a last band, their zones written on the box), and the failure chain as arrows from the resource a
 * cause names to the one it takes down. Within a lane, causes come before what they take down. Inline SVG of a fixed
 * width (a lane wraps onto more rows): no script, no network.
 */
/** Seconds at the right end of the recovery bar's log scale (a week: "manual rebuild" and large restores). */
const BAR_MAX_SECONDS = 7 * 86400;

/**
 * The recovery time as a bar along the bottom of a node: its length grows with the log of the estimate's upper bound
 * (30 s is short, an hour half-way, a week full width), red when the data is lost, none when it keeps serving.
 */
function recoveryBar(i: ImpactItem, x: number, y: number): string {
  const r = i.recovery;
  if (!r || r.rtoSeconds.max === 0) return '';
  const frac = Math.min(1, Math.max(0.04, Math.log10(1 + r.rtoSeconds.max) / Math.log10(1 + BAR_MAX_SECONDS)));
  const w = Math.round((BOX_W - 4) * frac);
  return `<rect class="bar${r.rpoSeconds === null ? ' lost' : ''}" x="${x + 2}" y="${y + BOX_H - 5}" width="${w}" height="3" data-rto="${r.rtoSeconds.max}"><title>${escapeHtml(recoveryPhrase(r))}</title></rect>`;
}

export function zonePicture(z: ZoneImpact, laneZones: readonly string[], n = 0): string {
  const items = [...z.down, ...z.degraded, ...z.egressLost];
  if (!items.length) return '';
  const byKey = new Map(items.map((i) => [idKey(i.resource), i]));
  const causeOf = (i: ImpactItem) => (i.cause ? byKey.get(idKey(i.cause)) : undefined);
  const depth = new Map<ImpactItem, number>();
  const depthOf = (i: ImpactItem, seen: Set<ImpactItem> = new Set()): number => {
    const known = depth.get(i);
    if (known !== undefined) return known;
    const c = causeOf(i);
    const d = c && c !== i && !seen.has(c) ? depthOf(c, seen.add(i)) + 1 : 0;
    depth.set(i, d);
    return d;
  };
  const band = 'multi-zone';
  const laneNames = [...laneZones, band];
  const members = new Map<string, ImpactItem[]>(laneNames.map((l) => [l, []]));
  for (const i of items) members.get(i.zones.length === 1 && members.has(i.zones[0]) && i.zones[0] !== band ? i.zones[0] : band)!.push(i);
  for (const list of members.values()) list.sort((a, b) => depthOf(a) - depthOf(b) || (a.status === b.status ? 0 : a.status === 'down' ? -1 : 1) || compareStrings(a.label, b.label));
  const parts: string[] = [];
  const nodes: string[] = [];
  const boxes = new Map<ImpactItem, { x: number; y: number }>();
  let y = 4;
  for (const name of laneNames) {
    const list = members.get(name)!;
    if (name === band && !list.length) continue;
    const rows = Math.max(1, Math.ceil(list.length / PER_ROW));
    const h = rows * (BOX_H + GAP) + GAP;
    const lost = name === z.zone;
    parts.push(`<rect class="lane${lost ? ' lost' : ''}" x="0" y="${y}" width="${PICTURE_W}" height="${h}"/>`);
    parts.push(`<text class="lane-name" x="8" y="${y + GAP + BOX_H / 2 + 4}">${escapeHtml(clip(name, 17))}${lost ? ' ✕' : ''}</text>`);
    list.forEach((i, k) => {
      const x = LEFT + (k % PER_ROW) * (BOX_W + GAP);
      const by = y + GAP + Math.floor(k / PER_ROW) * (BOX_H + GAP);
      boxes.set(i, { x, y: by });
      const status = i.status === 'down' ? 'down' : 'degraded';
      const word = i.status === 'down' ? (i.aspect === 'egress' ? 'no egress' : 'down') : i.status === 'egress-lost' ? 'egress lost' : 'degraded';
      const where = name === band ? (i.zones.length ? ` · ${i.zones.length} zones` : ' · regional') : '';
      nodes.push(
        `<g class="node ${status}"><title>${escapeHtml(`${i.label} (${i.zones.join(', ') || 'no zone of its own'}): ${word}${i.dataOnlyInZone ? ', data only in this zone' : ''}${i.recovery ? `; ${recoveryPhrase(i.recovery)}` : ''} ← ${i.chain.map((c) => c.text).join(' ← ')}`)}</title>` +
          `<rect x="${x}" y="${by}" width="${BOX_W}" height="${BOX_H}" rx="6"/>` +
          `<text x="${x + 8}" y="${by + 15}" class="node-label">${escapeHtml(clip(i.label, 22))}</text>` +
          `<text x="${x + 8}" y="${by + 30}" class="node-state">${escapeHtml(word + where)}${i.dataOnlyInZone ? ' ◆ data' : ''}</text>${recoveryBar(i, x, by)}</g>`,
      );
    });
    y += h;
  }
  for (const i of items) {
    const c = causeOf(i);
    if (!c || c === i) continue;
    const a = boxes.get(c)!;
    const b = boxes.get(i)!;
    const [x1, y1, x2, y2] = a.y === b.y ? [a.x + BOX_W, a.y + BOX_H / 2, b.x - 2, b.y + BOX_H / 2] : [a.x + BOX_W / 2, a.y < b.y ? a.y + BOX_H : a.y, b.x + BOX_W / 2, a.y < b.y ? b.y - 2 : b.y + BOX_H + 2];
    const bend = a.y === b.y ? `C${x1 + 20},${y1} ${x2 - 20},${y2}` : `C${x1},${(y1 + y2) / 2} ${x2},${(y1 + y2) / 2}`;
    parts.push(`<path class="arrow" d="M${x1},${y1} ${bend} ${x2},${y2}" marker-end="url(#arrowhead${n})"/>`);
  }
  const height = y + 4;
  return (
    `<div class="picture"><svg class="lanes" role="img" aria-label="${escapeHtml(`Losing ${zoneTitle(z)}: ${items.length} resources down or degraded, by zone`)}" width="${PICTURE_W}" height="${height}" viewBox="0 0 ${PICTURE_W} ${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<defs><marker id="arrowhead${n}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrowhead"/></marker></defs>` +
    `${parts.join('')}${nodes.join('')}</svg></div>`
  );
}

function scenarioCell(list: readonly ScenarioRecovery[]): string {
  if (!list.length) return '<td class="fine"><span class="muted">not hit</span></td>';
  const s = list.reduce((a, b) => (b.rtoSeconds.max > a.rtoSeconds.max || (b.rpoSeconds === null && a.rpoSeconds !== null) ? b : a));
  const cls = s.rpoSeconds === null ? 'lost' : s.rtoSeconds.max > 0 || s.rpoSeconds > 0 ? 'slow' : 'fine';
  const what = s.rtoSeconds.max === 0 && s.rpoSeconds === 0 ? 'keeps serving' : s.rpoSeconds === null ? `${rpoText(null)}; back in ${rtoText(s.rtoSeconds)}` : `back in ${rtoText(s.rtoSeconds)}, ${rpoText(s.rpoSeconds)}`;
  const slowestPart = s.decidedBy && (s.rtoSeconds.max > 0 || s.rpoSeconds !== 0) ? `<div class="muted">slowest: ${escapeHtml(s.basis.split(': ')[0])}</div>` : '';
  return `<td class="${cls}" title="${escapeHtml(s.basis)}">${escapeHtml(what)}${list.length > 1 ? ` <span class="muted">(worst of ${list.length})</span>` : ''}${slowestPart}</td>`;
}

/**
 * The service view: per request path (load balancer → targets → data stores) and per stack, how long until it is back
 * and how much data is lost when each zone fails — the path is back when its slowest part is back.
 */
function serviceSection(br: BlastRadius): string {
  const rec = br.recovery;
  if (!rec || (!rec.paths.length && !rec.stacks.length)) return '';
  const zones = br.zones.map((z) => z.zone);
  const hasWherever = [...rec.paths, ...rec.stacks].some((x) => x.zones.some((z) => !zones.includes(z.zone)));
  const head = `<tr><th scope="col">Request path or stack</th>${br.zones.map((z) => `<th scope="col">${escapeHtml(zoneTitle(z))}</th>`).join('')}${hasWherever ? `<th scope="col">${escapeHtml(WHEREVER_COLUMN)}</th>` : ''}</tr>`;
  const row = (title: string, sub: string, list: readonly ScenarioRecovery[]) =>
    `<tr><th scope="row"><div>${escapeHtml(title)}</div><div class="type">${escapeHtml(sub)}</div></th>${zones.map((z) => scenarioCell(list.filter((x) => x.zone === z))).join('')}${hasWherever ? scenarioCell(list.filter((x) => !zones.includes(x.zone))) : ''}</tr>`;
  const rows = [...rec.paths.map((p) => row(p.label, p.parts.join(' → '), p.zones)), ...rec.stacks.map((st) => row(`stack ${st.stack}`, 'every resource of the stack', st.zones))].join('');
  return `<h3>Recovery per request path and stack</h3><p class="muted">Back when the slowest part is back; data lost is the worst of its stores. Figures and their sources: docs/recovery.md.</p><div class="matrix-wrap"><table class="service" id="service">${head}${rows}</table></div>`;
}

function blastSection(br: BlastRadius): string {
  const { columns, rows } = matrix(br);
  const head = columns.map((c) => `<th class="col ${c.kind}" scope="col"><div class="zt">${escapeHtml(c.title)}</div><div class="zs">${escapeHtml(c.sub)}</div></th>`).join('');
  const body = rows
    .map((r) => `<tr><th scope="row" class="res"><div>${escapeHtml(r.label)}</div><div class="type">${escapeHtml(r.type)}</div></th>${columns.map((c) => cellHtml(r.cells.get(c.id), c, r)).join('')}</tr>`)
    .join('');
  const table = rows.length
    ? `<div class="matrix-wrap"><table class="matrix" id="matrix"><thead><tr><th class="corner">Resource \\ zone lost</th>${head}</tr></thead><tbody>${body}</tbody></table></div>
       <div id="detail" class="detail" aria-live="polite"><p class="muted">Select a cell to see the chain of causes.</p></div>`
    : '<p class="ok-note">No zone failure takes anything down or degrades it.</p>';
  const laneZones = br.zones.map((z) => z.zone).sort(compareStrings);
  const zones = br.zones
    .map((z, zi) => `<details class="zone" ${z === br.zones[0] ? 'open' : ''}><summary><b>${escapeHtml(zoneTitle(z))}</b> — ${z.counts.down} down, ${z.counts.degraded} degraded${z.counts.dataOnlyInZone ? `, ${z.counts.dataOnlyInZone} with data only there` : ''}</summary>${zonePicture(z, laneZones, zi)}${impactList([...z.down, ...z.degraded, ...z.egressLost])}</details>`)
    .join('');
  const wherever = br.wherever.length
    ? `<h3>Wherever it lands</h3><p class="muted">Single-zone resources whose zone AWS picks at deploy time: down when that zone fails, whichever it is.</p>${br.wherever
        .map((w) => `<details class="zone"><summary><b>${escapeHtml(whereverTitle(w))}</b> — ${w.counts.down} down, ${w.counts.degraded} degraded</summary>${impactList([...w.down, ...w.degraded])}</details>`)
        .join('')}`
    : '';
  const unknown = br.unknown.length
    ? `<h3>Unknown placement</h3><p class="muted">Cannot be decided before deployment; not counted above.</p><ul class="unknown">${br.unknown.map((u) => `<li><b>${escapeHtml(u.label)}</b> <span class="type">${escapeHtml(u.resource.type)}</span> — ${escapeHtml(u.reason)}</li>`).join('')}</ul>`
    : '';
  return `<section id="blast"><h2>Blast radius of losing one Availability Zone</h2>${table}${serviceSection(br)}<h3>Chains, worst zone first</h3>${zones}${wherever}${unknown}</section>`;
}

function findingsSection(findings: readonly Finding[]): string {
  if (!findings.length) return '<section id="findings"><h2>Findings</h2><p class="ok-note">No findings.</p></section>';
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const buttons = (['error', 'warning', 'info'] as const).map((s) => `<button type="button" class="filter ${s}" data-severity="${s}" aria-pressed="true">${s} (${counts[s]})</button>`).join('');
  const cards = findings
    .map(
      (f) => `<article class="finding ${f.severity}${f.suppressed ? ' suppressed' : ''}" data-severity="${f.severity}">
  <header><span class="sev ${f.severity}">${f.severity}</span> <span class="rule">${escapeHtml(f.ruleId)}</span> <span class="title">${escapeHtml(f.title)}</span></header>
  <div class="where"><b>${escapeHtml(f.resource.constructPath ?? f.resource.logicalId)}</b> <span class="type">${escapeHtml(f.resource.type)}</span> · ${escapeHtml(f.location ? `${f.location.file}${f.location.line ? `:${f.location.line}` : ''}` : f.resource.stack)}</div>
  <p class="msg">${escapeHtml(f.message)}</p>
  <p class="fix"><span>Fix</span> ${escapeHtml(f.fix)}</p>${f.suppressed ? `<p class="muted">Suppressed: ${escapeHtml(f.suppression?.reason ?? '')}</p>` : ''}
</article>`,
    )
    .join('\n');
  return `<section id="findings"><h2>Findings</h2><div class="filters">${buttons}</div>${cards}</section>`;
}

const CSS = `
:root{--down:#c62828;--down-bg:#fde7e7;--deg:#b26a00;--deg-bg:#fff3d6;--ok:#2e7d32;--ok-bg:#eef7ee;--ink:#1d2330;--muted:#5f6b7a;--line:#dde2ea;--bg:#f6f8fb}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--ink);background:var(--bg)}
header.top{background:#1d2330;color:#fff;padding:18px 28px}header.top h1{margin:0;font-size:20px}header.top .meta{color:#c3cad6;margin-top:4px}
.stats{display:flex;gap:12px;flex-wrap:wrap;margin-top:12px}.stat{background:#2b3344;border-radius:8px;padding:8px 14px}.stat b{font-size:20px;display:block}
main{padding:20px 28px;max-width:1500px}section{background:#fff;border:1px solid var(--line);border-radius:10px;padding:18px 20px;margin-bottom:20px}
h2{margin:0 0 12px;font-size:18px}h3{font-size:15px;margin:18px 0 8px}.muted{color:var(--muted)}.type{color:var(--muted);font-size:12px}
.matrix-wrap{overflow:auto;max-height:70vh;border:1px solid var(--line);border-radius:8px}
table.matrix{border-collapse:separate;border-spacing:0;width:100%}table.matrix th,table.matrix td{border-bottom:1px solid var(--line);border-right:1px solid var(--line);padding:6px 8px}
table.matrix thead th{position:sticky;top:0;background:#fafbfd;z-index:1;text-align:center;min-width:120px}th.corner{text-align:left!important;color:var(--muted);font-weight:500}
th.col.wherever{background:#f3effa;max-width:160px;word-break:break-word}.zt{font-weight:600}.zs{font-weight:400;color:var(--muted);font-size:12px}
th.res{text-align:left;font-weight:500;background:#fff;position:sticky;left:0;min-width:240px}
td.cell{text-align:center;cursor:pointer;min-width:110px}td.cell.ok{background:var(--ok-bg)}td.cell.down{background:var(--down-bg)}td.cell.degraded{background:var(--deg-bg)}
td.cell.selected{outline:3px solid #3461c1;outline-offset:-3px}.badge{font-weight:700;font-size:12px;letter-spacing:.02em}td.down .badge,.badge.down{color:var(--down)}td.degraded .badge,.badge.degraded{color:var(--deg)}
.data{color:var(--down);margin-left:4px}.count{color:var(--muted);font-size:11px;margin-left:4px}.sr{position:absolute;left:-9999px}
.detail{margin-top:12px;border-left:4px solid #3461c1;background:#f4f7fd;padding:10px 14px;border-radius:6px}
ol.chain{margin:4px 0 0 0;padding-left:22px;color:#333}ol.chain li{margin:2px 0}ol.chain li::marker{content:"← "}
details.zone{border:1px solid var(--line);border-radius:8px;margin:8px 0;padding:8px 12px}details.zone summary{cursor:pointer}
ul.impacts{list-style:none;padding:0;margin:8px 0}ul.impacts li{padding:6px 0;border-top:1px dashed var(--line)}.pill{background:var(--down-bg);color:var(--down);border-radius:10px;padding:1px 8px;font-size:12px}
.filters{margin-bottom:10px;display:flex;gap:8px}button.filter{border:1px solid var(--line);background:#fff;border-radius:16px;padding:4px 12px;cursor:pointer;font:inherit}button.filter[aria-pressed=false]{opacity:.45;text-decoration:line-through}
article.finding{border:1px solid var(--line);border-left:5px solid var(--muted);border-radius:8px;padding:10px 14px;margin:10px 0}article.finding.error{border-left-color:var(--down)}article.finding.warning{border-left-color:var(--deg)}article.finding.info{border-left-color:#2d6cdf}
article.finding.hidden{display:none}.sev{text-transform:uppercase;font-size:11px;font-weight:700;border-radius:4px;padding:1px 6px;color:#fff;background:var(--muted)}.sev.error{background:var(--down)}.sev.warning{background:var(--deg)}.sev.info{background:#2d6cdf}
.rule{font-weight:700;margin-left:4px}.title{color:var(--muted)}.msg{margin:6px 0}.fix{margin:6px 0;background:var(--ok-bg);border-radius:6px;padding:6px 10px}.fix span{font-weight:700;color:var(--ok);margin-right:6px}
.ok-note{color:var(--ok);font-weight:600}ul.unknown li{margin:4px 0}
.picture{overflow-x:auto;margin:8px 0 4px}svg.lanes{display:block;font:12px system-ui,sans-serif}svg.lanes .lane{fill:#f7f9fc;stroke:var(--line)}svg.lanes .lane.lost{fill:#fbe3e3}svg.lanes .lane-name{fill:var(--muted);font-weight:600}
svg.lanes .node rect{stroke-width:1.5}svg.lanes .node.down rect{fill:#fff;stroke:var(--down)}svg.lanes .node.degraded rect{fill:#fff;stroke:var(--deg)}svg.lanes .node-label{fill:var(--ink);font-weight:600}svg.lanes .node.down .node-state{fill:var(--down)}svg.lanes .node.degraded .node-state{fill:var(--deg)}
svg.lanes .bar{fill:#3461c1}svg.lanes .bar.lost{fill:var(--down)}
.rec{display:block;font-size:11px;color:var(--muted);margin-top:2px}.rec.lost{color:var(--down);font-weight:600}p.recovery{margin:4px 0}p.recovery.lost b{color:var(--down)}p.recovery .basis{color:var(--muted);font-size:12px}
table.service{border-collapse:collapse;width:100%;margin-top:6px}table.service th,table.service td{border:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}table.service td.lost{background:var(--down-bg)}table.service td.slow{background:var(--deg-bg)}table.service td.fine{background:var(--ok-bg)}table.service .muted{font-size:12px}
svg.lanes .arrow{fill:none;stroke:#6b7687;stroke-width:1.4}svg.lanes .arrowhead{fill:#6b7687}footer{color:var(--muted);padding:0 28px 24px}
`;

const JS = `
(function(){
  var detail=document.getElementById('detail');
  function show(td){
    var prev=document.querySelector('td.cell.selected'); if(prev) prev.classList.remove('selected');
    td.classList.add('selected');
    var tpl=td.querySelector('template');
    if(detail&&tpl){detail.innerHTML='';var h=document.createElement('p');h.className='detail-head';h.textContent=td.getAttribute('data-head');detail.appendChild(h);detail.appendChild(tpl.content.cloneNode(true));}
  }
  document.querySelectorAll('td.cell:not(.ok)').forEach(function(td){
    td.addEventListener('click',function(){show(td);});
    td.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();show(td);}});
  });
  document.querySelectorAll('button.filter').forEach(function(b){
    b.addEventListener('click',function(){
      var on=b.getAttribute('aria-pressed')!=='true'; b.setAttribute('aria-pressed',String(on));
      var sev=b.getAttribute('data-severity');
      document.querySelectorAll('article.finding[data-severity="'+sev+'"]').forEach(function(a){a.classList.toggle('hidden',!on);});
    });
  });
})();
`;

export function renderHtml(report: Report, options: { showSuppressed?: boolean } = {}): string {
  const s = summarize(report);
  const findings = report.findings.filter((f) => options.showSuppressed || !f.suppressed);
  const br = report.blastRadius ?? undefined;
  const worst = br?.zones[0];
  const stats = [
    `<div class="stat"><b>${s.errors}</b>errors</div>`,
    `<div class="stat"><b>${s.warnings}</b>warnings</div>`,
    `<div class="stat"><b>${s.info}</b>info</div>`,
    worst ? `<div class="stat"><b>${escapeHtml(zoneTitle(worst))}</b>worst zone: ${worst.counts.down} down, ${worst.counts.degraded} degraded</div>` : '',
    br?.wherever.length ? `<div class="stat"><b>${br.wherever.length}</b>single-zone, AWS picks</div>` : '',
  ].join('');
  const stacks = report.stacks.map((st) => escapeHtml(st.name)).join(', ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(TOOL_NAME)} report</title><style>${CSS}</style></head>
<body>
<header class="top"><h1>${escapeHtml(TOOL_NAME)} — Availability Zone resilience report</h1>
<div class="meta">${s.stacks} stack${s.stacks === 1 ? '' : 's'} (${stacks}), ${s.resources} resources${s.suppressed ? `, ${s.suppressed} suppressed findings` : ''}</div>
<div class="stats">${stats}</div></header>
<main>
${br ? blastSection(br) : '<section id="blast"><h2>Blast radius</h2><p class="muted">Not computed for this run.</p></section>'}
${report.blastRadius?.live ? liveSectionHtml(report.blastRadius.live, escapeHtml) : ''}
${findingsSection(findings)}
</main>
<footer>${escapeHtml(TOOL_NAME)} ${escapeHtml(VERSION)} · self-contained report, no network access</footer>
<script>${JS}</script>
</body></html>
`;
}
