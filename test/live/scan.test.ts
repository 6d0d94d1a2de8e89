// `zonelint scan` end to end against the local wire-protocol server: a 2011-style account (everything in one zone,
// one NAT gateway, a single-AZ database, a volume without snapshots). The SDK's real serializers, parsers, paginators
// and retry strategy run; only the network is local.
import * as fs from 'fs';
import * as path from 'path';
import { isolateAwsEnv, runCli, tmpDir } from './helpers';
import { ACCOUNT, world2011 } from './server/account2011';
import { FakeAwsServer, startFakeAws } from './server/server';
import { READ_OPERATIONS } from '../../lib/live/operations';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let server: FakeAwsServer;
let restore: () => void;
let dir: string;

beforeAll(async () => {
  restore = isolateAwsEnv();
  server = await startFakeAws(world2011(new Date()), { pageCap: 2 });
  dir = tmpDir();
});

afterAll(async () => {
  await server.close();
  restore();
  fs.rmSync(dir, { recursive: true, force: true });
});

const key = (f: Json) => `${f.ruleId} ${f.resource.logicalId} ${f.severity}`;

describe('scan of a 2011-style account', () => {
  let run: { code: number; stdout: string; stderr: string };
  let report: Json;
  const inventory = () => path.join(dir, 'inventory.json');

  beforeAll(async () => {
    server.log.length = 0;
    run = await runCli(['scan', '--region', 'us-east-1', '--endpoint-url', server.url, '--format', 'json', '--format', `text=${path.join(dir, 'report.txt')}`, '--format', `html=${path.join(dir, 'report.html')}`, '--save', inventory()]);
    report = JSON.parse(run.stdout);
  });

  test('exits 1 (errors found) and reports progress as plain lines off a terminal', () => {
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`zonelint: ${ACCOUNT}/us-east-1: ec2 done`);
    expect(run.stderr).toMatch(/zonelint: scan finished: \d+ API calls, 0 throttled/);
    expect(run.stderr).not.toMatch(/\r/);
  });

  test('live rules flag exactly the unprotected volumes, databases, unbalanced group and target-less zone', () => {
    const live = report.findings.filter((f: Json) => ['ZL205', 'ZL306', 'ZL405', 'ZL603'].includes(f.ruleId)).map(key).sort();
    expect(live).toEqual([
      'ZL205 asg:web warning',
      'ZL306 db:orders error',
      'ZL306 db:reports warning',
      'ZL405 vol-0data error',
      'ZL405 vol-0old warning',
      'ZL603 lb:app/web/50dc6c495c0c9188 warning',
    ]);
    const byKey = new Map(report.findings.map((f: Json) => [key(f), f]));
    expect((byKey.get('ZL405 vol-0data error') as Json).message).toBe(
      'EBS volume vol-0data (500 GiB) in use1-az6 (us-east-1a) has no snapshot or backup: if its zone fails it cannot be restored in another zone.',
    );
    expect((byKey.get('ZL405 vol-0old warning') as Json).message).toMatch(/has only an old recovery point \(snapshot snap-0old, 10d old\) \(threshold 24h\)/);
    expect((byKey.get('ZL205 asg:web warning') as Json).message).toContain('(use1-az1 (us-east-1b): 0, use1-az6 (us-east-1a): 3)');
    expect((byKey.get('ZL603 lb:app/web/50dc6c495c0c9188 warning') as Json).message).toContain('no healthy target in use1-az1 (us-east-1b); all 2 healthy targets are in use1-az6 (us-east-1a)');
    // vol-0logs (DLM snapshot 2h old) and vol-0web (AWS Backup 3h old) are restorable; db:users has a restorable time
    // minutes old; the Aurora member is restored through its cluster, whose snapshot is 1h old.
    for (const id of ['vol-0logs', 'vol-0web', 'db:users', 'db:analytics-1', 'cluster:analytics']) {
      expect(report.findings.filter((f: Json) => ['ZL405', 'ZL306'].includes(f.ruleId) && f.resource.logicalId === id)).toEqual([]);
    }
  });

  test('every rule runs on the live account like on a template', () => {
    const keys = report.findings.map(key);
    for (const k of ['ZL301 db:orders error', 'ZL301 db:reports error', 'ZL101 rtb-private/route/0.0.0.0/0 warning', 'ZL501 cache:sessions error', 'ZL403 fs-scratch error', 'ZL203 function:worker error', 'ZL208 asg:web warning']) {
      expect(keys).toContain(k);
    }
    expect(keys).not.toContain('ZL301 db:users error');
    for (const f of report.findings) {
      expect(f.resource.stack).toBe(`${ACCOUNT}/us-east-1`);
      expect(f.location.file).toBe(inventory());
    }
  });

  test('per-zone blast radius: zones by AZ id with the account names, tallies, GiB and what cannot be restored', () => {
    const live = report.blastRadius.live;
    expect(live.maxSnapshotAgeHours).toBe(24);
    expect(live.scopes).toEqual([expect.objectContaining({ scope: `${ACCOUNT}/us-east-1`, complete: true, gaps: [] })]);
    const zones = Object.fromEntries(live.zones.map((z: Json) => [z.zone, z]));
    expect(Object.keys(zones)).toEqual(['use1-az6 (us-east-1a)', 'use1-az1 (us-east-1b)', 'use1-az2 (us-east-1c)']);
    // the batch instance in subnet-priv-b keeps running without egress (its NAT gateway is in use1-az6): egress lost
    // the Classic Load Balancer is in use1-az6 only; the Memcached cluster spans two zones
    expect(zones['use1-az6 (us-east-1a)'].down).toEqual({ instances: 4, volumes: 3, volumeGiB: 620, databases: 4, caches: 1, fileSystems: 2, loadBalancers: 1 });
    expect(zones['use1-az6 (us-east-1a)'].degraded).toEqual({ instances: 0, volumes: 0, volumeGiB: 0, databases: 1, caches: 1, fileSystems: 0, loadBalancers: 1 });
    expect(zones['use1-az6 (us-east-1a)'].egressLost).toEqual({ instances: 1, volumes: 0, volumeGiB: 0, databases: 0, caches: 0, fileSystems: 0, loadBalancers: 0 });
    expect(zones['use1-az6 (us-east-1a)'].unrestorable.map((u: Json) => `${u.kind} ${u.label} ${u.sizeGiB} ${u.newest?.kind ?? '-'}`)).toEqual([
      'volume vol-0data 500 -',
      'database db:orders 200 -',
      'database db:reports 50 snapshot',
    ]);
    expect(zones['use1-az1 (us-east-1b)'].down).toEqual({ instances: 1, volumes: 1, volumeGiB: 50, databases: 0, caches: 0, fileSystems: 0, loadBalancers: 0 });
    expect(zones['use1-az1 (us-east-1b)'].degraded).toEqual({ instances: 0, volumes: 0, volumeGiB: 0, databases: 1, caches: 1, fileSystems: 0, loadBalancers: 1 });
    expect(zones['use1-az1 (us-east-1b)'].unrestorable.map((u: Json) => u.label)).toEqual(['vol-0old']);
    expect(zones['use1-az1 (us-east-1b)'].unrestorable[0].newest.ageHours).toBeCloseTo(240, 0);
    expect(zones['use1-az2 (us-east-1c)'].down.instances + zones['use1-az2 (us-east-1c)'].degraded.instances).toBe(0);
  });

  test('the generic blast radius sees the single NAT gateway and the crowded zone', () => {
    const br = report.blastRadius;
    const az6 = br.zones.find((z: Json) => z.zoneId === 'use1-az6');
    const az1 = br.zones.find((z: Json) => z.zoneId === 'use1-az1');
    expect(br.zones[0].zoneId).toBe('use1-az6'); // worst first
    const down = (z: Json) => z.down.map((i: Json) => `${i.label}${i.aspect === 'egress' ? ' (egress)' : ''}`).sort();
    expect(down(az6)).toEqual(
      [
        'subnet-priv-b (egress)',
        'i-0web1',
        'i-0web2',
        'i-0web3',
        'i-0legacy',
        'vol-0data',
        'vol-0logs',
        'vol-0web',
        'nat-0a1',
        'cluster:analytics',
        'db:orders',
        'db:reports',
        'db:analytics-1',
        'cache:sessions',
        'elb:legacy-www',
        'fs-shared',
        'fs-scratch',
        'function:worker',
      ].sort(),
    );
    expect(down(az1)).toEqual(['i-0batch', 'vol-0old']);
  });

  test('text output names zones by AZ id with names and lists what cannot be restored', () => {
    const text = fs.readFileSync(path.join(dir, 'report.txt'), 'utf8');
    expect(text).toContain('Live account by zone (recovery points count when newer than 24h):');
    expect(text).toContain('    down: 4 instances, 3 volumes (620 GiB), 4 databases, 1 cache, 2 file systems, 1 load balancer');
    expect(text).toContain('    egress lost (running, no way out of the VPC): 1 instance');
    expect(text).toContain('cannot be restored elsewhere: 3 (volume vol-0data 500 GiB: no snapshot or backup; database db:orders 200 GiB: no snapshot or backup;');
    expect(text).toContain(`  ${ACCOUNT}/us-east-1: complete`);
  });

  test('the HTML report carries the live section', () => {
    const html = fs.readFileSync(path.join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<section id="live"><h2>Live account by zone</h2>');
    expect(html).toContain('<tr><th>use1-az6 (us-east-1a)</th><td>4 instances, 3 volumes (620 GiB), 4 databases, 1 cache, 2 file systems, 1 load balancer</td>');
    expect(html).toContain('<li><b>volume vol-0data</b> 500 GiB: no snapshot or backup</li>');
  });

  test('only read-only operations reached the server, and every operation of the policy was used', () => {
    const allowed = new Set(Object.entries(READ_OPERATIONS).flatMap(([svc, ops]) => ops.map((op) => `${svc}:${op}`)));
    const seen = new Set(server.log.map((l) => `${l.service}:${l.operation}`));
    for (const op of seen) expect(allowed).toContain(op);
    for (const op of allowed) if (!op.startsWith('organizations:')) expect(seen).toContain(op);
  });

  test('pagination followed every token: multi-page answers, nothing lost', () => {
    const pages = (op: string) => server.log.filter((l) => `${l.service}:${l.operation}` === op).length;
    expect(pages('ec2:DescribeInstances')).toBe(3); // 5 live instances (the terminated one filtered), 2 per page
    expect(pages('ec2:DescribeSnapshots')).toBe(2); // 3 own completed snapshots
    expect(pages('ec2:DescribeSubnets')).toBe(2);
    expect(pages('rds:DescribeDBInstances')).toBe(2);
    const inv = JSON.parse(fs.readFileSync(inventory(), 'utf8'));
    expect(inv.scopes[0].data.instances.map((i: Json) => i.id)).toEqual(['i-0web1', 'i-0web2', 'i-0web3', 'i-0legacy', 'i-0batch']);
    expect(inv.scopes[0].data.volumeSnapshots).toEqual({ 'vol-0logs': expect.objectContaining({ id: 'snap-0logs-new' }), 'vol-0old': expect.objectContaining({ id: 'snap-0old' }) });
  });

  test('check inventory.json re-analyses the saved scan offline with the same findings and blast radius', async () => {
    const again = await runCli(['check', inventory(), '--format', 'json']);
    expect(again.code).toBe(1);
    const offline = JSON.parse(again.stdout);
    const strip = (f: Json) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, resource: f.resource, fingerprint: f.fingerprint, location: f.location });
    expect(offline.findings.map(strip)).toEqual(report.findings.map(strip));
    expect(offline.blastRadius).toEqual(report.blastRadius);
  });
});

