// Recovery estimates (docs/recovery.md): every type the blast radius can list names its recovery modes, every mode has
// a checked source in docs/recovery.md, and the estimates read as the issue asks on small templates and on the demo.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { App } from 'aws-cdk-lib';
import { BlastRadius, ImpactItem, computeBlastRadius } from '../lib/analysis/blast-radius';
import { recoveryPhrase } from '../lib/analysis/recovery';
import { CATALOG } from '../lib/catalog';
import { COPY_RPO, RECOVERY_MODES } from '../lib/catalog/recovery';
import { lintPaths } from '../lib/lint';
import { analyse } from '../lib/analysis/analyse';
import { renderText } from '../lib/report/text';
import { renderMarkdown } from '../lib/report/markdown';
import { testApp } from './support/test-app';

const root = path.join(__dirname, '..');
const stores = path.join(root, 'test', 'fixtures', 'recovery', 'stores.yaml');

/** Roles whose resources the blast radius lists (everything but plumbing and configuration). */
const LISTED = ['compute', 'data-store', 'service', 'load-balancer', 'network', 'cluster-member'];

function find(items: readonly ImpactItem[], label: string): ImpactItem {
  const i = items.find((x) => x.label === label);
  if (!i) throw new Error(`${label} is not among ${items.map((x) => x.label).join(', ')}`);
  return i;
}

const itemsOf = (br: BlastRadius, zone: string): ImpactItem[] => {
  const z = br.zones.find((x) => x.zone === zone)!;
  return [...z.down, ...z.degraded, ...z.egressLost];
};

describe('the recovery table', () => {
  test('every type the blast radius can list has a recovery estimate', () => {
    expect(CATALOG.filter((r) => LISTED.includes(r.role) && !r.recovery).map((r) => r.type)).toEqual([]);
  });

  test('every mode and copy kind has a source, and docs/recovery.md lists each with it', () => {
    const doc = fs.readFileSync(path.join(root, 'docs', 'recovery.md'), 'utf8');
    for (const [id, m] of Object.entries(RECOVERY_MODES)) {
      expect(m.source.url).toMatch(/^https:\/\//);
      expect(m.rtoSeconds.min).toBeLessThanOrEqual(m.rtoSeconds.max);
      expect(doc).toContain(`| \`${id}\` |`);
      expect(doc).toContain(m.source.url);
      expect(doc).toContain(m.figure);
      if ('judgement' in m && m.judgement) expect(doc).toContain(m.judgement);
    }
    for (const [kind, c] of Object.entries(COPY_RPO)) {
      expect(doc).toContain(`| \`${kind}\` |`);
      expect(doc).toContain(c.source.url);
    }
  });
});

describe('estimates on small templates (test/fixtures/recovery/stores.yaml)', () => {
  const br = computeBlastRadius(lintPaths([stores]).model);
  const a = itemsOf(br, 'us-east-1a');

  test('a single-AZ database without backups: data lost', () => {
    const db = find(a, 'NoBackupsDb');
    expect(db.status).toBe('down');
    expect(db.recovery.rpoSeconds).toBeNull();
    expect(recoveryPhrase(db.recovery)).toMatch(/^data lost/);
  });

  test('a Multi-AZ database: back in 1–2 minutes, no data lost', () => {
    const db = find(a, 'MultiAzDb');
    expect(db.status).toBe('degraded');
    expect(db.recovery).toMatchObject({ rtoSeconds: { min: 60, max: 120 }, rpoSeconds: 0, mode: 'rds-multi-az-instance' });
    expect(recoveryPhrase(db.recovery)).toBe('back in 1–2 minutes, no data lost');
    expect(db.recovery.basis).toContain('Amazon RDS User Guide');
  });

  test('an Aurora cluster with a writer only: the writer is recreated, at least 10 minutes, no data lost', () => {
    const cluster = find(a, 'WriterOnly');
    expect(cluster.status).toBe('down');
    expect(cluster.recovery.rtoSeconds.min).toBeGreaterThanOrEqual(600);
    expect(cluster.recovery).toMatchObject({ rpoSeconds: 0, mode: 'aurora-recreate-writer' });
    // its instance comes back with it
    expect(find(a, 'WriterOnlyWriter').recovery).toMatchObject({ mode: 'aurora-recreate-writer', decidedBy: 'WriterOnly' });
  });

  test('an Aurora cluster with a reader in another zone: under a minute', () => {
    const cluster = find(a, 'WithReader');
    expect(cluster.status).toBe('degraded');
    expect(cluster.recovery.rtoSeconds.max).toBeLessThanOrEqual(60);
    expect(cluster.recovery.rpoSeconds).toBe(0);
  });

  test('a volume without snapshot: data lost; with a DLM policy: restored, slower as it grows, a day of data at most', () => {
    expect(find(a, 'InvoiceVolume').recovery.rpoSeconds).toBeNull();
    const snap = find(a, 'SnapshottedVolume').recovery;
    expect(snap).toMatchObject({ mode: 'ebs-restore', rpoSeconds: 86400 });
    expect(snap.rtoSeconds.min).toBe(RECOVERY_MODES['ebs-restore'].rtoSeconds.min + 500 * RECOVERY_MODES['ebs-restore'].perGiBSeconds);
    expect(snap.basis).toContain('500 GiB');
  });

  test('the text and Markdown reports show RTO and RPO per down resource', () => {
    const report = analyse([stores]).report;
    const text = renderText(report);
    expect(text).toMatch(/InvoiceVolume DOWN \[data only in this zone\] — data lost \(no copy outside the zone\)/);
    expect(text).toMatch(/MultiAzDb degraded — back in 1–2 minutes, no data lost/);
    expect(text).toMatch(/WriterOnly DOWN — back in 10–30 minutes, no data lost/);
    expect(text).toMatch(/stack .*stores\.yaml.*:\n\s+losing us-east-1a: data lost; back in 1–24 hours \(slowest: /);
    const md = renderMarkdown(report);
    expect(md).toContain('#### Recovery of what goes down');
    expect(md).toMatch(/\| us-east-1a \| `InvoiceVolume` \| 1–24 hours \| \*\*data lost\*\* \|/);
  });
});

describe('estimates on the demo app (bin/demo)', () => {
  let br: BlastRadius;
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'zonelint-recovery-demo-'));
  beforeAll(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { buildDemo } = require(path.join(root, 'bin', 'demo', 'app.ts')) as { buildDemo: (app: App) => unknown };
    const context = JSON.parse(fs.readFileSync(path.join(root, 'cdk.json'), 'utf8')).context;
    const app = testApp({ outdir, context });
    buildDemo(app);
    app.synth();
    br = computeBlastRadius(lintPaths([outdir]).model);
  });
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test('losing us-east-1a: the invoice volume loses its data, the resilient orders database fails over in 1–2 minutes', () => {
    const a = itemsOf(br, 'us-east-1a');
    expect(find(a, 'OrdersLegacy/InvoiceArchive/InvoiceVolume').recovery.rpoSeconds).toBeNull();
    expect(recoveryPhrase(find(a, 'Prod/Orders/OrdersDb').recovery)).toBe('back in 1–2 minutes, no data lost');
  });

  test('the legacy reporting cluster needs its writer recreated; the resilient one promotes a reader', () => {
    const legacy = br.wherever.flatMap((w) => w.down).find((i) => i.label === 'OrdersLegacy/ReportingCluster')!;
    expect(legacy.recovery.rtoSeconds.min).toBeGreaterThanOrEqual(600);
    const resilient = br.wherever.flatMap((w) => w.degraded).filter((i) => i.label === 'Prod/Orders/ReportingCluster');
    expect(resilient.length).toBeGreaterThan(0);
    for (const i of resilient) expect(i.recovery.rtoSeconds.max).toBeLessThanOrEqual(60);
  });

  test('the legacy single-AZ orders database is restored from its automated backups: minutes of data lost, not all of it', () => {
    const db = br.wherever.flatMap((w) => w.down).find((i) => i.label === 'OrdersLegacy/OrdersDb')!;
    expect(db.recovery).toMatchObject({ mode: 'rds-restore', rpoSeconds: 300 });
  });

  test('the service view: the legacy ALB path is down for hours when us-east-1a goes, the resilient one keeps serving', () => {
    const legacy = br.recovery.paths.find((p) => p.label === 'OrdersLegacy/OrdersAlb')!;
    expect(legacy.zones.find((z) => z.zone === 'us-east-1a')!.rtoSeconds.min).toBeGreaterThanOrEqual(3600);
    const resilient = br.recovery.paths.find((p) => p.label === 'Prod/Orders/OrdersAlb')!;
    for (const z of resilient.zones) expect(z.rtoSeconds.max).toBe(0);
    expect(br.recovery.stacks.map((s) => s.stack)).toContain('OrdersLegacy');
  });
});

