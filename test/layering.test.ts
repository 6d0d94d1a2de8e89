// Imports point down the data flow (DESIGN.md, Layout): the reporters render the report model and import neither the
// rules (they get rule metadata in `Report.rulesMeta`) nor the live scanner; rules do not import the scanner either.
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..');

/** Repository-relative targets of every import/export-from/require of the .ts files under `dir`. */
function importsUnder(dir: string): Array<{ file: string; target: string }> {
  const out: Array<{ file: string; target: string }> = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'fixtures') walk(p);
      } else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) {
        const text = fs.readFileSync(p, 'utf8');
        for (const m of text.matchAll(/(?:from\s+|require\(\s*|import\(\s*)'(\.[^']+)'/g)) {
          out.push({ file: path.relative(root, p), target: path.relative(root, path.resolve(path.dirname(p), m[1])) });
        }
      }
    }
  };
  walk(path.join(root, dir));
  return out;
}

const within = (target: string, dir: string) => target === dir || target.startsWith(`${dir}${path.sep}`);

test('lib/report imports neither rules/ nor lib/live', () => {
  expect(importsUnder('lib/report').filter((i) => within(i.target, 'rules') || within(i.target, path.join('lib', 'live')))).toEqual([]);
});

test('nothing outside lib/live and the scan command imports lib/live', () => {
  // lib/live holds the SDK collectors and scan(); inventory loading is lib/load's, live facts and live placement are
  // the model's, so that rules, the analysis, the reporters, lint and `check` never reach the scanner.
  const live = path.join('lib', 'live');
  const offenders = ['lib', 'rules', 'bin']
    .flatMap((d) => importsUnder(d))
    .filter((i) => within(i.target, live) && !within(i.file, live) && i.file !== path.join('lib', 'cli', 'scan.ts'));
  expect(offenders).toEqual([]);
});

test('lib/load and lib/model import no layer above them', () => {
  const above = ['rules', 'lib/live', 'lib/analysis', 'lib/report', 'lib/engine', 'lib/cli'].map((d) => d.split('/').join(path.sep));
  const offenders = [...importsUnder('lib/load'), ...importsUnder('lib/model')].filter((i) => above.some((d) => within(i.target, d)));
  expect(offenders).toEqual([]);
});
