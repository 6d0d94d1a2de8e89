import type { Finding } from '../engine/finding';
import type { Severity } from '../engine/types';
import { Report, summarize } from './result';
import { blastRadiusLines } from '../analysis/describe';
import { liveSectionLines } from './live';

export interface TextOptions {
  readonly color?: boolean;
  /** Also list suppressed findings (marked as such). */
  readonly showSuppressed?: boolean;
}

const COLORS: Record<Severity | 'dim' | 'bold' | 'ok', [string, string]> = {
  error: ['\u001b[31m', '\u001b[39m'],
  warning: ['\u001b[33m', '\u001b[39m'],
  info: ['\u001b[36m', '\u001b[39m'],
  ok: ['\u001b[32m', '\u001b[39m'],
  dim: ['\u001b[2m', '\u001b[22m'],
  bold: ['\u001b[1m', '\u001b[22m'],
};

/**
 * Findings grouped by stack, one finding per line:
 * `file:line:col  severity  ruleId  construct-path  message  fix: …`, then a summary line.
 */
export function renderText(report: Report, options: TextOptions = {}): string {
  const paint = (style: keyof typeof COLORS, s: string) => (options.color ? `${COLORS[style][0]}${s}${COLORS[style][1]}` : s);
  const lines: string[] = [];
  const shown = report.findings.filter((f) => options.showSuppressed || (!f.suppressed && f.baseline !== 'unchanged'));
  const byStack = new Map<string, Finding[]>();
  for (const f of shown) {
    const list = byStack.get(f.resource.stack);
    if (list) list.push(f);
    else byStack.set(f.resource.stack, [f]);
  }
  for (const stack of report.stacks) {
    const list = byStack.get(stack.name);
    if (!list) continue;
    byStack.delete(stack.name);
    lines.push(stack.name === stack.file ? paint('bold', stack.name) : `${paint('bold', stack.name)}  ${paint('dim', stack.file)}`);
    for (const f of list) lines.push(`  ${findingLine(f, paint)}`);
    lines.push('');
  }
  for (const [name, list] of byStack) {
    lines.push(paint('bold', name));
    for (const f of list) lines.push(`  ${findingLine(f, paint)}`);
    lines.push('');
  }
  const unused = report.unusedSuppressions ?? [];
  if (unused.length) {
    for (const u of unused) {
      const where = `${u.file}${u.line ? `:${u.line}:${u.column ?? 1}` : ''}`;
      lines.push(`${where}  ${paint('warning', 'warning')}  ${u.message}${u.reason ? paint('dim', ` [reason: ${u.reason}]`) : ''}`);
    }
    lines.push('');
  }
  const fixed = report.baseline?.fixed ?? [];
  if (fixed.length) {
    lines.push(`${paint('ok', '✔')} fixed since the baseline ${report.baseline!.file} (update it with \`zonelint baseline\`):`);
    for (const e of fixed) lines.push(`  ${paint('bold', e.ruleId)}  ${e.stack}  ${e.resource}  ${paint('dim', e.message)}`);
    lines.push('');
  }
  // one line per blast-radius entry: ~100k on a 100k-resource input, too many for push(...spread) arguments
  if (report.blastRadius) {
    for (const l of blastRadiusLines(report.blastRadius, (style, x) => paint(style, x))) lines.push(l);
    lines.push('');
  }
  if (report.blastRadius?.live) {
    for (const l of liveSectionLines(report.blastRadius.live, (style, x) => paint(style, x))) lines.push(l);
    lines.push('');
  }
  const s = summarize(report);
  const extras = [
    s.suppressed ? `${s.suppressed} suppressed` : '',
    report.baseline ? `${s.baselined} in baseline, ${s.fixed} fixed` : '',
    s.unusedSuppressions ? `${s.unusedSuppressions} unused suppression${s.unusedSuppressions === 1 ? '' : 's'}` : '',
    report.skipped.length ? `${report.skipped.length} files skipped` : '',
  ].filter(Boolean);
  const scope = `${s.stacks} stack${s.stacks === 1 ? '' : 's'}, ${s.resources} resource${s.resources === 1 ? '' : 's'}`;
  if (s.findings === 0) {
    lines.push(`${paint('ok', '✔')} no ${report.baseline ? 'new ' : ''}findings in ${scope}${extras.length ? ` (${extras.join(', ')})` : ''}`);
  } else {
    const counts = `${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'}, ${s.info} info`;
    lines.push(`${paint(s.errors ? 'error' : 'warning', '✖')} ${s.findings} ${report.baseline ? 'new ' : ''}finding${s.findings === 1 ? '' : 's'} (${counts}) in ${scope}${extras.length ? `; ${extras.join(', ')}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

function findingLine(f: Finding, paint: (style: keyof typeof COLORS, s: string) => string): string {
  const loc = f.location ? `${f.location.file}${f.location.line ? `:${f.location.line}:${f.location.column ?? 1}` : ''}` : f.resource.stack;
  const who = f.resource.constructPath ?? `${f.resource.logicalId} (${f.resource.type})`;
  const sev = f.suppressed ? paint('dim', 'suppressed') : f.baseline === 'unchanged' ? paint('dim', 'baseline') : paint(f.severity, f.severity.padEnd(7));
  const suppressed = f.suppressed && f.suppression ? paint('dim', ` [suppressed: ${f.suppression.reason}]`) : '';
  return `${loc}  ${sev}  ${paint('bold', f.ruleId)}  ${who}  ${f.message}  ${paint('dim', `fix: ${f.fix}`)}${suppressed}`;
}
