// Property-based fuzzing of the template loader, the intrinsic resolver and the rules (fast-check): random and mutated
// templates — JSON and YAML text, random intrinsic trees, truncations, byte flips of the public corpus — never crash
// or hang; every rejection is an InputError with a one-line message naming the file.
// Runs are bounded (FUZZ_RUNS, default below) and seeded (FUZZ_SEED) so CI is reproducible; a failure prints the seed
// and the shrunk counterexample.
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { InputError } from '../lib/errors';
import { assertTemplate, cdkPathMetadata, parseText } from '../lib/load/template';
import type { StackInput } from '../lib/load/stack-input';
import { lintLoaded } from '../lib/lint';
import { computeBlastRadius } from '../lib/analysis/blast-radius';

const RUNS = Number(process.env.FUZZ_RUNS) || 120;
const SEED = Number(process.env.FUZZ_SEED) || 20110421; // the day of the us-east-1 EBS event
const params = (runs = RUNS) => ({ numRuns: runs, seed: SEED, endOnFailure: true });

/** Lints one template given as text, in memory: decode, check, build the model, run every rule, blast radius. */
function lintText(file: string, text: string): void {
  const source = parseText(file, text);
  const template = assertTemplate(source);
  const stack: StackInput = { id: file, name: file, source, template, constructPaths: cdkPathMetadata(template), acknowledgements: [], origin: 'template' };
  const result = lintLoaded({ stacks: [stack], skipped: [], notes: [] });
  computeBlastRadius(result.model);
}

/** The property: linting either succeeds or fails with an InputError: one line, naming the file. */
function survives(file: string, text: string): boolean {
  try {
    lintText(file, text);
    return true;
  } catch (e) {
    if (!(e instanceof InputError)) throw new Error(`${(e as Error)?.name}: ${(e as Error)?.message}\n${(e as Error)?.stack}`);
    if (e.message.includes('\n')) throw new Error(`multi-line error: ${JSON.stringify(e.message)}`);
    if (!e.message.startsWith(file)) throw new Error(`error does not name the file: ${e.message}`);
    return true;
  }
}

// ---- random templates with random intrinsic trees -------------------------------------------------------------------

const TYPES = [
  'AWS::RDS::DBInstance', 'AWS::RDS::DBCluster', 'AWS::RDS::DBSubnetGroup', 'AWS::EC2::Subnet', 'AWS::EC2::Instance', 'AWS::EC2::Volume',
  'AWS::EC2::VolumeAttachment', 'AWS::EC2::NatGateway', 'AWS::EC2::RouteTable', 'AWS::EC2::Route', 'AWS::EC2::SubnetRouteTableAssociation',
  'AWS::EC2::VPC', 'AWS::AutoScaling::AutoScalingGroup', 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancingV2::TargetGroup',
  'AWS::Lambda::Function', 'AWS::EFS::FileSystem', 'AWS::EFS::MountTarget', 'AWS::ElastiCache::ReplicationGroup', 'AWS::ElastiCache::CacheCluster',
  'AWS::DMS::ReplicationInstance', 'AWS::ECS::Service', 'AWS::Backup::BackupSelection', 'AWS::DLM::LifecyclePolicy', 'AWS::S3::Bucket', 'Custom::Thing',
];
const PROPS = [
  'MultiAZ', 'AvailabilityZone', 'AvailabilityZones', 'SubnetId', 'SubnetIds', 'Subnets', 'VPCZoneIdentifier', 'MinSize', 'MaxSize', 'DesiredCapacity',
  'BackupRetentionPeriod', 'DBClusterIdentifier', 'SourceDBInstanceIdentifier', 'DBSubnetGroupName', 'Engine', 'VolumeId', 'InstanceId', 'NatGatewayId',
  'RouteTableId', 'DestinationCidrBlock', 'VpcConfig', 'Targets', 'AutomaticFailoverEnabled', 'NumCacheClusters', 'PreferredCacheClusterAZs',
  'SubnetMappings', 'Tags', 'NetworkConfiguration', 'CidrBlock', 'VpcId', 'FileSystemId', 'AvailabilityZoneName', 'BlockDeviceMappings', 'Volumes',
];
const ids = fc.constantFrom('A', 'B', 'Db', 'Subnet1', 'Subnet2', 'Nat', 'Vol', 'Asg', 'P1', 'P2', 'C1', 'AWS::Region', 'AWS::NoValue', 'Missing');
const scalar = fc.oneof(fc.boolean(), fc.integer({ min: -3, max: 40 }), fc.constantFrom('true', 'false', 'us-east-1a', 'us-east-1', '', '0', '10.0.0.0/16', 'postgres', 'aurora-mysql'), fc.string({ maxLength: 8 }), fc.constant(null));