describe('scan usage errors: one line, exit 2', () => {
  test.each([
    [['scan', '--region', 'mars-1'], /--region "mars-1" is not an AWS region name/],
    [['scan', '--region', 'us-east-1', '--snapshot-max-age', 'soon'], /--snapshot-max-age "soon" is not a duration/],
    [['scan', '--region', 'us-east-1', '--timeout', 'forever'], /--timeout "forever" is not a duration/],
    [['scan', '--region', 'us-east-1', '--service-timeout', '0s'], /--service-timeout "0s" is not a duration/],
    [['scan', '--region', 'us-east-1', '--org-role', 'Audit'], /--org-role needs --org/],
    [['scan', '--region', 'us-east-1', '--org', '--role-arn', 'arn:aws:iam::123456789012:role/X'], /cannot be combined/],
    [['scan', '--region', 'us-east-1', '--role-arn', 'role/X'], /is not an IAM role ARN/],
    [['scan', '--region', 'us-east-1', '--endpoint-url', 'ftp://x'], /is not an http\(s\) URL/],
    [['scan'], /no region: pass --region, or set AWS_REGION/],
  ])('%j', async (args, message) => {
    const r = await runCli(args as string[]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n').filter((l) => !l.startsWith('zonelint: scanning') && !l.startsWith('zonelint: scan finished'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('--save to a path that cannot be written fails before any API call', async () => {
    server.log.length = 0;
    const r = await runCli(['scan', '--region', 'us-east-1', '--endpoint-url', server.url, '--save', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`zonelint: ${dir}: cannot save the inventory here: is a directory`);
    expect(server.log).toEqual([]);
  });

  test('unreachable credentials or endpoint is one line, exit 2', async () => {
    const r = await runCli(['scan', '--region', 'us-east-1', '--endpoint-url', 'http://127.0.0.1:9']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n').pop()).toMatch(/^zonelint: cannot read the caller identity \(credentials or endpoint\): /);
  });

  test.each([
    [{ volumes: [{ sizeGiB: 1 }] }, /inventory scopes\[0\]\.data\.volumes\[0\] has no "id" string$/],
    [{ gadgets: [] }, /inventory scopes\[0\]\.data\.gadgets is not a known list/],
    [{ volumes: [{ id: 'vol-1', sizeGiB: 1, tags: {} }] }, /malformed inventory record \(/],
  ])('inventory data %j is a one-line input error', async (data, message) => {
    const file = path.join(dir, 'bad-data.json');
    const scope = { account: '111122223333', region: 'us-east-1', scannedAt: '2026-01-01T00:00:00Z', zones: [], data };
    fs.writeFileSync(file, JSON.stringify({ format: 'zonelint-inventory', version: 1, scopes: [scope] }));
    const r = await runCli(['check', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(message);
  });

  test('a malformed inventory is an input error naming the file', async () => {
    const file = path.join(dir, 'broken.json');
    fs.writeFileSync(file, JSON.stringify({ format: 'zonelint-inventory', version: 1, scopes: [{ account: '1', region: 'us-east-1' }] }));
    const r = await runCli(['check', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(/^zonelint: .*broken\.json: inventory scopes\[0\] has no "scannedAt" string$/);
  });
});
