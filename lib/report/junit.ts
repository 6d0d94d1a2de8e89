import type { Finding } from '../engine/finding';
import type { RuleMeta } from '../engine/types';
import { TOOL_NAME } from '../version';
import { ruleDocUrl } from './links';
import type { Report } from './result';

/**
 * JUnit XML, as CI systems (GitLab, Jenkins, Azure DevOps, CircleCI) display test results: one <testsuite> per rule
 * that ran, one <testcase> per rule × flagged resource (classname = stack, name = rule id + resource), a <failure>
 * for each finding, <skipped> for suppressed findings and findings accepted in the baseline, and one passing case for
 * every rule that found nothing, so the report shows what was checked and not only what failed.
 */
export function renderJunit(report: Report, options: { rules?: readonly RuleMeta[] } = {}): string {
  const catalog = options.rules ?? report.rulesMeta;
  const ran = report.rules ? new Set(report.rules) : undefined;
  const byRule = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const list = byRule.get(f.ruleId);
    if (list) list.push(f);
    else byRule.set(f.ruleId, [f]);
  }
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  const rules = catalog.filter((r) => (ran ? ran.has(r.id) : true) || byRule.has(r.id));
  for (const rule of rules) {
    const findings = byRule.get(rule.id) ?? [];
    const cases: string[] = [];
    let suiteFailures = 0;
    let suiteSkipped = 0;
    const perResource = new Map<string, number>();
    for (const f of findings) perResource.set(`${f.resource.stack}\u0000${f.resource.logicalId}`, (perResource.get(`${f.resource.stack}\u0000${f.resource.logicalId}`) ?? 0) + 1);
    for (const f of findings) {
      const who = f.resource.constructPath ?? f.resource.logicalId;
      // Several findings of one rule on one resource (different properties): the property keeps the case names apart.
      const prop = (perResource.get(`${f.resource.stack}\u0000${f.resource.logicalId}`) ?? 0) > 1 && f.location ? ` (${f.location.path.split('.').slice(2).join('.') || 'resource'})` : '';
      const attrs = [`classname="${xml(f.resource.stack)}"`, `name="${xml(`${f.ruleId} ${who}${prop}`)}"`];
      if (f.location) {
        attrs.push(`file="${xml(f.location.file)}"`);
        if (f.location.line) attrs.push(`line="${f.location.line}"`);
      }
      let body: string;
      if (f.suppressed) {
        suiteSkipped++;
        body = `<skipped message="${xml(`suppressed: ${f.suppression?.reason ?? ''}`)}"/>`;
      } else if (f.baseline === 'unchanged') {
        suiteSkipped++;
        body = `<skipped message="accepted in the baseline"/>`;
      } else {
        suiteFailures++;
        const where = f.location ? `${f.location.file}${f.location.line ? `:${f.location.line}:${f.location.column ?? 1}` : ''}` : f.resource.stack;
        const details = [
          `${f.severity} ${f.ruleId} ${rule.title}`,
          `at ${where} (${f.location?.path ?? f.resource.logicalId})`,
          `resource: ${who} (${f.resource.type}) in stack ${f.resource.stack}`,
          f.message,
          `fix: ${f.fix}`,
          `docs: ${ruleDocUrl(rule)}`,
        ].join('\n');
        body = `<failure type="${f.severity}" message="${xml(f.message)}">${xml(details)}</failure>`;
      }
      cases.push(`    <testcase ${attrs.join(' ')}>\n      ${body}\n    </testcase>`);
    }
    if (findings.length === 0) cases.push(`    <testcase classname="${TOOL_NAME}" name="${xml(`${rule.id} ${rule.slug}: no findings`)}"/>`);
    tests += cases.length;
    failures += suiteFailures;
    skipped += suiteSkipped;
    suites.push(
      `  <testsuite name="${xml(`${rule.id} ${rule.title}`)}" tests="${cases.length}" failures="${suiteFailures}" errors="0" skipped="${suiteSkipped}">\n` +
        `${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="${TOOL_NAME}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}">\n` +
    `${suites.join('\n')}${suites.length ? '\n' : ''}</testsuites>\n`
  );
}

/** Escapes text for XML attributes and content, dropping characters XML 1.0 cannot carry. */
export function xml(s: string): string {
  return s
    .replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