const { tree } = fc.letrec<{ tree: unknown; intrinsic: unknown }>((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('intrinsic'), fc.array(tie('tree'), { maxLength: 4 }), fc.dictionary(fc.constantFrom(...PROPS, 'Key', 'Value', 'Fn::Bogus'), tie('tree'), { maxKeys: 3 })),
  intrinsic: fc.oneof(
    ids.map((id) => ({ Ref: id })),
    fc.tuple(ids, fc.constantFrom('AvailabilityZone', 'Arn', 'Endpoint.Address', 'SubnetId', 'Outputs.X')).map(([a, b]) => ({ 'Fn::GetAtt': [a, b] })),
    fc.tuple(ids, fc.constantFrom('AvailabilityZone', 'Arn')).map(([a, b]) => ({ 'Fn::GetAtt': `${a}.${b}` })),
    fc.tuple(fc.oneof(fc.integer({ min: -1, max: 5 }), tie('tree')), tie('tree')).map(([i, l]) => ({ 'Fn::Select': [i, l] })),
    fc.oneof(fc.constant(''), fc.constant('us-west-2'), tie('tree')).map((r) => ({ 'Fn::GetAZs': r })),
    fc.tuple(fc.constantFrom('C1', 'C2', 'Nope'), tie('tree'), tie('tree')).map(([c, a, b]) => ({ 'Fn::If': [c, a, b] })),
    fc.tuple(fc.constantFrom('M', 'Nope'), tie('tree'), tie('tree')).map(([m, a, b]) => ({ 'Fn::FindInMap': [m, a, b] })),
    fc.tuple(fc.constantFrom('', ',', '-'), fc.array(tie('tree'), { maxLength: 3 })).map(([d, l]) => ({ 'Fn::Join': [d, l] })),
    fc.tuple(fc.constantFrom(',', ''), tie('tree')).map(([d, s]) => ({ 'Fn::Split': [d, s] })),
    fc.oneof(fc.constantFrom('${AWS::Region}a', '${A}', '${A.Arn}-${Missing}', '${!Literal}', '${'), fc.tuple(fc.constant('${X}'), fc.dictionary(fc.constant('X'), tie('tree')))).map((s) => ({ 'Fn::Sub': s })),
    tie('tree').map((v) => ({ 'Fn::ImportValue': v })),
    tie('tree').map((v) => ({ 'Fn::Base64': v })),
    fc.tuple(tie('tree'), tie('tree'), tie('tree')).map(([a, b, c]) => ({ 'Fn::Cidr': [a, b, c] })),
    fc.tuple(tie('tree'), tie('tree')).map(([a, b]) => ({ 'Fn::Equals': [a, b] })),
    fc.array(tie('tree'), { maxLength: 3 }).map((l) => ({ 'Fn::And': l })),
    tie('tree').map((v) => ({ 'Fn::Not': [v] })),
    fc.constantFrom('C1', 'C2').map((c) => ({ Condition: c })),
    tie('tree').map((v) => ({ 'Fn::Length': v })),
    fc.tuple(tie('tree'), tie('tree')).map(([a, b]) => ({ 'Fn::Transform': { Name: a, Parameters: b } })),
  ),
}));

