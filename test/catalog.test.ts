// The resource-type catalog (lib/catalog): one record per type, the one place that knows a type. Every type used
// anywhere (a rule's resourceTypes, the code of placement, the graph, the blast radius and the live inventory) has a
// record, and the invariant holds over the public corpus, every rule fixture and the demo app: when the blast radius
// shows a resource down through its own placement, some rule reports it (its dedicated rule, else ZL903), unless its
// record says it is zonal by design.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { App } from 'aws-cdk-lib';
import { computeBlastRadius } from '../lib/analysis/blast-radius';
import { CATALOG, MODULES, outageCoverage, recordOf } from '../lib/catalog';
import { lintPaths, LintResult } from '../lib/lint';
import type { Resource } from '../lib/model/resource';
import { ALL_RULES } from '../rules';
import { CORPUS } from './support/cli';
import { testApp } from './support/test-app';

const root = path.join(__dirname, '..');

function filesUnder(dir: string, test: (f: string) => boolean): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(full, test));
    else if (test(full)) out.push(full);
  }
  return out.sort();
}

describe('catalog records', () => {
  test('one module per service, each record in the module of its file, no type twice', () => {
    const files = fs.readdirSync(path.join(root, 'lib', 'catalog')).filter((f) => f.endsWith('.ts') && !['index.ts', 'types.ts', 'common.ts', 'recovery.ts'].includes(f));
    expect(MODULES.map((m) => `${m.service}.ts`).sort()).toEqual(files.sort());
    const types = CATALOG.map((r) => r.type);
    expect(new Set(types).size).toBe(types.length);
    for (const r of CATALOG) expect(r.type).toMatch(/^(AWS|Alexa)::\w+::\w+$/);
  });

  test("every type a rule names has a record", () => {
    const missing = ALL_RULES.flatMap((r) => r.resourceTypes.filter((t) => !recordOf(t)).map((t) => `${r.id}: ${t}`));
    expect(missing).toEqual([]);
  });

  test('every type the code of placement, graph, blast radius, rules and live inventory names has a record', () => {
    const dirs = ['lib/model', 'lib/analysis', 'lib/live', 'lib/load', 'rules'].map((d) => path.join(root, d));
    const missing = new Set<string>();
    for (const dir of dirs) {
      for (const file of filesUnder(dir, (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
        for (const m of fs.readFileSync(file, 'utf8').matchAll(/'(AWS::[A-Za-z0-9]+::[A-Za-z0-9]+)'/g)) {
          if (!recordOf(m[1]) && !['AWS::CloudFormation::Stack', 'AWS::CloudFormation::CustomResource', 'AWS::Serverless::Application', 'AWS::CDK::Metadata'].includes(m[1])) missing.add(`${path.relative(root, file)}: ${m[1]}`);
        }
      }
    }
    expect([...missing]).toEqual([]);
  });

  test('every outage coverage names rules that exist; zonal-by-design types say why', () => {
    const ids = new Set(ALL_RULES.map((r) => r.id));
    for (const r of CATALOG) {
      if (!r.outage || typeof r.outage === 'function') continue;
      if ('rules' in r.outage) for (const id of r.outage.rules) expect(ids).toContain(id);
      else expect(r.outage.byDesign.length).toBeGreaterThan(20);
    }
  });
});

/** Resources the blast radius shows down through their own placement, in any zone or wherever they land. */
function ownOutages(result: LintResult): Resource[] {
  const br = computeBlastRadius(result.model);
  const byKey = new Map(result.model.resources.map((r) => [`${r.stack.name}\u0000${r.logicalId}`, r]));
  const out = new Set<Resource>();
  const add = (stack: string, logicalId: string) => {
    const r = byKey.get(`${stack}\u0000${logicalId}`);
    if (r) out.add(r);
  };
  for (const z of br.zones) for (const i of z.down) if (i.ownPlacement && i.aspect === 'service') add(i.resource.stack, i.resource.logicalId);
  for (const w of br.wherever) add(w.cause.stack, w.cause.logicalId);
  return [...out];
}

/** Own outages that no rule reports and that the catalog does not call zonal by design. */
function unreported(result: LintResult): string[] {
  const flagged = new Map<string, Set<string>>();
  for (const f of result.findings) {
    const key = `${f.resource.stack}\u0000${f.resource.logicalId}`;
    const set = flagged.get(key) ?? new Set<string>();
    set.add(f.ruleId);
    flagged.set(key, set);
  }
  const out: string[] = [];
  for (const r of ownOutages(result)) {
    const coverage = outageCoverage(r);
    if (coverage && 'byDesign' in coverage) continue;
    const rules = flagged.get(`${r.stack.name}\u0000${r.logicalId}`) ?? new Set();
    const expected = coverage ? coverage.rules : ['ZL903'];
    if (!expected.some((id) => rules.has(id))) out.push(`${r.stack.name} ${r.logicalId} (${r.type}): down through its own placement, expected a finding of ${expected.join(' or ')}, got ${[...rules].join(', ') || 'none'}`);
  }
  return out;
}

describe('invariant: nothing the blast radius shows down through its own placement goes unreported', () => {
  test('the public template corpus', () => {
    const templates = filesUnder(CORPUS, (f) => /\.(json|ya?ml)$/.test(f));
    expect(templates.length).toBeGreaterThan(250);
    const problems: string[] = [];
    let linted = 0;
    for (const file of templates) {
      let result: LintResult;
      try {
        result = lintPaths([file]);
      } catch (e) {
        if ((e as Error).name === 'InputError') continue; // not a deployable template (see corpus.test.ts)
        throw e;
      }
      linted++;
      for (const p of unreported(result)) problems.push(`${path.relative(CORPUS, file)}: ${p}`);
    }
    expect(linted).toBeGreaterThan(250);
    expect(problems).toEqual([]);
  });

  test('every rule fixture', () => {
    const fixtures = filesUnder(path.join(root, 'rules'), (f) => /fixtures\/[^/]+\.(json|ya?ml)$/.test(f));
    expect(fixtures.length).toBeGreaterThan(40);
    const problems = fixtures.flatMap((f) => unreported(lintPaths([f])).map((p) => `${path.relative(root, f)}: ${p}`));
    expect(problems).toEqual([]);
  });

  test('the demo app', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'zonelint-catalog-demo-'));
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { buildDemo } = require(path.join(root, 'bin', 'demo', 'app.ts')) as { buildDemo: (app: App) => unknown };
      const context = JSON.parse(fs.readFileSync(path.join(root, 'cdk.json'), 'utf8')).context;
      const app = testApp({ outdir, context });
      buildDemo(app);
      app.synth();
      const result = lintPaths([outdir]);
      expect(ownOutages(result).length).toBeGreaterThan(5);
      expect(unreported(result)).toEqual([]);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
