/** The live section of the blast radius (lib/analysis/live.ts) as text lines and as an HTML fragment. */
import type { BlastStyle } from '../analysis/describe';
import type { LiveSection, Tally } from '../analysis/live';
import { formatAge } from '../util/duration';

function tallyText(t: Tally): string {
  const parts: string[] = [];
  const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
  if (t.instances) parts.push(n(t.instances, 'instance'));
  if (t.volumes) parts.push(`${n(t.volumes, 'volume')} (${t.volumeGiB} GiB)`);
  if (t.databases) parts.push(n(t.databases, 'database'));
  if (t.caches) parts.push(n(t.caches, 'cache'));
  if (t.fileSystems) parts.push(n(t.fileSystems, 'file system'));
  if (t.loadBalancers) parts.push(n(t.loadBalancers, 'load balancer'));
  return parts.length ? parts.join(', ') : 'nothing';
}

/** Text lines of the live section (after the generic blast radius). */
export function liveSectionLines(s: LiveSection, paint: (style: BlastStyle, x: string) => string = (_s, x) => x): string[] {
  const lines: string[] = [];
  lines.push(`${paint('bold', 'Live account by zone')} (recovery points count when newer than ${formatAge(s.maxSnapshotAgeHours * 3600_000)}):`);
  for (const z of s.zones) {
    const names = z.names.length > 1 && new Set(z.names.map((n) => n.name)).size > 1 ? ` [${z.names.map((n) => `${n.scope}: ${n.name}`).join(', ')}]` : '';
    lines.push(`  ${paint('bold', z.zone)}${names}`);
    lines.push(`    down: ${tallyText(z.down)}`);
    lines.push(`    degraded: ${tallyText(z.degraded)}`);
    if (tallyText(z.egressLost) !== 'nothing') lines.push(`    egress lost (running, no way out of the VPC): ${tallyText(z.egressLost)}`);
    if (z.unrestorable.length) {
      lines.push(`    ${paint('error', 'cannot be restored elsewhere')}: ${z.unrestorable.length} (${z.unrestorable.map((u) => `${u.kind} ${u.label}${u.sizeGiB !== undefined ? ` ${u.sizeGiB} GiB` : ''}: ${u.reason}`).join('; ')})`);
    }
    if (z.recoveryUnknown.length) {
      lines.push(`    ${paint('warning', 'recovery not known (not readable)')}: ${z.recoveryUnknown.length} (${z.recoveryUnknown.map((u) => `${u.kind} ${u.label}${u.sizeGiB !== undefined ? ` ${u.sizeGiB} GiB` : ''}: ${u.reason}`).join('; ')})`);
    }
    if (!z.unrestorable.length && !z.recoveryUnknown.length && (z.down.volumes || z.down.databases)) {
      lines.push(`    ${paint('ok', 'every lost volume and database has a recent recovery point')}`);
    }
  }
  lines.push(`${paint('bold', 'Coverage')}:`);
  for (const sc of s.scopes) {
    if (sc.complete) lines.push(`  ${sc.scope}: ${paint('ok', 'complete')} (scanned ${sc.scannedAt})`);
    else lines.push(`  ${sc.scope}: ${paint('error', 'PARTIAL')} — not covered: ${sc.gaps.map((g) => `${g.service}:${g.operation} (${g.kind === 'denied' ? 'access denied' : g.kind}: ${g.message})`).join('; ')}`);
  }
  for (const n of s.notScanned) lines.push(`  ${paint('error', 'NOT SCANNED')}: ${n}`);
  return lines;
}

/** The live section as an HTML fragment (the HTML report places it after the blast-radius matrix). */
export function liveSectionHtml(s: LiveSection, esc: (x: unknown) => string): string {
  const cell = (t: Tally) => esc(tallyText(t));
  const rows = s.zones
    .map((z) => {
      const names = z.names.length > 1 && new Set(z.names.map((n) => n.name)).size > 1 ? `<div class="muted">${z.names.map((n) => `${esc(n.scope)}: ${esc(n.name)}`).join('<br>')}</div>` : '';
      const item = (u: LiveSection['zones'][number]['unrestorable'][number]) => `<li><b>${esc(u.kind)} ${esc(u.label)}</b>${u.sizeGiB !== undefined ? ` ${esc(u.sizeGiB)} GiB` : ''}: ${esc(u.reason)}</li>`;
      const unknown = z.recoveryUnknown.length ? `<div class="muted">recovery not known (not readable):</div><ul>${z.recoveryUnknown.map(item).join('')}</ul>` : '';
      const lost = z.unrestorable.length || unknown ? `${z.unrestorable.length ? `<ul>${z.unrestorable.map(item).join('')}</ul>` : ''}${unknown}` : '<span class="muted">none</span>';
      return `<tr><th>${esc(z.zone)}${names}</th><td>${cell(z.down)}</td><td>${cell(z.degraded)}</td><td>${lost}</td></tr>`;
    })
    .join('');
  const coverage = [
    ...s.scopes.map((sc) =>
      sc.complete
        ? `<li>${esc(sc.scope)}: complete (scanned ${esc(sc.scannedAt)})</li>`
        : `<li><b>${esc(sc.scope)}: PARTIAL</b> — not covered: ${sc.gaps.map((g) => `${esc(g.service)}:${esc(g.operation)} (${esc(g.kind === 'denied' ? 'access denied' : g.kind)}: ${esc(g.message)})`).join('; ')}</li>`,
    ),
    ...s.notScanned.map((n) => `<li><b>NOT SCANNED</b>: ${esc(n)}</li>`),
  ].join('');
  return (
    `<section id="live"><h2>Live account by zone</h2><p class="muted">Recovery points count when newer than ${esc(formatAge(s.maxSnapshotAgeHours * 3600_000))}.</p>` +
    `<table><thead><tr><th>zone</th><th>down</th><th>degraded</th><th>cannot be restored elsewhere</th></tr></thead><tbody>${rows}</tbody></table>` +
    `<h3>Coverage</h3><ul>${coverage}</ul></section>`
  );
}
