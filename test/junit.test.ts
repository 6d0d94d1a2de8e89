// JUnit XML: one suite per rule that ran, one test case per rule × flagged resource (classname = stack), failures for
// findings, skipped for suppressed / baselined ones, a passing case for each rule that found nothing; well-formed XML
// whatever the messages contain.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lintPaths } from '../lib/lint';
import { renderJunit, xml } from '../lib/report/junit';
import { toReport } from '../lib/report';
import type { Report } from '../lib/report';
import { runCli } from './support/gate-cli';

interface Element {
  name: string;
  attrs: Record<string, string>;
  children: Element[];
  text: string;
}

/** A strict little XML reader for the subset JUnit uses: fails on anything not well-formed. */
function parseXml(doc: string): Element {
  const body = doc.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n/, '');
  expect(body).not.toMatch(/^<\?xml/);
  const root: Element = { name: '#root', attrs: {}, children: [], text: '' };
  const stack = [root];
  const re = /<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  while ((m = re.exec(body))) {
    pos = re.lastIndex;
    if (m[5] !== undefined) {
      expect(m[5]).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
      stack[stack.length - 1].text += m[5];
      continue;
    }
    if (m[1]) {
      const open = stack.pop()!;
      if (open.name !== m[2]) throw new Error(`</${m[2]}> closes <${open.name}>`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of m[3].matchAll(/([\w.-]+)="([^"]*)"/g)) {
      expect(a[2]).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
      attrs[a[1]] = a[2].replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    }
    const el: Element = { name: m[2], attrs, children: [], text: '' };
    stack[stack.length - 1].children.push(el);
    if (!m[4]) stack.push(el);
  }
  if (pos !== body.length) throw new Error(`not well-formed at ${pos}: ${body.slice(pos, pos + 40)}`);
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  expect(root.children).toHaveLength(1);
  return root.children[0];
}

const all = (el: Element, name: string): Element[] => [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => all(c, name))];

let work: string;
beforeAll(() => (work = fs.mkdtempSync(path.join(os.tmpdir(), 'zonelint-junit-'))));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

test('suites per rule, cases per rule × resource, failures, skipped, passing cases; counts add up', () => {
  const result = lintPaths([path.join(__dirname, 'data', 'gate', 'app.yaml')]);
  const report = toReport(result);
  const doc = parseXml(renderJunit(report));
  expect(doc.name).toBe('testsuites');
  const suites = all(doc, 'testsuite');
  expect(suites.map((s) => s.attrs.name.split(' ')[0])).toEqual(result.rules.map((r) => r.rule.id));
  const cases = all(doc, 'testcase');
  expect(Number(doc.attrs.tests)).toBe(cases.length);
  const failures = all(doc, 'failure');
  expect(Number(doc.attrs.failures)).toBe(failures.length);
  expect(failures.length).toBe(result.findings.filter((f) => !f.suppressed).length);
  expect(Number(doc.attrs.skipped)).toBe(all(doc, 'skipped').length);
  for (const s of suites) {
    expect(Number(s.attrs.tests)).toBe(s.children.length);
    expect(Number(s.attrs.failures)).toBe(all(s, 'failure').length);
  }

  const zl301 = suites.find((s) => s.attrs.name.startsWith('ZL301 '))!;
  const orders = zl301.children.find((c) => c.attrs.name === 'ZL301 OrdersDb')!;
  expect(orders.attrs.classname).toBe(result.findings[0].resource.stack);
  expect(orders.attrs.file).toMatch(/app\.yaml$/);
  expect(Number(orders.attrs.line)).toBeGreaterThan(0);
  const failure = orders.children[0];
  expect(failure).toMatchObject({ name: 'failure', attrs: { type: 'error' } });
  expect(failure.attrs.message).toMatch(/OrdersDb runs in a single zone/);
  expect(failure.text).toMatch(/fix: /);
  const scratch = zl301.children.find((c) => c.attrs.name === 'ZL301 ScratchDb')!;
  expect(scratch.children[0]).toMatchObject({ name: 'skipped', attrs: { message: 'suppressed: scratch database rebuilt nightly' } });

  // Every rule that found nothing still has a passing case.
  const quiet = suites.filter((s) => all(s, 'failure').length === 0 && all(s, 'skipped').length === 0);
  expect(quiet.length).toBeGreaterThan(0);
  for (const s of quiet) expect(s.children).toEqual([expect.objectContaining({ name: 'testcase', children: [] })]);
  expect(quiet[0].children[0].attrs.name).toMatch(/^ZL\d{3} [a-z0-9-]+: no findings$/);
});

test('messages with markup, quotes, ampersands and control characters stay well-formed', () => {
  expect(xml('a<b>&"c"\'d\u0001\u0000e\uD800')).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;de');
  const result = lintPaths([path.join(__dirname, 'data', 'gate', 'app.yaml')]);
  const report = toReport(result);
  const nasty: Report = {
    ...report,
    findings: report.findings.map((f) => ({ ...f, message: `${f.message} <![CDATA[ ]]> & "quoted" \u0007 </testcase>`, resource: { ...f.resource, stack: 'a&b<c>' } })),
  };
  const doc = parseXml(renderJunit(nasty));
  const failure = all(doc, 'failure')[0];
  expect(failure.attrs.message).toContain('<![CDATA[ ]]> & "quoted"  </testcase>');
  expect(all(doc, 'testcase').some((c) => c.attrs.classname === 'a&b<c>')).toBe(true);
});

test('findings accepted in a baseline are skipped, not failed', () => {
  const dir = fs.mkdtempSync(path.join(work, 'b-'));
  fs.copyFileSync(path.join(__dirname, 'data', 'gate', 'app.yaml'), path.join(dir, 'app.yaml'));
  expect(runCli(['baseline', 'app.yaml'], dir).code).toBe(0);
  const run = runCli(['check', 'app.yaml', '--baseline', '.zonelint-baseline.json', '--format', 'junit'], dir);
  expect(run.code).toBe(0);
  const doc = parseXml(run.stdout);
  expect(doc.attrs.failures).toBe('0');
  expect(all(doc, 'skipped').map((s) => s.attrs.message)).toContain('accepted in the baseline');
});

test('several findings of one rule on one resource get distinct case names (by property)', () => {
  const result = lintPaths([path.join(__dirname, 'data', 'gate', 'app.yaml')]);
  const report = toReport(result);
  const f = report.findings.find((x) => x.ruleId === 'ZL301' && !x.suppressed)!;
  const twin = { ...f, fingerprint: 'f'.repeat(24), location: { ...f.location!, path: `Resources.${f.resource.logicalId}.DeletionPolicy` } };
  const doc = parseXml(renderJunit({ ...report, findings: [f, twin] }));
  const names = all(doc, 'testcase').filter((c) => c.attrs.classname !== 'zonelint').map((c) => c.attrs.name);
  expect(names).toEqual([`ZL301 OrdersDb (Properties.MultiAZ)`, `ZL301 OrdersDb (DeletionPolicy)`]);
});
