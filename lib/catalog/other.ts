/**
/**
 * Services with a VPC placement and no catalog module of their own (OpsWorks, Directory Service, CodeBuild, Glue,
 * App Runner, Elastic Beanstalk), and regional stateful types known only for what CloudFormation's DeletionPolicy does
 * to their data (ZL404; the stateful types cfn-lint's I3011 lists): Kinesis streams, SQS queues, Cognito user pools,
 * secrets. (QLDB, also in I3011's list, was shut down on 2025-07-31: cfn-lint E3710 refuses its ledgers.)
 */
import type { Model } from '../model/model';
import type { Placement } from '../model/placement';
import { subnetsIn, zonesOfSubnets } from '../model/placement';
import type { Resource } from '../model/resource';
import { Unknown, asNumber, asString, refTarget } from '../model/values';
import type { Capacity, RecordSpec } from './types';

const BEANSTALK_ENV = 'AWS::ElasticBeanstalk::Environment';
const BEANSTALK_TEMPLATE = 'AWS::ElasticBeanstalk::ConfigurationTemplate';

/**
 * The raw value of an Elastic Beanstalk option (OptionSettings entry of `namespace`/`name`): the environment's own
 * setting, else the one of the configuration template of the input it names (TemplateName). `unknown` when the
 * environment takes its options from a template outside the input (which may set it), undefined when nothing sets it.
 */
export function beanstalkOption(env: Resource, namespace: string, name: string): { raw: unknown; from: Resource } | 'unknown' | undefined {
  const own = optionIn(env, namespace, name);
  if (own !== undefined) return { raw: own, from: env };
  if (env.rawProperties.TemplateName === undefined) return undefined;
  const template = refTarget(env.get('TemplateName')) ?? env.stack.model.ofType(BEANSTALK_TEMPLATE).find((t) => t.stack === env.stack && t.logicalId === env.rawProperties.TemplateName);
  if (!template || template.type !== BEANSTALK_TEMPLATE) return 'unknown';
  const inherited = optionIn(template, namespace, name);
  return inherited === undefined ? undefined : { raw: inherited, from: template };
}

function optionIn(r: Resource, namespace: string, name: string): unknown {
  const settings = r.rawProperties.OptionSettings;
  if (!Array.isArray(settings)) return undefined;
  for (const s of settings) {
    const entry = (s && typeof s === 'object' ? s : {}) as Record<string, unknown>;
    if (r.stack.resolver.resolve(entry.Namespace) === namespace && r.stack.resolver.resolve(entry.OptionName) === name) return entry.Value;
  }
  return undefined;
}

/** An option's resolved string value; undefined when not set, Unknown when it cannot be known before deployment. */
export function beanstalkOptionValue(env: Resource, namespace: string, name: string): string | Unknown | undefined {
  const o = beanstalkOption(env, namespace, name);
  if (o === 'unknown') return new Unknown(`the environment takes its options from configuration template ${String(env.rawProperties.TemplateName)}, outside the input`);
  if (!o) return undefined;
  const v = o.from.stack.resolver.resolve(o.raw);
  const s = typeof v === 'number' ? String(v) : asString(v);
  return s ?? new Unknown(`${namespace} ${name} cannot be resolved`);
}

/** The zones of an environment's instance subnets (aws:ec2:vpc Subnets, a comma-separated list, often an Fn::Join of Refs). */
function beanstalkPlacement(model: Model, env: Resource): Placement {
  const o = beanstalkOption(env, 'aws:ec2:vpc', 'Subnets');
  if (o === 'unknown') return { kind: 'unknown', reason: `its options come from configuration template ${String(env.rawProperties.TemplateName)}, outside the input` };
  if (!o) return { kind: 'unknown', reason: 'no aws:ec2:vpc Subnets option: the default VPC' };
  const join = o.raw && typeof o.raw === 'object' ? (o.raw as Record<string, unknown>)['Fn::Join'] : undefined;
  const values = Array.isArray(join) && join[0] === ',' && Array.isArray(join[1]) ? join[1].map((x) => o.from.stack.resolver.resolve(x)) : [o.from.stack.resolver.resolve(o.raw)];
  const zones = zonesOfSubnets(model, subnetsIn(values));
  if (zones instanceof Unknown) return { kind: 'unknown', reason: zones.reason };
  if (!zones?.length) return { kind: 'unknown', reason: 'aws:ec2:vpc Subnets is empty' };
  // aws:autoscaling:asg "Availability Zones: Any 1": the group uses one of the subnets' zones
  const az = beanstalkOptionValue(env, 'aws:autoscaling:asg', 'Availability Zones');
  if (az === 'Any 1' && zones.length > 1) return { kind: 'single', among: zones, reason: 'aws:autoscaling:asg Availability Zones is Any 1' };
  return { kind: 'zonal', zones };
}

/**
 * An environment's instances: one for SingleInstance, else aws:autoscaling:asg MinSize (Elastic Beanstalk's default 1).
 * The environment's Auto Scaling group replaces a lost instance in another zone of its subnets.
 */
