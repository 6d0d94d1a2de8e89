import type { BlastRadius, ImpactItem } from '../analysis/blast-radius';
import type { Finding, ResourceId } from '../engine/finding';
import { RuleMeta, SEVERITY_RANK, Severity } from '../engine/types';
import { TOOL_NAME } from '../version';
import { ruleDocUrl } from './links';
import { Report, summarize } from './result';
import { compareStrings } from '../util/compare';
import { rpoText, rtoText } from '../analysis/recovery';

export interface MarkdownOptions {
  /** Rows in the findings table before the rest is summarized in one line (PR comments are limited to 64 KB). */
  readonly maxRows?: number;
}

const ICON: Record<Severity, string> = { error: '🔴', warning: '🟠', info: '🔵' };

/**
 * A compact report for a pull-request comment: a one-line verdict with counts, the findings table worst first, the
 * baseline comparison and unused suppressions when there are any, and the blast-radius summary when it was computed.
 */
export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const maxRows = options.maxRows ?? 50;
  const s = summarize(report);
  const out: string[] = [];
  const scope = `${s.stacks} stack${s.stacks === 1 ? '' : 's'}, ${s.resources} resource${s.resources === 1 ? '' : 's'}`;
  const newWord = report.baseline ? 'new ' : '';
  if (s.findings === 0) {
    out.push(`### ✅ ${TOOL_NAME}: no ${newWord}findings`, '', `Checked ${scope}.`);
  } else {
    const counts = [`${s.errors} error${s.errors === 1 ? '' : 's'}`, `${s.warnings} warning${s.warnings === 1 ? '' : 's'}`, `${s.info} info`].join(' · ');
    out.push(`### ${s.errors ? '❌' : '⚠️'} ${TOOL_NAME}: ${s.findings} ${newWord}finding${s.findings === 1 ? '' : 's'}`, '', `${counts} in ${scope}.`);
  }
  const extras = [
    s.suppressed ? `${s.suppressed} suppressed` : '',
    report.baseline ? `${s.baselined} accepted in the baseline, ${s.fixed} fixed since` : '',
    s.unusedSuppressions ? `${s.unusedSuppressions} unused suppression${s.unusedSuppressions === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  if (extras.length) out.push('', extras.join(' · ') + '.');

  const active = report.findings.filter((f) => !f.suppressed && f.baseline !== 'unchanged').sort(worstFirst);
  if (active.length) {
    const rules = new Map(report.rulesMeta.map((r) => [r.id, r]));
    out.push('', '| Severity | Rule | Resource | Location | Finding |', '|---|---|---|---|---|');
    for (const f of active.slice(0, maxRows)) out.push(row(f, rules.get(f.ruleId)));
    if (active.length > maxRows) out.push('', `…and ${active.length - maxRows} more (see the full report).`);
  }

  const fixed = report.baseline?.fixed ?? [];
  if (fixed.length) {
    out.push('', `<details><summary>✔ ${fixed.length} fixed since the baseline</summary>`, '');
    for (const e of fixed.slice(0, maxRows)) out.push(`- **${e.ruleId}** \`${code(e.resource)}\` (${cell(e.stack)})`);
    if (fixed.length > maxRows) out.push(`- …and ${fixed.length - maxRows} more`);
    out.push('', '</details>');
  }

  const unused = report.unusedSuppressions ?? [];
  if (unused.length) {
    out.push('', `<details><summary>⚠️ ${unused.length} unused suppression${unused.length === 1 ? '' : 's'}</summary>`, '');
    for (const u of unused.slice(0, maxRows)) out.push(`- \`${code(`${u.file}${u.line ? `:${u.line}` : ''}`)}\` ${cell(u.message)}`);
    out.push('', '</details>');
  }

  const blast = blastRadiusSection(report.blastRadius, maxRows);
  if (blast.length) out.push('', ...blast);
  return `${out.join('\n')}\n`;
}

function worstFirst(a: Finding, b: Finding): number {
  return SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || compareStrings(a.ruleId, b.ruleId) || compareStrings(a.resource.stack, b.resource.stack) || (a.location?.line ?? 0) - (b.location?.line ?? 0);
}

