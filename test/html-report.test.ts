// The HTML report (`zonelint check --format html -o report.html`) opened in real headless Chromium (Debian's
// /usr/bin/chromium driven by playwright-core): what is rendered (zone headers worst first, matrix cells, chains on
// click, findings with their fixes, severity filter), that input text is escaped, and that the page makes no request.
// ZONELINT_SCREENSHOT=docs/img/report.png saves a screenshot of the demo app's report.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { BrowserContext, Page, chromium } from 'playwright-core';
import { testApp } from './support/test-app';

// bin/zonelint.js (the bundle's launcher) sits beside bin/zonelint.ts and would win a plain import: name the source.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { main } = require('../bin/zonelint.ts') as typeof import('../bin/zonelint');

const root = path.join(__dirname, '..');
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// CI (.ci/run) installs Debian's chromium and must run this test; elsewhere it is skipped, loudly, without one.
if (!fs.existsSync(CHROMIUM) && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium package`);
if (!fs.existsSync(CHROMIUM)) console.warn(`html-report browser test skipped: ${CHROMIUM} not installed (apt-get install chromium)`);
const describeIf = fs.existsSync(CHROMIUM) ? describe : describe.skip;

let work: string;
let profile: string;
let context: BrowserContext;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'zonelint-html-'));
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'zonelint-chromium-'));
  if (!fs.existsSync(CHROMIUM)) return;
  context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1400, height: 1000 } });
});

afterAll(async () => {
  await context?.close();
  fs.rmSync(work, { recursive: true, force: true });
  fs.rmSync(profile, { recursive: true, force: true });
});

/** Writes the report with the real CLI and opens it; records every request and every page error. */
async function open(input: string, name: string): Promise<{ page: Page; requests: string[]; errors: string[]; file: string }> {
  const file = path.join(work, name);
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    expect(main(['check', input, '--format', 'html', '-o', file, '--fail-on', 'none'])).toBe(0);
  } finally {
    stderr.mockRestore();
  }
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.route('**/*', (route) => (route.request().url().startsWith('file://') ? route.continue() : route.abort()));
  await page.goto(`file://${file}`);
  return { page, requests, errors, file };
}

function cell(page: Page, row: string, column: number) {
  return page.locator('#matrix tbody tr').filter({ has: page.locator('th.res div', { hasText: new RegExp(`^${row.replace(/[()]/g, '\\$&')}$`) }) }).locator('td').nth(column);
}

