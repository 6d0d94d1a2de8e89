// A large simulated account for the benchmark (scripts/bench-live.mjs): thousands of instances and volumes spread over
// three zones, Auto Scaling groups, databases, load balancers, snapshots and backups, and the minimum number of API
// calls a complete scan of it needs at the page sizes each API allows.
import { API_MAX, BATCH_MAX } from './server';
import { FakeWorld, emptyRegion } from './model';
import { ACCESS_KEY, ACCOUNT, ZONES } from './account2011';

export interface BigWorldSize {
  instances: number;
  volumes: number;
}

export function bigWorld(size: BigWorldSize, now = new Date()): { world: FakeWorld; minimumCalls: Record<string, number> } {
  const r = emptyRegion(ZONES);
  const zone = (i: number) => ZONES[i % 3].name;
  r.subnets = ZONES.flatMap((z, i) => [
    { id: `subnet-priv-${i}`, vpcId: 'vpc-1', zone: z.name, cidr: `10.0.${i}.0/24` },
    { id: `subnet-pub-${i}`, vpcId: 'vpc-1', zone: z.name, cidr: `10.0.${100 + i}.0/24` },
  ]);
  r.natGateways = [{ id: 'nat-0', subnetId: 'subnet-pub-0', vpcId: 'vpc-1' }];
  r.routeTables = [
    { id: 'rtb-private', vpcId: 'vpc-1', subnets: ZONES.map((_, i) => `subnet-priv-${i}`), routes: [{ dest: '0.0.0.0/0', nat: 'nat-0' }] },
    { id: 'rtb-public', vpcId: 'vpc-1', main: true, subnets: [], routes: [{ dest: '0.0.0.0/0', gateway: 'igw-1' }] },
  ];
  const hex = (n: number) => n.toString(16).padStart(12, '0');
  const groups = Math.max(1, Math.floor(size.instances / 100));
  const inGroups = Math.floor(size.instances / 2);
  const perGroup = Math.max(1, Math.floor(inGroups / groups));
  for (let i = 0; i < size.instances; i++) {
    const g = i < inGroups ? Math.floor(i / perGroup) : -1;
    r.instances.push({ id: `i-${hex(i)}`, zone: zone(i), subnetId: `subnet-priv-${i % 3}`, vpcId: 'vpc-1', type: 'm5.large', tags: g >= 0 ? { 'aws:autoscaling:groupName': `asg-${g}`, Name: `web-${i}` } : { Name: `host-${i}` } });
  }
  for (let g = 0; g < groups; g++) {
    const members = r.instances.slice(g * perGroup, (g + 1) * perGroup);
    r.asgs.push({ name: `asg-${g}`, min: 2, max: 200, desired: members.length, subnets: ZONES.map((_, i) => `subnet-priv-${i}`), zones: ZONES.map((z) => z.name), targetGroups: [], instances: members.map((m) => ({ id: m.id, zone: m.zone })) });
  }
  for (let v = 0; v < size.volumes; v++) {
    const attachTo = v < size.instances * 2 ? r.instances[v % size.instances] : undefined;
    r.volumes.push({ id: `vol-${hex(v)}`, zone: attachTo?.zone ?? zone(v), size: 8 + (v % 500), attachments: attachTo ? [{ instanceId: attachTo.id, device: v < size.instances ? '/dev/xvda' : '/dev/sdf' }] : [] });
    if (v % 3 !== 0) r.snapshots.push({ id: `snap-${hex(v)}`, volumeId: `vol-${hex(v)}`, start: new Date(now.getTime() - (v % 72) * 3600_000) });
  }
  const lbs = Math.max(1, Math.floor(size.instances / 100));
  for (let l = 0; l < lbs; l++) {
    const lbArn = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/app/lb-${l}/${hex(l)}`;
    r.loadBalancers.push({ arn: lbArn, name: `lb-${l}`, type: 'application', scheme: 'internal', vpcId: 'vpc-1', zones: ZONES.map((z, i) => ({ zone: z.name, subnetId: `subnet-pub-${i}` })) });
    const targets = r.instances.slice(l * 10, l * 10 + 10).map((i) => ({ id: i.id, port: 80, state: 'healthy', zone: i.zone }));
    r.targetGroups.push({ arn: `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/tg-${l}/${hex(l)}`, name: `tg-${l}`, port: 80, vpcId: 'vpc-1', lbs: [lbArn], targets });
  }
  const dbs = Math.max(1, Math.floor(size.instances / 20));
  const group = { name: 'db', subnets: ZONES.map((z, i) => ({ id: `subnet-priv-${i}`, zone: z.name })) };
  for (let d = 0; d < dbs; d++) {
    r.dbInstances.push({ id: `db-${d}`, engine: 'postgres', cls: 'db.m5.large', multiAz: d % 2 === 0, zone: zone(d), secondaryZone: d % 2 === 0 ? zone(d + 1) : undefined, retention: d % 5 === 0 ? 0 : 7, storage: 100, subnetGroup: group, latestRestorable: d % 5 === 0 ? undefined : new Date(now.getTime() - 300_000) });
    r.dbSnapshots.push({ id: `rds:db-${d}-manual`, dbId: `db-${d}`, time: new Date(now.getTime() - (d % 96) * 3600_000) });
  }
  for (let c = 0; c < Math.max(1, Math.floor(dbs / 10)); c++) {
    r.dbClusters.push({ id: `cluster-${c}`, engine: 'aurora-postgresql', zones: ZONES.map((z) => z.name), members: [], retention: 7, latestRestorable: new Date(now.getTime() - 300_000) });
    r.dbClusterSnapshots.push({ id: `rds:cluster-${c}`, clusterId: `cluster-${c}`, time: new Date(now.getTime() - 3600_000) });
  }
  for (let g = 0; g < Math.max(1, Math.floor(size.instances / 100)); g++) {
    r.replicationGroups.push({ id: `cache-${g}`, failover: g % 2 ? 'enabled' : 'disabled', multiAz: g % 2 ? 'enabled' : 'disabled', members: [{ id: `cache-${g}-001`, zone: zone(g), role: 'primary' }, ...(g % 2 ? [{ id: `cache-${g}-002`, zone: zone(g + 1), role: 'replica' }] : [])] });
  }
  for (let f = 0; f < Math.max(1, Math.floor(size.instances / 200)); f++) {
    r.fileSystems.push({ id: `fs-${hex(f)}`, size: 1e9, mountTargets: ZONES.map((z, i) => ({ id: `fsmt-${hex(f)}-${i}`, subnetId: `subnet-priv-${i}`, zone: z.name, zoneId: z.id })) });
  }
  for (let l = 0; l < Math.max(1, Math.floor(size.instances / 20)); l++) {
    r.functions.push({ name: `fn-${l}`, runtime: 'nodejs20.x', subnets: l % 2 ? ['subnet-priv-0', 'subnet-priv-1'] : [], sgs: l % 2 ? ['sg-1'] : [], vpcId: l % 2 ? 'vpc-1' : undefined });
  }
  for (let v = 0; v < size.volumes; v += 6) r.protectedResources.push({ arn: `arn:aws:ec2:us-east-1:${ACCOUNT}:volume/vol-${hex(v)}`, type: 'EBS', last: new Date(now.getTime() - (v % 48) * 3600_000) });
  r.backupPlans = [0, 1, 2].map((p) => ({ id: `plan-${p}`, name: `plan-${p}`, selections: [0, 1].map((s) => ({ id: `sel-${p}-${s}`, name: `sel-${s}`, resources: [], tags: [{ key: 'backup', value: `tier-${p}` }] })) }));
  r.dlmPolicies = [0, 1].map((p) => ({ id: `policy-${p}`, description: `policy ${p}`, state: 'ENABLED', resourceTypes: ['VOLUME'], targetTags: [{ key: 'snapshot', value: `${p}` }] }));

  // the services read since: a Classic LB, a network LB, a Memcached cluster and a DynamoDB table per hundred instances,
  // ECS services with tasks and EKS node groups
  const hundreds = Math.max(1, Math.floor(size.instances / 100));
  for (let l = 0; l < hundreds; l++) {
    r.classicLbs.push({ name: `classic-${l}`, vpcId: 'vpc-1', zones: ZONES.map((z) => z.name), subnets: ZONES.map((_, i) => `subnet-pub-${i}`), instances: r.instances.slice(l * 3, l * 3 + 3).map((i) => i.id), crossZone: l % 2 === 0 });
    r.loadBalancers.push({ arn: `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/net/nlb-${l}/${hex(l)}`, name: `nlb-${l}`, type: 'network', scheme: 'internal', vpcId: 'vpc-1', zones: ZONES.map((z, i) => ({ zone: z.name, subnetId: `subnet-priv-${i}` })) });
    r.cacheClusters.push({ id: `memcached-${l}`, engine: 'memcached', nodeZones: l % 2 ? [zone(l)] : ZONES.map((z) => z.name) });
    r.tables.push({ name: `table-${hex(l)}`, pitr: l % 3 !== 0 });
  }
  r.tgwAttachments = [{ id: 'tgw-attach-0', tgwId: 'tgw-0', vpcId: 'vpc-1', subnets: ZONES.map((_, i) => `subnet-priv-${i}`) }];
  r.ecsClusters = [0, 1].map((c) => {
    const services = Array.from({ length: Math.max(1, Math.floor(size.instances / 200)) }, (_, s) => ({ name: `svc-${c}-${s}`, desired: 3, launchType: 'FARGATE', subnets: ZONES.map((_, i) => `subnet-priv-${i}`) }));
    return { name: `cluster-${c}`, services, tasks: services.flatMap((s) => [0, 1, 2].map((t) => ({ id: `${s.name}-task-${t}`, service: s.name, zone: zone(t) }))) };
  });
  r.kafkaClusters = Array.from({ length: hundreds }, (_, k) => ({ name: `msk-${k}`, brokers: 3, subnets: ZONES.map((_, i) => `subnet-priv-${i}`) }));
  r.dmsInstances = Array.from({ length: hundreds }, (_, k) => ({ id: `dms-${k}`, multiAz: k % 2 === 0, zone: zone(k), secondaryZone: k % 2 === 0 ? zone(k + 1) : undefined, subnetGroup: { name: 'dms', subnets: ZONES.map((z, i) => ({ id: `subnet-priv-${i}`, zone: z.name })) } }));
  r.searchDomains = Array.from({ length: Math.min(12, hundreds) }, (_, k) => ({ name: `search-${k}`, instanceCount: 3, zoneAwareness: true, subnets: ZONES.map((_, i) => `subnet-priv-${i}`) }));
  r.brokers = Array.from({ length: hundreds }, (_, k) => ({ id: `b-${hex(k)}`, name: `broker-${k}`, mode: k % 2 ? 'SINGLE_INSTANCE' : 'ACTIVE_STANDBY_MULTI_AZ', subnets: k % 2 ? ['subnet-priv-0'] : ['subnet-priv-0', 'subnet-priv-1'] }));
  r.fsxFileSystems = Array.from({ length: hundreds }, (_, k) => ({ id: `fs-0${hex(k)}`, type: 'WINDOWS', deployment: k % 2 ? 'SINGLE_AZ_2' : 'MULTI_AZ_1', subnets: k % 2 ? ['subnet-priv-0'] : ['subnet-priv-0', 'subnet-priv-1'], retention: 7 }));
  r.redshiftClusters = Array.from({ length: hundreds }, (_, k) => ({ id: `dw-${k}`, zone: zone(k), nodes: 2, multiAz: k % 2 === 0 }));
  r.memoryDbClusters = Array.from({ length: hundreds }, (_, k) => ({ name: `mdb-${k}`, zones: [zone(k), zone(k + 1)] }));
  r.daxClusters = Array.from({ length: hundreds }, (_, k) => ({ name: `dax-${k}`, zones: ZONES.map((z) => z.name) }));
  r.firewalls = Array.from({ length: hundreds }, (_, k) => ({ name: `fw-${k}`, vpcId: 'vpc-1', subnets: ZONES.map((_, i) => `subnet-pub-${i}`) }));
  // Resolver endpoints (two IP addresses in one zone for every other one) and S3 Express directory buckets
  r.resolverEndpoints = Array.from({ length: hundreds }, (_, k) => ({ id: `rslvr-in-${hex(k)}`, name: `dns-${k}`, direction: k % 2 ? 'OUTBOUND' : 'INBOUND', vpcId: 'vpc-1', subnets: k % 2 ? ['subnet-priv-0', 'subnet-priv-0'] : ZONES.map((_, i) => `subnet-priv-${i}`) }));
  r.directoryBuckets = Array.from({ length: hundreds }, (_, k) => `express-${k}--${ZONES[k % ZONES.length].id}--x-s3`);
  r.eksClusters = [{ name: 'eks-0', nodegroups: Array.from({ length: Math.max(1, Math.floor(size.instances / 1000)) }, (_, n) => ({ name: `ng-${n}`, subnets: ZONES.map((_, i) => `subnet-priv-${i}`), min: 3, max: 30, desired: 3 })) }];

  const pages = (op: string, n: number) => Math.max(1, Math.ceil(n / (API_MAX[op].serve ?? API_MAX[op].max)));
  const minimumCalls: Record<string, number> = {
    'sts:GetCallerIdentity': 1,
    'ec2:DescribeAvailabilityZones': 1,
    'ec2:DescribeInstances': pages('ec2:DescribeInstances', r.instances.length),
    'ec2:DescribeVolumes': pages('ec2:DescribeVolumes', r.volumes.length),
    'ec2:DescribeSnapshots': pages('ec2:DescribeSnapshots', r.snapshots.length),
    'ec2:DescribeSubnets': pages('ec2:DescribeSubnets', r.subnets.length),
    'ec2:DescribeRouteTables': pages('ec2:DescribeRouteTables', r.routeTables.length),
    'ec2:DescribeNatGateways': pages('ec2:DescribeNatGateways', r.natGateways.length),
    'ec2:DescribeVpcEndpoints': pages('ec2:DescribeVpcEndpoints', r.vpcEndpoints.length),
    'autoscaling:DescribeAutoScalingGroups': pages('autoscaling:DescribeAutoScalingGroups', r.asgs.length),
    'elasticloadbalancing:DescribeLoadBalancers': pages('elasticloadbalancing:DescribeLoadBalancers', r.loadBalancers.length),
    'elasticloadbalancing:DescribeTargetGroups': pages('elasticloadbalancing:DescribeTargetGroups', r.targetGroups.length),
    'elasticloadbalancing:DescribeTargetHealth': r.targetGroups.filter((t) => t.lbs.length).length,
    'rds:DescribeDBInstances': pages('rds:DescribeDBInstances', r.dbInstances.length),
    'rds:DescribeDBClusters': pages('rds:DescribeDBClusters', r.dbClusters.length),
    'rds:DescribeDBSnapshots': pages('rds:DescribeDBSnapshots', r.dbSnapshots.length),
    'rds:DescribeDBClusterSnapshots': pages('rds:DescribeDBClusterSnapshots', r.dbClusterSnapshots.length),
    'elasticache:DescribeReplicationGroups': pages('elasticache:DescribeReplicationGroups', r.replicationGroups.length),
    'elasticfilesystem:DescribeFileSystems': pages('elasticfilesystem:DescribeFileSystems', r.fileSystems.length),
    'elasticfilesystem:DescribeMountTargets': r.fileSystems.length,
    'lambda:ListFunctions': pages('lambda:ListFunctions', r.functions.length),
    'backup:ListProtectedResources': pages('backup:ListProtectedResources', r.protectedResources.length),
    'backup:ListBackupPlans': pages('backup:ListBackupPlans', r.backupPlans.length),
    'backup:ListBackupSelections': r.backupPlans.length,
    'backup:GetBackupSelection': r.backupPlans.reduce((n, p) => n + p.selections.length, 0),
    'dlm:GetLifecyclePolicies': 1,
    'dlm:GetLifecyclePolicy': r.dlmPolicies.length,
    'ec2:DescribeTransitGatewayVpcAttachments': pages('ec2:DescribeTransitGatewayVpcAttachments', r.tgwAttachments.length),
    // one attributes call per load balancer other than an ALB and per target group a load balancer forwards to
    'elasticloadbalancing:DescribeLoadBalancerAttributes': r.loadBalancers.filter((l) => l.type !== 'application').length,
    'elasticloadbalancing:DescribeTargetGroupAttributes': r.targetGroups.filter((t) => t.lbs.length).length,
    'elb:DescribeLoadBalancers': pages('elb:DescribeLoadBalancers', r.classicLbs.length),
    'elb:DescribeLoadBalancerAttributes': r.classicLbs.length,
    'elasticache:DescribeCacheClusters': pages('elasticache:DescribeCacheClusters', r.cacheClusters.length),
    'dynamodb:ListTables': pages('dynamodb:ListTables', r.tables.length),
    'dynamodb:DescribeContinuousBackups': r.tables.length,
    'ecs:ListClusters': pages('ecs:ListClusters', r.ecsClusters.length),
    'ecs:ListServices': r.ecsClusters.reduce((n, c) => n + pages('ecs:ListServices', c.services.length), 0),
    'ecs:DescribeServices': r.ecsClusters.reduce((n, c) => n + Math.ceil(c.services.length / BATCH_MAX['ecs:DescribeServices']), 0),
    'ecs:ListTasks': r.ecsClusters.reduce((n, c) => n + (c.services.length ? pages('ecs:ListTasks', c.tasks.length) : 0), 0),
    'ecs:DescribeTasks': r.ecsClusters.reduce((n, c) => n + (c.services.length ? Math.ceil(c.tasks.length / BATCH_MAX['ecs:DescribeTasks']) : 0), 0),
    'eks:ListClusters': pages('eks:ListClusters', r.eksClusters.length),
    'eks:ListNodegroups': r.eksClusters.reduce((n, c) => n + pages('eks:ListNodegroups', c.nodegroups.length), 0),
    'eks:DescribeNodegroup': r.eksClusters.reduce((n, c) => n + c.nodegroups.length, 0),
    'kafka:ListClustersV2': pages('kafka:ListClustersV2', r.kafkaClusters.length),
    'dms:DescribeReplicationInstances': pages('dms:DescribeReplicationInstances', r.dmsInstances.length),
    // ListDomainNames is not paginated; DescribeDomains takes 5 names, DescribeBroker and DescribeFirewall one
    'es:ListDomainNames': 1,
    'es:DescribeDomains': Math.ceil(r.searchDomains.length / BATCH_MAX['es:DescribeDomains']),
    'mq:ListBrokers': pages('mq:ListBrokers', r.brokers.length),
    'mq:DescribeBroker': r.brokers.length,
    'fsx:DescribeFileSystems': pages('fsx:DescribeFileSystems', r.fsxFileSystems.length),
    'redshift:DescribeClusters': pages('redshift:DescribeClusters', r.redshiftClusters.length),
    'memorydb:DescribeClusters': pages('memorydb:DescribeClusters', r.memoryDbClusters.length),
    'dax:DescribeClusters': pages('dax:DescribeClusters', r.daxClusters.length),
    'network-firewall:ListFirewalls': pages('network-firewall:ListFirewalls', r.firewalls.length),
    'network-firewall:DescribeFirewall': r.firewalls.length,
    'route53resolver:ListResolverEndpoints': pages('route53resolver:ListResolverEndpoints', r.resolverEndpoints.length),
    // one page of addresses per endpoint (at most 100 per page, six per endpoint at most)
    'route53resolver:ListResolverEndpointIpAddresses': r.resolverEndpoints.reduce((n, e) => n + pages('route53resolver:ListResolverEndpointIpAddresses', e.subnets.length), 0),
    's3express:ListDirectoryBuckets': pages('s3express:ListDirectoryBuckets', r.directoryBuckets.length),
  };
  return {
    world: { accounts: [{ id: ACCOUNT, name: 'big', regions: { 'us-east-1': r } }], callerKeys: { [ACCESS_KEY]: ACCOUNT }, roles: {} },
    minimumCalls,
  };
}
