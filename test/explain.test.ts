// `zonelint explain <rule>`: the rule's README from the package, plain when piped, lightly formatted on a terminal;
// unknown ids are exit 2 with close matches. The bundled CLI (dist/cli.js) must find the docs at run time too.
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ALL_RULES } from '../rules';
import { findRule, findRuleDoc, formatMarkdownForTerminal, metadataDoc } from '../lib/cli/explain';
import { runCli } from './support/gate-cli';

const root = path.join(__dirname, '..');
const readme = fs.readFileSync(path.join(root, 'rules', 'rds', 'rds-instance-multi-az', 'README.md'), 'utf8');

test('prints the README of the rule, unchanged when not on a terminal', () => {
  const run = runCli(['explain', 'ZL301']);
  expect(run).toMatchObject({ code: 0, stderr: '' });
  expect(run.stdout).toBe(readme);
  expect(run.stdout).toMatch(/## Why[\s\S]*## Bad[\s\S]*## Good[\s\S]*## Fix/);
});

test('finds a rule by id in any case, by qualified id or by slug', () => {
  for (const q of ['zl301', 'zonelint::ZL301', 'rds-instance-multi-az', ' ZL301 ']) expect(findRule(q).id).toBe('ZL301');
});

test('unknown ids: exit 2, one line, close matches', () => {
  const run = runCli(['explain', 'ZL31']);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/^zonelint: unknown rule "ZL31" \(did you mean ZL301[^)]*\)[^\n]*\n$/);
  const far = runCli(['explain', 'no-such-thing-at-all']);
  expect(far.code).toBe(2);
  expect(far.stderr).toMatch(/^zonelint: unknown rule "no-such-thing-at-all"; run `zonelint rules` for the list\n$/);
});

test('terminal formatting: headings bold, code fences dropped, code in color; plain text keeps its words', () => {
  const out = formatMarkdownForTerminal(readme);
  expect(out).toContain('\u001b[1m');
  expect(out).not.toContain('```');
  expect(out).toMatch(/\u001b\[36m.*MultiAZ: true/);
  const plain = out.replace(/\u001b\[\d+m/g, '');
  expect(plain).toContain('Why');
  expect(plain).not.toMatch(/^## /m);
});

test('every rule with a README is found from the sources; without one, a doc is built from the metadata', () => {
  for (const rule of ALL_RULES) {
    const doc = findRuleDoc(rule);
    if (doc) expect(fs.readFileSync(doc, 'utf8')).toContain(rule.id);
  }
  const rule = findRule('ZL301');
  const fallback = metadataDoc(rule);
  expect(fallback).toContain(rule.rationale);
  expect(fallback).toContain(rule.fix.cdk);
});

describe('the bundled CLI', () => {
  const bundle = path.join(root, 'dist', 'cli.js');
  beforeAll(() => {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'pipe' });
  });

  test('finds the README relative to the package root, from any working directory', () => {
    const run = spawnSync(process.execPath, [path.join(root, 'bin', 'zonelint.js'), 'explain', 'ZL301'], { cwd: '/', encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(readme);
    expect(fs.existsSync(bundle)).toBe(true);
  });

  test('an unknown id is exit 2 from the bundle too', () => {
    const run = spawnSync(process.execPath, [path.join(root, 'bin', 'zonelint.js'), 'explain', 'ZL999'], { cwd: '/', encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
