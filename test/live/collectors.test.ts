// The collectors added for every catalog type, against the wire-protocol server (real SDK serializers and paginators):
// multi-page answers and Describe batches followed to the end, the services moto cannot serve (MSK, DMS: its answers
// do not parse), and what the scan does with a property it could not read (never CloudFormation's default).
import * as fs from 'fs';
import * as path from 'path';
import { isolateAwsEnv, runCli, tmpDir } from './helpers';
import { ACCOUNT, ZONES } from './server/account2011';
import { FakeWorld, emptyRegion } from './server/model';
import { FakeAwsServer, ServerOptions, startFakeAws } from './server/server';
import { ACCESS_KEY } from './server/account2011';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function world(): FakeWorld {
  const r = emptyRegion(ZONES);
  r.subnets = ZONES.map((z, i) => ({ id: `subnet-${i}`, vpcId: 'vpc-1', zone: z.name, cidr: `10.0.${i}.0/24` }));
  r.instances = ZONES.map((z, i) => ({ id: `i-${i}`, zone: z.name, subnetId: `subnet-${i}`, vpcId: 'vpc-1' }));
  const nlb = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/net/api/0123456789abcdef`;
  const tg = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/api/0123456789abcdef`;
  // an NLB in three zones, cross-zone off, with targets in two: the third zone's node has nothing to send to
  r.loadBalancers = [{ arn: nlb, name: 'api', type: 'network', scheme: 'internal', vpcId: 'vpc-1', zones: ZONES.map((z, i) => ({ zone: z.name, subnetId: `subnet-${i}` })) }];
  r.targetGroups = [{ arn: tg, name: 'api', port: 80, vpcId: 'vpc-1', lbs: [nlb], targets: [0, 1].map((i) => ({ id: `i-${i}`, port: 80, state: 'healthy', zone: ZONES[i].name })) }];
  r.classicLbs = [
    { name: 'www', vpcId: 'vpc-1', zones: ZONES.map((z) => z.name), subnets: ['subnet-0', 'subnet-1', 'subnet-2'], instances: ['i-0', 'i-1'], crossZone: false },
    { name: 'www-cross', vpcId: 'vpc-1', zones: ZONES.map((z) => z.name), subnets: ['subnet-0', 'subnet-1', 'subnet-2'], instances: ['i-0', 'i-1'], crossZone: true },
  ];
  r.tables = Array.from({ length: 5 }, (_, i) => ({ name: `table-${i}`, pitr: i % 2 === 0 }));
  r.ecsClusters = [
    {
      name: 'prod',
      // 12 services: two DescribeServices batches (10 per call)
      services: Array.from({ length: 12 }, (_, i) => ({ name: `svc-${i}`, desired: 2, launchType: 'FARGATE', subnets: i === 0 ? ['subnet-0'] : ['subnet-0', 'subnet-1'] })),
      tasks: Array.from({ length: 12 }, (_, i) => [0, 1].map((t) => ({ id: `task-${i}-${t}`, service: `svc-${i}`, zone: ZONES[i === 0 ? 0 : t].name }))).flat(),
    },
  ];
  r.kafkaClusters = [
    { name: 'events-one', brokers: 1, subnets: ['subnet-0'] },
    { name: 'events-ha', brokers: 3, subnets: ['subnet-0', 'subnet-1', 'subnet-2'] },
  ];
  r.dmsInstances = [
    { id: 'migrate-one', multiAz: false, zone: ZONES[0].name, subnetGroup: { name: 'dms', subnets: ZONES.map((z, i) => ({ id: `subnet-${i}`, zone: z.name })) } },
    { id: 'migrate-ha', multiAz: true, zone: ZONES[0].name, secondaryZone: ZONES[1].name, subnetGroup: { name: 'dms', subnets: ZONES.map((z, i) => ({ id: `subnet-${i}`, zone: z.name })) } },
  ];
  return { accounts: [{ id: ACCOUNT, name: 'collectors', regions: { 'us-east-1': r } }], callerKeys: { [ACCESS_KEY]: ACCOUNT }, roles: {} };
}

