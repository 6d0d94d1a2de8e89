// A local HTTP server (127.0.0.1 only) that answers the AWS APIs the scanner calls, in their real wire protocols:
// EC2 (ec2Query + XML), RDS / Auto Scaling / ELBv2 / Classic ELB / ElastiCache / STS (awsQuery + XML), EFS / Lambda /
// Backup / DLM / EKS (restJson1), Organizations / ECS (awsJson1_1), DynamoDB (awsJson1_0). Classic ELB signs as
// `elasticloadbalancing` like ELBv2; its API version (2012-06-01) tells them apart, and the log names it `elb`. The service, region and caller come from the SigV4 Authorization header,
// like AWS. It paginates (server-side page caps force multi-page answers), validates page-size limits, and injects
// throttling, AccessDenied and 5xx answers, calls that never answer and HTML error pages on request. Every request is
// logged.
import * as http from 'http';
import type { AddressInfo } from 'net';
import { FakeRegion, FakeWorld, emptyRegion } from './model';
import { WireResponse, XmlValue, ec2Error, ec2Ok, epoch, jsonError, jsonOk, queryError, queryOk, restXmlError, restXmlOk } from './wire';

export interface LogEntry {
  account?: string;
  region: string;
  service: string;
  operation: string;
  status: number;
  code?: string;
  accessKeyId?: string;
}

export interface ServerOptions {
  /** Largest page the server returns per operation (`ec2:DescribeInstances`) or for all: forces multi-page answers. */
  pageCap?: number | Record<string, number>;
  /** The first N calls of an operation (`svc:Op`, or `svc` for all its operations) answer with a throttling error. */
  throttle?: Record<string, number>;
  /** Operations or services that answer AccessDenied (per protocol). */
  deny?: string[];
  /** The first N calls (or every call: 'always') of an operation answer with a 5xx error. */
  fail?: Record<string, number | 'always'>;
  /** Regions the accounts have not opted in to: every call there but STS answers OptInRequired (as EC2 does, HTTP 401). */
  optInRequired?: string[];
  /** Operations or services that never answer (the connection stays open until the client gives up). */
  hang?: string[];
  /** Operations or services that answer HTTP 500 with an HTML page, as an emulator's unimplemented call does. */
  unimplemented?: string[];
  /** Delay before each answer, in ms (benchmark). */
  latencyMs?: number;
  /** Keep no per-request log entries (benchmark: only counters). */
  noLog?: boolean;
  /** Path answering the per-operation call counts as JSON, without authentication (benchmark). */
  statsPath?: string;
}

export interface FakeAwsServer {
  url: string;
  log: LogEntry[];
  counts: Map<string, number>;
  /** Most requests in flight at once, per `account/region` (signed scope). */
  peakInFlight: Map<string, number>;
  close(): Promise<void>;
}

/** Page-size limits each API documents (requests above are rejected, as AWS does). */
/** `serve`: the most items the API returns per page whatever is asked (DescribeVolumes: documented at 500). */
export const API_MAX: Record<string, { param: string; max: number; min?: number; serve?: number }> = {
  'ec2:DescribeInstances': { param: 'MaxResults', max: 1000, min: 5 },
  'ec2:DescribeVolumes': { param: 'MaxResults', max: 1000, min: 5, serve: 500 },
  'ec2:DescribeSnapshots': { param: 'MaxResults', max: 1000, min: 5 },
  'ec2:DescribeSubnets': { param: 'MaxResults', max: 1000, min: 5 },
  'ec2:DescribeRouteTables': { param: 'MaxResults', max: 100, min: 5 },
  'ec2:DescribeNatGateways': { param: 'MaxResults', max: 1000, min: 5 },
  'ec2:DescribeVpcEndpoints': { param: 'MaxResults', max: 1000, min: 1 },
  'autoscaling:DescribeAutoScalingGroups': { param: 'MaxRecords', max: 100, min: 1 },
  'elasticloadbalancing:DescribeLoadBalancers': { param: 'PageSize', max: 400, min: 1 },
  'elasticloadbalancing:DescribeTargetGroups': { param: 'PageSize', max: 400, min: 1 },
  'rds:DescribeDBInstances': { param: 'MaxRecords', max: 100, min: 20 },
  'rds:DescribeDBClusters': { param: 'MaxRecords', max: 100, min: 20 },
  'rds:DescribeDBSnapshots': { param: 'MaxRecords', max: 100, min: 20 },
  'rds:DescribeDBClusterSnapshots': { param: 'MaxRecords', max: 100, min: 20 },
  'elasticache:DescribeReplicationGroups': { param: 'MaxRecords', max: 100, min: 20 },
  'elasticfilesystem:DescribeFileSystems': { param: 'MaxItems', max: 100, min: 1 },
  'elasticfilesystem:DescribeMountTargets': { param: 'MaxItems', max: 100, min: 1 },
  'lambda:ListFunctions': { param: 'MaxItems', max: 50, min: 1 },
  'backup:ListProtectedResources': { param: 'maxResults', max: 1000, min: 1 },
  'backup:ListBackupPlans': { param: 'maxResults', max: 1000, min: 1 },
  'backup:ListBackupSelections': { param: 'maxResults', max: 1000, min: 1 },
  'organizations:ListAccounts': { param: 'MaxResults', max: 20, min: 1 },
  'kafka:ListClustersV2': { param: 'maxResults', max: 100, min: 1 },
  'dms:DescribeReplicationInstances': { param: 'MaxRecords', max: 100, min: 20 },
  'mq:ListBrokers': { param: 'maxResults', max: 100, min: 1 },
  'fsx:DescribeFileSystems': { param: 'MaxResults', max: 2147483647, min: 1 },
  'redshift:DescribeClusters': { param: 'MaxRecords', max: 100, min: 20 },
  'memorydb:DescribeClusters': { param: 'MaxResults', max: 100, min: 1 },
  'dax:DescribeClusters': { param: 'MaxResults', max: 100, min: 20 },
  'network-firewall:ListFirewalls': { param: 'MaxResults', max: 100, min: 1 },
  'ec2:DescribeTransitGatewayVpcAttachments': { param: 'MaxResults', max: 1000, min: 5 },
  'route53resolver:ListResolverEndpoints': { param: 'MaxResults', max: 100, min: 1 },
  'route53resolver:ListResolverEndpointIpAddresses': { param: 'MaxResults', max: 100, min: 1 },
  's3express:ListDirectoryBuckets': { param: 'max-directory-buckets', max: 1000, min: 0 },
  'elb:DescribeLoadBalancers': { param: 'PageSize', max: 400, min: 1 },
  'elasticache:DescribeCacheClusters': { param: 'MaxRecords', max: 100, min: 20 },
  'dynamodb:ListTables': { param: 'Limit', max: 100, min: 1 },
  'ecs:ListClusters': { param: 'maxResults', max: 100, min: 1 },
  'ecs:ListServices': { param: 'maxResults', max: 100, min: 1 },
  'ecs:ListTasks': { param: 'maxResults', max: 100, min: 1 },
  'eks:ListClusters': { param: 'maxResults', max: 100, min: 1 },
  'eks:ListNodegroups': { param: 'maxResults', max: 100, min: 1 },
};

/** Batch limits of Describe calls that take a list of names (more is a ValidationException, as AWS answers). */
export const BATCH_MAX: Record<string, number> = { 'ecs:DescribeServices': 10, 'ecs:DescribeTasks': 100, 'es:DescribeDomains': 5 };

class Fail extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Params = { get(name: string): string | undefined; list(prefix: string): string[] };

interface Request {
  service: string;
  region: string;
  account: string;
  accessKeyId: string;
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
  headers: http.IncomingHttpHeaders;
}

const PROTOCOL: Record<string, 'ec2' | 'query' | 'restJson' | 'awsJson' | 'restXml'> = {
  ec2: 'ec2',
  rds: 'query',
  autoscaling: 'query',
  elasticloadbalancing: 'query',
  elasticache: 'query',
  sts: 'query',
  elasticfilesystem: 'restJson',
  lambda: 'restJson',
  backup: 'restJson',
  dlm: 'restJson',
  eks: 'restJson',
  organizations: 'awsJson',
  ecs: 'awsJson',
  dynamodb: 'awsJson',
  elb: 'query',
  es: 'restJson',
  mq: 'restJson',
  kafka: 'restJson',
  fsx: 'awsJson',
  memorydb: 'awsJson',
  dax: 'awsJson',
  dms: 'awsJson',
  'network-firewall': 'awsJson',
  redshift: 'query',
  route53resolver: 'awsJson',
  // the S3 Express control plane (ListDirectoryBuckets), signed as s3express
  s3express: 'restXml',
};


