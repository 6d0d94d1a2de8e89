// Generates a CDK-like cloud assembly (cdk.out) of a given size for the benchmark: several stacks, each with a VPC over
// three zones (public/private subnets, route tables, NAT gateways) and repeated service units (Auto Scaling group with
// a launch template, ALB with target group and listener, Lambda in the VPC, RDS instance and Aurora cluster, an EC2
// instance with a data volume and its attachment). Logical ids carry CDK's 8-hex hash suffix, every resource carries
// `aws:cdk:path` metadata, and each stack has a `<Stack>.metadata.json` with `aws:cdk:logicalId` entries, as
// `cdk synth` writes them.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

const ZONES = 3;

function hash(p) {
  return createHash('md5').update(p).digest('hex').slice(0, 8).toUpperCase();
}

class StackBuilder {
  constructor(name) {
    this.name = name;
    this.resources = {};
    this.metadata = {};
  }

  /** Adds a resource at construct path `<stack>/<parts…>/Resource`; returns its logical id. */
  add(parts, type, properties, extra = {}) {
    const constructPath = `${this.name}/${parts.join('/')}/Resource`;
    const logicalId = `${parts.join('').replace(/[^A-Za-z0-9]/g, '')}${hash(constructPath)}`;
    this.resources[logicalId] = { Type: type, Properties: properties, ...extra, Metadata: { 'aws:cdk:path': constructPath } };
    this.metadata[`/${constructPath}`] = [{ type: 'aws:cdk:logicalId', data: logicalId }];
    return logicalId;
  }

  get count() {
    return Object.keys(this.resources).length;
  }
}

const ref = (id) => ({ Ref: id });
const att = (id, a) => ({ 'Fn::GetAtt': [id, a] });
const az = (i) => ({ 'Fn::Select': [i, { 'Fn::GetAZs': '' }] });
const tags = (name) => [{ Key: 'Name', Value: name }];

function addVpc(b) {
  const vpc = b.add(['Vpc'], 'AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16', EnableDnsHostnames: true, EnableDnsSupport: true, Tags: tags(`${b.name}/Vpc`) });
  const igw = b.add(['Vpc', 'IGW'], 'AWS::EC2::InternetGateway', { Tags: tags(`${b.name}/Vpc`) });
  const attach = b.add(['Vpc', 'VPCGW'], 'AWS::EC2::VPCGatewayAttachment', { VpcId: ref(vpc), InternetGatewayId: ref(igw) });
  const pub = [];
  const priv = [];
  for (let i = 0; i < ZONES; i++) {
    const n = `PublicSubnet${i + 1}`;
    const subnet = b.add(['Vpc', n, 'Subnet'], 'AWS::EC2::Subnet', {
      VpcId: ref(vpc),
      AvailabilityZone: az(i),
      CidrBlock: `10.0.${i * 32}.0/19`,
      MapPublicIpOnLaunch: true,
      Tags: [...tags(`${b.name}/Vpc/${n}`), { Key: 'aws-cdk:subnet-type', Value: 'Public' }],
    });
    const rt = b.add(['Vpc', n, 'RouteTable'], 'AWS::EC2::RouteTable', { VpcId: ref(vpc), Tags: tags(`${b.name}/Vpc/${n}`) });
    b.add(['Vpc', n, 'RouteTableAssociation'], 'AWS::EC2::SubnetRouteTableAssociation', { RouteTableId: ref(rt), SubnetId: ref(subnet) });
    b.add(['Vpc', n, 'DefaultRoute'], 'AWS::EC2::Route', { RouteTableId: ref(rt), DestinationCidrBlock: '0.0.0.0/0', GatewayId: ref(igw) }, { DependsOn: [attach] });
    const eip = b.add(['Vpc', n, 'EIP'], 'AWS::EC2::EIP', { Domain: 'vpc', Tags: tags(`${b.name}/Vpc/${n}`) });
    const nat = b.add(['Vpc', n, 'NATGateway'], 'AWS::EC2::NatGateway', { SubnetId: ref(subnet), AllocationId: att(eip, 'AllocationId'), Tags: tags(`${b.name}/Vpc/${n}`) }, {
      DependsOn: [`${['Vpc', n, 'DefaultRoute'].join('')}${hash(`${b.name}/Vpc/${n}/DefaultRoute/Resource`)}`],
    });
    pub.push(subnet);
    const p = `PrivateSubnet${i + 1}`;
    const ps = b.add(['Vpc', p, 'Subnet'], 'AWS::EC2::Subnet', {
      VpcId: ref(vpc),
      AvailabilityZone: az(i),
      CidrBlock: `10.0.${96 + i * 32}.0/19`,
      MapPublicIpOnLaunch: false,
      Tags: [...tags(`${b.name}/Vpc/${p}`), { Key: 'aws-cdk:subnet-type', Value: 'Private' }],
    });
    const prt = b.add(['Vpc', p, 'RouteTable'], 'AWS::EC2::RouteTable', { VpcId: ref(vpc), Tags: tags(`${b.name}/Vpc/${p}`) });
    b.add(['Vpc', p, 'RouteTableAssociation'], 'AWS::EC2::SubnetRouteTableAssociation', { RouteTableId: ref(prt), SubnetId: ref(ps) });
    // Every fifth stack shares one NAT gateway for all zones, as `natGateways: 1` does.
    const natFor = b.sharedNat ? `${['Vpc', 'PublicSubnet1', 'NATGateway'].join('')}${hash(`${b.name}/Vpc/PublicSubnet1/NATGateway/Resource`)}` : nat;
    b.add(['Vpc', p, 'DefaultRoute'], 'AWS::EC2::Route', { RouteTableId: ref(prt), DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: ref(natFor) });
    priv.push(ps);
  }
  return { vpc, pub, priv };
}

