// The inventory round trip: `scan --save inventory.json` keeps the coverage notes and the scan's options, and
// `zonelint check inventory.json` prints the scan's text and JSON reports byte for byte.
import * as fs from 'fs';
import * as path from 'path';
import { isolateAwsEnv, runCli, tmpDir } from './helpers';
import { world2011 } from './server/account2011';
import { FakeAwsServer, startFakeAws } from './server/server';

let server: FakeAwsServer;
let restore: () => void;
let dir: string;

beforeAll(async () => {
  restore = isolateAwsEnv();
  // DLM denied: a partial scan, so that coverage notes and the "unknown" verdicts must survive the round trip too.
  server = await startFakeAws(world2011(new Date()), { deny: ['dlm'] });
  dir = tmpDir();
});

afterAll(async () => {
  await server.close();
  restore();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('check inventory.json reproduces the scan\u2019s text and JSON output byte for byte', async () => {
  const inv = path.join(dir, 'inventory.json');
  const out = (name: string) => path.join(dir, name);
  const scan = await runCli(['scan', '--region', 'us-east-1', '--endpoint-url', server.url, '--snapshot-max-age', '300h', '--save', inv, '--format', `json=${out('scan.json')}`, '--format', `text=${out('scan.txt')}`]);
  expect(scan.code).toBe(1);
  const saved = JSON.parse(fs.readFileSync(inv, 'utf8'));
  expect(saved.options).toEqual(expect.objectContaining({ maxSnapshotAgeHours: 300, snapshotMaxAge: '300h', regions: ['us-east-1'] }));

  const check = await runCli(['check', inv, '--format', `json=${out('check.json')}`, '--format', `text=${out('check.txt')}`]);
  expect(check.code).toBe(1);
  const scanJson = fs.readFileSync(out('scan.json'), 'utf8');
  expect(fs.readFileSync(out('check.json'), 'utf8')).toBe(scanJson);
  expect(fs.readFileSync(out('check.txt'), 'utf8')).toBe(fs.readFileSync(out('scan.txt'), 'utf8'));

  const report = JSON.parse(scanJson);
  // the saved threshold decided: the 10-day-old snapshot of vol-0old is recent under 300h
  expect(report.blastRadius.live.maxSnapshotAgeHours).toBe(300);
  expect(report.findings.filter((f: Record<string, unknown>) => f.ruleId === 'ZL405').map((f: Record<string, any>) => f.resource.logicalId)).toEqual(['vol-0data']); // eslint-disable-line @typescript-eslint/no-explicit-any
  expect(report.notes).toEqual(expect.arrayContaining([expect.stringMatching(/^not covered: 111122223333\/us-east-1 dlm GetLifecyclePolicies: AccessDeniedException/)]));
});

/** A saved inventory of one scope, every service read. */
function inventoryOf(data: Record<string, unknown>) {
  return {
    format: 'zonelint-inventory',
    version: 1,
    tool: { name: 'zonelint', version: '0' },
    scannedAt: '2026-01-01T00:00:00.000Z',
    failures: [],
    scopes: [
      {
        account: '111122223333',
        region: 'us-east-1',
        partition: 'aws',
        scannedAt: '2026-01-01T00:00:00.000Z',
        zones: [
          { name: 'us-east-1a', id: 'use1-az6', type: 'availability-zone' },
          { name: 'us-east-1b', id: 'use1-az1', type: 'availability-zone' },
        ],
        services: ['ec2', 'autoscaling', 'elasticloadbalancing', 'rds', 'elasticache', 'elasticfilesystem', 'lambda', 'backup', 'dlm'],
        gaps: [],
        data: { volumeSnapshots: {}, protectedResources: [], backupPlans: [], dlmPolicies: [], ...data },
      },
    ],
  };
}

async function checkInventory(name: string, data: Record<string, unknown>) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(inventoryOf(data)));
  const r = await runCli(['check', file, '--format', 'json']);
  return JSON.parse(r.stdout);
}

