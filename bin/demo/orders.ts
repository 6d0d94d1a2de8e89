// The "orders" service twice: as many teams built it before April 2011 (everything that holds state or serves traffic
// sits in one Availability Zone, backups are an afterthought), and as it survives losing any one zone.
import { Duration, NestedStack, RemovalPolicy, Size, Stack, StackProps, Tags } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as fsx from 'aws-cdk-lib/aws-fsx';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as amazonmq from 'aws-cdk-lib/aws-amazonmq';
import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';

/** Zones CDK would look up for the demo account; cdk.json carries them as context so synthesis never calls AWS. */
export const DEMO_ACCOUNT = '123456789012';
export const DEMO_REGION = 'us-east-1';
export const DEMO_ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
export const DEMO_CONTEXT: Record<string, unknown> = {
  [`availability-zones:account=${DEMO_ACCOUNT}:region=${DEMO_REGION}`]: DEMO_ZONES,
};
export const DEMO_ENV = { account: DEMO_ACCOUNT, region: DEMO_REGION };

// Built by name rather than with Runtime.NODEJS_22_X so that the demo also runs on older aws-cdk-lib (test/compat).
const NODE_RUNTIME = new lambda.Runtime('nodejs22.x', lambda.RuntimeFamily.NODEJS, { supportsInlineCode: true });
const HANDLER = 'exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });';
const USER_DATA = ['#!/bin/bash', 'yum install -y nginx', 'systemctl enable --now nginx'];

/** The order events broker (Amazon MQ for ActiveMQ): one broker, or an active/standby pair over two zones. */
function ordersBroker(scope: Construct, vpc: ec2.IVpc, subnets: ec2.ISubnet[], mode: 'SINGLE_INSTANCE' | 'ACTIVE_STANDBY_MULTI_AZ'): amazonmq.CfnBroker {
  return new amazonmq.CfnBroker(scope, 'EventBroker', {
    brokerName: `${Stack.of(scope).stackName.replace(/[^A-Za-z0-9-]/g, '-')}-events`,
    engineType: 'ACTIVEMQ',
    engineVersion: '5.18',
    hostInstanceType: 'mq.m5.large',
    deploymentMode: mode,
    publiclyAccessible: false,
    autoMinorVersionUpgrade: true,
    subnetIds: subnets.map((s) => s.subnetId),
    users: [{ username: 'orders', password: '{{resolve:secretsmanager:orders-mq:SecretString:password}}' }],
  });
}

/** The shared invoice folder (FSx for Windows File Server): one zone, or a Multi-AZ pair. */
function invoiceShare(scope: Construct, subnets: ec2.ISubnet[], multiAz: boolean): fsx.CfnFileSystem {
  return new fsx.CfnFileSystem(scope, 'InvoiceShare', {
    fileSystemType: 'WINDOWS',
    storageCapacity: 300,
    subnetIds: subnets.map((s) => s.subnetId),
    windowsConfiguration: {
      deploymentType: multiAz ? 'MULTI_AZ_1' : 'SINGLE_AZ_2',
      ...(multiAz ? { preferredSubnetId: subnets[0].subnetId } : {}),
      throughputCapacity: 32,
      automaticBackupRetentionDays: multiAz ? 14 : 0,
      activeDirectoryId: 'd-1234567890',
    },
  });
}

/**
 * The legacy invoice archive of the fragile stack: an EC2 instance with a data volume that no backup covers, in a
 * nested stack (as the team split the template when it grew past CloudFormation's limits).
 */
export class InvoiceArchiveStack extends NestedStack {
  readonly instance: ec2.Instance;
  readonly volume: ec2.Volume;