/** awsJson content types: 1.0 for DynamoDB, 1.1 for the others. */
const JSON_CONTENT: Record<string, string> = { dynamodb: 'application/x-amz-json-1.0', 'network-firewall': 'application/x-amz-json-1.0' };

const NAMESPACES: Record<string, string> = {
  rds: 'http://rds.amazonaws.com/doc/2014-10-31/',
  autoscaling: 'http://autoscaling.amazonaws.com/doc/2011-01-01/',
  elasticloadbalancing: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
  elasticache: 'http://elasticache.amazonaws.com/doc/2015-02-02/',
  elb: 'http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/',
  redshift: 'http://redshift.amazonaws.com/doc/2012-12-01/',
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
};

/** awsQuery list member names where the service model sets an xmlName (else `member`). */
const MEMBERS: Record<string, Record<string, string>> = {
  rds: { DBInstances: 'DBInstance', Subnets: 'Subnet', DBClusters: 'DBCluster', DBClusterMembers: 'DBClusterMember', AvailabilityZones: 'AvailabilityZone', DBSnapshots: 'DBSnapshot', DBClusterSnapshots: 'DBClusterSnapshot' },
  redshift: { Clusters: 'Cluster' },
  elasticache: { ReplicationGroups: 'ReplicationGroup', NodeGroups: 'NodeGroup', NodeGroupMembers: 'NodeGroupMember', MemberClusters: 'ClusterId', CacheClusters: 'CacheCluster', CacheNodes: 'CacheNode' },
};

function errorFor(protocol: string, status: number, code: string, message: string): WireResponse {
  if (protocol === 'ec2') return ec2Error(status, code, message);
  if (protocol === 'restXml') return restXmlError(status, code, message);
  if (protocol === 'query') return queryError(status, code, message);
  return jsonError(status, code, message, protocol === 'awsJson' ? 'application/x-amz-json-1.1' : 'application/json');
}

const THROTTLE_CODE: Record<string, [number, string]> = {
  ec2: [503, 'RequestLimitExceeded'],
  query: [400, 'Throttling'],
  restJson: [429, 'ThrottlingException'],
  awsJson: [400, 'TooManyRequestsException'],
  restXml: [503, 'SlowDown'],
};
const DENIED_CODE: Record<string, [number, string]> = {
  ec2: [403, 'UnauthorizedOperation'],
  query: [403, 'AccessDenied'],
  restJson: [403, 'AccessDeniedException'],
  awsJson: [400, 'AccessDeniedException'],
  restXml: [403, 'AccessDenied'],
};
const FAIL_CODE: Record<string, [number, string]> = {
  ec2: [500, 'InternalError'],
  query: [500, 'InternalFailure'],
  restJson: [500, 'ServiceException'],
  awsJson: [500, 'ServiceException'],
  restXml: [500, 'InternalError'],
};