test('root volumes deleted with their instance and volumes of Auto Scaling instances are not data to protect', async () => {
  const attach = (instanceId: string, device: string, deleteOnTermination: boolean) => [{ instanceId, device, state: 'attached', deleteOnTermination }];
  const vol = (id: string, attachments: unknown[]) => ({ id, zone: 'us-east-1a', sizeGiB: 8, state: 'in-use', tags: {}, attachments });
  const report = await checkInventory('volumes.json', {
    instances: [
      { id: 'i-pet', zone: 'us-east-1a', state: 'running', rootDevice: '/dev/xvda', tags: {} },
      { id: 'i-keep', zone: 'us-east-1a', state: 'running', rootDevice: '/dev/sda1', tags: {} },
      { id: 'i-asg', zone: 'us-east-1a', state: 'running', rootDevice: '/dev/xvda', tags: { 'aws:autoscaling:groupName': 'web' } },
    ],
    volumes: [
      vol('vol-root-pet', attach('i-pet', '/dev/xvda', true)),
      vol('vol-root-keep', attach('i-keep', '/dev/sda1', false)),
      vol('vol-asg-data', attach('i-asg', '/dev/sdf', true)),
      vol('vol-pet-data', attach('i-pet', '/dev/sdf', true)),
      // its instance was not read (e.g. DescribeInstances not covered): the volume's own attachment record decides
      vol('vol-root-unread', attach('i-unread', '/dev/xvda', true)),
    ],
  });
  const ids = (rule: string) => report.findings.filter((f: Record<string, any>) => f.ruleId === rule).map((f: Record<string, any>) => f.resource.logicalId).sort(); // eslint-disable-line @typescript-eslint/no-explicit-any
  expect(ids('ZL401')).toEqual(['vol-pet-data', 'vol-root-keep']);
  expect(ids('ZL405')).toEqual(['vol-pet-data', 'vol-root-keep']);
  const az6 = report.blastRadius.live.zones.find((z: Record<string, unknown>) => z.zoneId === 'use1-az6');
  expect(az6.unrestorable.map((u: Record<string, unknown>) => u.label).sort()).toEqual(['vol-pet-data', 'vol-root-keep']);
});

test('IP targets are placed by the CIDR of their subnet', async () => {
  const lb = 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/api/1';
  const report = await checkInventory('ip-targets.json', {
    subnets: [
      { id: 'subnet-a', vpcId: 'vpc-1', zone: 'us-east-1a', zoneId: 'use1-az6', cidr: '10.0.1.0/24', tags: {} },
      { id: 'subnet-b', vpcId: 'vpc-1', zone: 'us-east-1b', zoneId: 'use1-az1', cidr: '10.0.2.0/24', tags: {} },
    ],
    loadBalancers: [{ arn: lb, name: 'api', type: 'application', scheme: 'internal', vpcId: 'vpc-1', state: 'active', zones: [{ zone: 'us-east-1a', subnetId: 'subnet-a' }, { zone: 'us-east-1b', subnetId: 'subnet-b' }] }],
    targetGroups: [
      {
        arn: 'arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/api/2',
        name: 'api',
        targetType: 'ip',
        vpcId: 'vpc-1',
        loadBalancerArns: [lb],
        targets: [
          { id: '10.0.1.5', port: 80, state: 'healthy' },
          { id: '10.0.1.6', port: 80, state: 'healthy' },
        ],
      },
    ],
  });
  const zl603 = report.findings.filter((f: Record<string, unknown>) => f.ruleId === 'ZL603');
  expect(zl603.map((f: Record<string, unknown>) => f.message)).toEqual([expect.stringContaining('no healthy target in use1-az1 (us-east-1b); all 2 healthy targets are in use1-az6 (us-east-1a)')]);
  expect(JSON.stringify(report.blastRadius)).not.toMatch(/IP target without an AvailabilityZone/);
  expect(report.blastRadius.zones.map((z: Record<string, unknown>) => z.zone)).not.toContain('us-east-1a');
});
