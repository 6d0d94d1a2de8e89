// Every fixture template is valid CloudFormation: cfn-lint (pinned in scripts/peers/requirements.txt, installed into
// .venv-peers/ by `npm test`) runs once over all rule fixtures (rules/**/fixtures/*.{yaml,yml,json}, saved live-scan
// inventories left out) and the templates under test/data and test/fixtures. Any match fails, naming file, line, rule
// and message. A fixture may silence a warning-level check (Metadata: cfn-lint: config: ignore_checks, at the template
// or a resource) only with a comment naming the check and why (in JSON, the `comment` beside `config`); an error-level
// check only when it is listed in ERROR_EXCEPTIONS below.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { readSourceFile } from '../lib/load/template';
import { peerBin, peersInstalled } from './support/peers';

const root = path.join(__dirname, '..');
const rel = (f: string) => path.relative(root, f).split(path.sep).join('/');

/**
 * Error-level checks a fixture ignores on purpose, by file and resource. Each one models a template CloudFormation
 * itself rejects, which a rule must still flag before deployment.
 */
const ERROR_EXCEPTIONS: Record<string, Record<string, string[]>> = {
  // What CDK writes for RemovalPolicy.SNAPSHOT on an EFS file system: a Snapshot policy EFS does not have (E3036).
  'rules/cloudformation/stateful-deletion-policy/fixtures/bad.yaml': { SnapshotOnEfs: ['E3036'] },
};

function walk(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const f = path.join(dir, e.name);
    if (e.isDirectory()) walk(f, out);
    else if (/\.(ya?ml|json)$/.test(e.name)) out.push(f);
  }
  return out;
}

type Doc = { format?: unknown; AWSTemplateFormatVersion?: unknown; Resources?: Record<string, { Metadata?: Record<string, unknown> }>; Metadata?: Record<string, unknown> };
const docOf = (file: string) => readSourceFile(file).data as Doc;
const isInventory = (doc: Doc) => doc?.format === 'zonelint-inventory';
const isTemplate = (doc: Doc) => typeof doc === 'object' && doc !== null && (doc.AWSTemplateFormatVersion !== undefined || typeof doc.Resources === 'object');

// Rule fixtures: every YAML/JSON file but a saved inventory must be a template. test/data and test/fixtures hold other
// data too (a SARIF schema, notes), so only their templates are linted; Rain source templates (test/fixtures/rain)
// are CloudFormation only once `rain pkg` has packaged them, so they are left out too.
const isRainSource = (file: string) => fs.readFileSync(file, 'utf8').includes('Rain::');
const ruleFixtures = walk(path.join(root, 'rules')).filter((f) => f.split(path.sep).includes('fixtures') && !isInventory(docOf(f)));
const testTemplates = [...walk(path.join(root, 'test', 'data')), ...walk(path.join(root, 'test', 'fixtures'))].filter((f) => isTemplate(docOf(f)) && !isRainSource(f));
const files = [...ruleFixtures, ...testTemplates];

interface Match {
  Filename: string;
  Level: string;
  Message: string;
  Location: { Start: { LineNumber: number; ColumnNumber: number }; Path?: Array<string | number> };
  Rule: { Id: string };
}

interface Ignore {
  where: string; // 'template' or a resource's logical id
  checks: string[];
  comment?: unknown; // the JSON form's reason
}

/** The cfn-lint ignore_checks a template declares, at the template and at each resource. */
function ignoresOf(doc: Doc): Ignore[] {
  const read = (where: string, metadata: Record<string, unknown> | undefined): Ignore[] => {
    const cfnLint = metadata?.['cfn-lint'] as { config?: { ignore_checks?: unknown }; comment?: unknown } | undefined;
    const checks = cfnLint?.config?.ignore_checks;
    return checks === undefined ? [] : [{ where, checks: Array.isArray(checks) ? checks.map(String) : [String(checks)], comment: cfnLint?.comment }];
  };
  return [...read('template', doc.Metadata), ...Object.entries(doc.Resources ?? {}).flatMap(([id, r]) => read(id, r?.Metadata))];
}

const describeIf = peersInstalled('cfn-lint test') ? describe : describe.skip;

describeIf('cfn-lint accepts every fixture template', () => {
  let byFile: Map<string, Match[]>;

  beforeAll(() => {
    // One process for all files: cfn-lint's start-up (loading its schemas) is most of its time.
    const run = spawnSync(peerBin('cfn-lint'), ['--format', 'json', '--', ...files.map(rel)], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.error) throw run.error;
    let matches: Match[];
    try {
      matches = JSON.parse(run.stdout) as Match[];
    } catch {
      throw new Error(`cfn-lint exited ${run.status} without a JSON report: ${run.stderr.trim() || run.stdout.trim()}`);
    }
    byFile = new Map(files.map((f) => [rel(f), []]));
    for (const m of matches) {
      const list = byFile.get(m.Filename.split(path.sep).join('/'));
      if (!list) throw new Error(`cfn-lint reported a file it was not given: ${m.Filename}`);
      list.push(m);
    }
  }, 120_000);

  test('finds the fixtures and leaves out the saved inventories', () => {
    expect(ruleFixtures.length).toBeGreaterThan(40);
    expect(ruleFixtures.map(rel)).toContain('rules/rds/rds-instance-multi-az/fixtures/bad.yaml');
    expect(ruleFixtures.map(rel)).not.toContain('rules/ebs/ebs-volume-recent-snapshot/fixtures/bad.json'); // an inventory
    expect(testTemplates.map(rel)).toContain('test/fixtures/blast/one-nat.yaml');
    expect(testTemplates.map(rel)).not.toContain('test/data/sarif/sarif-2.1.0-rtm.5.json'); // a schema, not a template
  });

  test.each(files.map((f) => [rel(f)]))('%s', (file) => {
    const problems = byFile.get(file)!.map((m) => `${file}:${m.Location.Start.LineNumber}:${m.Location.Start.ColumnNumber} ${m.Rule.Id} (${m.Level}) ${m.Message}`);
    expect(problems).toEqual([]);

    // Each ignored check is justified where it is ignored, and error-level ones only as listed above.
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    const doc = docOf(path.join(root, file));
    const errors: Record<string, string[]> = {};
    const unexplained: string[] = [];
    for (const ignore of ignoresOf(doc)) {
      for (const check of ignore.checks) {
        const explained = file.endsWith('.json') ? typeof ignore.comment === 'string' && ignore.comment.includes(check) : new RegExp(`#[^\\n]*\\b${check}\\b`).test(text);
        if (!explained) unexplained.push(`${ignore.where}: ${check}`);
        if (!/^W/.test(check)) (errors[ignore.where] ??= []).push(check);
      }
    }
    expect({ file, unexplained }).toEqual({ file, unexplained: [] });
    expect({ file, errorLevelIgnores: errors }).toEqual({ file, errorLevelIgnores: ERROR_EXCEPTIONS[file] ?? {} });
  });
});
