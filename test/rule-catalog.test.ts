// Parity checks a newcomer relies on: the rule folders and ALL_RULES name the same rules (slug = folder name, service
// = parent folder), rules/index.ts is what scripts/gen-rules-index.mjs writes, and each rule README's header table is
// the one scripts/gen-docs.mjs generates from the rule's metadata (`npm run build` rewrites all three).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ALL_RULES } from '../rules';
import { RULE_HEADER_END, RULE_HEADER_START, withRuleHeader } from '../lib/report/rule-header';

const root = path.join(__dirname, '..');
const rulesDir = path.join(root, 'rules');

/** `service/slug` of every folder holding a rule.ts. */
function ruleFolders(): string[] {
  const out: string[] = [];
  for (const service of fs.readdirSync(rulesDir)) {
    const sdir = path.join(rulesDir, service);
    if (!fs.statSync(sdir).isDirectory()) continue;
    for (const slug of fs.readdirSync(sdir)) if (fs.existsSync(path.join(sdir, slug, 'rule.ts'))) out.push(`${service}/${slug}`);
  }
  return out.sort();
}

test('every rule folder is in ALL_RULES and every rule of ALL_RULES has its folder, named by its service and slug', () => {
  expect(ALL_RULES.map((r) => `${r.service}/${r.slug}`).sort()).toEqual(ruleFolders());
  for (const folder of ruleFolders()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const rule = (require(path.join(rulesDir, folder, 'rule.ts')) as { default: (typeof ALL_RULES)[number] }).default;
    expect(`${rule.service}/${rule.slug}`).toBe(folder);
    expect(ALL_RULES).toContain(rule);
  }
  expect(new Set(ALL_RULES.map((r) => r.id)).size).toBe(ALL_RULES.length);
  expect(ALL_RULES.map((r) => r.id)).toEqual([...ALL_RULES.map((r) => r.id)].sort());
});

test('rules/index.ts is what scripts/gen-rules-index.mjs generates', () => {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'gen-rules-index.mjs'), '--check'], { encoding: 'utf8' });
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
});

describe.each(ALL_RULES.map((r) => [r.id, r] as const))('%s README header', (_id, rule) => {
  test('is generated from the rule metadata (run `npm run build` when this fails)', () => {
    const readme = fs.readFileSync(path.join(rulesDir, rule.service, rule.slug, 'README.md'), 'utf8');
    expect(readme).toContain(RULE_HEADER_START);
    expect(readme).toContain(RULE_HEADER_END);
    expect(readme).toBe(withRuleHeader(readme, rule));
    expect(readme.startsWith(`# ${rule.id} — `)).toBe(true);
  });
});