let restore: () => void;
let dir: string;
beforeAll(() => {
  restore = isolateAwsEnv();
  dir = tmpDir();
});
afterAll(() => {
  restore();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function scanWith(options: ServerOptions): Promise<{ report: Json; inventory: Json; server: FakeAwsServer }> {
  const server = await startFakeAws(world(), options);
  try {
    const file = path.join(dir, `inventory-${Math.random().toString(36).slice(2)}.json`);
    const r = await runCli(['scan', '--region', 'us-east-1', '--endpoint-url', server.url, '--format', 'json', '--save', file, '--fail-on', 'none']);
    if (r.code !== 0) throw new Error(`scan exited ${r.code}: ${r.stderr}`);
    return { report: JSON.parse(r.stdout), inventory: JSON.parse(fs.readFileSync(file, 'utf8')), server };
  } finally {
    await server.close();
  }
}

const key = (f: Json) => `${f.ruleId} ${f.resource.logicalId} ${f.severity}`;

test('multi-page answers and Describe batches are followed to the end, in the fewest calls', async () => {
  const { inventory, server } = await scanWith({ pageCap: 2 });
  const d = inventory.scopes[0].data;
  const calls = (op: string) => server.counts.get(op) ?? 0;
  expect(d.tables.map((t: Json) => t.name)).toEqual(['table-0', 'table-1', 'table-2', 'table-3', 'table-4']);
  expect(calls('dynamodb:ListTables')).toBe(3);
  expect(calls('dynamodb:DescribeContinuousBackups')).toBe(5);
  expect(d.classicLoadBalancers.map((l: Json) => [l.name, l.crossZone])).toEqual([
    ['www', false],
    ['www-cross', true],
  ]);
  expect(calls('elb:DescribeLoadBalancers')).toBe(1);
  expect(d.ecsServices).toHaveLength(12);
  expect(calls('ecs:ListServices')).toBe(6);
  expect(calls('ecs:DescribeServices')).toBe(2);
  expect(calls('ecs:ListTasks')).toBe(12); // 24 tasks, 2 per page
  expect(calls('ecs:DescribeTasks')).toBe(1);
  expect(d.ecsServices.find((s: Json) => s.name === 'svc-3').tasks).toEqual([
    { id: 'task-3-0', zone: 'us-east-1a' },
    { id: 'task-3-1', zone: 'us-east-1b' },
  ]);
  expect(d.kafkaClusters.map((k: Json) => [k.name, k.brokers, k.subnetIds.length])).toEqual([
    ['events-one', 1, 1],
    ['events-ha', 3, 3],
  ]);
  expect(d.dmsReplicationInstances.map((x: Json) => [x.id, x.multiAz, x.subnetGroup.subnetIds.length])).toEqual([
    ['migrate-one', false, 3],
    ['migrate-ha', true, 3],
  ]);
  expect(d.loadBalancers[0].attributes).toContainEqual({ key: 'load_balancing.cross_zone.enabled', value: 'false' });
});

describe('what was read is judged like a template', () => {
  let report: Json;
  beforeAll(async () => {
    ({ report } = await scanWith({}));
  });

  test('cross-zone load balancing off (an attribute) leaves the zone without targets unserved; on, it does not', () => {
    const keys = report.findings.map(key);
    expect(keys).toContain('ZL602 lb:net/api/0123456789abcdef warning');
    expect(keys).toContain('ZL602 elb:www warning');
    expect(keys).not.toContain('ZL602 elb:www-cross warning');
    const nlb = report.findings.find((f: Json) => key(f) === 'ZL602 lb:net/api/0123456789abcdef warning');
    expect(nlb.message).toContain('cross-zone load balancing is off (the load balancer sets load_balancing.cross_zone.enabled to false)');
  });

  test('MSK brokers and a DMS replication instance in one zone; their twins are not reported', () => {
    const keys = report.findings.map(key);
    expect(keys.filter((k: string) => k.includes('msk:') || k.includes('dms:'))).toEqual(expect.arrayContaining([expect.stringMatching(/^ZL\d+ msk:events-one /), expect.stringMatching(/^ZL304 dms:migrate-one /)]));
    expect(keys.some((k: string) => k.includes('msk:events-ha') || k.includes('dms:migrate-ha'))).toBe(false);
    const zones = Object.fromEntries(report.blastRadius.zones.map((z: Json) => [z.zoneId, z]));
    const downIn = (id: string) => zones[id].down.map((x: Json) => x.label);
    expect(downIn('use1-az6')).toEqual(expect.arrayContaining(['msk:events-one', 'dms:migrate-one', 'ecs:prod/svc-0']));
    expect(downIn('use1-az6')).not.toContain('dms:migrate-ha');
  });
});

test('a property the scan could not read is unknown, never the CloudFormation default', async () => {
  // (the server names Classic ELB calls elb:, though they are signed as elasticloadbalancing like ELBv2's)
  const { report, inventory } = await scanWith({ deny: ['elasticloadbalancing:DescribeLoadBalancerAttributes', 'elb:DescribeLoadBalancerAttributes', 'dynamodb:DescribeContinuousBackups'] });
  const gaps = inventory.scopes[0].gaps.map((g: Json) => `${g.service}:${g.operation}`);
  expect(gaps).toEqual(expect.arrayContaining(['elasticloadbalancing:DescribeLoadBalancerAttributes', 'elb:DescribeLoadBalancerAttributes', 'dynamodb:DescribeContinuousBackups']));
  const d = inventory.scopes[0].data;
  expect(d.classicLoadBalancers.map((l: Json) => l.crossZone)).toEqual([undefined, undefined]);
  expect(d.tables.map((t: Json) => t.pitr)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  // cross-zone unknown: no "cross-zone load balancing is off" conclusion for any load balancer
  expect(report.findings.filter((f: Json) => f.ruleId === 'ZL602' && /cross-zone load balancing is off/.test(f.message))).toEqual([]);
});

test('the not-read marker is the live inventory\'s own: a template that writes it is an input error', async () => {
  const file = path.join(dir, 'template.json');
  fs.writeFileSync(file, JSON.stringify({ Resources: { Lb: { Type: 'AWS::ElasticLoadBalancing::LoadBalancer', Properties: { AvailabilityZones: ['us-east-1a'], CrossZone: { 'Fn::ZonelintNotRead': 'x' } } } } }));
  const r = await runCli(['check', file]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('unknown intrinsic function Fn::ZonelintNotRead');
});
