// Every rule README's CloudFormation examples run, as eslint runs its doc examples: the block under `## Bad` makes
// the rule report at least one finding, the block under `## Good` makes it report none. A snippet is a fragment of
// the `Resources` mapping (wrapped into a template here) or a whole template (it starts with
// AWSTemplateFormatVersion or Resources); either way it is self-contained, since zonelint rejects references to
// resources a template does not define.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ALL_RULES } from '../rules';
import { lintPaths } from '../lib/lint';
import type { Rule } from '../lib/engine/types';

/** Live-only rules judge facts only a live scan has (snapshot ages, target health, instance counts): no template fires them. */
const LIVE_ONLY = ['ZL205', 'ZL306', 'ZL405', 'ZL603'];

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'zonelint-doc-examples-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** The first YAML or JSON code block of a README section (`## Bad`, `## Good`), or undefined. */
function cloudFormationExample(readme: string, section: string): string | undefined {
  const body = new RegExp(`^## ${section}\\b[^\\n]*\\n([\\s\\S]*?)(?=^## |(?![\\s\\S]))`, 'm').exec(readme)?.[1];
  return body && /```(?:ya?ml|json)\n([\s\S]*?)```/.exec(body)?.[1];
}

/** The snippet as a template: whole templates as they are, a fragment of `Resources` under `Resources:`. */
function asTemplate(snippet: string): string {
  if (/^\s*\{/.test(snippet) || /^(AWSTemplateFormatVersion|Resources|Parameters|Mappings|Conditions|Description|Transform):/m.test(snippet)) return snippet;
  return `Resources:\n${snippet.split('\n').map((l) => (l.trim() ? `  ${l}` : l)).join('\n')}`;
}

function findingsOf(rule: Rule, kind: string, snippet: string) {
  const file = path.join(work, `${rule.id}-${kind}.yaml`);
  fs.writeFileSync(file, asTemplate(snippet));
  return lintPaths([file], { rules: [rule] }).findings.filter((f) => f.ruleId === rule.id && !f.suppressed);
}

test('the live-only rules skipped below are exactly the rules marked liveOnly', () => {
  expect(ALL_RULES.filter((r) => r.liveOnly).map((r) => r.id)).toEqual(LIVE_ONLY);
});

describe.each(ALL_RULES.filter((r) => !LIVE_ONLY.includes(r.id)).map((r) => [r.id, r] as const))('%s README examples', (_id, rule) => {
  const readme = fs.readFileSync(path.join(__dirname, '..', 'rules', rule.service, rule.slug, 'README.md'), 'utf8');

  test('the CloudFormation example under ## Bad is reported', () => {
    const snippet = cloudFormationExample(readme, 'Bad');
    expect(snippet).toBeDefined();
    expect(findingsOf(rule, 'bad', snippet!).length).toBeGreaterThan(0);
  });

  test('the CloudFormation example under ## Good is not', () => {
    const snippet = cloudFormationExample(readme, 'Good');
    expect(snippet).toBeDefined();
    expect(findingsOf(rule, 'good', snippet!).map((f) => f.message)).toEqual([]);
  });
});