describe('live facts (saved inventories): real sizes and recovery-point ages', () => {
  const fixture = (rel: string) => computeBlastRadius(lintPaths([path.join(root, 'rules', rel)]).model);
  const all = (br: BlastRadius) => br.zones.flatMap((z) => [...z.down, ...z.degraded]);

  test('a volume: RPO is its newest snapshot\'s age, its restore time grows with its real size; without a snapshot, data lost', () => {
    const br = fixture('ebs/ebs-volume-recent-snapshot/fixtures/bad.json');
    const stale = find(all(br), 'vol-0stale').recovery;
    expect(stale).toMatchObject({ mode: 'ebs-restore', rpoSeconds: 3 * 86400 });
    expect(stale.rtoSeconds.min).toBe(RECOVERY_MODES['ebs-restore'].rtoSeconds.min + 50 * RECOVERY_MODES['ebs-restore'].perGiBSeconds);
    expect(stale.basis).toMatch(/50 GiB \(live scan\).*its newest snapshot is 3 days old \(live scan\)/);
    expect(find(all(br), 'vol-0nosnap').recovery.rpoSeconds).toBeNull();
  });

  test('a database: RPO from its latest restorable time or snapshot, allocated storage from the scan', () => {
    const br = fixture('rds/rds-recent-recovery-point/fixtures/good.json');
    const archive = find(all(br), 'db:archive').recovery;
    expect(archive.rpoSeconds).toBe(20 * 3600);
    expect(archive.basis).toContain('100 GiB (live scan)');
    expect(recoveryPhrase(find(all(br), 'db:users').recovery)).toBe('back in 1–2 minutes, no data lost');
  });
});
