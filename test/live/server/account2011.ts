// A 2011-style account in us-east-1: everything crowded into one zone. The account's zone names map to AZ ids its own
// way (us-east-1a is use1-az6 here), as they do in real accounts.
import { FakeWorld, emptyRegion } from './model';

export const ACCOUNT = '111122223333';
export const MEMBER = '444455556666';
export const LOCKED = '777788889999';
export const ACCESS_KEY = 'AKIAZONELINTTEST0001';

export const ZONES = [
  { name: 'us-east-1a', id: 'use1-az6' },
  { name: 'us-east-1b', id: 'use1-az1' },
  { name: 'us-east-1c', id: 'use1-az2' },
];

const h = (now: Date, hours: number) => new Date(now.getTime() - hours * 3600_000);

export function world2011(now: Date): FakeWorld {
  const r = emptyRegion(ZONES);
  const lbArn = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188`;
  const tgArn = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/web/73e2d6bc24d8a067`;
  r.subnets = [
    { id: 'subnet-priv-a', vpcId: 'vpc-1', zone: 'us-east-1a', cidr: '10.0.1.0/24' },
    { id: 'subnet-priv-b', vpcId: 'vpc-1', zone: 'us-east-1b', cidr: '10.0.2.0/24' },
    { id: 'subnet-pub-a', vpcId: 'vpc-1', zone: 'us-east-1a', cidr: '10.0.101.0/24' },
    { id: 'subnet-pub-b', vpcId: 'vpc-1', zone: 'us-east-1b', cidr: '10.0.102.0/24' },
  ];
  r.natGateways = [{ id: 'nat-0a1', subnetId: 'subnet-pub-a', vpcId: 'vpc-1' }];
  r.routeTables = [
    { id: 'rtb-private', vpcId: 'vpc-1', subnets: ['subnet-priv-a', 'subnet-priv-b'], routes: [{ dest: '0.0.0.0/0', nat: 'nat-0a1' }] },
    { id: 'rtb-public', vpcId: 'vpc-1', main: true, subnets: [], routes: [{ dest: '0.0.0.0/0', gateway: 'igw-1' }] },
  ];
  r.vpcEndpoints = [{ id: 'vpce-s3', type: 'Gateway', service: 'com.amazonaws.us-east-1.s3', vpcId: 'vpc-1', subnets: [] }];
  const web = (id: string) => ({ id, zone: 'us-east-1a', subnetId: 'subnet-priv-a', vpcId: 'vpc-1', tags: { 'aws:autoscaling:groupName': 'web', Name: id } });
  r.instances = [
    web('i-0web1'),
    web('i-0web2'),
    web('i-0web3'),
    { id: 'i-0legacy', zone: 'us-east-1a', subnetId: 'subnet-priv-a', vpcId: 'vpc-1', tags: { Name: 'legacy-db-host' } },
    { id: 'i-0batch', zone: 'us-east-1b', subnetId: 'subnet-priv-b', vpcId: 'vpc-1', tags: { Name: 'batch' } },
    { id: 'i-0gone', zone: 'us-east-1b', subnetId: 'subnet-priv-b', vpcId: 'vpc-1', state: 'terminated' },
  ];
  r.volumes = [
    { id: 'vol-0data', zone: 'us-east-1a', size: 500, attachments: [{ instanceId: 'i-0legacy', device: '/dev/sdf' }], tags: { Name: 'legacy-data' } },
    { id: 'vol-0logs', zone: 'us-east-1a', size: 100, attachments: [{ instanceId: 'i-0legacy', device: '/dev/sdg' }], tags: { snapshot: 'daily' } },
    { id: 'vol-0web', zone: 'us-east-1a', size: 20, attachments: [{ instanceId: 'i-0web1', device: '/dev/sdf' }] },
    { id: 'vol-0old', zone: 'us-east-1b', size: 50 },
  ];
  r.snapshots = [
    { id: 'snap-0logs-new', volumeId: 'vol-0logs', start: h(now, 2) },
    { id: 'snap-0logs-old', volumeId: 'vol-0logs', start: h(now, 50) },
    { id: 'snap-0logs-pending', volumeId: 'vol-0logs', start: h(now, 0.5), state: 'pending' },
    { id: 'snap-0old', volumeId: 'vol-0old', start: h(now, 240) },
    { id: 'snap-0shared', volumeId: 'vol-0data', start: h(now, 1), owner: '999999999999' },
  ];
  r.asgs = [
    {
      name: 'web',
      min: 3,
      max: 6,
      desired: 3,
      subnets: ['subnet-priv-a', 'subnet-priv-b'],
      zones: ['us-east-1a', 'us-east-1b'],
      targetGroups: [tgArn],
      instances: [
        { id: 'i-0web1', zone: 'us-east-1a' },
        { id: 'i-0web2', zone: 'us-east-1a' },
        { id: 'i-0web3', zone: 'us-east-1a' },
      ],
    },
  ];
  r.loadBalancers = [
    {
      arn: lbArn,
      name: 'web',
      type: 'application',
      scheme: 'internet-facing',
      vpcId: 'vpc-1',
      zones: [
        { zone: 'us-east-1a', subnetId: 'subnet-pub-a' },
        { zone: 'us-east-1b', subnetId: 'subnet-pub-b' },
      ],
    },
  ];
  r.targetGroups = [
    {
      arn: tgArn,
      name: 'web',
      port: 80,
      vpcId: 'vpc-1',
      lbs: [lbArn],
      targets: [
        { id: 'i-0web1', port: 80, state: 'healthy', zone: 'us-east-1a' },
        { id: 'i-0web2', port: 80, state: 'healthy', zone: 'us-east-1a' },
        { id: 'i-0web3', port: 80, state: 'unhealthy', zone: 'us-east-1a' },
      ],
    },
  ];
  const group = {
    name: 'db-private',
    subnets: [
      { id: 'subnet-priv-a', zone: 'us-east-1a' },
      { id: 'subnet-priv-b', zone: 'us-east-1b' },
    ],
  };
  r.dbInstances = [
    { id: 'orders', engine: 'mysql', cls: 'db.m5.large', multiAz: false, zone: 'us-east-1a', retention: 0, storage: 200, subnetGroup: group },
    { id: 'users', engine: 'postgres', cls: 'db.m5.large', multiAz: true, zone: 'us-east-1a', secondaryZone: 'us-east-1b', retention: 7, storage: 100, subnetGroup: group, latestRestorable: h(now, 0.1) },
    { id: 'reports', engine: 'postgres', cls: 'db.t3.medium', multiAz: false, zone: 'us-east-1a', retention: 1, storage: 50, subnetGroup: group, latestRestorable: h(now, 30) },
    { id: 'analytics-1', engine: 'aurora-postgresql', cls: 'db.r6g.large', multiAz: false, zone: 'us-east-1a', clusterId: 'analytics', retention: 7, storage: 1, subnetGroup: group },
  ];
  r.dbClusters = [{ id: 'analytics', engine: 'aurora-postgresql', zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'], members: [{ id: 'analytics-1', writer: true }], retention: 7, subnetGroup: 'db-private', latestRestorable: h(now, 0.1) }];
  r.dbSnapshots = [
    { id: 'rds:reports-old', dbId: 'reports', time: h(now, 30) },
    { id: 'rds:orders-creating', dbId: 'orders', time: h(now, 1), status: 'creating' },
  ];
  r.dbClusterSnapshots = [{ id: 'rds:analytics-1h', clusterId: 'analytics', time: h(now, 1) }];
  r.replicationGroups = [{ id: 'sessions', failover: 'disabled', multiAz: 'disabled', members: [{ id: 'sessions-001', zone: 'us-east-1a', role: 'primary' }] }];
  r.fileSystems = [
    { id: 'fs-shared', name: 'shared', size: 5 * 1024 ** 3, mountTargets: [{ id: 'fsmt-a', subnetId: 'subnet-priv-a', zone: 'us-east-1a', zoneId: 'use1-az6' }] },
    { id: 'fs-scratch', name: 'scratch', zoneName: 'us-east-1a', zoneId: 'use1-az6', size: 1024 ** 3, mountTargets: [{ id: 'fsmt-s', subnetId: 'subnet-priv-a', zone: 'us-east-1a', zoneId: 'use1-az6' }] },
  ];
  r.functions = [
    { name: 'worker', runtime: 'nodejs20.x', subnets: ['subnet-priv-a'], sgs: ['sg-1'], vpcId: 'vpc-1' },
    { name: 'api', runtime: 'python3.12', subnets: [], sgs: [] },
  ];
  r.protectedResources = [{ arn: `arn:aws:ec2:us-east-1:${ACCOUNT}:volume/vol-0web`, type: 'EBS', last: h(now, 3) }];
  r.backupPlans = [{ id: 'plan-1', name: 'daily', selections: [{ id: 'sel-1', name: 'web-volumes', resources: [`arn:aws:ec2:us-east-1:${ACCOUNT}:volume/vol-0web`], tags: [{ key: 'backup', value: 'daily' }] }] }];
  // What the 2011 account also ran: a Classic Load Balancer in one zone (no cross-zone) in front of the legacy host, and
  // the services read since, resilient: a Memcached cluster across two zones (and the sessions group's member cluster,
  // judged at its group), DynamoDB tables with and without PITR, a transit gateway attachment and an ECS service and
  // EKS node group in both zones, a zone-aware OpenSearch domain, an active/standby MQ broker and a firewall in both.
  r.classicLbs = [{ name: 'legacy-www', vpcId: 'vpc-1', zones: ['us-east-1a'], subnets: ['subnet-pub-a'], instances: ['i-0legacy'], crossZone: false }];
  r.cacheClusters = [
    { id: 'pages', engine: 'memcached', nodeZones: ['us-east-1a', 'us-east-1b'] },
    { id: 'sessions-001', engine: 'redis', nodeZones: ['us-east-1a'], replicationGroup: 'sessions' },
  ];
  r.tables = [
    { name: 'carts', pitr: true },
    { name: 'orders-events', pitr: false },
  ];
  r.tgwAttachments = [{ id: 'tgw-attach-0shared', tgwId: 'tgw-0core', vpcId: 'vpc-1', subnets: ['subnet-priv-a', 'subnet-priv-b'] }];
  r.ecsClusters = [
    {
      name: 'prod',
      services: [{ name: 'api', desired: 2, launchType: 'FARGATE', subnets: ['subnet-priv-a', 'subnet-priv-b'] }],
      tasks: [
        { id: 'task-api-1', service: 'api', zone: 'us-east-1a' },
        { id: 'task-api-2', service: 'api', zone: 'us-east-1b' },
      ],
    },
  ];
  r.searchDomains = [{ name: 'catalog', instanceCount: 2, zoneAwareness: true, subnets: ['subnet-priv-a', 'subnet-priv-b'] }];
  r.brokers = [{ id: 'b-0orders', name: 'orders', mode: 'ACTIVE_STANDBY_MULTI_AZ', subnets: ['subnet-priv-a', 'subnet-priv-b'] }];
  r.firewalls = [{ name: 'egress', vpcId: 'vpc-1', subnets: ['subnet-pub-a', 'subnet-pub-b'] }];
  r.resolverEndpoints = [{ id: 'rslvr-in-0corp', name: 'corp-dns', direction: 'INBOUND', vpcId: 'vpc-1', subnets: ['subnet-priv-a', 'subnet-priv-b'] }];
  r.eksClusters = [{ name: 'prod', nodegroups: [{ name: 'workers', subnets: ['subnet-priv-a', 'subnet-priv-b'], min: 2, max: 4, desired: 2 }] }];
  r.dlmPolicies = [{ id: 'policy-0logs', description: 'daily log snapshots', state: 'ENABLED', resourceTypes: ['VOLUME'], targetTags: [{ key: 'snapshot', value: 'daily' }] }];

  const member = emptyRegion(ZONES.map((z, i) => ({ name: z.name, id: ['use1-az1', 'use1-az2', 'use1-az4'][i] })));
  member.instances = [{ id: 'i-0member', zone: 'us-east-1a', subnetId: 'subnet-m', vpcId: 'vpc-m' }];
  member.subnets = [{ id: 'subnet-m', vpcId: 'vpc-m', zone: 'us-east-1a', cidr: '10.1.0.0/24' }];
  member.volumes = [{ id: 'vol-0member', zone: 'us-east-1a', size: 30, attachments: [{ instanceId: 'i-0member', device: '/dev/sdf' }] }];

  return {
    accounts: [
      { id: ACCOUNT, name: 'management', regions: { 'us-east-1': r, 'us-west-2': emptyRegion([{ name: 'us-west-2a', id: 'usw2-az1' }, { name: 'us-west-2b', id: 'usw2-az2' }]) } },
      { id: MEMBER, name: 'member', regions: { 'us-east-1': member } },
      { id: LOCKED, name: 'locked', regions: { 'us-east-1': emptyRegion(ZONES) } },
    ],
    callerKeys: { [ACCESS_KEY]: ACCOUNT },
    organization: [
      { id: ACCOUNT, name: 'management', status: 'ACTIVE' },
      { id: MEMBER, name: 'member', status: 'ACTIVE' },
      { id: LOCKED, name: 'locked', status: 'ACTIVE' },
      { id: '000011112222', name: 'closed', status: 'SUSPENDED' },
    ],
    roles: { [`arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`]: true, [`arn:aws:iam::${MEMBER}:role/Audit`]: true },
  };
}
