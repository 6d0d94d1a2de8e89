// One synthesis of a 20-stack CDK app, for the benchmark:
// `node scripts/bench/synth-app.cjs <variant> <outdir> [stacks] [validation]` with variant `baseline` (no validation
// plugin), `zonelint` (ZonelintPlugin from the built dist/lib) or `cdk-nag` (AwsSolutionsChecks, a validation plugin in
// cdk-nag v3), and validation `on` (aws-cdk-lib's built-in CloudFormation validation, its default) or `off` (what
// `cdk synth --no-validation` and CDK_VALIDATION=false give). Prints one JSON line: the time to load the plugin's
// module, the time to build the constructs and synthesize (aws-cdk-lib's loading excluded: the same for every
// variant), the time of app.synth() alone, and the plugin's own validate() time within it; the module load and
// validate() also in CPU time (process.cpuUsage: user + system of the whole process, so V8's helper threads count).
'use strict';
const path = require('path');
const { performance } = require('perf_hooks');

const [variant, outdir, stacksArg, validationArg = 'on'] = process.argv.slice(2);
const STACKS = Number(stacksArg ?? 20);
if (validationArg !== 'on' && validationArg !== 'off') throw new Error(`validation must be on or off, not ${validationArg}`);

const cdk = require('aws-cdk-lib');
const { App, Stack, Duration, RemovalPolicy, Validations } = cdk;
const ec2 = require('aws-cdk-lib/aws-ec2');
const rds = require('aws-cdk-lib/aws-rds');
const autoscaling = require('aws-cdk-lib/aws-autoscaling');
const lambda = require('aws-cdk-lib/aws-lambda');
const elbv2 = require('aws-cdk-lib/aws-elasticloadbalancingv2');

// Loading the plugin's module is part of its cost (aws-cdk-lib's, loaded above, is the same for every variant).
let plugin;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const loadStart = performance.now();
const loadCpuStart = cpuMs();
if (variant === 'zonelint') {
  const { ZonelintPlugin } = require(path.join(__dirname, '..', '..', 'dist', 'lib', 'index.js'));
  plugin = () => new ZonelintPlugin({ failOn: 'none' });
} else if (variant === 'cdk-nag') {
  const { AwsSolutionsChecks } = require('cdk-nag');
  plugin = (app) => new AwsSolutionsChecks(app);
} else if (variant !== 'baseline') {
  throw new Error(`unknown variant ${variant}`);
}

const loadMs = performance.now() - loadStart;
const loadCpuMs = cpuMs() - loadCpuStart;

/** A typical service stack: VPC over three zones, RDS, an Auto Scaling group behind an ALB, a Lambda in the VPC. */
function serviceStack(app, i) {
  const stack = new Stack(app, `Service${String(i).padStart(2, '0')}`, { env: { account: '123456789012', region: 'us-east-1' } });
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 3, natGateways: i % 4 === 0 ? 1 : 3 });
  const db = new rds.DatabaseInstance(stack, 'Db', {
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    multiAz: i % 2 === 0,
    backupRetention: Duration.days(i % 3 === 0 ? 1 : 7),
    removalPolicy: RemovalPolicy.SNAPSHOT,
  });
  const asg = new autoscaling.AutoScalingGroup(stack, 'Fleet', {
    vpc,
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.LARGE),
    machineImage: ec2.MachineImage.latestAmazonLinux2023(),
    minCapacity: 2,
    maxCapacity: 6,
    vpcSubnets: i % 5 === 0 ? { availabilityZones: [vpc.availabilityZones[0]], subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } : undefined,
  });
  db.connections.allowDefaultPortFrom(asg);
  const lb = new elbv2.ApplicationLoadBalancer(stack, 'Lb', { vpc, internetFacing: true });
  lb.addListener('Http', { port: 80 }).addTargets('Fleet', { port: 80, targets: [asg], healthCheck: { path: '/health' } });
  const fn = new lambda.Function(stack, 'Worker', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ ok: true });'),
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    timeout: Duration.seconds(30),
  });
  db.connections.allowDefaultPortFrom(fn);
  return stack;
}

const t0 = performance.now();
// The context `cdk synth` hands an app (aws-cdk CLI 2.1148 contextFromSettings, default settings): construct paths in
// the templates' resource metadata, asset metadata, the CDKMetadata resource, every stack bundled, validation errors
// reported rather than thrown. The benchmark measures what users run.
const CLI_CONTEXT = {
  'aws:cdk:enable-path-metadata': true,
  'aws:cdk:enable-asset-metadata': true,
  'aws:cdk:version-reporting': true,
  'aws:cdk:bundling-stacks': ['**'],
  '@aws-cdk/core:failSynthOnValidationErrors': false,
};
const app = new App({ outdir, builtinCloudFormationValidation: validationArg === 'on', context: { ...CLI_CONTEXT, 'availability-zones:account=123456789012:region=us-east-1': ['us-east-1a', 'us-east-1b', 'us-east-1c'] } });
// The plugin's own validate() time, measured inside the same synthesis: far less noisy than comparing two runs.
let pluginMs = 0;
let pluginCpuMs = 0;
if (plugin) {
  const p = plugin(app);
  const validate = p.validate.bind(p);
  p.validate = (context) => {
    const start = performance.now();
    const cpuStart = cpuMs();
    try {
      return validate(context);
    } finally {
      pluginMs += performance.now() - start;
      pluginCpuMs += cpuMs() - cpuStart;
    }
  };
  Validations.of(app).addPlugins(p);
}
for (let i = 1; i <= STACKS; i++) serviceStack(app, i);
const t1 = performance.now();
let failed = false;
// silence the validation report (printed by CDK to the console): identical work for the plugins, but no terminal I/O
const log = console.log;
const err = console.error;
console.log = console.error = () => {};
try {
  app.synth();
} catch {
  failed = true; // cdk-nag fails synthesis on its findings: the work is done by then
} finally {
  console.log = log;
  console.error = err;
}
const t2 = performance.now();
process.stdout.write(`${JSON.stringify({ variant, validation: validationArg, loadMs, totalMs: t2 - t0, synthMs: t2 - t1, pluginMs, loadCpuMs, pluginCpuMs, failed })}\n`);