  constructor(scope: Construct, id: string, props: { vpc: ec2.IVpc }) {
    super(scope, id);
    const zone = props.vpc.privateSubnets[0].availabilityZone;
    this.instance = new ec2.Instance(this, 'ArchiveServer', {
      vpc: props.vpc,
      vpcSubnets: { subnets: [props.vpc.privateSubnets[0]] },
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.M5, ec2.InstanceSize.LARGE),
      machineImage: ec2.MachineImage.latestAmazonLinux2(),
    });
    this.volume = new ec2.Volume(this, 'InvoiceVolume', {
      availabilityZone: zone,
      size: Size.gibibytes(500),
      volumeType: ec2.EbsDeviceVolumeType.GP3,
      encrypted: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new ec2.CfnVolumeAttachment(this, 'InvoiceVolumeAttachment', {
      instanceId: this.instance.instanceId,
      volumeId: this.volume.volumeId,
      device: '/dev/sdf',
    });
  }
}

/**
 * Orders, 2011 style: one NAT gateway for three zones, a single-AZ PostgreSQL with a day of backups that is deleted
 * with the stack, an Aurora cluster with only a writer, workers and a VPC Lambda pinned to one subnet, a one-node Redis,
 * EFS One Zone, an ALB whose targets all live in the first zone and a partner-facing NLB in one subnet.
 */
export class FragileOrdersStack extends Stack {
  readonly vpc: ec2.Vpc;
  readonly database: rds.DatabaseInstance;
  readonly reporting: rds.DatabaseCluster;
  readonly workers: autoscaling.AutoScalingGroup;
  readonly archive: InvoiceArchiveStack;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);
    this.vpc = new ec2.Vpc(this, 'OrdersVpc', {
      maxAzs: 3,
      natGateways: 1,
      subnetConfiguration: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC },
        { name: 'App', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      ],
    });
    const firstZone = { subnets: [this.vpc.privateSubnets[0]] };

    this.database = new rds.DatabaseInstance(this, 'OrdersDb', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.of('16.4', '16') }),
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.M6G, ec2.InstanceSize.LARGE),
      vpc: this.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      multiAz: false,
      storageEncrypted: true,
      backupRetention: Duration.days(1),
      removalPolicy: RemovalPolicy.DESTROY,
      deletionProtection: false,
    });

    this.reporting = new rds.DatabaseCluster(this, 'ReportingCluster', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.of('16.4', '16') }),
      writer: rds.ClusterInstance.provisioned('Writer', { instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE) }),
      vpc: this.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      backup: { retention: Duration.days(1) },
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.workers = new autoscaling.AutoScalingGroup(this, 'OrderWorkers', {
      vpc: this.vpc,
      vpcSubnets: firstZone,
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.C6I, ec2.InstanceSize.LARGE),
      machineImage: ec2.MachineImage.latestAmazonLinux2(),
      userData: ec2.UserData.custom(USER_DATA.join('\n')),
      minCapacity: 2,
      maxCapacity: 4,
    });
    const alb = new elbv2.ApplicationLoadBalancer(this, 'OrdersAlb', { vpc: this.vpc, internetFacing: true });
    alb.addListener('Http', { port: 80 }).addTargets('Workers', { port: 80, targets: [this.workers] });
    // the payment provider reaches the workers over PrivateLink, through a network load balancer in one subnet
    const partnerNlb = new elbv2.NetworkLoadBalancer(this, 'PartnerNlb', { vpc: this.vpc, vpcSubnets: firstZone });
    partnerNlb.addListener('Tcp', { port: 443 }).addTargets('Workers', { port: 443, targets: [this.workers] });

    new lambda.Function(this, 'PaymentCallback', {
      runtime: NODE_RUNTIME,
      handler: 'index.handler',
      code: lambda.Code.fromInline(HANDLER),
      vpc: this.vpc,
      vpcSubnets: firstZone,
    });

    const cacheSubnets = new elasticache.CfnSubnetGroup(this, 'SessionCacheSubnets', {
      description: 'orders session cache',
      subnetIds: [this.vpc.privateSubnets[0].subnetId],
    });
    new elasticache.CfnReplicationGroup(this, 'SessionCache', {
      replicationGroupDescription: 'orders sessions',
      engine: 'redis',
      cacheNodeType: 'cache.r6g.large',
      numCacheClusters: 1,
      automaticFailoverEnabled: false,
      cacheSubnetGroupName: cacheSubnets.ref,
    });

    // EFS One Zone: the file system's data in the first zone only, with its single mount target there (set on the L1
    // so that the demo also synthesizes on aws-cdk-lib versions before the L2's `oneZone`)
    const uploads = new efs.FileSystem(this, 'Uploads', { vpc: this.vpc, vpcSubnets: firstZone, removalPolicy: RemovalPolicy.DESTROY });
    (uploads.node.defaultChild as efs.CfnFileSystem).availabilityZoneName = this.vpc.privateSubnets[0].availabilityZone;

    // product search on one OpenSearch node, the order events broker and the invoice share: all in the first zone
    new opensearch.Domain(this, 'ProductSearch', {
      version: opensearch.EngineVersion.openSearch('2.13'),
      vpc: this.vpc,
      vpcSubnets: [firstZone],
      capacity: { dataNodes: 1, dataNodeInstanceType: 'r6g.large.search' },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    ordersBroker(this, this.vpc, [this.vpc.privateSubnets[0]], 'SINGLE_INSTANCE');
    invoiceShare(this, [this.vpc.privateSubnets[0]], false).applyRemovalPolicy(RemovalPolicy.DESTROY);

    this.archive = new InvoiceArchiveStack(this, 'InvoiceArchive', { vpc: this.vpc });
  }
}

/**
 * Orders built to lose a zone: NAT gateway per zone, Multi-AZ PostgreSQL and a three-instance Aurora cluster with two
 * weeks of backups kept on deletion, workers in every zone behind the ALB with enough minimum capacity to lose one,
 * a Redis replication group with automatic failover across three zones, regional EFS and DynamoDB with PITR, and an
 * AWS Backup plan selecting everything tagged `backup=daily`.
 */