const resource = fc.record(
  {
    Type: fc.constantFrom(...TYPES),
    Properties: fc.dictionary(fc.constantFrom(...PROPS), tree, { maxKeys: 6 }),
    DependsOn: fc.oneof(ids, fc.array(ids, { maxLength: 2 })),
    Condition: fc.constantFrom('C1', 'C2', 'Nope'),
    DeletionPolicy: fc.constantFrom('Delete', 'Retain', 'Snapshot', 'RetainExceptOnCreate', 'Bogus'),
    Metadata: fc.oneof(fc.constant({ zonelint: { suppress: [{ id: 'ZL301', reason: 'fuzz' }] } }), fc.dictionary(fc.string({ maxLength: 5 }), tree, { maxKeys: 2 })),
  },
  { requiredKeys: ['Type'] },
);

const template = fc.record(
  {
    AWSTemplateFormatVersion: fc.constant('2010-09-09'),
    Parameters: fc.dictionary(fc.constantFrom('P1', 'P2', 'A'), fc.record({ Type: fc.constantFrom('String', 'List<AWS::EC2::Subnet::Id>', 'Number', 'CommaDelimitedList'), Default: fc.option(tree, { nil: undefined }) }, { requiredKeys: ['Type'] })),
    Mappings: fc.constant({ M: { 'us-east-1': { Zone: 'us-east-1b', Multi: 'true' } } }),
    Conditions: fc.dictionary(fc.constantFrom('C1', 'C2'), tree, { maxKeys: 2 }),
    Resources: fc.dictionary(ids, resource, { minKeys: 1, maxKeys: 7 }),
    Outputs: fc.dictionary(fc.constantFrom('O1', 'O2'), fc.record({ Value: tree, Export: fc.record({ Name: tree }) }), { maxKeys: 2 }),
  },
  { requiredKeys: ['Resources'] },
);

/** JSON.stringify that survives undefined values inside the generated objects. */
const toJson = (t: unknown, pretty: boolean) => JSON.stringify(t, null, pretty ? 2 : undefined) ?? 'null';

describe('random templates', () => {
  test('JSON text: lint or reject with a one-line InputError', () => {
    fc.assert(fc.property(template, fc.boolean(), (t, pretty) => survives('fuzz.json', toJson(t, pretty))), params());
  });

  test('YAML text (block and flow styles): lint or reject with a one-line InputError', () => {
    fc.assert(fc.property(template, fc.boolean(), (t, flow) => survives('fuzz.yaml', stringify(JSON.parse(toJson(t, false)), { collectionStyle: flow ? 'flow' : 'any' }))), params());
  });

  test('truncated at any point', () => {
    fc.assert(
      fc.property(template, fc.boolean(), fc.double({ min: 0, max: 1, noNaN: true }), (t, yaml, at) => {
        const text = yaml ? stringify(JSON.parse(toJson(t, false))) : toJson(t, true);
        return survives(yaml ? 'cut.yaml' : 'cut.json', text.slice(0, Math.floor(text.length * at)));
      }),
      params(),
    );
  });

  test('arbitrary JSON values and arbitrary text', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => survives('any.json', JSON.stringify(v) ?? 'null')), params());
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => survives('any.yaml', s)), params());
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => survives('any.json', `{"Resources": {"A": {"Type": "AWS::RDS::DBInstance", "Properties": ${s}}}}`)), params());
  });

  test('YAML short-form tags in random places', () => {
    const tag = fc.constantFrom('!Ref', '!GetAtt', '!Select', '!GetAZs', '!If', '!Sub', '!Join', '!FindInMap', '!ImportValue', '!Base64', '!Cidr', '!Split', '!Equals', '!Not', '!Condition', '!Bogus', '!!binary', '!!set');
    const value = fc.oneof(fc.constantFrom('A', 'A.Arn', '""', '[0, !GetAZs ""]', '[C1, a, b]', '[]', '{}', '[!Ref A, x]', "'us-east-1'", '[,]', '&x a', '*x', '*undefined'), fc.string({ maxLength: 6 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...PROPS), tag, value), { minLength: 1, maxLength: 6 }), (props) => {
        const text = ['Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', ...props.map(([k, t, v]) => `      ${k}: ${t} ${v}`), ''].join('\n');
        return survives('tags.yaml', text);
      }),
      params(),
    );
  });
});

