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

test('rules import nothing of lib/live but the live facts, which are to move out of it', () => {
  // lib/live/facts.ts and liveZonesByName (lib/live/inventory.ts) are read by the live-only rules; they move to the
  // model with the catalog work. Nothing else of the scanner may be imported by a rule.
  const pending = [path.join('lib', 'live', 'facts'), path.join('lib', 'live', 'inventory')];
  expect(importsUnder('rules').filter((i) => within(i.target, path.join('lib', 'live')) && !pending.includes(i.target))).toEqual([]);
});