function addUnit(b, u, net) {
  const s = `Service${u}`;
  const sg = b.add([s, 'SecurityGroup'], 'AWS::EC2::SecurityGroup', {
    GroupDescription: `${b.name}/${s}/SecurityGroup`,
    SecurityGroupEgress: [{ CidrIp: '0.0.0.0/0', Description: 'Allow all outbound traffic by default', IpProtocol: '-1' }],
    SecurityGroupIngress: [{ CidrIp: '10.0.0.0/16', FromPort: 443, ToPort: 443, IpProtocol: 'tcp' }],
    VpcId: ref(net.vpc),
  });
  const role = b.add([s, 'Role'], 'AWS::IAM::Role', {
    AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: ['ec2.amazonaws.com', 'lambda.amazonaws.com'] } }], Version: '2012-10-17' },
    ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole']] }],
  });
  const profile = b.add([s, 'InstanceProfile'], 'AWS::IAM::InstanceProfile', { Roles: [ref(role)] });
  const lt = b.add([s, 'LaunchTemplate'], 'AWS::EC2::LaunchTemplate', {
    LaunchTemplateData: {
      IamInstanceProfile: { Arn: att(profile, 'Arn') },
      ImageId: { Ref: 'SsmParameterValueawsserviceamiamazonlinuxlatestal2023amikernel61x8664C96584B6F00A464EAD1953AFF4B05118Parameter' },
      InstanceType: 't3.large',
      SecurityGroupIds: [att(sg, 'GroupId')],
      UserData: { 'Fn::Base64': '#!/bin/bash\nyum install -y app' },
    },
  });
  const oneZone = u % 7 === 3;
  const asg = b.add([s, 'ASG'], 'AWS::AutoScaling::AutoScalingGroup', {
    LaunchTemplate: { LaunchTemplateId: ref(lt), Version: att(lt, 'LatestVersionNumber') },
    MaxSize: '6',
    MinSize: oneZone ? '1' : '3',
    VPCZoneIdentifier: oneZone ? [ref(net.priv[0])] : net.priv.map(ref),
  }, { UpdatePolicy: { AutoScalingScheduledAction: { IgnoreUnmodifiedGroupSizeProperties: true } } });
  const tg = b.add([s, 'TargetGroup'], 'AWS::ElasticLoadBalancingV2::TargetGroup', { Port: 80, Protocol: 'HTTP', TargetType: 'instance', VpcId: ref(net.vpc), HealthCheckPath: '/health' });
  const alb = b.add([s, 'LB'], 'AWS::ElasticLoadBalancingV2::LoadBalancer', {
    LoadBalancerAttributes: [{ Key: 'deletion_protection.enabled', Value: 'false' }],
    Scheme: 'internet-facing',
    SecurityGroups: [att(sg, 'GroupId')],
    Subnets: net.pub.map(ref),
    Type: 'application',
  });
  b.add([s, 'LB', 'Listener'], 'AWS::ElasticLoadBalancingV2::Listener', { DefaultActions: [{ TargetGroupArn: ref(tg), Type: 'forward' }], LoadBalancerArn: ref(alb), Port: 80, Protocol: 'HTTP' });
  b.add([s, 'Handler'], 'AWS::Lambda::Function', {
    Code: { S3Bucket: { 'Fn::Sub': 'cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}' }, S3Key: `${hash(`${b.name}${s}code`)}.zip` },
    Handler: 'index.handler',
    Role: att(role, 'Arn'),
    Runtime: 'nodejs20.x',
    MemorySize: 512,
    Timeout: 30,
    VpcConfig: { SecurityGroupIds: [att(sg, 'GroupId')], SubnetIds: net.priv.map(ref) },
    Environment: { Variables: { TABLE: `${s}-table`, STAGE: 'prod' } },
  }, { DependsOn: [role] });
  const group = b.add([s, 'Database', 'SubnetGroup'], 'AWS::RDS::DBSubnetGroup', { DBSubnetGroupDescription: `Subnet group for ${s}`, SubnetIds: net.priv.map(ref) });
  b.add([s, 'Database'], 'AWS::RDS::DBInstance', {
    AllocatedStorage: '100',
    BackupRetentionPeriod: u % 3 === 0 ? 1 : 7,
    CopyTagsToSnapshot: true,
    DBInstanceClass: 'db.m6g.large',
    DBSubnetGroupName: ref(group),
    Engine: 'postgres',
    EngineVersion: '16.3',
    MasterUsername: 'postgres',
    MultiAZ: u % 2 === 0,
    StorageEncrypted: true,
    StorageType: 'gp3',
    VPCSecurityGroups: [att(sg, 'GroupId')],
  }, { DeletionPolicy: 'Snapshot', UpdateReplacePolicy: 'Snapshot' });
  const cluster = b.add([s, 'Cluster'], 'AWS::RDS::DBCluster', {
    CopyTagsToSnapshot: true,
    DBClusterParameterGroupName: 'default.aurora-postgresql16',
    DBSubnetGroupName: ref(group),
    Engine: 'aurora-postgresql',
    EngineVersion: '16.4',
    MasterUsername: 'postgres',
    BackupRetentionPeriod: 7,
    StorageEncrypted: true,
    VpcSecurityGroupIds: [att(sg, 'GroupId')],
  }, { DeletionPolicy: 'Snapshot', UpdateReplacePolicy: 'Snapshot' });
  for (const w of ['writer', 'reader']) {
    b.add([s, 'Cluster', w], 'AWS::RDS::DBInstance', {
      DBClusterIdentifier: ref(cluster),
      DBInstanceClass: 'db.r6g.large',
      DBSubnetGroupName: ref(group),
      Engine: 'aurora-postgresql',
      PromotionTier: w === 'writer' ? 0 : 1,
    }, { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete', DependsOn: [net.priv[0]] });
  }
  const zone = u % ZONES;
  const instance = b.add([s, 'Worker'], 'AWS::EC2::Instance', {
    AvailabilityZone: az(zone),
    IamInstanceProfile: ref(profile),
    ImageId: 'ami-0abcdef1234567890',
    InstanceType: 'm6i.large',
    SecurityGroupIds: [att(sg, 'GroupId')],
    SubnetId: ref(net.priv[zone]),
    Tags: tags(`${b.name}/${s}/Worker`),
  });
  const volume = b.add([s, 'Data'], 'AWS::EC2::Volume', { AvailabilityZone: az(zone), Encrypted: true, Size: 200, VolumeType: 'gp3', Tags: [{ Key: 'backup', Value: u % 4 === 0 ? 'daily' : 'none' }] }, { DeletionPolicy: 'Snapshot', UpdateReplacePolicy: 'Snapshot' });
  b.add([s, 'DataAttachment'], 'AWS::EC2::VolumeAttachment', { Device: '/dev/sdf', InstanceId: ref(instance), VolumeId: ref(volume) });
}

/** Writes an assembly of `stacks` stacks with about `total` resources in all to `dir`; returns the resource count. */
export function generateAssembly(dir, { stacks, total }) {
  fs.mkdirSync(dir, { recursive: true });
  const perStack = Math.ceil(total / stacks);
  const artifacts = {};
  let count = 0;
  for (let i = 0; i < stacks; i++) {
    const name = `Bench${String(i + 1).padStart(2, '0')}Stack`;
    const b = new StackBuilder(name);
    b.sharedNat = i % 5 === 4;
    const net = addVpc(b);
    for (let u = 1; b.count < perStack; u++) addUnit(b, u, net);
    const template = {
      Parameters: {
        SsmParameterValueawsserviceamiamazonlinuxlatestal2023amikernel61x8664C96584B6F00A464EAD1953AFF4B05118Parameter: {
          Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>',
          Default: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64',
        },
        BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/hnb659fds/version' },
      },
      Resources: b.resources,
      Outputs: { VpcId: { Value: ref(net.vpc), Export: { Name: `${name}:VpcId` } } },
    };
    count += b.count;
    // cdk synth writes templates with one-space indentation
    fs.writeFileSync(path.join(dir, `${name}.template.json`), JSON.stringify(template, undefined, 1));
    fs.writeFileSync(path.join(dir, `${name}.metadata.json`), JSON.stringify(b.metadata, undefined, 1));
    artifacts[name] = {
      type: 'aws:cloudformation:stack',
      environment: i % 2 === 0 ? 'aws://unknown-account/unknown-region' : 'aws://123456789012/us-east-1',
      properties: { templateFile: `${name}.template.json`, validateOnSynth: false },
      displayName: name,
      additionalMetadataFile: `${name}.metadata.json`,
    };
  }
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ version: '48.0.0', artifacts }, undefined, 1));
  fs.writeFileSync(path.join(dir, 'cdk.out'), JSON.stringify({ version: '48.0.0' }));
  return count;
}

// `node scripts/bench/gen-assembly.mjs <dir> <stacks> <total>` writes one assembly (for profiling by hand).
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const [dir, stacks, total] = process.argv.slice(2);
  const n = generateAssembly(dir, { stacks: Number(stacks), total: Number(total) });
  console.log(`${n} resources in ${stacks} stacks written to ${dir}`);
}