// ---- mutations of real templates ------------------------------------------------------------------------------------

const CORPUS = path.join(__dirname, '..', '..', 'shared', 'corpus');
function corpusFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(json|ya?ml|template)$/i.test(e.name) && fs.statSync(full).size < 200_000) out.push(full);
    }
  };
  walk(CORPUS); // ../shared/corpus beside the repository: missing is a failure, not a skip
  return out;
}
const corpus = corpusFiles();

describe('mutated corpus templates', () => {
  const load = (i: number) => {
    const file = corpus[i % corpus.length];
    return { name: path.basename(file).replace(/\.template$/, '.yaml'), bytes: fs.readFileSync(file) };
  };

  test('byte flips', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), (i, flips) => {
        const { name, bytes } = load(i);
        const buf = Buffer.from(bytes);
        for (const [at, byte] of flips) buf[Math.min(buf.length - 1, Math.floor(at * buf.length))] = byte;
        return survives(name, buf.toString('utf8'));
      }),
      params(),
    );
  });

  test('truncations, deleted and duplicated line ranges', () => {
    fc.assert(
      fc.property(fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('cut', 'delete', 'duplicate'), (i, a, b, op) => {
        const { name, bytes } = load(i);
        const text = bytes.toString('utf8');
        const lines = text.split('\n');
        const [from, to] = [Math.floor(Math.min(a, b) * lines.length), Math.floor(Math.max(a, b) * lines.length)];
        const mutated =
          op === 'cut' ? text.slice(0, Math.floor(a * text.length)) : op === 'delete' ? [...lines.slice(0, from), ...lines.slice(to)].join('\n') : [...lines.slice(0, to), ...lines.slice(from, to), ...lines.slice(to)].join('\n');
        return survives(name, mutated);
      }),
      params(),
    );
  });

  test('every corpus template itself lints or is rejected cleanly', () => {
    for (const file of corpus) expect(survives(path.basename(file).replace(/\.template$/, '.yaml'), fs.readFileSync(file, 'utf8'))).toBe(true);
  });
});

test('pathological shapes: deep nesting, long strings, many resources, self references', () => {
  const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
  expect(survives('deep.json', `{"Resources":{"A":{"Type":"AWS::RDS::DBInstance","Properties":{"MultiAZ":${deep(20000)}}}}}`)).toBe(true);
  expect(survives('deep.yaml', `Resources:\n  A:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      MultiAZ: ${deep(20000)}\n`)).toBe(true);
  const nested = '{"Fn::Select":[0,['.repeat(5000) + '"us-east-1a"' + ']]}'.repeat(5000);
  expect(survives('intrinsics.json', `{"Resources":{"A":{"Type":"AWS::EC2::Subnet","Properties":{"AvailabilityZone":${nested}}}}}`)).toBe(true);
  const many = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`Db${i}`, { Type: 'AWS::RDS::DBInstance', Properties: { MultiAZ: { Ref: `Db${(i + 1) % 2000}` } } }]));
  expect(survives('many.json', JSON.stringify({ Resources: many }))).toBe(true);
  expect(survives('self.json', JSON.stringify({ Resources: { A: { Type: 'AWS::EC2::Subnet', Properties: { AvailabilityZone: { 'Fn::GetAtt': ['A', 'AvailabilityZone'] } } } } }))).toBe(true);
  expect(survives('long.json', JSON.stringify({ Resources: { ['x'.repeat(100000)]: { Type: 'AWS::S3::Bucket' } } }))).toBe(true);
});