function beanstalkCapacity(env: Resource): Capacity | undefined {
  const type = beanstalkOptionValue(env, 'aws:elasticbeanstalk:environment', 'EnvironmentType');
  if (type instanceof Unknown) return undefined;
  if (type === 'SingleInstance') return { units: 1, unit: 'instance', source: 'EnvironmentType SingleInstance', min: 1, max: 1, replaces: true };
  if (type !== undefined && type !== 'LoadBalanced') return undefined;
  const raw = beanstalkOptionValue(env, 'aws:autoscaling:asg', 'MinSize');
  if (raw instanceof Unknown) return undefined;
  const min = raw === undefined ? 1 : asNumber(raw);
  if (min === undefined) return undefined;
  return { units: min, unit: 'instance', source: raw === undefined ? 'aws:autoscaling:asg MinSize is not set (Elastic Beanstalk default 1)' : `aws:autoscaling:asg MinSize ${min}`, min, replaces: true };
}


export const OTHER: readonly RecordSpec[] = [
  { type: 'AWS::OpsWorks::Instance', noun: 'OpsWorks instance', role: 'compute', recovery: { down: 'manual-rebuild' }, placement: { zoneProperties: ['AvailabilityZone'] } },
  // AWS Directory Service requires two subnets in two zones and runs a domain controller in each
  { type: 'AWS::DirectoryService::MicrosoftAD', noun: 'AWS Managed Microsoft AD directory', role: 'service', recovery: { down: 'manual-rebuild' }, placement: { subnetProperties: ['VpcSettings.SubnetIds'] } },
  { type: 'AWS::DirectoryService::SimpleAD', noun: 'Simple AD directory', role: 'service', recovery: { down: 'manual-rebuild' }, placement: { subnetProperties: ['VpcSettings.SubnetIds'] } },
  { type: 'AWS::CodeBuild::Project', noun: 'CodeBuild project', role: 'service', recovery: { down: 'manual-rebuild' }, placement: { subnetProperties: ['VpcConfig.Subnets'] } },
  {
    type: 'AWS::Glue::Connection',
    noun: 'Glue connection',
    role: 'network',
    recovery: { down: 'manual-rebuild' },
    placement: { subnetProperties: ['ConnectionInput.PhysicalConnectionRequirements.SubnetId'] },
    outage: { byDesign: 'a Glue connection names exactly one subnet (the API takes one); a job that must survive a zone lists connections in several zones' },
  },
  { type: 'AWS::AppRunner::VpcConnector', noun: 'App Runner VPC connector', role: 'network', recovery: { down: 'manual-rebuild' }, placement: { subnetProperties: ['Subnets'] } },
  // None of these accepts a Snapshot policy (DeletionPolicy attribute docs; cfn-lint E3035): Retain is the only keeper.
  // Kinesis and SQS are regional: a zone's loss never takes them down (listed only through what they need)
  { type: 'AWS::Kinesis::Stream', noun: 'Kinesis data stream', role: 'data-store', recovery: { down: 'manual-rebuild' }, store: 'stream', data: { holds: () => true, decidedBy: [] }, policies: { snapshot: false, replacedBy: 'a change to Name' } },
  { type: 'AWS::SQS::Queue', noun: 'SQS queue', role: 'data-store', recovery: { down: 'manual-rebuild' }, store: 'stream', data: { holds: () => true, decidedBy: [] }, policies: { snapshot: false, replacedBy: 'a change to QueueName or FifoQueue' } },
  {
    type: 'AWS::Cognito::UserPool',
    noun: 'Cognito user pool',
    role: 'config',
    data: { holds: () => true, decidedBy: [] },
    policies: { snapshot: false, replacedBy: 'a change to UsernameAttributes or AliasAttributes', protectedBy: (r) => asString(r.get('DeletionProtection'))?.toUpperCase() === 'ACTIVE' },
  },
  {
    type: 'AWS::SecretsManager::Secret',
    noun: 'Secrets Manager secret',
    role: 'config',
    data: { holds: () => true, decidedBy: [] },
    // CloudFormation deletes a secret without a recovery window (ForceDeleteWithoutRecovery), so nothing can restore it.
    // A generated value (GenerateSecretString: CDK's database credentials) is generated again and reset where it is
    // used; a value someone put in is what is lost.
    policies: { snapshot: false, replacedBy: 'a change to Name', destroysData: (r) => r.get('GenerateSecretString') === undefined },
  },
  {
    type: BEANSTALK_ENV,
    noun: 'Elastic Beanstalk environment',
    role: 'compute',
    // its Auto Scaling group launches replacements in the surviving zones of its subnets
    recovery: { down: 'asg-replace' },
    placement: { special: beanstalkPlacement },
    capacity: beanstalkCapacity,
    // one instance wherever it runs, or instance subnets in one zone
    outage: { rules: ['ZL214'] },
  },
  { type: BEANSTALK_TEMPLATE, noun: 'Elastic Beanstalk configuration template', role: 'config' },
];
