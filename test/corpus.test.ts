// Every file of the shared corpus (313 public AWS sample templates plus a few files that are not templates) is either
// linted or rejected with one clear line naming the file and the cause, exit code 2 — never a crash, a stack trace or
// an internal error (RuleCrash). Rejections are only for files that are not deployable CloudFormation: test events,
// lint and build configs, a Kubernetes manifest, and the md/txt files. Rain source templates (`rain pkg`) are linted
// as Rain would package them (lib/load/rain.ts), beside their packaged `-pkg` versions.
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { JsonPositions, indexJsonPositions } from '../lib/load/json';
import { CORPUS, expectOneLineError, runCli, runInProcess } from './support/cli';

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(full));
    else if (e.isFile()) out.push(full);
  }
  return out.sort();
}

const files = filesUnder(CORPUS);
const rel = (f: string) => path.relative(CORPUS, f);

/** Why each rejected file is not a deployable template (the message must say so). */
function expectedRejection(file: string): RegExp | undefined {
  const text = fs.readFileSync(file, 'utf8');
  if (/\.(md|txt)$/.test(file)) return /^not a CloudFormation template/;
  if (/^apiVersion:/m.test(text) && /^kind:/m.test(text)) return /^not a CloudFormation template: .*Kubernetes manifest/;
  const topLevelResources = file.endsWith('.json') ? 'Resources' in (JSON.parse(text) as object) : /^"?Resources"?\s*:/m.test(text);
  if (!topLevelResources) return /^not a CloudFormation template: no Resources section/;
  return undefined;
}

interface Outcome {
  readonly file: string;
  readonly code: number;
  readonly message?: string;
}
const outcomes: Outcome[] = [];

describe(`corpus: ${files.length} files in ${path.relative(process.cwd(), CORPUS)}`, () => {
  test('the corpus is there', () => {
    expect(files.length).toBeGreaterThanOrEqual(313);
  });

  test.each(files.map((f) => [rel(f), f] as const))('%s', (_name, file) => {
    const display = path.relative(CORPUS, file);
    const run = runInProcess(['check', '--format', 'json', '--no-color', display], { cwd: CORPUS });
    expect(run.stderr).not.toMatch(/internal error|bug in zonelint|\n\s+at /);
    const reason = expectedRejection(file);
    if (run.code === 2) {
      const message = expectOneLineError(run, display, /\S/);
      const cause = message.replace(/^[^:]+(:\d+(:\d+)?)?: /, '');
      if (!reason) throw new Error(`a deployable template was rejected: ${message}`);
      expect(cause).toMatch(reason);
      outcomes.push({ file: display, code: 2, message });
      return;
    }
    if (reason) throw new Error(`${display} is not a deployable template but was linted (expected: ${reason})`);
    expect([0, 1]).toContain(run.code);
    // linted: one JSON report; stderr carries only notes (nested stacks whose template is elsewhere)
    const report = JSON.parse(run.stdout);
    expect(report.summary.stacks).toBeGreaterThanOrEqual(1);
    for (const line of run.stderr.split('\n').filter(Boolean)) expect(line).toMatch(/^zonelint: note: /);
    for (const f of report.findings) {
      expect(f.location.file).toBe(display);
      expect(f.location.line).toBeGreaterThan(0);
    }
    outcomes.push({ file: display, code: run.code });
  });

  test('summary: every deployable template linted, every other file rejected', () => {
    const linted = outcomes.filter((o) => o.code !== 2);
    const rejected = outcomes.filter((o) => o.code === 2);
    const withFindings = outcomes.filter((o) => o.code === 1);
    // eslint-disable-next-line no-console
    console.log(`corpus: ${linted.length} linted (${withFindings.length} with error findings), ${rejected.length} rejected, of ${files.length} files`);
    expect(linted.length + rejected.length).toBe(files.length);
    // the counts of the corpus as it is (commit 142ce6f283d2): 296 templates (30 of them Rain source templates), 18
    // other files
    expect(linted.length).toBe(296);
    expect(rejected.length).toBe(18);
  });
});

