// ZL401 coverage logic case by case: each way a volume can be covered, its near misses, stacks that reach across
// (imports, regions) and live scans (literal ARNs). The fixtures test the rule end to end; these pin the semantics.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import * as fc from 'fast-check';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { lintLoaded, lintPaths } from '../../../lib/lint';
import type { StackInput } from '../../../lib/load/stack-input';
import rule from './rule';
import { testApp } from '../../../test/support/test-app';

interface StackSpec {
  id?: string;
  resources: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  region?: string;
  account?: string;
  origin?: StackInput['origin'];
}

function stackInput(spec: StackSpec, i: number): StackInput {
  const template = { Resources: spec.resources, ...(spec.outputs ? { Outputs: spec.outputs } : {}) };
  const id = spec.id ?? `stack${i}`;
  return {
    id,
    name: id,
    source: { file: `${id}.json`, format: 'json', data: template, positionOf: () => undefined },
    template,
    ...(spec.region ? { region: spec.region } : {}),
    ...(spec.account ? { account: spec.account } : {}),
    constructPaths: new Map(),
    acknowledgements: [],
    origin: spec.origin ?? 'template',
  };
}

/** Logical ids ZL401 flags, as `<stack>/<logical id>`. */
function flagged(...specs: StackSpec[]): string[] {
  const { findings } = lintLoaded({ stacks: specs.map(stackInput), skipped: [], notes: [] }, { rules: [rule] });
  return findings.map((f) => `${f.resource.stack}/${f.resource.logicalId}`).sort();
}

const volume = (extra: Record<string, unknown> = {}) => ({ Type: 'AWS::EC2::Volume', Properties: { Size: 10, AvailabilityZone: 'us-east-1a', ...extra } });
const plan = { Type: 'AWS::Backup::BackupPlan', Properties: { BackupPlan: { BackupPlanName: 'p', BackupPlanRule: [{ RuleName: 'r', TargetBackupVault: 'Default' }] } } };
const selection = (sel: Record<string, unknown>, planId: unknown = { Ref: 'Plan' }) => ({
  Type: 'AWS::Backup::BackupSelection',
  Properties: { BackupPlanId: planId, BackupSelection: { SelectionName: 's', IamRoleArn: 'arn:aws:iam::111122223333:role/b', ...sel } },
});
const dlm = (details: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  Type: 'AWS::DLM::LifecyclePolicy',
  Properties: { Description: 'd', State: 'ENABLED', ExecutionRoleArn: 'arn:aws:iam::111122223333:role/d', PolicyDetails: details, ...extra },
});
const tags = (kv: Record<string, string>) => Object.entries(kv).map(([Key, Value]) => ({ Key, Value }));
const volumeArn = (ref: string) => ({ 'Fn::Sub': `arn:\${AWS::Partition}:ec2:\${AWS::Region}:\${AWS::AccountId}:volume/\${${ref}}` });

