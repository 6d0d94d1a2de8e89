// Writes the rule catalog from rule metadata (never by hand): docs/rules.md, each rule README's header table and the table between the
// `rules-table` markers in README.md. Run by scripts/build.mjs after bundling.
import * as fs from 'fs';
import * as path from 'path';
import { createRequire } from 'module';
import { fileURLToPath } from 'url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { ALL_RULES, withRuleHeader } = require(path.join(root, 'dist', 'lib', 'index.js'));

const esc = (s) => String(s).replace(/\|/g, '\\|');
const link = (r) => `[${r.id}](rules/${r.service}/${r.slug}/README.md)`;
const options = (r) => Object.entries(r.options ?? {}).map(([k, o]) => `\`${k}\`=${JSON.stringify(o.default)}`).join(', ');

export function rulesTable(prefix = '') {
  const rows = ALL_RULES.map((r) => `| ${link(r).replace('(rules/', `(${prefix}rules/`)} | ${r.severity} | ${esc(r.title)} | ${r.resourceTypes.map((t) => `\`${t}\``).join(' ')} | ${options(r)} |`);
  return ['| id | severity | title | resource types | options |', '|---|---|---|---|---|', ...rows].join('\n');
}

const rulesMd = [
  '# Rules',
  '',
  'Generated from rule metadata by `scripts/gen-docs.mjs` (`npm run build`). Ids: `ZL` + three digits, the hundreds',
  'naming the area: 1xx network placement, 2xx compute, 3xx databases, 4xx storage, 5xx caches/queues/search,',
  '6xx load balancing and DNS, 9xx cross-resource and blast radius. Severity: **error** — losing one zone takes a',
  'service down with no automatic recovery, or loses data that has no copy elsewhere; **warning** — recovery is slow,',
  'manual or capacity falls short; **info** — worth knowing.',
  '',
  rulesTable('../'),
  '',
].join('\n');
fs.writeFileSync(path.join(root, 'docs', 'rules.md'), rulesMd);

const readmePath = path.join(root, 'README.md');
const readme = fs.readFileSync(readmePath, 'utf8');
const start = '<!-- rules-table:start -->';
const end = '<!-- rules-table:end -->';
const i = readme.indexOf(start);
const j = readme.indexOf(end);
if (i !== -1 && j > i) {
  const next = `${readme.slice(0, i + start.length)}\n${rulesTable()}\n${readme.slice(j)}`;
  if (next !== readme) fs.writeFileSync(readmePath, next);
}

// Each rule README's header table (severity, resource types, options with defaults, live only), between the
// `rule-header` markers: test/rule-docs.test.ts fails when one is out of date.
for (const r of ALL_RULES) {
  const file = path.join(root, 'rules', r.service, r.slug, 'README.md');
  if (!fs.existsSync(file)) continue;
  const text = fs.readFileSync(file, 'utf8');
  const next = withRuleHeader(text, r);
  if (next !== text) fs.writeFileSync(file, next);
}