export class ResilientOrdersStack extends Stack {
  readonly vpc: ec2.Vpc;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);
    this.vpc = new ec2.Vpc(this, 'OrdersVpc', {
      maxAzs: 3,
      natGateways: 3,
      subnetConfiguration: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC },
        { name: 'App', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      ],
    });
    const app = { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS };

    const db = new rds.DatabaseInstance(this, 'OrdersDb', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.of('16.4', '16') }),
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.M6G, ec2.InstanceSize.LARGE),
      vpc: this.vpc,
      vpcSubnets: app,
      multiAz: true,
      storageEncrypted: true,
      backupRetention: Duration.days(14),
      removalPolicy: RemovalPolicy.SNAPSHOT,
      deletionProtection: true,
    });
    Tags.of(db).add('backup', 'daily');

    new rds.DatabaseCluster(this, 'ReportingCluster', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.of('16.4', '16') }),
      writer: rds.ClusterInstance.provisioned('Writer', { instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE) }),
      readers: [
        rds.ClusterInstance.provisioned('Reader1', { instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE) }),
        rds.ClusterInstance.provisioned('Reader2', { instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE) }),
      ],
      vpc: this.vpc,
      vpcSubnets: app,
      backup: { retention: Duration.days(14) },
      removalPolicy: RemovalPolicy.SNAPSHOT,
      deletionProtection: true,
    });

    const workers = new autoscaling.AutoScalingGroup(this, 'OrderWorkers', {
      vpc: this.vpc,
      vpcSubnets: app,
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.C6I, ec2.InstanceSize.LARGE),
      machineImage: ec2.MachineImage.latestAmazonLinux2(),
      userData: ec2.UserData.custom(USER_DATA.join('\n')),
      // the load needs six instances; three per zone means losing any zone still leaves six (static stability)
      minCapacity: 6,
      desiredCapacity: 9,
      maxCapacity: 18,
    });
    // An instance the load balancer finds unhealthy (a stuck volume, a hung process) is replaced, not only one EC2 calls
    // impaired. Set on the CloudFormation resource: HealthCheck.elb is deprecated in current aws-cdk-lib (it warns in
    // every synth) and its replacement HealthChecks does not exist in the oldest supported one (2.93).
    const workersCfn = workers.node.defaultChild as autoscaling.CfnAutoScalingGroup;
    workersCfn.healthCheckType = 'ELB';
    workersCfn.healthCheckGracePeriod = Duration.minutes(5).toSeconds();
    const alb = new elbv2.ApplicationLoadBalancer(this, 'OrdersAlb', { vpc: this.vpc, internetFacing: true });
    alb.addListener('Http', { port: 80 }).addTargets('Workers', { port: 80, targets: [workers] });

    new lambda.Function(this, 'PaymentCallback', {
      runtime: NODE_RUNTIME,
      handler: 'index.handler',
      code: lambda.Code.fromInline(HANDLER),
      vpc: this.vpc,
      vpcSubnets: app,
    });

    const cacheSubnets = new elasticache.CfnSubnetGroup(this, 'SessionCacheSubnets', {
      description: 'orders session cache',
      subnetIds: this.vpc.privateSubnets.map((s) => s.subnetId),
    });
    const sessions = new elasticache.CfnReplicationGroup(this, 'SessionCache', {
      replicationGroupDescription: 'orders sessions',
      engine: 'redis',
      cacheNodeType: 'cache.r6g.large',
      numCacheClusters: 3,
      automaticFailoverEnabled: true,
      multiAzEnabled: true,
      snapshotRetentionLimit: 7,
      cacheSubnetGroupName: cacheSubnets.ref,
    });
    sessions.applyRemovalPolicy(RemovalPolicy.SNAPSHOT); // a final snapshot when the stack or an update removes it

    const uploads = new efs.FileSystem(this, 'Uploads', { vpc: this.vpc, vpcSubnets: app, removalPolicy: RemovalPolicy.RETAIN });
    Tags.of(uploads).add('backup', 'daily');

    const orders = new dynamodb.Table(this, 'OrderEvents', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // point-in-time recovery on the L1, which every aws-cdk-lib 2.x accepts (the L2 prop changed name over time)
    (orders.node.defaultChild as dynamodb.CfnTable).pointInTimeRecoverySpecification = { pointInTimeRecoveryEnabled: true };
    Tags.of(orders).add('backup', 'daily');

    // three zone-aware search nodes with three dedicated masters, an active/standby broker, a Multi-AZ invoice share
    new opensearch.Domain(this, 'ProductSearch', {
      version: opensearch.EngineVersion.openSearch('2.13'),
      vpc: this.vpc,
      vpcSubnets: [app],
      capacity: { dataNodes: 3, dataNodeInstanceType: 'r6g.large.search', masterNodes: 3, masterNodeInstanceType: 'm6g.large.search' },
      zoneAwareness: { enabled: true, availabilityZoneCount: 3 },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    ordersBroker(this, this.vpc, this.vpc.privateSubnets.slice(0, 2), 'ACTIVE_STANDBY_MULTI_AZ').applyRemovalPolicy(RemovalPolicy.RETAIN);
    invoiceShare(this, this.vpc.privateSubnets.slice(0, 2), true).applyRemovalPolicy(RemovalPolicy.RETAIN);

    const plan = backup.BackupPlan.daily35DayRetention(this, 'OrdersBackupPlan');
    plan.addSelection('TaggedDaily', { resources: [backup.BackupResource.fromTag('backup', 'daily')] });
  }
}
