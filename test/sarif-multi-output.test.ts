// Several outputs in one run: `--format text --format sarif=FILE --format junit=FILE`, `-o` for the one format without
// a file, at most one output on stdout, logs on stderr only, exit codes unchanged.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { planOutputs } from '../lib/report/render';
import { runCli } from './support/gate-cli';

const known = ['text', 'json', 'sarif', 'junit', 'markdown'];
let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'zonelint-outputs-'));
  fs.copyFileSync(path.join(__dirname, 'data', 'gate', 'app.yaml'), path.join(work, 'app.yaml'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('planOutputs', () => {
  test('defaults to text on stdout', () => {
    expect(planOutputs(undefined, undefined, known)).toEqual([{ format: 'text' }]);
    expect(planOutputs([], 'r.txt', known)).toEqual([{ format: 'text', file: 'r.txt' }]);
  });
  test('NAME=FILE pairs, -o for the one format without a file, - for stdout', () => {
    expect(planOutputs(['text', 'sarif=z.sarif', 'JUnit=out/z.xml'], undefined, known)).toEqual([{ format: 'text' }, { format: 'sarif', file: 'z.sarif' }, { format: 'junit', file: 'out/z.xml' }]);
    expect(planOutputs(['sarif', 'text=-'], 'z.sarif', known)).toEqual([{ format: 'sarif', file: 'z.sarif' }, { format: 'text' }]);
  });
  test.each([
    [['xml'], undefined, /unknown format "xml" \(formats: text, json, sarif, junit, markdown\)/],
    [['text', 'json'], undefined, /only one output can go to stdout, got text, json; give the others a file: --format json=FILE/],
    [['text', 'json'], 'r', /-o r is ambiguous with 2 formats/],
    [['sarif=a'], 'b', /-o b has no format to take/],
    [['sarif=z', 'json=z'], undefined, /z is the output of both sarif and json/],
    [['sarif='], undefined, /needs a file name/],
  ])('%j with -o %s is a usage error', (formats, output, message) => {
    expect(() => planOutputs(formats as string[], output as string | undefined, known)).toThrow(message);
  });
});

describe('check with several outputs', () => {
  test('text on stdout, SARIF, JUnit, JSON and Markdown in files, nothing else on stdout or stderr', () => {
    const run = runCli(['check', 'app.yaml', '--format', 'text', '--format', 'sarif=reports/z.sarif', '-f', 'junit=reports/z.xml', '-f', 'json=reports/z.json', '-f', 'markdown=reports/z.md'], work);
    expect(run.code).toBe(1); // OrdersDb is single-AZ: the gate is the same whatever the formats
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/ZL301 {2}OrdersDb/);
    expect(run.stdout).not.toContain('"version": "2.1.0"');
    const sarif = JSON.parse(fs.readFileSync(path.join(work, 'reports', 'z.sarif'), 'utf8'));
    const json = JSON.parse(fs.readFileSync(path.join(work, 'reports', 'z.json'), 'utf8'));
    expect(sarif.runs[0].results).toHaveLength(json.findings.length);
    expect(fs.readFileSync(path.join(work, 'reports', 'z.xml'), 'utf8')).toMatch(/^<\?xml/);
    expect(fs.readFileSync(path.join(work, 'reports', 'z.md'), 'utf8')).toMatch(/^### ❌ zonelint/);
    expect(fs.readdirSync(path.join(work, 'reports')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('-o with one format keeps working; files never get colors', () => {
    const prev = process.env.FORCE_COLOR;
    process.env.FORCE_COLOR = '1';
    try {
      const run = runCli(['check', 'app.yaml', '--format', 'text', '-o', 'out.txt'], work);
      expect(run.stdout).toBe('');
      expect(fs.readFileSync(path.join(work, 'out.txt'), 'utf8')).not.toMatch(/\u001b\[/);
    } finally {
      if (prev === undefined) delete process.env.FORCE_COLOR;
      else process.env.FORCE_COLOR = prev;
    }
  });

  test('bad format flags are exit 2 with one line, before any linting', () => {
    const run = runCli(['check', 'does-not-exist.yaml', '--format', 'text', '--format', 'json'], work);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^zonelint: only one output can go to stdout[^\n]*\n$/);
  });

  test('an unwritable output is exit 2 naming the file', () => {
    fs.writeFileSync(path.join(work, 'blocker'), '');
    const run = runCli(['check', 'app.yaml', '--format', 'sarif=blocker/z.sarif'], work);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^zonelint: blocker\/z\.sarif: cannot write output: [^\n]+\n$/);
  });
});