describe('AWS Backup selections', () => {
  test('a volume with nothing that covers it is flagged', () => {
    expect(flagged({ resources: { Vol: volume() } })).toEqual(['stack0/Vol']);
  });

  test('by ARN: covers the volume it names, not another one', () => {
    const resources = { Plan: plan, Sel: selection({ Resources: [volumeArn('Covered')] }), Covered: volume(), Other: volume() };
    expect(flagged({ resources })).toEqual(['stack0/Other']);
  });

  test('by ListOfTags (OR) and by Conditions (AND, StringLike)', () => {
    const resources = {
      Plan: plan,
      ByTags: selection({ ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }, { ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'hourly' }] }),
      ByConditions: selection({
        Resources: ['arn:aws:ec2:*:*:volume/*'],
        Conditions: { StringLike: [{ ConditionKey: 'aws:ResourceTag/tier', ConditionValue: 'data*' }], StringEquals: [{ ConditionKey: 'aws:ResourceTag/env', ConditionValue: 'prod' }] },
      }),
      Hourly: volume({ Tags: tags({ backup: 'hourly' }) }),
      Weekly: volume({ Tags: tags({ backup: 'weekly' }) }),
      ProdData: volume({ Tags: tags({ tier: 'database', env: 'prod' }) }),
      DevData: volume({ Tags: tags({ tier: 'database', env: 'dev' }) }),
    };
    expect(flagged({ resources })).toEqual(['stack0/DevData', 'stack0/Weekly']);
  });

  test('NotResources excludes; a wildcard for instances does not cover a detached volume', () => {
    const resources = {
      Plan: plan,
      All: selection({ Resources: ['arn:aws:ec2:*:*:volume/*'], NotResources: [volumeArn('Excluded')] }),
      Instances: selection({ Resources: ['arn:aws:ec2:*:*:instance/*'] }),
      Excluded: volume(),
      Included: volume(),
    };
    expect(flagged({ resources })).toEqual(['stack0/Excluded']);
  });

  test('everything but EBS volumes (the AWS documentation example) leaves volumes uncovered', () => {
    const resources = { Plan: plan, Sel: selection({ Resources: ['*'], NotResources: ['arn:aws:ec2:*:*:volume/*'] }), Vol: volume() };
    expect(flagged({ resources })).toEqual(['stack0/Vol']);
    const flaggedVolume = lintLoaded({ stacks: [stackInput({ resources }, 0)], skipped: [], notes: [] }, { rules: [rule] }).findings[0];
    expect(flaggedVolume.message).toContain('Sel would select it but excludes it with NotResources');
  });

  test('an instance selection covers its attached volumes and its block device volumes', () => {
    const resources = {
      Plan: plan,
      Sel: selection({ Resources: [{ 'Fn::Join': ['', ['arn:aws:ec2:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':instance/', { Ref: 'Db' }]] }] }),
      Db: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-1', BlockDeviceMappings: [{ DeviceName: '/dev/sdf', Ebs: { VolumeSize: 10 } }] } },
      Web: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-1', BlockDeviceMappings: [{ DeviceName: '/dev/sdf', Ebs: { VolumeSize: 10 } }] } },
      DbData: volume(),
      Attach: { Type: 'AWS::EC2::VolumeAttachment', Properties: { InstanceId: { Ref: 'Db' }, VolumeId: { Ref: 'DbData' }, Device: '/dev/sdg' } },
    };
    expect(flagged({ resources })).toEqual(['stack0/Web']);
  });

  test('a selection or plan whose Condition is false does not exist; an undecidable one might', () => {
    const base = { Sel: selection({ Resources: [volumeArn('Vol')] }), Vol: volume() };
    const conditional = (cond: string) => ({ ...plan, Condition: cond });
    const template = (cond: string): StackSpec => ({ resources: { ...base, Plan: conditional(cond) } });
    const withConditions = (spec: StackSpec, conditions: Record<string, unknown>, parameters: Record<string, unknown> = {}): StackInput => {
      const input = stackInput(spec, 0);
      Object.assign(input.template, { Conditions: conditions, Parameters: parameters });
      return input;
    };
    const run = (input: StackInput) => lintLoaded({ stacks: [input], skipped: [], notes: [] }, { rules: [rule] }).findings.map((f) => f.resource.logicalId);
    expect(run(withConditions(template('No'), { No: { 'Fn::Equals': ['a', 'b'] } }))).toEqual(['Vol']);
    expect(run(withConditions(template('Maybe'), { Maybe: { 'Fn::Equals': [{ Ref: 'P' }, 'b'] } }, { P: { Type: 'String' } }))).toEqual([]);
  });

  test('resources that cannot be resolved, or tags with unknown values, are never reported', () => {
    const input = stackInput(
      {
        resources: {
          Sel: selection({ Resources: { Ref: 'Arns' } }, 'plan-outside'),
          Vol: volume(),
        },
      },
      0,
    );
    Object.assign(input.template, { Parameters: { Arns: { Type: 'CommaDelimitedList' } } });
    expect(lintLoaded({ stacks: [input], skipped: [], notes: [] }, { rules: [rule] }).findings).toEqual([]);

    const tagged = stackInput(
      { resources: { Sel: selection({ ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }] }, 'plan-outside'), Vol: volume({ Tags: [{ Key: 'backup', Value: { Ref: 'Tag' } }] }) } },
      0,
    );
    Object.assign(tagged.template, { Parameters: { Tag: { Type: 'String' } } });
    expect(lintLoaded({ stacks: [tagged], skipped: [], notes: [] }, { rules: [rule] }).findings).toEqual([]);
  });

  test('across stacks: a selection in one stack covers a volume it imports from another', () => {
    const storage: StackSpec = {
      id: 'storage',
      resources: { Covered: volume(), Uncovered: volume() },
      outputs: {
        CoveredId: { Value: { Ref: 'Covered' }, Export: { Name: 'storage-covered' } },
        UncoveredId: { Value: { Ref: 'Uncovered' }, Export: { Name: 'storage-uncovered' } },
      },
    };
    const backups: StackSpec = {
      id: 'backups',
      resources: {
        Plan: plan,
        Sel: selection({ Resources: [{ 'Fn::Join': ['', ['arn:aws:ec2:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':volume/', { 'Fn::ImportValue': 'storage-covered' }]] }] }),
      },
    };
    expect(flagged(storage, backups)).toEqual(['storage/Uncovered']);
    expect(flagged(storage)).toEqual(['storage/Covered', 'storage/Uncovered']);
  });

  test('a selection only covers its own region (when both regions are known)', () => {
    const wildcard = { Plan: plan, Sel: selection({ Resources: ['arn:aws:ec2:*:*:volume/*'] }) };
    expect(flagged({ id: 'eu', region: 'eu-west-1', resources: { Vol: volume() } }, { id: 'us', region: 'us-east-1', resources: wildcard })).toEqual(['eu/Vol']);
    expect(flagged({ id: 'us1', region: 'us-east-1', resources: { Vol: volume() } }, { id: 'us2', region: 'us-east-1', resources: wildcard })).toEqual([]);
    // A literal region in the ARN: certain for a known region, undecidable for an environment-agnostic stack.
    const pinned = { Plan: plan, Sel: selection({ Resources: ['arn:aws:ec2:us-west-2:*:volume/*'] }), Vol: volume() };
    expect(flagged({ region: 'us-east-1', resources: pinned })).toEqual(['stack0/Vol']);
    expect(flagged({ resources: pinned })).toEqual([]);
  });

  test('live scans: literal ARNs match the volume ARN the scanner recorded', () => {
    const live = (id: string) => ({ ...volume(), Metadata: { ZonelintLive: { physicalId: id, arn: `arn:aws:ec2:us-east-1:111122223333:volume/${id}` } } });
    const resources = {
      'backupplan:1': plan,
      'backupplan:1/selection/s': selection({ Resources: ['arn:aws:ec2:us-east-1:111122223333:volume/vol-1'] }, { Ref: 'backupplan:1' }),
      'vol-1': live('vol-1'),
      'vol-2': live('vol-2'),
    };
    expect(flagged({ id: '111122223333/us-east-1', region: 'us-east-1', account: '111122223333', origin: 'live', resources })).toEqual(['111122223333/us-east-1/vol-2']);
  });
});

describe('DLM lifecycle policies', () => {
  test('VOLUME policies cover volumes with any target tag; disabled and event-based policies cover nothing', () => {
    const resources = {
      Volumes: dlm({ ResourceTypes: ['VOLUME'], TargetTags: tags({ snapshot: 'true' }) }),
      Disabled: dlm({ ResourceTypes: ['VOLUME'], TargetTags: tags({ nightly: 'true' }) }, { State: 'DISABLED' }),
      Events: dlm({ PolicyType: 'EVENT_BASED_POLICY', ResourceTypes: ['VOLUME'], TargetTags: tags({ copy: 'true' }) }),
      Snapshotted: volume({ Tags: tags({ snapshot: 'true' }) }),
      Nightly: volume({ Tags: tags({ nightly: 'true' }) }),
      Copied: volume({ Tags: tags({ copy: 'true' }) }),
    };
    expect(flagged({ resources })).toEqual(['stack0/Copied', 'stack0/Nightly']);
  });

  test('INSTANCE policies cover the data volumes of targeted instances, minus ExcludeDataVolumeTags', () => {
    const resources = {
      Instances: dlm({ ResourceTypes: ['INSTANCE'], TargetTags: tags({ role: 'db' }), Parameters: { ExcludeDataVolumeTags: tags({ scratch: 'true' }) } }),
      Db: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-1', AvailabilityZone: 'us-east-1a', Tags: tags({ role: 'db' }) } },
      Web: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-1', AvailabilityZone: 'us-east-1a', Tags: tags({ role: 'web' }) } },
      DbData: volume(),
      DbScratch: volume({ Tags: tags({ scratch: 'true' }) }),
      WebData: volume(),
      A1: { Type: 'AWS::EC2::VolumeAttachment', Properties: { InstanceId: { Ref: 'Db' }, VolumeId: { Ref: 'DbData' }, Device: '/dev/sdf' } },
      A2: { Type: 'AWS::EC2::VolumeAttachment', Properties: { InstanceId: { Ref: 'Db' }, VolumeId: { Ref: 'DbScratch' }, Device: '/dev/sdg' } },
      A3: { Type: 'AWS::EC2::VolumeAttachment', Properties: { InstanceId: { Ref: 'Web' }, VolumeId: { Ref: 'WebData' }, Device: '/dev/sdf' } },
    };
    expect(flagged({ resources })).toEqual(['stack0/DbScratch', 'stack0/WebData']);
  });

  test('a policy without target tags (a default policy as a live scan reports it) is undecidable, never a finding', () => {
    expect(flagged({ resources: { Simplified: dlm({ PolicyLanguage: 'SIMPLIFIED', ResourceTypes: ['VOLUME'] }), Vol: volume() } })).toEqual([]);
  });

  test('default VOLUME policies cover every volume but the excluded types and tags', () => {
    const resources = {
      Default: { Type: 'AWS::DLM::LifecyclePolicy', Properties: { DefaultPolicy: 'VOLUME', State: 'ENABLED', Exclusions: { ExcludeVolumeTypes: ['sc1'], ExcludeTags: tags({ backup: 'no' }) } } },
      Gp3: volume({ VolumeType: 'gp3' }),
      Cold: volume({ VolumeType: 'sc1' }),
      OptedOut: volume({ Tags: tags({ backup: 'no' }) }),
    };
    expect(flagged({ resources })).toEqual(['stack0/Cold', 'stack0/OptedOut']);
  });
});

describe('CDK nested stacks', () => {
  test('a selection in the parent covers a volume of a nested stack (through GetAtt Nested.Outputs.X)', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'zl401-nested-'));
    try {
      const app = testApp({ outdir });
      const parent = new cdk.Stack(app, 'Parent');
      const nested = new cdk.NestedStack(parent, 'Storage');
      const size = cdk.Size.gibibytes(10);
      const covered = new ec2.Volume(nested, 'Covered', { availabilityZone: 'us-east-1a', size });
      new ec2.Volume(nested, 'Uncovered', { availabilityZone: 'us-east-1a', size });
      backup.BackupPlan.daily35DayRetention(parent, 'Plan').addSelection('Nested', { resources: [backup.BackupResource.fromConstruct(covered)] });
      app.synth();
      const { findings } = lintPaths([outdir], { rules: [rule] });
      expect(findings.map((f) => f.resource.constructPath)).toEqual(['Parent/Storage/Uncovered/Resource']);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('ARN patterns (property-based)', () => {
  const liveVolume = (id: string) => ({ ...volume(), Metadata: { ZonelintLive: { physicalId: id, arn: `arn:aws:ec2:eu-west-1:111122223333:volume/${id}` } } });
  const idChars = fc.constantFrom(...'0123456789abcdef.+()[]{}^$|\\/-'.split(''));
  const id = fc.array(idChars, { minLength: 1, maxLength: 12 }).map((cs) => `vol-${cs.join('')}`);

  test('a literal ARN selects exactly its own volume, whatever characters the id holds; * and volume/* select all', () => {
    fc.assert(
      fc.property(id, id, fc.constantFrom('exact', 'star', 'volumes', 'prefix'), (a, b, kind) => {
        fc.pre(a !== b);
        const pattern = { exact: `arn:aws:ec2:eu-west-1:111122223333:volume/${a}`, star: '*', volumes: 'arn:aws:ec2:*:*:volume/*', prefix: `arn:aws:ec2:eu-west-1:111122223333:volume/${a}*` }[kind];
        const resources = { Plan: plan, Sel: selection({ Resources: [pattern] }), [a]: liveVolume(a), [b]: liveVolume(b) };
        const result = flagged({ id: 'live', region: 'eu-west-1', account: '111122223333', origin: 'live', resources });
        const bSelected = kind === 'star' || kind === 'volumes' || (kind === 'prefix' && b.startsWith(a));
        expect(result).toEqual(bSelected ? [] : [`live/${b}`]);
      }),
      { numRuns: 200 },
    );
  });
});