export async function startFakeAws(world: FakeWorld, options: ServerOptions = {}): Promise<FakeAwsServer> {
  const log: LogEntry[] = [];
  const counts = new Map<string, number>();
  const inFlight = new Map<string, number>();
  const peakInFlight = new Map<string, number>();
  const sessions = new Map<string, string>(); // temporary access key id -> account
  let sessionCounter = 0;

  const cap = (op: string) => (typeof options.pageCap === 'number' ? options.pageCap : (options.pageCap?.[op] ?? Infinity));

  /** Pages a list the way AWS does: opaque token bound to the operation, page size within the API's limits. */
  function paginate<T>(op: string, items: T[], requested: string | undefined, token: string | undefined, defaultSize: number): { items: T[]; next?: string } {
    const limits = API_MAX[op];
    let size = defaultSize;
    if (requested !== undefined) {
      size = Number(requested);
      if (!Number.isInteger(size) || (limits && (size > limits.max || size < (limits.min ?? 1)))) {
        throw new Fail(400, 'InvalidParameterValue', `${limits?.param ?? 'page size'} ${requested} is outside ${limits?.min ?? 1}..${limits?.max}`);
      }
    }
    size = Math.min(size, cap(op), limits?.serve ?? Infinity);
    let offset = 0;
    if (token) {
      const decoded = Buffer.from(token, 'base64url').toString('utf8');
      const m = /^(.+)#(\d+)$/.exec(decoded);
      if (!m || m[1] !== op) throw new Fail(400, 'InvalidNextToken', `invalid pagination token for ${op}`);
      offset = Number(m[2]);
    }
    const end = offset + size;
    return { items: items.slice(offset, end), next: end < items.length ? Buffer.from(`${op}#${end}`).toString('base64url') : undefined };
  }

  function regionOf(req: Request): FakeRegion {
    const acct = world.accounts.find((a) => a.id === req.account);
    if (!acct) throw new Fail(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
    return acct.regions[req.region] ?? emptyRegion([]);
  }

  const tags = (t: Record<string, string> | undefined) => Object.entries(t ?? {}).map(([key, value]) => ({ key, value }));

  // ---------------------------------------------------------------- EC2 (ec2Query)
  function ec2(op: string, p: Params, req: Request): WireResponse {
    const r = regionOf(req);
    const pg = <T>(items: T[]) => paginate(`ec2:${op}`, items, p.get('MaxResults'), p.get('NextToken'), 1000);
    const filters = new Map<string, string[]>();
    for (let i = 1; p.get(`Filter.${i}.Name`); i++) filters.set(p.get(`Filter.${i}.Name`)!, p.list(`Filter.${i}.Value`));
    switch (op) {
      case 'DescribeAvailabilityZones':
        return ec2Ok(op, { availabilityZoneInfo: r.zones.map((z) => ({ zoneName: z.name, zoneId: z.id, zoneState: 'available', zoneType: 'availability-zone', regionName: req.region })) });
      case 'DescribeInstances': {
        const states = filters.get('instance-state-name');
        const list = r.instances.filter((i) => !states || states.includes(i.state ?? 'running'));
        const { items, next } = pg(list);
        return ec2Ok(op, {
          reservationSet: items.map((i) => ({
            reservationId: `r-${i.id.slice(2)}`,
            ownerId: req.account,
            instancesSet: [
              {
                instanceId: i.id,
                instanceType: i.type ?? 'm5.large',
                placement: { availabilityZone: i.zone, tenancy: 'default' },
                subnetId: i.subnetId,
                vpcId: i.vpcId,
                instanceState: { code: 16, name: i.state ?? 'running' },
                tagSet: tags(i.tags),
              },
            ],
          })),
          nextToken: next,
        });
      }
      case 'DescribeVolumes': {
        const { items, next } = pg(r.volumes);
        return ec2Ok(op, {
          volumeSet: items.map((v) => ({
            volumeId: v.id,
            size: v.size,
            availabilityZone: v.zone,
            status: v.attachments?.length ? 'in-use' : 'available',
            volumeType: v.type ?? 'gp3',
            encrypted: false,
            attachmentSet: (v.attachments ?? []).map((a) => ({ volumeId: v.id, instanceId: a.instanceId, device: a.device, status: 'attached' })),
            tagSet: tags(v.tags),
          })),
          nextToken: next,
        });
      }
      case 'DescribeSnapshots': {
        const owners = p.list('Owner');
        const status = filters.get('status');
        const list = r.snapshots.filter((s) => (!owners.length || owners.some((o) => (o === 'self' ? (s.owner ?? req.account) === req.account : o === s.owner))) && (!status || status.includes(s.state ?? 'completed')));
        const { items, next } = pg(list);
        return ec2Ok(op, {
          snapshotSet: items.map((s) => ({ snapshotId: s.id, volumeId: s.volumeId, status: s.state ?? 'completed', startTime: s.start, ownerId: s.owner ?? req.account, volumeSize: 8 })),
          nextToken: next,
        });
      }
      case 'DescribeSubnets': {
        const { items, next } = pg(r.subnets);
        const zoneId = (name: string) => r.zones.find((z) => z.name === name)?.id;
        return ec2Ok(op, {
          subnetSet: items.map((s) => ({ subnetId: s.id, vpcId: s.vpcId, availabilityZone: s.zone, availabilityZoneId: zoneId(s.zone), cidrBlock: s.cidr, state: 'available', tagSet: tags(s.tags) })),
          nextToken: next,
        });
      }
      case 'DescribeRouteTables': {
        const { items, next } = pg(r.routeTables);
        return ec2Ok(op, {
          routeTableSet: items.map((t) => ({
            routeTableId: t.id,
            vpcId: t.vpcId,
            associationSet: [
              ...(t.main ? [{ routeTableAssociationId: `rtbassoc-main-${t.id}`, routeTableId: t.id, main: true }] : []),
              ...t.subnets.map((s) => ({ routeTableAssociationId: `rtbassoc-${s}`, routeTableId: t.id, subnetId: s, main: false })),
            ],
            routeSet: [{ destinationCidrBlock: '10.0.0.0/16', gatewayId: 'local', state: 'active' }, ...t.routes.map((x) => ({ destinationCidrBlock: x.dest, natGatewayId: x.nat, gatewayId: x.gateway, state: 'active' }))],
            tagSet: [],
          })),
          nextToken: next,
        });
      }
      case 'DescribeNatGateways': {
        const states = p.list('Filter.1.Value');
        const list = r.natGateways.filter((n) => !states.length || states.includes(n.state ?? 'available'));
        const { items, next } = pg(list);
        return ec2Ok(op, {
          natGatewaySet: items.map((n) => ({ natGatewayId: n.id, subnetId: n.subnetId, vpcId: n.vpcId, state: n.state ?? 'available', connectivityType: 'public', tagSet: [] })),
          nextToken: next,
        });
      }
      case 'DescribeVpcEndpoints': {
        const { items, next } = pg(r.vpcEndpoints);
        return ec2Ok(op, {
          vpcEndpointSet: items.map((e) => ({ vpcEndpointId: e.id, vpcEndpointType: e.type, serviceName: e.service, vpcId: e.vpcId, subnetIdSet: e.subnets, state: 'available' })),
          nextToken: next,
        });
      }
      case 'DescribeTransitGatewayVpcAttachments': {
        const { items, next } = pg(r.tgwAttachments);
        return ec2Ok(op, {
          transitGatewayVpcAttachments: items.map((a) => ({ transitGatewayAttachmentId: a.id, transitGatewayId: a.tgwId, vpcId: a.vpcId, vpcOwnerId: req.account, state: 'available', subnetIds: a.subnets, tagSet: [] })),
          nextToken: next,
        });
      }
    }
    throw new Fail(400, 'InvalidAction', `The action ${op} is not valid for this web service.`);
  }

  // ---------------------------------------------------------------- awsQuery services
  function query(service: string, op: string, p: Params, req: Request): WireResponse {
    const ok = (result: { [k: string]: XmlValue }) => queryOk(op, NAMESPACES[service], result, MEMBERS[service]);
    if (service === 'sts') {
      if (op === 'GetCallerIdentity') {
        const session = req.accessKeyId.startsWith('ASIA');
        return ok({ Arn: session ? `arn:aws:sts::${req.account}:assumed-role/Scan/zonelint-scan` : `arn:aws:iam::${req.account}:user/auditor`, UserId: 'AIDAEXAMPLE', Account: req.account });
      }
      if (op === 'AssumeRole') {
        const arn = p.get('RoleArn') ?? '';
        const target = /^arn:aws:iam::(\d{12}):role\//.exec(arn)?.[1];
        if (!target || !world.roles[arn]) throw new Fail(403, 'AccessDenied', `User: arn:aws:iam::${req.account}:user/auditor is not authorized to perform: sts:AssumeRole on resource: ${arn}`);
        const key = `ASIA${String(++sessionCounter).padStart(8, '0')}${target}`;
        sessions.set(key, target);
        return ok({
          Credentials: { AccessKeyId: key, SecretAccessKey: 'fakeSessionSecret', SessionToken: `token-${key}`, Expiration: new Date(Date.now() + 3600_000) },
          AssumedRoleUser: { Arn: `arn:aws:sts::${target}:assumed-role/${arn.split('/').pop()}/${p.get('RoleSessionName')}`, AssumedRoleId: `AROAEXAMPLE:${p.get('RoleSessionName')}` },
        });
      }
    }
    const r = regionOf(req);
    if (service === 'autoscaling' && op === 'DescribeAutoScalingGroups') {
      const { items, next } = paginate(`autoscaling:${op}`, r.asgs, p.get('MaxRecords'), p.get('NextToken'), 50);
      return ok({
        AutoScalingGroups: items.map((g) => ({
          AutoScalingGroupName: g.name,
          AutoScalingGroupARN: `arn:aws:autoscaling:${req.region}:${req.account}:autoScalingGroup:uuid:autoScalingGroupName/${g.name}`,
          MinSize: g.min,
          MaxSize: g.max,
          DesiredCapacity: g.desired,
          DefaultCooldown: 300,
          AvailabilityZones: g.zones,
          HealthCheckType: 'EC2',
          CreatedTime: new Date('2011-04-01T00:00:00Z'),
          VPCZoneIdentifier: g.subnets.join(','),
          TargetGroupARNs: g.targetGroups,
          LoadBalancerNames: [],
          Instances: g.instances.map((i) => ({ InstanceId: i.id, AvailabilityZone: i.zone, LifecycleState: 'InService', HealthStatus: 'Healthy', ProtectedFromScaleIn: false })),
          Tags: [{ ResourceId: g.name, ResourceType: 'auto-scaling-group', Key: 'team', Value: 'web', PropagateAtLaunch: true }],
        })),
        NextToken: next,
      });
    }
    if (service === 'elasticloadbalancing') {
      if (op === 'DescribeLoadBalancers') {
        const { items, next } = paginate(`elasticloadbalancing:${op}`, r.loadBalancers, p.get('PageSize'), p.get('Marker'), 400);
        return ok({
          LoadBalancers: items.map((lb) => ({
            LoadBalancerArn: lb.arn,
            LoadBalancerName: lb.name,
            Type: lb.type,
            Scheme: lb.scheme,
            VpcId: lb.vpcId,
            State: { Code: 'active' },
            AvailabilityZones: lb.zones.map((z) => ({ ZoneName: z.zone, SubnetId: z.subnetId })),
          })),
          NextMarker: next,
        });
      }
      if (op === 'DescribeTargetGroups') {
        const { items, next } = paginate(`elasticloadbalancing:${op}`, r.targetGroups, p.get('PageSize'), p.get('Marker'), 400);
        return ok({
          TargetGroups: items.map((tg) => ({ TargetGroupArn: tg.arn, TargetGroupName: tg.name, Protocol: 'HTTP', Port: tg.port, VpcId: tg.vpcId, TargetType: 'instance', LoadBalancerArns: tg.lbs })),
          NextMarker: next,
        });
      }
      if (op === 'DescribeLoadBalancerAttributes') {
        const lb = r.loadBalancers.find((l) => l.arn === p.get('LoadBalancerArn'));
        if (!lb) throw new Fail(400, 'LoadBalancerNotFound', `Load balancers '${p.get('LoadBalancerArn')}' not found`);
        const attrs = { 'load_balancing.cross_zone.enabled': 'false', 'deletion_protection.enabled': 'false', ...lb.attributes };
        return ok({ Attributes: Object.entries(attrs).map(([Key, Value]) => ({ Key, Value })) });
      }
      if (op === 'DescribeTargetGroupAttributes') {
        const tg = r.targetGroups.find((t) => t.arn === p.get('TargetGroupArn'));
        if (!tg) throw new Fail(400, 'TargetGroupNotFound', `Target groups '${p.get('TargetGroupArn')}' not found`);
        const attrs = { 'deregistration_delay.timeout_seconds': '300', 'load_balancing.cross_zone.enabled': 'use_load_balancer_configuration', ...tg.attributes };
        return ok({ Attributes: Object.entries(attrs).map(([Key, Value]) => ({ Key, Value })) });
      }
      if (op === 'DescribeTargetHealth') {
        const tg = r.targetGroups.find((t) => t.arn === p.get('TargetGroupArn'));
        if (!tg) throw new Fail(400, 'TargetGroupNotFound', `Target groups '${p.get('TargetGroupArn')}' not found`);
        return ok({
          TargetHealthDescriptions: tg.targets.map((t) => ({
            Target: { Id: t.id, Port: t.port, AvailabilityZone: t.zone },
            HealthCheckPort: String(t.port),
            TargetHealth: t.state === 'healthy' ? { State: 'healthy' } : { State: t.state, Reason: 'Target.FailedHealthChecks', Description: 'Health checks failed' },
          })),
        });
      }
    }
    if (service === 'redshift' && op === 'DescribeClusters') {
      const { items, next } = paginate('redshift:DescribeClusters', r.redshiftClusters, p.get('MaxRecords'), p.get('Marker'), 100);
      return ok({
        Clusters: items.map((c) => ({
          ClusterIdentifier: c.id,
          NodeType: 'ra3.xlplus',
          ClusterStatus: 'available',
          NumberOfNodes: c.nodes,
          AvailabilityZone: c.zone,
          MultiAZ: c.multiAz ? 'Enabled' : 'Disabled',
          AutomatedSnapshotRetentionPeriod: 1,
          ClusterSubnetGroupName: 'dw',
          ClusterNamespaceArn: `arn:aws:redshift:${req.region}:${req.account}:namespace:${c.id}`,
        })),
        Marker: next,
      });
    }
    if (service === 'elb') {
      if (op === 'DescribeLoadBalancers') {
        const { items, next } = paginate(`elb:${op}`, r.classicLbs, p.get('PageSize'), p.get('Marker'), 400);
        return ok({
          LoadBalancerDescriptions: items.map((lb) => ({
            LoadBalancerName: lb.name,
            DNSName: `${lb.name}-1234567890.${req.region}.elb.amazonaws.com`,
            AvailabilityZones: lb.zones,
            Subnets: lb.subnets,
            VPCId: lb.vpcId,
            Instances: lb.instances.map((InstanceId) => ({ InstanceId })),
            Scheme: 'internet-facing',
            CreatedTime: new Date('2011-04-01T00:00:00Z'),
          })),
          NextMarker: next,
        });
      }
      if (op === 'DescribeLoadBalancerAttributes') {
        const lb = r.classicLbs.find((l) => l.name === p.get('LoadBalancerName'));
        if (!lb) throw new Fail(400, 'LoadBalancerNotFound', `There is no ACTIVE Load Balancer named '${p.get('LoadBalancerName')}'`);
        return ok({ LoadBalancerAttributes: { CrossZoneLoadBalancing: { Enabled: lb.crossZone }, ConnectionDraining: { Enabled: false, Timeout: 300 } } });
      }
    }
    if (service === 'elasticache' && op === 'DescribeCacheClusters') {
      const { items, next } = paginate(`elasticache:${op}`, r.cacheClusters, p.get('MaxRecords'), p.get('Marker'), 100);
      const nodes = p.get('ShowCacheNodeInfo') === 'true';
      return ok({
        CacheClusters: items.map((c) => ({
          CacheClusterId: c.id,
          CacheNodeType: 'cache.m5.large',
          Engine: c.engine,
          CacheClusterStatus: 'available',
          NumCacheNodes: c.nodeZones.length,
          PreferredAvailabilityZone: new Set(c.nodeZones).size > 1 ? 'Multiple' : c.nodeZones[0],
          ReplicationGroupId: c.replicationGroup,
          SnapshotRetentionLimit: c.retention,
          CacheSubnetGroupName: 'cache-private',
          ARN: `arn:aws:elasticache:${req.region}:${req.account}:cluster:${c.id}`,
          CacheNodes: nodes ? c.nodeZones.map((z, i) => ({ CacheNodeId: String(i + 1).padStart(4, '0'), CacheNodeStatus: 'available', CustomerAvailabilityZone: z })) : undefined,
        })),
        Marker: next,
      });
    }
    if (service === 'rds') {
      const pg = <T>(items: T[]) => paginate(`rds:${op}`, items, p.get('MaxRecords'), p.get('Marker'), 100);
      if (op === 'DescribeDBInstances') {
        const { items, next } = pg(r.dbInstances);
        return ok({
          DBInstances: items.map((d) => ({
            DBInstanceIdentifier: d.id,
            DBInstanceClass: d.cls,
            Engine: d.engine,
            DBInstanceStatus: 'available',
            AllocatedStorage: d.storage,
            StorageType: 'gp3',
            AvailabilityZone: d.zone,
            SecondaryAvailabilityZone: d.secondaryZone,
            MultiAZ: d.multiAz,
            BackupRetentionPeriod: d.retention,
            DBClusterIdentifier: d.clusterId,
            LatestRestorableTime: d.latestRestorable,
            DBInstanceArn: `arn:aws:rds:${req.region}:${req.account}:db:${d.id}`,
            DBSubnetGroup: d.subnetGroup
              ? { DBSubnetGroupName: d.subnetGroup.name, SubnetGroupStatus: 'Complete', Subnets: d.subnetGroup.subnets.map((s) => ({ SubnetIdentifier: s.id, SubnetAvailabilityZone: { Name: s.zone }, SubnetStatus: 'Active' })) }
              : undefined,
          })),
          Marker: next,
        });
      }
      if (op === 'DescribeDBClusters') {
        const { items, next } = pg(r.dbClusters);
        return ok({
          DBClusters: items.map((c) => ({
            DBClusterIdentifier: c.id,
            Engine: c.engine,
            EngineMode: 'provisioned',
            Status: 'available',
            MultiAZ: c.members.length > 1,
            AvailabilityZones: c.zones,
            BackupRetentionPeriod: c.retention,
            DBSubnetGroup: c.subnetGroup,
            LatestRestorableTime: c.latestRestorable,
            DBClusterArn: `arn:aws:rds:${req.region}:${req.account}:cluster:${c.id}`,
            DBClusterMembers: c.members.map((m) => ({ DBInstanceIdentifier: m.id, IsClusterWriter: m.writer, PromotionTier: 1 })),
          })),
          Marker: next,
        });
      }
      if (op === 'DescribeDBSnapshots') {
        const { items, next } = pg(r.dbSnapshots);
        return ok({ DBSnapshots: items.map((s) => ({ DBSnapshotIdentifier: s.id, DBInstanceIdentifier: s.dbId, SnapshotCreateTime: s.time, Status: s.status ?? 'available', SnapshotType: 'automated' })), Marker: next });
      }
      if (op === 'DescribeDBClusterSnapshots') {
        const { items, next } = pg(r.dbClusterSnapshots);
        return ok({ DBClusterSnapshots: items.map((s) => ({ DBClusterSnapshotIdentifier: s.id, DBClusterIdentifier: s.clusterId, SnapshotCreateTime: s.time, Status: 'available' })), Marker: next });
      }
    }
    if (service === 'elasticache' && op === 'DescribeReplicationGroups') {
      const { items, next } = paginate(`elasticache:${op}`, r.replicationGroups, p.get('MaxRecords'), p.get('Marker'), 100);
      return ok({
        ReplicationGroups: items.map((g) => ({
          ReplicationGroupId: g.id,
          Status: 'available',
          AutomaticFailover: g.failover,
          MultiAZ: g.multiAz,
          ClusterEnabled: false,
          SnapshotRetentionLimit: 0,
          MemberClusters: g.members.map((m) => m.id),
          ARN: `arn:aws:elasticache:${req.region}:${req.account}:replicationgroup:${g.id}`,
          NodeGroups: [{ NodeGroupId: '0001', Status: 'available', NodeGroupMembers: g.members.map((m) => ({ CacheClusterId: m.id, CacheNodeId: '0001', PreferredAvailabilityZone: m.zone, CurrentRole: m.role })) }],
        })),
        Marker: next,
      });
    }
    throw new Fail(400, 'InvalidAction', `Could not find operation ${op} for version`);
  }

  // ---------------------------------------------------------------- restJson1 services
  function restJson(service: string, req: Request): { op: string; run: () => WireResponse } {
    const q = req.query;
    const path = req.path;
    const r = () => regionOf(req);
    const arnBase = () => `${req.region}:${req.account}`;
    let m: RegExpExecArray | null;
    if (service === 'elasticfilesystem') {
      if (req.method === 'GET' && path === '/2015-02-01/file-systems')
        return {
          op: 'DescribeFileSystems',
          run: () => {
            const { items, next } = paginate('elasticfilesystem:DescribeFileSystems', r().fileSystems, q.get('MaxItems') ?? undefined, q.get('Marker') ?? undefined, 100);
            return jsonOk({
              FileSystems: items.map((f) => ({
                OwnerId: req.account,
                CreationToken: f.id,
                FileSystemId: f.id,
                FileSystemArn: `arn:aws:elasticfilesystem:${arnBase()}:file-system/${f.id}`,
                CreationTime: epoch('2011-04-01T00:00:00Z'),
                LifeCycleState: 'available',
                Name: f.name,
                NumberOfMountTargets: f.mountTargets.length,
                SizeInBytes: { Value: f.size },
                PerformanceMode: 'generalPurpose',
                Encrypted: true,
                AvailabilityZoneName: f.zoneName,
                AvailabilityZoneId: f.zoneId,
                Tags: [],
              })),
              NextMarker: next,
            });
          },
        };
      if (req.method === 'GET' && path === '/2015-02-01/mount-targets')
        return {
          op: 'DescribeMountTargets',
          run: () => {
            const fs = r().fileSystems.find((f) => f.id === q.get('FileSystemId'));
            if (!fs) throw new Fail(404, 'FileSystemNotFound', `File system '${q.get('FileSystemId')}' does not exist.`);
            const { items, next } = paginate('elasticfilesystem:DescribeMountTargets', fs.mountTargets, q.get('MaxItems') ?? undefined, q.get('Marker') ?? undefined, 10);
            return jsonOk({
              MountTargets: items.map((mt) => ({ MountTargetId: mt.id, FileSystemId: fs.id, SubnetId: mt.subnetId, LifeCycleState: 'available', AvailabilityZoneName: mt.zone, AvailabilityZoneId: mt.zoneId, OwnerId: req.account })),
              NextMarker: next,
            });
          },
        };
    }
    if (service === 'lambda' && req.method === 'GET' && /^\/2015-03-31\/functions\/?$/.test(path))
      return {
        op: 'ListFunctions',
        run: () => {
          const { items, next } = paginate('lambda:ListFunctions', r().functions, q.get('MaxItems') ?? undefined, q.get('Marker') ?? undefined, 50);
          return jsonOk({
            Functions: items.map((f) => ({
              FunctionName: f.name,
              FunctionArn: `arn:aws:lambda:${arnBase()}:function:${f.name}`,
              Runtime: f.runtime,
              VpcConfig: f.subnets.length ? { SubnetIds: f.subnets, SecurityGroupIds: f.sgs, VpcId: f.vpcId } : undefined,
            })),
            NextMarker: next,
          });
        },
      };
    if (service === 'backup') {
      if (req.method === 'GET' && /^\/resources\/?$/.test(path))
        return {
          op: 'ListProtectedResources',
          run: () => {
            const { items, next } = paginate('backup:ListProtectedResources', r().protectedResources, q.get('maxResults') ?? undefined, q.get('nextToken') ?? undefined, 1000);
            return jsonOk({ Results: items.map((x) => ({ ResourceArn: x.arn, ResourceType: x.type, LastBackupTime: epoch(x.last) })), NextToken: next });
          },
        };
      if (req.method === 'GET' && /^\/backup\/plans\/?$/.test(path))
        return {
          op: 'ListBackupPlans',
          run: () => {
            const { items, next } = paginate('backup:ListBackupPlans', r().backupPlans, q.get('maxResults') ?? undefined, q.get('nextToken') ?? undefined, 1000);
            return jsonOk({ BackupPlansList: items.map((b) => ({ BackupPlanId: b.id, BackupPlanName: b.name, BackupPlanArn: `arn:aws:backup:${arnBase()}:backup-plan:${b.id}`, VersionId: 'v1' })), NextToken: next });
          },
        };
      if (req.method === 'GET' && (m = /^\/backup\/plans\/([^/]+)\/selections\/?$/.exec(path)))
        return {
          op: 'ListBackupSelections',
          run: () => {
            const plan = r().backupPlans.find((b) => b.id === decodeURIComponent(m![1]));
            if (!plan) throw new Fail(404, 'ResourceNotFoundException', 'Backup plan not found');
            const { items, next } = paginate('backup:ListBackupSelections', plan.selections, q.get('maxResults') ?? undefined, q.get('nextToken') ?? undefined, 1000);
            return jsonOk({ BackupSelectionsList: items.map((s) => ({ SelectionId: s.id, SelectionName: s.name, BackupPlanId: plan.id })), NextToken: next });
          },
        };
      if (req.method === 'GET' && (m = /^\/backup\/plans\/([^/]+)\/selections\/([^/]+)$/.exec(path)))
        return {
          op: 'GetBackupSelection',
          run: () => {
            const plan = r().backupPlans.find((b) => b.id === decodeURIComponent(m![1]));
            const sel = plan?.selections.find((s) => s.id === decodeURIComponent(m![2]));
            if (!plan || !sel) throw new Fail(404, 'ResourceNotFoundException', 'Backup selection not found');
            return jsonOk({
              BackupPlanId: plan.id,
              SelectionId: sel.id,
              BackupSelection: {
                SelectionName: sel.name,
                IamRoleArn: `arn:aws:iam::${req.account}:role/backup`,
                Resources: sel.resources,
                ListOfTags: sel.tags.map((t) => ({ ConditionType: 'STRINGEQUALS', ConditionKey: t.key, ConditionValue: t.value })),
              },
            });
          },
        };
    }
    if (service === 'es') {
      const status = (d: FakeRegion['searchDomains'][number]) => ({
        DomainId: `${req.account}/${d.name}`,
        DomainName: d.name,
        ARN: `arn:aws:es:${arnBase()}:domain/${d.name}`,
        EngineVersion: 'OpenSearch_2.11',
        ClusterConfig: { InstanceType: 'm5.large.search', InstanceCount: d.instanceCount, ZoneAwarenessEnabled: d.zoneAwareness, ...(d.zoneAwareness ? { ZoneAwarenessConfig: { AvailabilityZoneCount: d.subnets.length } } : {}), DedicatedMasterEnabled: false },
        VPCOptions: d.subnets.length ? { SubnetIds: d.subnets, VPCId: 'vpc-1' } : undefined,
      });
      if (req.method === 'GET' && path === '/2021-01-01/domain') return { op: 'ListDomainNames', run: () => jsonOk({ DomainNames: r().searchDomains.map((d) => ({ DomainName: d.name, EngineType: 'OpenSearch' })) }) };
      if (req.method === 'POST' && path === '/2021-01-01/opensearch/domain-info')
        return {
          op: 'DescribeDomains',
          run: () => {
            const names = (JSON.parse(req.body || '{}').DomainNames ?? []) as string[];
            if (names.length > BATCH_MAX['es:DescribeDomains']) throw new Fail(400, 'ValidationException', `DescribeDomains takes at most ${BATCH_MAX['es:DescribeDomains']} names`);
            return jsonOk({ DomainStatusList: r().searchDomains.filter((d) => names.includes(d.name)).map(status) });
          },
        };
    }
    if (service === 'mq') {
      if (req.method === 'GET' && path === '/v1/brokers')
        return {
          op: 'ListBrokers',
          run: () => {
            const { items, next } = paginate('mq:ListBrokers', r().brokers, q.get('maxResults') ?? undefined, q.get('nextToken') ?? undefined, 100);
            return jsonOk({ brokerSummaries: items.map((b) => ({ brokerId: b.id, brokerName: b.name, brokerState: 'RUNNING', deploymentMode: b.mode, engineType: 'ACTIVEMQ', hostInstanceType: 'mq.m5.large' })), nextToken: next });
          },
        };
      if (req.method === 'GET' && (m = /^\/v1\/brokers\/([^/]+)$/.exec(path)))
        return {
          op: 'DescribeBroker',
          run: () => {
            const b = r().brokers.find((x) => x.id === decodeURIComponent(m![1]));
            if (!b) throw new Fail(404, 'NotFoundException', 'broker not found');
            return jsonOk({ brokerId: b.id, brokerName: b.name, brokerArn: `arn:aws:mq:${arnBase()}:broker:${b.name}:${b.id}`, brokerState: 'RUNNING', deploymentMode: b.mode, engineType: 'ACTIVEMQ', hostInstanceType: 'mq.m5.large', subnetIds: b.subnets });
          },
        };
    }
    if (service === 'kafka' && req.method === 'GET' && path === '/api/v2/clusters')
      return {
        op: 'ListClustersV2',
        run: () => {
          const { items, next } = paginate('kafka:ListClustersV2', r().kafkaClusters, q.get('maxResults') ?? undefined, q.get('nextToken') ?? undefined, 100);
          return jsonOk({
            clusterInfoList: items.map((k) => ({
              clusterArn: `arn:aws:kafka:${arnBase()}:cluster/${k.name}/uuid`,
              clusterName: k.name,
              clusterType: 'PROVISIONED',
              state: 'ACTIVE',
              creationTime: '2011-04-01T00:00:00.000Z',
              provisioned: { numberOfBrokerNodes: k.brokers, brokerNodeGroupInfo: { instanceType: 'kafka.m5.large', clientSubnets: k.subnets } },
            })),
            nextToken: next,
          });
        },
      };
    if (service === 'eks') {
      if (req.method === 'GET' && path === '/clusters')
        return {
          op: 'ListClusters',
          run: () => {
            const { items, next } = paginate('eks:ListClusters', r().eksClusters, q.get('maxResults') ?? undefined, q.get('nextToken') ?? undefined, 100);
            return jsonOk({ clusters: items.map((c) => c.name), nextToken: next });
          },
        };
      if (req.method === 'GET' && (m = /^\/clusters\/([^/]+)\/node-groups$/.exec(path)))
        return {
          op: 'ListNodegroups',
          run: () => {
            const c = r().eksClusters.find((x) => x.name === decodeURIComponent(m![1]));
            if (!c) throw new Fail(404, 'ResourceNotFoundException', `No cluster found for name: ${decodeURIComponent(m![1])}.`);
            const { items, next } = paginate('eks:ListNodegroups', c.nodegroups, q.get('maxResults') ?? undefined, q.get('nextToken') ?? undefined, 100);
            return jsonOk({ nodegroups: items.map((n) => n.name), nextToken: next });
          },
        };
      if (req.method === 'GET' && (m = /^\/clusters\/([^/]+)\/node-groups\/([^/]+)$/.exec(path)))
        return {
          op: 'DescribeNodegroup',
          run: () => {
            const c = r().eksClusters.find((x) => x.name === decodeURIComponent(m![1]));
            const n = c?.nodegroups.find((x) => x.name === decodeURIComponent(m![2]));
            if (!c || !n) throw new Fail(404, 'ResourceNotFoundException', `No node group found for name: ${decodeURIComponent(m![2])}.`);
            return jsonOk({
              nodegroup: {
                nodegroupName: n.name,
                nodegroupArn: `arn:aws:eks:${arnBase()}:nodegroup/${c.name}/${n.name}/uuid`,
                clusterName: c.name,
                status: 'ACTIVE',
                capacityType: 'ON_DEMAND',
                scalingConfig: { minSize: n.min, maxSize: n.max, desiredSize: n.desired },
                subnets: n.subnets,
                resources: { autoScalingGroups: [{ name: `eks-${n.name}-uuid` }] },
                createdAt: epoch('2011-04-01T00:00:00Z'),
                tags: {},
              },
            });
          },
        };
    }
    if (service === 'dlm') {
      if (req.method === 'GET' && /^\/policies\/?$/.test(path))
        return {
          op: 'GetLifecyclePolicies',
          run: () => jsonOk({ Policies: r().dlmPolicies.map((x) => ({ PolicyId: x.id, Description: x.description, State: x.state, PolicyType: 'EBS_SNAPSHOT_MANAGEMENT' })) }),
        };
      if (req.method === 'GET' && (m = /^\/policies\/([^/]+)\/?$/.exec(path)))
        return {
          op: 'GetLifecyclePolicy',
          run: () => {
            const x = r().dlmPolicies.find((d) => d.id === decodeURIComponent(m![1]));
            if (!x) throw new Fail(404, 'ResourceNotFoundException', 'policy not found');
            return jsonOk({
              Policy: {
                PolicyId: x.id,
                Description: x.description,
                State: x.state,
                PolicyDetails: { PolicyType: 'EBS_SNAPSHOT_MANAGEMENT', ResourceTypes: x.resourceTypes, TargetTags: x.targetTags.map((t) => ({ Key: t.key, Value: t.value })) },
              },
            });
          },
        };
    }
    return {
      op: `${req.method} ${path}`,
      run: () => {
        throw new Fail(404, 'UnknownOperationException', `no route for ${req.method} ${path}`);
      },
    };
  }

  // ---------------------------------------------------------------- awsJson1_1 (Organizations)
  // ---------------------------------------------------------------- restXml (S3 Express control plane)
  function restXml(service: string, req: Request): { op: string; run: () => WireResponse } {
    const q = req.query;
    if (service === 's3express' && req.method === 'GET' && req.path === '/' && q.get('x-id') === 'ListDirectoryBuckets') {
      return {
        op: 'ListDirectoryBuckets',
        run: () => {
          const r = regionOf(req);
          const { items, next } = paginate('s3express:ListDirectoryBuckets', r.directoryBuckets, q.get('max-directory-buckets') ?? undefined, q.get('continuation-token') ?? undefined, 1000);
          return restXmlOk('ListAllMyDirectoryBucketsResult', {
            Buckets: items.map((name) => ({ Name: name, CreationDate: new Date('2011-04-01T00:00:00Z'), BucketRegion: req.region, BucketArn: `arn:aws:s3express:${req.region}:${req.account}:bucket/${name}` })),
            ContinuationToken: next,
          });
        },
      };
    }
    return { op: '?', run: () => restXmlError(400, 'InvalidRequest', `unknown request ${req.method} ${req.path}`) };
  }

  function awsJson(service: string, op: string, body: Record<string, unknown>, req: Request): WireResponse {
    const ct = JSON_CONTENT[service] ?? 'application/x-amz-json-1.1';
    const size = (v: unknown) => (v === undefined ? undefined : String(v));
    const batch = (key: string, list: unknown) => {
      const names = Array.isArray(list) ? (list as string[]) : [];
      if (names.length > BATCH_MAX[key]) throw new Fail(400, 'InvalidParameterException', `${key} takes at most ${BATCH_MAX[key]} names, got ${names.length}`);
      return names;
    };
    if (service === 'dynamodb') {
      const r = regionOf(req);
      if (op === 'ListTables') {
        // DynamoDB pages by table name (ExclusiveStartTableName / LastEvaluatedTableName), not an opaque token
        const limit = body.Limit === undefined ? 100 : Number(body.Limit);
        const limits = API_MAX['dynamodb:ListTables'];
        if (!Number.isInteger(limit) || limit < limits.min! || limit > limits.max) throw new Fail(400, 'ValidationException', `Limit ${body.Limit} is outside 1..100`);
        const names = r.tables.map((t) => t.name).sort();
        const start = body.ExclusiveStartTableName === undefined ? 0 : names.indexOf(String(body.ExclusiveStartTableName)) + 1;
        const page = names.slice(start, start + Math.min(limit, cap('dynamodb:ListTables')));
        return jsonOk({ TableNames: page, LastEvaluatedTableName: start + page.length < names.length ? page[page.length - 1] : undefined }, ct);
      }
      if (op === 'DescribeContinuousBackups') {
        const t = r.tables.find((x) => x.name === body.TableName);
        if (!t) throw new Fail(400, 'TableNotFoundException', `Table not found: ${String(body.TableName)}`);
        return jsonOk(
          {
            ContinuousBackupsDescription: {
              ContinuousBackupsStatus: 'ENABLED',
              PointInTimeRecoveryDescription: t.pitr
                ? { PointInTimeRecoveryStatus: 'ENABLED', RecoveryPeriodInDays: 35, EarliestRestorableDateTime: epoch(new Date(Date.now() - 86400_000)), LatestRestorableDateTime: epoch(new Date(Date.now() - 300_000)) }
                : { PointInTimeRecoveryStatus: 'DISABLED' },
            },
          },
          ct,
        );
      }
    }
    if (service === 'fsx' && op === 'DescribeFileSystems') {
      const { items, next } = paginate('fsx:DescribeFileSystems', regionOf(req).fsxFileSystems, size(body.MaxResults), body.NextToken as string | undefined, 2147483647);
      const config: Record<string, string> = { WINDOWS: 'WindowsConfiguration', LUSTRE: 'LustreConfiguration', ONTAP: 'OntapConfiguration', OPENZFS: 'OpenZFSConfiguration' };
      return jsonOk(
        {
          FileSystems: items.map((f) => ({
            FileSystemId: f.id,
            FileSystemType: f.type,
            Lifecycle: 'AVAILABLE',
            StorageCapacity: 1024,
            SubnetIds: f.subnets,
            ResourceARN: `arn:aws:fsx:${req.region}:${req.account}:file-system/${f.id}`,
            CreationTime: epoch('2011-04-01T00:00:00Z'),
            [config[f.type]]: { DeploymentType: f.deployment, AutomaticBackupRetentionDays: f.retention, PreferredSubnetId: f.subnets[0] },
          })),
          NextToken: next,
        },
        ct,
      );
    }
    if (service === 'memorydb' && op === 'DescribeClusters') {
      const { items, next } = paginate('memorydb:DescribeClusters', regionOf(req).memoryDbClusters, size(body.MaxResults), body.NextToken as string | undefined, 100);
      return jsonOk(
        {
          Clusters: items.map((c) => ({
            Name: c.name,
            ARN: `arn:aws:memorydb:${req.region}:${req.account}:cluster/${c.name}`,
            Status: 'available',
            NodeType: 'db.r6g.large',
            NumberOfShards: 1,
            Shards: body.ShowShardDetails ? [{ Name: '0001', NumberOfNodes: c.zones.length, Nodes: c.zones.map((z, i) => ({ Name: `000${i + 1}`, AvailabilityZone: z })) }] : undefined,
          })),
          NextToken: next,
        },
        ct,
      );
    }
    if (service === 'dax' && op === 'DescribeClusters') {
      const { items, next } = paginate('dax:DescribeClusters', regionOf(req).daxClusters, size(body.MaxResults), body.NextToken as string | undefined, 100);
      return jsonOk(
        {
          Clusters: items.map((c) => ({
            ClusterName: c.name,
            ClusterArn: `arn:aws:dax:${req.region}:${req.account}:cache/${c.name}`,
            Status: 'available',
            NodeType: 'dax.r5.large',
            TotalNodes: c.zones.length,
            Nodes: c.zones.map((z, i) => ({ NodeId: `${c.name}-${i}`, AvailabilityZone: z, NodeStatus: 'available' })),
          })),
          NextToken: next,
        },
        ct,
      );
    }
    if (service === 'route53resolver') {
      const r = regionOf(req);
      const arn = (id: string) => `arn:aws:route53resolver:${req.region}:${req.account}:resolver-endpoint/${id}`;
      if (op === 'ListResolverEndpoints') {
        const { items, next } = paginate('route53resolver:ListResolverEndpoints', r.resolverEndpoints, size(body.MaxResults), body.NextToken as string | undefined, 10);
        return jsonOk(
          {
            MaxResults: body.MaxResults,
            ResolverEndpoints: items.map((e) => ({ Id: e.id, Arn: arn(e.id), Name: e.name, Direction: e.direction, HostVPCId: e.vpcId, IpAddressCount: e.subnets.length, Status: 'OPERATIONAL', SecurityGroupIds: ['sg-1'], ResolverEndpointType: 'IPV4' })),
            NextToken: next,
          },
          ct,
        );
      }
      if (op === 'ListResolverEndpointIpAddresses') {
        const e = r.resolverEndpoints.find((x) => x.id === body.ResolverEndpointId);
        if (!e) throw new Fail(400, 'ResourceNotFoundException', `Resolver endpoint with ID '${String(body.ResolverEndpointId)}' does not exist.`);
        const ips = e.subnets.map((subnet, i) => ({ subnet, i }));
        const { items, next } = paginate('route53resolver:ListResolverEndpointIpAddresses', ips, size(body.MaxResults), body.NextToken as string | undefined, 10);
        return jsonOk({ MaxResults: body.MaxResults, IpAddresses: items.map((a) => ({ IpId: `rni-${e.id}-${a.i}`, SubnetId: a.subnet, Ip: `10.0.${a.i}.53`, Status: 'ATTACHED' })), NextToken: next }, ct);
      }
    }
    if (service === 'network-firewall') {
      const r = regionOf(req);
      const arn = (name: string) => `arn:aws:network-firewall:${req.region}:${req.account}:firewall/${name}`;
      if (op === 'ListFirewalls') {
        const { items, next } = paginate('network-firewall:ListFirewalls', r.firewalls, size(body.MaxResults), body.NextToken as string | undefined, 100);
        return jsonOk({ Firewalls: items.map((f) => ({ FirewallName: f.name, FirewallArn: arn(f.name) })), NextToken: next }, ct);
      }
      if (op === 'DescribeFirewall') {
        const f = r.firewalls.find((x) => arn(x.name) === body.FirewallArn || x.name === body.FirewallName);
        if (!f) throw new Fail(400, 'ResourceNotFoundException', 'firewall not found');
        return jsonOk(
          {
            UpdateToken: 'token',
            Firewall: { FirewallName: f.name, FirewallArn: arn(f.name), FirewallId: `id-${f.name}`, FirewallPolicyArn: `arn:aws:network-firewall:${req.region}:${req.account}:firewall-policy/p`, VpcId: f.vpcId, SubnetMappings: f.subnets.map((SubnetId) => ({ SubnetId })) },
          },
          ct,
        );
      }
    }
    if (service === 'dms' && op === 'DescribeReplicationInstances') {
      const r = regionOf(req);
      const { items, next } = paginate('dms:DescribeReplicationInstances', r.dmsInstances, size(body.MaxRecords), body.Marker as string | undefined, 100);
      return jsonOk(
        {
          ReplicationInstances: items.map((x) => ({
            ReplicationInstanceIdentifier: x.id,
            ReplicationInstanceArn: `arn:aws:dms:${req.region}:${req.account}:rep:${x.id.toUpperCase()}`,
            ReplicationInstanceClass: 'dms.t3.medium',
            ReplicationInstanceStatus: 'available',
            AllocatedStorage: 50,
            MultiAZ: x.multiAz,
            AvailabilityZone: x.zone,
            SecondaryAvailabilityZone: x.secondaryZone,
            ReplicationSubnetGroup: {
              ReplicationSubnetGroupIdentifier: x.subnetGroup.name,
              ReplicationSubnetGroupDescription: x.subnetGroup.name,
              VpcId: 'vpc-1',
              SubnetGroupStatus: 'Complete',
              Subnets: x.subnetGroup.subnets.map((s) => ({ SubnetIdentifier: s.id, SubnetAvailabilityZone: { Name: s.zone }, SubnetStatus: 'Active' })),
            },
            InstanceCreateTime: epoch('2011-04-01T00:00:00Z'),
          })),
          Marker: next,
        },
        ct,
      );
    }
    if (service === 'ecs') {
      const r = regionOf(req);
      const arn = (kind: string, rest: string) => `arn:aws:ecs:${req.region}:${req.account}:${kind}/${rest}`;
      const clusterOf = (ref: unknown) => r.ecsClusters.find((c) => c.name === ref || arn('cluster', c.name) === ref);
      const needCluster = () => {
        const c = clusterOf(body.cluster);
        if (!c) throw new Fail(400, 'ClusterNotFoundException', 'Cluster not found.');
        return c;
      };
      if (op === 'ListClusters') {
        const { items, next } = paginate('ecs:ListClusters', r.ecsClusters, size(body.maxResults), body.nextToken as string | undefined, 100);
        return jsonOk({ clusterArns: items.map((c) => arn('cluster', c.name)), nextToken: next }, ct);
      }
      if (op === 'ListServices') {
        const c = needCluster();
        const { items, next } = paginate('ecs:ListServices', c.services, size(body.maxResults), body.nextToken as string | undefined, 10);
        return jsonOk({ serviceArns: items.map((x) => arn('service', `${c.name}/${x.name}`)), nextToken: next }, ct);
      }
      if (op === 'DescribeServices') {
        const c = needCluster();
        const names = batch('ecs:DescribeServices', body.services);
        const found = c.services.filter((x) => names.some((n) => n === x.name || n === arn('service', `${c.name}/${x.name}`)));
        return jsonOk(
          {
            services: found.map((x) => ({
              serviceArn: arn('service', `${c.name}/${x.name}`),
              serviceName: x.name,
              clusterArn: arn('cluster', c.name),
              status: 'ACTIVE',
              desiredCount: x.desired,
              runningCount: c.tasks.filter((t) => t.service === x.name).length,
              pendingCount: 0,
              launchType: x.launchType,
              schedulingStrategy: 'REPLICA',
              loadBalancers: (x.targetGroups ?? []).map((targetGroupArn) => ({ targetGroupArn, containerName: 'app', containerPort: 80 })),
              networkConfiguration: x.subnets.length ? { awsvpcConfiguration: { subnets: x.subnets, assignPublicIp: 'DISABLED' } } : undefined,
              createdAt: epoch('2011-04-01T00:00:00Z'),
            })),
            failures: [],
          },
          ct,
        );
      }
      if (op === 'ListTasks') {
        const c = needCluster();
        const { items, next } = paginate('ecs:ListTasks', c.tasks, size(body.maxResults), body.nextToken as string | undefined, 100);
        return jsonOk({ taskArns: items.map((t) => arn('task', `${c.name}/${t.id}`)), nextToken: next }, ct);
      }
      if (op === 'DescribeTasks') {
        const c = needCluster();
        const names = batch('ecs:DescribeTasks', body.tasks);
        const found = c.tasks.filter((t) => names.some((n) => n === t.id || n === arn('task', `${c.name}/${t.id}`)));
        return jsonOk(
          {
            tasks: found.map((t) => ({ taskArn: arn('task', `${c.name}/${t.id}`), clusterArn: arn('cluster', c.name), group: `service:${t.service}`, availabilityZone: t.zone, lastStatus: 'RUNNING', desiredStatus: 'RUNNING', launchType: 'FARGATE' })),
            failures: [],
          },
          ct,
        );
      }
    }
    if (op === 'ListAccounts') {
      if (!world.organization) throw new Fail(400, 'AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
      const { items, next } = paginate('organizations:ListAccounts', world.organization, body.MaxResults === undefined ? undefined : String(body.MaxResults), body.NextToken as string | undefined, 20);
      return jsonOk(
        {
          Accounts: items.map((a) => ({ Id: a.id, Arn: `arn:aws:organizations::${req.account}:account/o-example/${a.id}`, Name: a.name, Email: `${a.id}@example.com`, Status: a.status, State: a.status })),
          NextToken: next,
        },
        ct,
      );
    }
    throw new Fail(400, 'UnknownOperationException', `unknown operation ${op}`);
  }

  // ---------------------------------------------------------------- dispatch
  function matches(map: Record<string, unknown> | string[] | undefined, service: string, op: string): string | undefined {
    const keys = Array.isArray(map) ? map : Object.keys(map ?? {});
    return keys.find((k) => k === `${service}:${op}` || k === service);
  }

  function handle(req: Request): { op: string; res: WireResponse } {
    const protocol = PROTOCOL[req.service];
    if (!protocol) return { op: '?', res: jsonError(400, 'UnknownService', `unknown service ${req.service}`) };
    let op = '?';
    let run: () => WireResponse;
    let params: Params | undefined;
    if (protocol === 'ec2' || protocol === 'query') {
      const form = new URLSearchParams(req.body);
      op = form.get('Action') ?? '?';
      if (req.service === 'elasticloadbalancing' && form.get('Version') === '2012-06-01') req.service = 'elb';
      params = {
        get: (n) => form.get(n) ?? undefined,
        list: (prefix) => {
          const out: string[] = [];
          for (let i = 1; form.has(`${prefix}.${i}`) || form.has(`${prefix}.member.${i}`); i++) out.push((form.get(`${prefix}.${i}`) ?? form.get(`${prefix}.member.${i}`))!);
          return out;
        },
      };
      run = protocol === 'ec2' ? () => ec2(op, params!, req) : () => query(req.service, op, params!, req);
    } else if (protocol === 'restXml') {
      const route = restXml(req.service, req);
      op = route.op;
      run = route.run;
    } else if (protocol === 'awsJson') {
      op = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '?';
      run = () => awsJson(req.service, op, req.body ? JSON.parse(req.body) : {}, req);
    } else {
      const route = restJson(req.service, req);
      op = route.op;
      run = route.run;
    }
    const key = `${req.service}:${op}`;
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    try {
      if (!(req.service === 'sts' && op === 'AssumeRole') && !world.accounts.some((a) => a.id === req.account)) {
        throw new Fail(403, protocol === 'query' ? 'InvalidClientTokenId' : 'UnrecognizedClientException', 'The security token included in the request is invalid.');
      }
      if (options.optInRequired?.includes(req.region) && req.service !== 'sts') {
        throw new Fail(protocol === 'ec2' ? 401 : 403, protocol === 'ec2' ? 'OptInRequired' : 'UnrecognizedClientException', 'You are not subscribed to this service. Please go to http://aws.amazon.com to subscribe.');
      }
      const denied = matches(options.deny, req.service, op);
      if (denied) {
        const [status, code] = DENIED_CODE[protocol];
        throw new Fail(status, code, `User: arn:aws:iam::${req.account}:user/auditor is not authorized to perform: ${req.service}:${op}`);
      }
      const throttleKey = matches(options.throttle, req.service, op);
      if (throttleKey && n <= options.throttle![throttleKey]) {
        const [status, code] = THROTTLE_CODE[protocol];
        throw new Fail(status, code, 'Rate exceeded');
      }
      const failKey = matches(options.fail, req.service, op);
      if (failKey && (options.fail![failKey] === 'always' || n <= (options.fail![failKey] as number))) {
        const [status, code] = FAIL_CODE[protocol];
        throw new Fail(status, code, 'We encountered an internal error. Please try again.');
      }
      return { op, res: run() };
    } catch (e) {
      if (e instanceof Fail) return { op, res: errorFor(protocol, e.status, e.code, e.message) };
      throw e;
    }
  }

  const server = http.createServer((incoming, out) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (c: Buffer) => chunks.push(c));
    incoming.on('end', () => {
      const auth = String(incoming.headers.authorization ?? '');
      const cred = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(auth);
      const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
      if (options.statsPath && url.pathname === options.statsPath) {
        out.writeHead(200, { 'content-type': 'application/json' });
        out.end(JSON.stringify(Object.fromEntries(counts)));
        return;
      }
      const respond = (res: WireResponse, entry: LogEntry) => {
        if (!options.noLog) log.push(entry);
        const send = () => {
          out.writeHead(res.status, { ...res.headers, 'content-length': Buffer.byteLength(res.body) });
          out.end(res.body);
        };
        if (options.latencyMs) setTimeout(send, options.latencyMs);
        else send();
      };
      if (!cred) {
        respond(jsonError(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token'), { region: '?', service: '?', operation: '?', status: 403, code: 'MissingAuthenticationToken' });
        return;
      }
      const [, accessKeyId, region, service] = cred;
      const opHint = String(incoming.headers['x-amz-target'] ?? '').split('.').pop() || /(?:^|&)Action=([^&]+)/.exec(Buffer.concat(chunks).toString('utf8'))?.[1] || '?';
      if (matches(options.hang, service, opHint) || (options.hang?.includes(service))) {
        log.push({ region, service, operation: opHint, status: 0, code: 'hang' });
        return; // never answered
      }
      if (matches(options.unimplemented, service, opHint) || options.unimplemented?.includes(service)) {
        const body = '<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n<p>The server encountered an internal error and was unable to complete your request.</p>\n';
        log.push({ region, service, operation: opHint, status: 500, code: 'unimplemented' });
        out.writeHead(500, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body) });
        out.end(body);
        return;
      }
      const account = sessions.get(accessKeyId) ?? world.callerKeys[accessKeyId] ?? '';
      const flightKey = `${account}/${region}`;
      inFlight.set(flightKey, (inFlight.get(flightKey) ?? 0) + 1);
      peakInFlight.set(flightKey, Math.max(peakInFlight.get(flightKey) ?? 0, inFlight.get(flightKey)!));
      out.on('finish', () => inFlight.set(flightKey, inFlight.get(flightKey)! - 1));
      const req: Request = { service, region, account, accessKeyId, method: incoming.method ?? 'GET', path: url.pathname, query: url.searchParams, body: Buffer.concat(chunks).toString('utf8'), headers: incoming.headers };
      let result: { op: string; res: WireResponse };
      try {
        result = handle(req);
      } catch (e) {
        result = { op: '?', res: errorFor(PROTOCOL[service] ?? 'restJson', 500, 'InternalError', `test server bug: ${(e as Error).message}`) };
      }
      respond(result.res, { account: account || undefined, region, service, operation: result.op, status: result.res.status, code: result.res.status >= 300 ? /<Code>([^<]+)/.exec(result.res.body)?.[1] ?? (result.res.headers['x-amzn-errortype'] ?? '').split(':')[0] : undefined, accessKeyId });
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    counts,
    peakInFlight,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