function row(f: Finding, rule: RuleMeta | undefined): string {
  const ruleCell = rule ? `[${f.ruleId}](${ruleDocUrl(rule)})` : f.ruleId;
  const who = f.resource.constructPath ?? f.resource.logicalId;
  const where = f.location ? `${f.location.file}${f.location.line ? `:${f.location.line}` : ''}` : f.resource.stack;
  return `| ${ICON[f.severity]} ${f.severity} | ${ruleCell} | \`${code(who)}\` | \`${code(where)}\` | ${cell(f.message)}<br>**Fix:** ${cell(f.fix)} |`;
}

/** Table cell text: no line breaks, pipes escaped, HTML neutralized. */
function cell(s: string): string {
  return s.replace(/\r?\n/g, ' ').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|');
}

/** Text inside a code span in a table cell: backticks and pipes would end it early. */
function code(s: string): string {
  return s.replace(/\r?\n/g, ' ').replace(/`/g, "'").replace(/\|/g, '\\|');
}

/** The blast-radius summary: per zone (worst first) its down and degraded resources, then the single-zone ones. */
function blastRadiusSection(blast: BlastRadius | null, maxRows: number): string[] {
  if (!blast || blast.zones.length === 0) return [];
  const out = ['#### Blast radius: losing one zone', '', '| Zone | Down | Degraded |', '|---|---|---|'];
  for (const z of blast.zones.slice(0, maxRows)) out.push(`| ${cell(z.zone)} | ${listCell(z.down)} | ${listCell(z.degraded)} |`);
  const wherever = blast.wherever;
  if (wherever.length) {
    const names = wherever.slice(0, 5).map((w) => resourceName(w.cause));
    out.push('', `Single-zone resources, down when the zone AWS placed them in fails: **${wherever.length}**${names.length ? ` (${names.map((n) => `\`${code(n)}\``).join(', ')}${wherever.length > names.length ? ', …' : ''})` : ''}.`);
  }
  out.push(...recoverySection(blast, maxRows));
  return out;
}

/** What goes down, how long until it is back and how much data is lost; then the request paths. */
function recoverySection(blast: BlastRadius, maxRows: number): string[] {
  const rows: string[] = [];
  const add = (zone: string, items: readonly ImpactItem[]) => {
    for (const i of items) if (i.aspect === 'service' && i.recovery) rows.push(`| ${cell(zone)} | \`${code(resourceName(i.resource))}\` | ${i.recovery.rtoSeconds.max ? rtoText(i.recovery.rtoSeconds) : '—'} | ${i.recovery.rpoSeconds === null ? '**data lost**' : rpoText(i.recovery.rpoSeconds)} | ${cell(i.recovery.basis)} |`);
  };
  for (const z of blast.zones) add(z.zone, z.down);
  for (const w of blast.wherever) add(`wherever ${w.label} lands`, w.down);
  const out: string[] = [];
  if (rows.length) {
    out.push('', '#### Recovery of what goes down', '', '| Losing | Resource | Back in | Data | Basis |', '|---|---|---|---|---|', ...rows.slice(0, maxRows));
    if (rows.length > maxRows) out.push('', `…and ${rows.length - maxRows} more (see the full report).`);
  }
  const paths = (blast.recovery?.paths ?? []).flatMap((p) => p.zones.filter((z) => z.rtoSeconds.max > 0 || z.rpoSeconds !== 0).map((z) => ({ p, z })));
  if (paths.length) {
    out.push('', '| Request path | Losing | Back in | Data | Slowest part |', '|---|---|---|---|---|');
    for (const { p, z } of paths.slice(0, maxRows)) out.push(`| \`${code(p.label)}\` | ${cell(z.zone)} | ${rtoText(z.rtoSeconds)} | ${z.rpoSeconds === null ? '**data lost**' : rpoText(z.rpoSeconds)} | ${z.decidedBy ? `\`${code(resourceName(z.decidedBy))}\`` : '—'} |`);
  }
  return out;
}

function listCell(items: readonly ImpactItem[]): string {
  if (items.length === 0) return '0';
  const names = items.slice(0, 3).map((i) => resourceName(i.resource));
  const more = items.length > names.length ? `, +${items.length - names.length}` : '';
  return `**${items.length}**${names.length ? `: ${names.map((n) => `\`${code(n)}\``).join(', ')}${more}` : ''}`;
}

function resourceName(r: ResourceId): string {
  return r.constructPath ?? r.logicalId;
}