describeIf('HTML report in Chromium', () => {
  test('matrix, chains, findings with fixes, filter; escaped; no network', async () => {
    // a file name full of markup: it shows up as the stack name and in every finding's location
    const dir = path.join(work, 'in');
    fs.mkdirSync(dir);
    const evil = path.join(dir, '<img src=x onerror=alert(1)>.yaml');
    fs.copyFileSync(path.join(root, 'test', 'fixtures', 'blast', 'one-nat.yaml'), evil);
    const { page, requests, errors, file } = await open(evil, 'one-nat.html');

    const html = fs.readFileSync(file, 'utf8');
    expect(html).not.toMatch(/<(link|img|iframe)\b|src=["']?https?:|@import|url\((?!#)/i);

    // zone headers, worst zone first, then the single-zone database's own column
    const headers = await page.locator('#matrix thead th.col .zt').allTextContents();
    expect(headers).toEqual(['us-east-1b', 'us-east-1a', 'wherever AWS placed it']);
    await expect(page.locator('#matrix thead th.col .zs').first().textContent()).resolves.toBe('2 down · 2 degraded');

    // matrix cells (column 0 is us-east-1b, 1 is us-east-1a)
    expect(await cell(page, 'Workers', 0).locator('.badge').innerText()).toBe('degraded');
    expect(await cell(page, 'Workers', 1).locator('.badge').innerText()).toBe('EGRESS LOST');
    expect(await cell(page, 'Workers', 2).locator('.badge').innerText()).toBe('DOWN');
    expect(await cell(page, 'PrivateB (egress)', 1).locator('.badge').innerText()).toBe('NO EGRESS');
    expect(await cell(page, 'PrivateB (egress)', 0).getAttribute('data-status')).toBe('ok');
    expect(await cell(page, 'BastionData', 0).innerText()).toContain('DOWN');
    expect(await cell(page, 'BastionData', 0).locator('.data').count()).toBe(1);

    // clicking a cell shows its chain
    await cell(page, 'Workers', 1).click();
    const detail = await page.locator('#detail').innerText();
    expect(detail).toContain('Workers when us-east-1a fails');
    expect(detail).toContain('egress of subnet PrivateB (us-east-1b) lost: default route via NAT gateway Nat in us-east-1a');
    expect(await cell(page, 'Workers', 1).getAttribute('class')).toContain('selected');

    // a finding with its fix
    const zl301 = page.locator('article.finding', { has: page.locator('.rule', { hasText: 'ZL301' }) });
    expect(await zl301.locator('.fix').innerText()).toMatch(/Fix\s+set MultiAZ: true on the DB instance/);
    expect(await zl301.locator('.msg').innerText()).toContain('RDS DB instance Db runs in a single zone');
    expect(await zl301.isVisible()).toBe(true);

    // the severity filter hides errors and brings them back
    await page.locator('button.filter[data-severity="error"]').click();
    expect(await zl301.isVisible()).toBe(false);
    expect(await page.locator('article.finding.warning').first().isVisible()).toBe(true);
    await page.locator('button.filter[data-severity="error"]').click();
    expect(await zl301.isVisible()).toBe(true);

    // the markup in the file name is text, not markup
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('header.top .meta').innerText()).toContain('<img src=x onerror=alert(1)>.yaml');
    expect(await zl301.locator('.where').innerText()).toContain('<img src=x onerror=alert(1)>.yaml');

    expect(errors).toEqual([]);
    expect(requests).toEqual([`file://${file}`]);
    await page.close();
  });

  test('twenty single-zone resources make one "wherever AWS placed it" column, not twenty', async () => {
    const dbs = Array.from({ length: 20 }, (_, i) =>
      `  Db${i}:\n    Type: AWS::RDS::DBInstance\n    Properties: { Engine: mysql, DBInstanceClass: db.t3.micro, AllocatedStorage: '20', MasterUsername: admin, ManageMasterUserPassword: true }`,
    ).join('\n');
    const subnets = ['a', 'b', 'c'].map((z, i) => `  Subnet${z}:\n    Type: AWS::EC2::Subnet\n    Properties: { VpcId: vpc-0123456789abcdef0, CidrBlock: 10.0.${i}.0/24, AvailabilityZone: us-east-1${z} }`).join('\n');
    const file = path.join(work, 'twenty.yaml');
    fs.writeFileSync(file, `Resources:\n${subnets}\n${dbs}\n`);
    const { page, errors } = await open(file, 'twenty.html');
    const headers = await page.locator('#matrix thead th.col .zt').allTextContents();
    expect(headers[headers.length - 1]).toBe('wherever AWS placed it');
    expect(headers.filter((h) => h.startsWith('wherever'))).toHaveLength(1);
    expect(await page.locator('#matrix thead th.col.wherever .zs').innerText()).toBe('20 single-zone resources, zone AWS picks');
    // each database is down in its own zone, whichever AWS picks
    const db = cell(page, 'Db7', headers.length - 1);
    expect(await db.innerText()).toContain('DOWN');
    await db.click();
    const detail = await page.locator('#detail').innerText();
    expect(detail).toContain("Db7 when a single-zone resource's zone fails");
    expect(detail).toContain('in the one zone AWS placed it');
    expect(errors).toEqual([]);
    await page.close();
  });

  const demo = path.join(root, 'bin', 'demo', 'app.ts');
  (fs.existsSync(demo) ? test : test.skip)('demo app report renders; screenshot on request', async () => {
    const outdir = path.join(work, 'demo.out');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { buildDemo } = require(demo) as { buildDemo: (app: App) => unknown };
    const context = JSON.parse(fs.readFileSync(path.join(root, 'cdk.json'), 'utf8')).context; // the zones CDK looked up
    const app = testApp({ outdir, context });
    buildDemo(app);
    app.synth();
    const { page, requests, errors, file } = await open(outdir, 'demo.html');
    const headers = await page.locator('#matrix thead th.col .zt').allTextContents();
    expect(headers.slice(0, 3)).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    expect(await page.locator('#matrix td.cell.down').count()).toBeGreaterThan(5);
    expect(await page.locator('article.finding.error').count()).toBeGreaterThan(0);
    await page.locator('#matrix td.cell.down').first().click();
    expect(await page.locator('#detail ol.chain li').count()).toBeGreaterThan(0);
    // the per-zone picture of the worst zone: zones as lanes (the lost one shaded), a box per resource hit, arrows
    const picture = page.locator('details.zone').first().locator('svg.lanes');
    expect(await picture.isVisible()).toBe(true);
    expect(await picture.locator('.lane-name').allTextContents()).toEqual(['us-east-1a ✕', 'us-east-1b', 'us-east-1c', 'multi-zone']);
    expect(await picture.locator('rect.lane.lost').count()).toBe(1);
    const summary = await page.locator('details.zone summary').first().innerText();
    const [, down, degraded] = /(\d+) down, (\d+) degraded/.exec(summary)!;
    expect(await picture.locator('g.node').count()).toBe(Number(down) + Number(degraded) + (await page.locator('details.zone').first().locator('ul.impacts li.egress-lost').count()));
    expect(await picture.locator('g.node.down').count()).toBe(Number(down));
    expect(await picture.locator('path.arrow').count()).toBeGreaterThan(0);
    // the egress of a subnet in another zone is cut by the NAT gateway in the lost one: its box sits in its own lane
    const box = await picture.locator('g.node', { hasText: 'AppSubnet2/Subnet' }).boundingBox();
    const lane = await picture.locator('rect.lane').nth(1).boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(lane!.y);
    expect(box!.y + box!.height).toBeLessThanOrEqual(lane!.y + lane!.height);

    // each cell says how long until it is back and how much data is lost (docs/recovery.md)
    const col = headers.indexOf('us-east-1a');
    expect(await cell(page, 'OrdersLegacy/InvoiceArchive/InvoiceVolume', col).locator('.rec').innerText()).toMatch(/^data lost · /);
    expect(await cell(page, 'OrdersLegacy/InvoiceArchive/InvoiceVolume', col).locator('.rec.lost').count()).toBe(1);
    expect(await cell(page, 'Prod/Orders/OrdersDb', col).locator('.rec').innerText()).toBe('1–2 min · no data lost');
    await cell(page, 'Prod/Orders/OrdersDb', col).click();
    expect(await page.locator('#detail p.recovery').first().innerText()).toMatch(/^back in 1–2 minutes, no data lost Multi-AZ failover/);
    // recovery time as a bar on each box of the picture; red where the data is lost
    expect(await picture.locator('rect.bar').count()).toBeGreaterThan(5);
    const volume = picture.locator('g.node', { has: page.locator('text.node-label', { hasText: 'InvoiceVolume' }) });
    expect(await volume.locator('rect.bar.lost').count()).toBe(1);
    // the service view: per request path and per stack, the slowest part decides
    const service = page.locator('#service');
    const prod = service.locator('tr', { has: page.locator('th', { hasText: /^stack Prod\/Orders/ }) });
    expect(await prod.locator('td').nth(col).innerText()).toMatch(/^back in 1–2 minutes/);
    const legacyPath = service.locator('tr', { has: page.locator('th div', { hasText: /^OrdersLegacy\/OrdersAlb$/ }) });
    expect(await legacyPath.locator('td').nth(col).innerText()).toMatch(/slowest: OrdersLegacy\/OrderWorkers\/ASG/);
    expect(errors).toEqual([]);
    expect(requests).toEqual([`file://${file}`]);
    const shot = process.env.ZONELINT_SCREENSHOT;
    if (shot) {
      // the worst rows first, the first zone's chain under the matrix
      await page.locator('.matrix-wrap').first().evaluate((e) => e.scrollTo(0, 0));
      await page.screenshot({ path: path.resolve(root, shot) });
    }
    await page.close();
  });
});
