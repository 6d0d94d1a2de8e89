// Markdown for pull-request comments: a verdict line with counts, the table worst first, cells that cannot break the
// table, the baseline/unused sections, and the blast-radius summary when the report has one.
import * as path from 'path';
import { lintPaths } from '../lib/lint';
import { renderMarkdown } from '../lib/report/markdown';
import { toReport } from '../lib/report';
import type { Report } from '../lib/report';
import type { Finding } from '../lib/engine/finding';
import type { ImpactItem } from '../lib/analysis/blast-radius';

const report = (): Report => toReport(lintPaths([path.join(__dirname, '..', 'rules', 'rds', 'rds-instance-multi-az', 'fixtures', 'bad.yaml')]));
const rows = (md: string) => md.split('\n').filter((l) => /^\| (🔴|🟠|🔵) /.test(l));

test('verdict with counts, then one row per active finding, worst first', () => {
  const r = report();
  const md = renderMarkdown(r);
  const active = r.findings.filter((f) => !f.suppressed);
  expect(md).toMatch(new RegExp(`^### ❌ zonelint: ${active.length} findings\\n`));
  expect(md).toContain(`${active.filter((f) => f.severity === 'error').length} errors`);
  const table = rows(md);
  expect(table).toHaveLength(active.length);
  const ranks = table.map((l) => (l.startsWith('| 🔴') ? 3 : l.startsWith('| 🟠') ? 2 : 1));
  expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
  expect(md).toMatch(/\[ZL301\]\(https:\/\/github\.com\/.+\/rules\/rds\/rds-instance-multi-az\/README\.md\)/);
  expect(md).toContain('1 suppressed');
});

test('cells cannot break the table: pipes, newlines and HTML are escaped', () => {
  const r = report();
  const f = r.findings.find((x) => !x.suppressed)!;
  const evil: Finding = { ...f, severity: 'error', message: 'a | b\nc <script>x</script>', fix: 'use `|` wisely' };
  const md = renderMarkdown({ ...r, findings: [evil] });
  const [row] = rows(md);
  expect(row.split(/(?<!\\)\|/).length - 2).toBe(5); // five cells
  expect(row).toContain('a \\| b c &lt;script&gt;');
  expect(md).not.toContain('<script>');
});

test('long reports are cut at maxRows with a count of the rest', () => {
  const r = report();
  const active = r.findings.filter((f) => !f.suppressed).length;
  const md = renderMarkdown(r, { maxRows: 2 });
  expect(rows(md)).toHaveLength(2);
  expect(md).toContain(`…and ${active - 2} more`);
});

test('no findings: a green verdict', () => {
  const md = renderMarkdown({ ...report(), findings: [] });
  expect(md).toMatch(/^### ✅ zonelint: no findings\n\nChecked 1 stack, \d+ resources\./);
});

test('baseline, fixed and unused suppressions sections', () => {
  const r = report();
  const md = renderMarkdown({
    ...r,
    findings: r.findings.map((f, i) => (f.suppressed ? f : { ...f, baseline: i === 0 ? 'new' : 'unchanged' })),
    baseline: { file: 'b.json', new: 1, unchanged: 3, fixed: [{ fingerprint: 'ab'.repeat(12), ruleId: 'ZL301', severity: 'error', stack: 'Shop', resource: 'Shop/Old/Resource', message: 'gone' }] },
    unusedSuppressions: [{ kind: 'metadata', problem: 'unused', id: 'ZL302', reason: 'r', stack: 's', at: 'Db', file: 't.yaml', line: 9, message: 'unused suppression of ZL302 on Db' }],
  });
  expect(md).toMatch(/zonelint: 1 new finding\n/);
  expect(rows(md)).toHaveLength(1);
  expect(md).toContain('accepted in the baseline, 1 fixed since');
  expect(md).toContain('<summary>✔ 1 fixed since the baseline</summary>');
  expect(md).toContain('`Shop/Old/Resource`');
  expect(md).toContain('`t.yaml:9` unused suppression of ZL302 on Db');
});

test('blast radius summary from the analysis, and nothing when it is absent or empty', () => {
  const r = report();
  const res = (constructPath: string): ImpactItem => ({ resource: { stack: 'Shop', logicalId: 'X', type: 'AWS::RDS::DBInstance', constructPath }, label: constructPath, status: 'down', aspect: 'service', dataOnlyInZone: false, ownPlacement: true, chain: [], zones: [], recovery: { rtoSeconds: { min: 60, max: 120 }, rpoSeconds: 0, basis: 'Multi-AZ failover', mode: 'rds-multi-az-instance' } });
  const counts = (down: number, degraded: number) => ({ down, degraded, egressLost: 0, dataOnlyInZone: 0 });
  const summary = { zones: 2, worstZone: 'us-east-1a', resourcesAnalysed: 5, edges: 0, unknown: 0 };
  const md = renderMarkdown({
    ...r,
    blastRadius: {
      zones: [
        { zone: 'us-east-1a', zoneId: 'use1-az1', key: 'a', down: [res('Shop/Db/Resource'), res('Shop/Api/Resource'), res('Shop/Q/Resource'), res('Shop/W/Resource')], degraded: [], egressLost: [], counts: counts(4, 0) },
        { zone: 'us-east-1b', key: 'b', down: [], degraded: [res('Shop/Api/Resource')], egressLost: [], counts: counts(0, 1) },
      ],
      wherever: [{ cause: { stack: 'Shop', logicalId: 'Cache', type: 'AWS::ElastiCache::CacheCluster', constructPath: 'Shop/Cache' }, label: 'Cache', among: [], down: [], degraded: [], counts: counts(0, 0) }],
      unknown: [],
      recovery: { paths: [], stacks: [] },
      summary,
    },
  });
  expect(md).toContain('#### Blast radius: losing one zone');
  expect(md).toContain('| us-east-1a | **4**: `Shop/Db/Resource`, `Shop/Api/Resource`, `Shop/Q/Resource`, +1 | 0 |');
  expect(md).toContain('| us-east-1b | 0 | **1**: `Shop/Api/Resource` |');
  expect(md).toMatch(/Single-zone resources.*\*\*1\*\* \(`Shop\/Cache`\)/);
  for (const blastRadius of [null, { zones: [], wherever: [], unknown: [], recovery: { paths: [], stacks: [] }, summary: { ...summary, zones: 0, worstZone: null } }]) expect(renderMarkdown({ ...r, blastRadius })).not.toContain('Blast radius');
});