describe('corpus through the real command', () => {
  const sample = (p: string) => path.join('aws-cloudformation-templates', p);

  test('a handful of files: linted (0/1) or rejected (2) with one line', () => {
    const clean = runCli(['check', sample('S3/compliant-bucket.yaml')], { cwd: CORPUS });
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(0);

    const rds = runCli(['check', '--format', 'json', sample('RDS/RDS_MySQL_With_Read_Replica.yaml')], { cwd: CORPUS });
    expect(rds.code).toBe(1);
    expect(JSON.parse(rds.stdout).findings.some((f: { ruleId: string }) => f.ruleId === 'ZL301')).toBe(true);

    expectOneLineError(runCli(['check', sample('EKS/manifest.yml')], { cwd: CORPUS }), sample('EKS/manifest.yml'), /Kubernetes manifest/, 21);
    // a Rain source template: its local modules expanded (the VPC module's resources prefixed by Network), linted
    const gitea = runCli(['check', '--format', 'json', sample('Solutions/Gitea/Gitea.yaml')], { cwd: CORPUS });
    expect(gitea.stderr).toBe('');
    expect(gitea.code).toBe(0);
    const giteaReport = JSON.parse(gitea.stdout);
    const giteaFinding = giteaReport.findings.find((f: { ruleId: string }) => f.ruleId === 'ZL206');
    expect(giteaFinding).toMatchObject({ resource: { logicalId: 'Server' }, location: { file: sample('Solutions/Gitea/Gitea.yaml') } });
    expect(giteaFinding.message).toMatch(/runs in AZ\[0\]/); // its subnet, NetworkPublicSubnet1, comes from the VPC module
    expectOneLineError(runCli(['check', sample('CloudFormation/MacrosExamples/Count/event.json')], { cwd: CORPUS }), sample('CloudFormation/MacrosExamples/Count/event.json'), /no Resources section/);
    expectOneLineError(runCli(['check', 'README.md'], { cwd: CORPUS }), 'README.md', /not a CloudFormation template: a \.md file/, 3);
  });

  test('the whole corpus directory: templates linted, other files skipped with a notice', () => {
    const run = runCli(['check', '--format', 'json', '.'], { cwd: CORPUS });
    expect(run.code).toBe(1);
    const lines = run.stderr.split('\n').filter(Boolean);
    const skipped = lines.filter((l) => l.startsWith('zonelint: skipped '));
    const notes = lines.filter((l) => l.startsWith('zonelint: note: '));
    expect(skipped.length + notes.length).toBe(lines.length);
    for (const l of skipped) expect(l).toMatch(/^zonelint: skipped \S+: not a CloudFormation template/);
    const report = JSON.parse(run.stdout);
    // the md/txt files are not even read in a directory: 15 of the 18 rejected files have template extensions
    expect(report.skipped).toHaveLength(15);
    expect(skipped).toHaveLength(15);
    expect(report.summary.stacks).toBe(296);
    expect(report.summary.errors).toBeGreaterThan(0);
  });
});

describe('JSON position index', () => {
  // The lazy two-level scanner must place every node exactly where the jsonc-parser reference index does.
  const paths = (v: unknown, p: Array<string | number> = [], out: Array<Array<string | number>> = []) => {
    out.push(p);
    if (p.length > 8) return out;
    if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...p, i], out));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...p, k], out);
    return out;
  };
  const same = (text: string) => {
    const data = JSON.parse(text);
    const fast = new JsonPositions(text);
    const reference = indexJsonPositions(text);
    for (const p of paths(data)) {
      const a = fast.lookup(p);
      const b = reference.lookup(p);
      if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`position of ${JSON.stringify(p)}: ${JSON.stringify(a)} vs reference ${JSON.stringify(b)}`);
    }
    // paths that are not in the document resolve to their nearest ancestor in both
    expect(fast.lookup(['Resources', 'Nope', 'Properties', 'X'])).toEqual(reference.lookup(['Resources', 'Nope', 'Properties', 'X']));
  };

  test('same positions as the reference on every JSON file of the corpus', () => {
    let n = 0;
    for (const f of files.filter((x) => x.endsWith('.json'))) {
      const text = fs.readFileSync(f, 'utf8').replace(/^\uFEFF/, '');
      try {
        JSON.parse(text);
      } catch {
        continue;
      }
      same(text);
      n++;
    }
    expect(n).toBeGreaterThan(140);
  });

  test('same positions as the reference on generated documents (escapes, empty keys, nesting, any layout)', () => {
    const key = fc.oneof(fc.constantFrom('Resources', 'Properties', 'Type', '', 'a"b', 'x\\y', 'é\u2028', 'Fn::GetAtt'), fc.string({ maxLength: 6 }));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('arr'), tie('obj')),
      leaf: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.string({ maxLength: 8 })),
      arr: fc.array(tie('tree'), { maxLength: 4 }),
      obj: fc.dictionary(key, tie('tree'), { maxKeys: 4 }),
    }));
    fc.assert(
      fc.property(fc.dictionary(key, tree, { maxKeys: 4 }), fc.constantFrom(undefined, 1, 2, '\t'), fc.boolean(), fc.nat(3), (doc, indent, crlf, leading) => {
        const text = JSON.stringify(doc, undefined, indent);
        same(`${'\n'.repeat(leading)}${crlf ? text.replace(/\n/g, '\r\n') : text}`);
      }),
      { numRuns: 300 },
    );
  });
});
