// Data-driven: every rule folder's fixtures (rules/<service>/<slug>/fixtures/*.{yaml,yml,json}) are linted with all
// rules, and the exact set of resources each rule flags must equal the fixture's `Metadata.ZonelintTest.expect`.
// A fixture that expects nothing for a rule asserts that the rule stays silent on it.
import * as fs from 'fs';
import * as path from 'path';
import { ALL_RULES } from '../rules';
import { lintPaths } from '../lib/lint';

const root = path.join(__dirname, '..');

interface FixtureCase {
  ruleId: string;
  file: string;
}

function fixtureFiles(): FixtureCase[] {
  const out: FixtureCase[] = [];
  for (const rule of ALL_RULES) {
    const dir = path.join(root, 'rules', rule.service, rule.slug, 'fixtures');
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).sort()) {
      if (/\.(ya?ml|json)$/.test(f)) out.push({ ruleId: rule.id, file: path.join(dir, f) });
    }
  }
  return out;
}

describe('rule folders', () => {
  test.each(ALL_RULES.map((r) => [r.id, r] as const))('%s has a README, a bad and a good fixture', (_id, rule) => {
    const dir = path.join(root, 'rules', rule.service, rule.slug);
    expect(fs.existsSync(path.join(dir, 'rule.ts'))).toBe(true);
    const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
    expect(readme).toContain(`# ${rule.id}`);
    for (const section of ['## Why', '## Bad', '## Good', '## Fix']) expect(readme).toContain(section);
    expect(readme).toMatch(/CloudFormation/);
    expect(readme).toMatch(/CDK/);
    const fixtures = fs.readdirSync(path.join(dir, 'fixtures'));
    expect(fixtures.some((f) => f.startsWith('bad'))).toBe(true);
    expect(fixtures.some((f) => f.startsWith('good'))).toBe(true);
    expect(rule.id).toMatch(/^ZL\d{3}$/);
  });
});

describe('rule fixtures', () => {
  test.each(fixtureFiles().map((c) => [path.relative(root, c.file), c] as const))('%s', (_name, { ruleId, file }) => {
    const result = lintPaths([file]);
    const template = result.load.stacks[0].template as { Metadata?: { ZonelintTest?: { expect?: Record<string, string[]> } } };
    // A live-scan inventory fixture (liveOnly rules) carries its expectations at the top level of the file.
    const live = result.load.stacks[0].origin === 'live';
    const inventory = live ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { ZonelintTest?: { expect?: Record<string, string[]> } }) : undefined;
    const expected = (live ? inventory?.ZonelintTest?.expect : template.Metadata?.ZonelintTest?.expect) ?? {};
    if (path.basename(file).startsWith('bad')) expect((expected[ruleId] ?? []).length).toBeGreaterThan(0);
    // Every rule named in the fixture, plus the fixture's own rule, is checked for the exact set it flags.
    for (const id of new Set([ruleId, ...Object.keys(expected)])) {
      const flagged = result.findings.filter((f) => f.ruleId === id && !f.suppressed).map((f) => f.resource.logicalId);
      expect({ rule: id, flagged: [...new Set(flagged)].sort() }).toEqual({ rule: id, flagged: [...(expected[id] ?? [])].sort() });
    }
    for (const f of result.findings) {
      if (!live) expect(f.location?.line).toBeGreaterThan(0); // live resources have no line, only a path
      expect(f.message.length).toBeGreaterThan(20);
      expect(f.fix.length).toBeGreaterThan(5);
    }
  });
});
