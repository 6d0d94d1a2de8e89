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
  // a Resolver endpoint with both its IP addresses in one zone (AWS asks for two at least, not two zones) and its
  // three-zone twin; 3 endpoints with pageCap 2 take two pages
  r.resolverEndpoints = [
    { id: 'rslvr-in-one', name: 'dns-in-one', direction: 'INBOUND', vpcId: 'vpc-1', subnets: ['subnet-0', 'subnet-0'] },
    { id: 'rslvr-in-ha', name: 'dns-in-ha', direction: 'INBOUND', vpcId: 'vpc-1', subnets: ['subnet-0', 'subnet-1', 'subnet-2'] },
    { id: 'rslvr-out-ha', name: 'dns-out-ha', direction: 'OUTBOUND', vpcId: 'vpc-1', subnets: ['subnet-1', 'subnet-2'] },
  ];
  // S3 Express One Zone directory buckets in use1-az6 (us-east-1a) and use1-az1 (us-east-1b)
  r.directoryBuckets = ['scratch--use1-az6--x-s3', 'shuffle--use1-az1--x-s3', 'ckpt--use1-az6--x-s3'];
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
  expect(d.resolverEndpoints.map((e: Json) => [e.id, e.direction, e.ipAddresses.map((a: Json) => a.subnetId)])).toEqual([
    ['rslvr-in-one', 'INBOUND', ['subnet-0', 'subnet-0']],
    ['rslvr-in-ha', 'INBOUND', ['subnet-0', 'subnet-1', 'subnet-2']],
    ['rslvr-out-ha', 'OUTBOUND', ['subnet-1', 'subnet-2']],
  ]);
  expect(calls('route53resolver:ListResolverEndpoints')).toBe(2);
  expect(calls('route53resolver:ListResolverEndpointIpAddresses')).toBe(4); // 2, 3 and 2 addresses, 2 per page: 1 + 2 + 1
  expect(d.directoryBuckets.map((b: Json) => [b.name, b.zoneId])).toEqual([
    ['scratch--use1-az6--x-s3', 'use1-az6'],
    ['shuffle--use1-az1--x-s3', 'use1-az1'],
    ['ckpt--use1-az6--x-s3', 'use1-az6'],
  ]);
  expect(calls('s3express:ListDirectoryBuckets')).toBe(2);
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

describe('Route 53 Resolver endpoints and S3 directory buckets read live', () => {
  let report: Json;
  let server: FakeAwsServer;
  beforeAll(async () => {
    ({ report, server } = await scanWith({}));
  });

  test('an endpoint whose IP addresses sit in one zone is ZL104; its multi-zone twins are not', () => {
    const keys = report.findings.map(key);
    expect(keys).toContain('ZL104 resolver:rslvr-in-one error');
    expect(keys.filter((k: string) => k.includes('resolver:rslvr-') && !k.includes('rslvr-in-one'))).toEqual([]);
    const f = report.findings.find((x: Json) => key(x) === 'ZL104 resolver:rslvr-in-one error');
    expect(f.message).toContain('us-east-1a');
  });

  test('every directory bucket is ZL411 in the zone its name gives', () => {
    const zl411 = report.findings.filter((f: Json) => f.ruleId === 'ZL411');
    expect(zl411.map((f: Json) => f.resource.logicalId).sort()).toEqual(['dirbucket:ckpt--use1-az6--x-s3', 'dirbucket:scratch--use1-az6--x-s3', 'dirbucket:shuffle--use1-az1--x-s3']);
    expect(zl411.find((f: Json) => f.resource.logicalId === 'dirbucket:shuffle--use1-az1--x-s3').message).toContain('us-east-1b');
  });

  test('the blast radius puts each where it lives', () => {
    const zones = Object.fromEntries(report.blastRadius.zones.map((z: Json) => [z.zoneId, z]));
    const downIn = (id: string) => zones[id].down.map((x: Json) => x.label);
    expect(downIn('use1-az6')).toEqual(expect.arrayContaining(['resolver:rslvr-in-one', 'dirbucket:scratch--use1-az6--x-s3', 'dirbucket:ckpt--use1-az6--x-s3']));
    expect(downIn('use1-az6')).not.toContain('dirbucket:shuffle--use1-az1--x-s3');
    expect(downIn('use1-az1')).toContain('dirbucket:shuffle--use1-az1--x-s3');
    for (const id of ['use1-az6', 'use1-az1', 'use1-az2']) expect(downIn(id)).not.toContain('resolver:rslvr-in-ha');
  });

  test('only the read-only operations were sent, under their own signing names', () => {
    const ops = new Set(server.log.filter((l) => l.service === 'route53resolver' || l.service === 's3express').map((l) => `${l.service}:${l.operation}:${l.status}`));
    expect([...ops].sort()).toEqual(['route53resolver:ListResolverEndpointIpAddresses:200', 'route53resolver:ListResolverEndpoints:200', 's3express:ListDirectoryBuckets:200']);
  });
});

test('the older Route 53 Resolver client and the S3 client keep the shared limits: a hang ends at the service deadline, a denial is a gap', async () => {
  // @aws-sdk/client-route53resolver 3.654.0 is an older SDK generation: it must take the scan's request handler,
  // deadline signal and read-only guard like every other client
  const gapsFor = async (options: ServerOptions) => {
    const server = await startFakeAws(world(), options);
    try {
      const started = Date.now();
      const r = await runCli(['scan', '--region', 'us-east-1', '--endpoint-url', server.url, '--format', 'json', '--fail-on', 'none', '--service-timeout', '2s']);
      expect(Date.now() - started).toBeLessThan(30_000);
      return { gaps: JSON.parse(r.stdout).blastRadius.live.scopes[0].gaps as Json[], log: server.log };
    } finally {
      await server.close();
    }
  };
  const hung = await gapsFor({ hang: ['route53resolver', 's3express'] });
  expect(hung.gaps.map((g) => `${g.service}:${g.operation} ${g.kind} ${g.message}`).sort()).toEqual([
    'route53resolver:ListResolverEndpoints timeout route53resolver did not finish within the 2s deadline per service',
    's3express:ListDirectoryBuckets timeout s3express did not finish within the 2s deadline per service',
  ]);
  const denied = await gapsFor({ deny: ['route53resolver:ListResolverEndpointIpAddresses', 's3express'] });
  // (one gap per endpoint whose addresses were refused)
  expect([...new Set(denied.gaps.map((g) => `${g.service}:${g.operation} ${g.kind} ${g.code}`))].sort()).toEqual([
    'route53resolver:ListResolverEndpointIpAddresses denied AccessDeniedException',
    's3express:ListDirectoryBuckets denied AccessDenied',
  ]);
  // a denied call is not retried
  expect(denied.log.filter((l) => l.service === 's3express').length).toBe(1);
}, 60_000);

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
