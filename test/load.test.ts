// Loading: positions for JSON and YAML, CloudFormation short-form tags, cloud assemblies (metadata file, nested
// stacks, Stage sub-assemblies, acknowledgements).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseText } from '../lib/load/template';
import { loadInputs } from '../lib/load/inputs';
import { loadAssemblyTemplates } from '../lib/load/assembly';
import { InputError } from '../lib/errors';
import { lintPaths } from '../lib/lint';
import { Unknown } from '../lib/model/values';

describe('positions', () => {
  const json = `{
  "Resources": {
    "Db": {
      "Type": "AWS::RDS::DBInstance",
      "Properties": {
        "MultiAZ": false,
        "Tags": [ { "Key": "a", "Value": "b" }, { "Key": "c", "Value": "d" } ]
      }
    }
  }
}`;
  test('JSON: property keys, list elements, and fallback to the nearest ancestor', () => {
    const f = parseText('t.json', json);
    expect(f.positionOf(['Resources', 'Db', 'Properties', 'MultiAZ'])).toEqual({ line: 6, column: 9 });
    expect(f.positionOf(['Resources', 'Db', 'Properties', 'Tags', 1])).toEqual({ line: 7, column: 49 });
    expect(f.positionOf(['Resources', 'Db', 'Properties', 'NotThere'])).toEqual({ line: 5, column: 7 });
  });
  test('YAML: the same paths, with short-form tags turned into long form', () => {
    const f = parseText('t.yaml', 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      MultiAZ: !Ref Multi\n      AZ: !Select [0, !GetAZs ""]\n');
    expect(f.data).toEqual({ Resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: { MultiAZ: { Ref: 'Multi' }, AZ: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] } } } } });
    expect(f.positionOf(['Resources', 'Db', 'Properties', 'MultiAZ'])).toEqual({ line: 5, column: 7 });
  });
  test('syntax errors name file, line and column', () => {
    expect(() => parseText('bad.json', '{\n  "a": 1,\n}')).toThrow(/^bad\.json:3:1: invalid JSON/);
    expect(() => parseText('bad.yaml', 'a: [1, 2\n')).toThrow(InputError);
  });
});

describe('cloud assembly', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zonelint-load-'));
    const write = (rel: string, data: unknown) => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), JSON.stringify(data, null, 1));
    };
    write('manifest.json', {
      version: '55.0.0',
      artifacts: {
        'assembly-Prod': { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Prod', displayName: 'Prod' } },
        Top: { type: 'aws:cloudformation:stack', environment: 'aws://123456789012/us-east-1', properties: { templateFile: 'Top.template.json' }, additionalMetadataFile: 'Top.metadata.json', displayName: 'Top' },
      },
    });
    write('Top.template.json', {
      Resources: {
        DbABC: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'mysql' } },
        NestNestedStackNestNestedStackResource1: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://s3.example/x.json' } },
      },
    });
    write('Top.metadata.json', {
      '/Top/Db/Resource': [{ type: 'aws:cdk:logicalId', data: 'DbABC' }],
      '/Top/Db': [{ type: 'aws:cdk:acknowledged-rules', data: { 'zonelint::ZL301': 'test db' } }],
      '/Top/Nest': [{ type: 'aws:cdk:templateFile', data: 'TopNest.nested.template.json' }],
      '/Top/Nest.NestedStack/Nest.NestedStackResource': [{ type: 'aws:cdk:logicalId', data: 'NestNestedStackNestNestedStackResource1' }],
      '/Top/Nest/Vol': [{ type: 'aws:cdk:logicalId', data: 'Vol' }],
    });
    write('TopNest.nested.template.json', { Resources: { Vol: { Type: 'AWS::EC2::Volume', Properties: { AvailabilityZone: 'us-east-1a', Size: 10 } } } });
    write('assembly-Prod/manifest.json', {
      version: '55.0.0',
      artifacts: { ProdApi: { type: 'aws:cloudformation:stack', environment: 'aws://unknown-account/unknown-region', properties: { templateFile: 'ProdApi.template.json' }, displayName: 'Prod/Api', metadata: { '/Prod/Api/Fn/Resource': [{ type: 'aws:cdk:logicalId', data: 'Fn1' }] } } },
    });
    write('assembly-Prod/ProdApi.template.json', { Resources: { Fn1: { Type: 'AWS::SNS::Topic' } } });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('finds top-level stacks, nested stacks and Stage sub-assemblies with construct paths', () => {
    const r = loadInputs([dir]);
    const byName = Object.fromEntries(r.stacks.map((s) => [s.name, s]));
    expect(Object.keys(byName).sort()).toEqual(['Prod/Api', 'Top', 'Top/Nest']);
    expect(byName.Top.region).toBe('us-east-1');
    expect(byName.Top.constructPaths.get('DbABC')).toBe('Top/Db/Resource');
    expect(byName.Top.constructPaths.has('Vol')).toBe(false);
    expect(byName['Top/Nest'].constructPaths.get('Vol')).toBe('Top/Nest/Vol');
    expect(byName['Top/Nest'].parent).toEqual({ stackId: 'Top', logicalId: 'NestNestedStackNestNestedStackResource1' });
    expect(byName['Prod/Api'].constructPaths.get('Fn1')).toBe('Prod/Api/Fn/Resource');
    expect(byName['Prod/Api'].region).toBeUndefined();
    expect(byName.Top.acknowledgements).toEqual([{ id: 'zonelint::ZL301', reason: 'test db', constructPath: 'Top/Db' }]);
  });

  test('inside `cdk synth`, a stack metadata file is read only when the template lacks a construct path or has nested stacks', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'zonelint-pathmeta-'));
    const write = (rel: string, data: unknown) => fs.writeFileSync(path.join(out, rel), typeof data === 'string' ? data : JSON.stringify(data, null, 1));
    const artifact = (id: string) => ({ type: 'aws:cloudformation:stack', properties: { templateFile: `${id}.template.json` }, additionalMetadataFile: `${id}.metadata.json`, displayName: id });
    write('manifest.json', { version: '55.0.0', artifacts: { Paths: artifact('Paths'), Partial: artifact('Partial') } });
    // `cdk synth` writes aws:cdk:path on every resource: the metadata file (unreadable here) is not needed
    write('Paths.template.json', { Resources: { Db: { Type: 'AWS::RDS::DBInstance', Metadata: { 'aws:cdk:path': 'Paths/Db/Resource' } } } });
    write('Paths.metadata.json', '{ not json');
    // one resource without aws:cdk:path: its construct path is in the metadata file, which is then read
    write('Partial.template.json', { Resources: { Db: { Type: 'AWS::RDS::DBInstance', Metadata: { 'aws:cdk:path': 'Partial/Db/Resource' } }, Topic: { Type: 'AWS::SNS::Topic' } } });
    write('Partial.metadata.json', { '/Partial/Topic/Resource': [{ type: 'aws:cdk:logicalId', data: 'Topic' }] });
    try {
      const r = loadAssemblyTemplates([path.join(out, 'Paths.template.json'), path.join(out, 'Partial.template.json')], out);
      const byName = Object.fromEntries(r.stacks.map((s) => [s.name, s]));
      expect(byName.Paths.constructPaths.get('Db')).toBe('Paths/Db/Resource');
      expect([...byName.Partial.constructPaths].sort()).toEqual([['Db', 'Partial/Db/Resource'], ['Topic', 'Partial/Topic/Resource']]);
      // the CLI reads every metadata file (acknowledgements): the broken one is an input error naming it
      expect(() => loadInputs([out])).toThrow(/Paths\.metadata\.json.*invalid stack metadata file/);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  test('a cdk.out without manifest is an input error', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'zonelint-nomanifest-'));
    fs.writeFileSync(path.join(empty, 'cdk.out'), '{"version":"55.0.0"}');
    expect(() => loadInputs([empty])).toThrow(/cloud assembly without manifest\.json/);
    fs.rmSync(empty, { recursive: true, force: true });
  });
});

describe('Rain source templates (rain pkg)', () => {
  // test/fixtures/rain: app.yaml uses two local modules (one of them uses a third), overrides a module resource, embeds
  // a script, uploads a directory, and uses a remote module that is not fetched.
  const app = path.join(__dirname, 'fixtures', 'rain', 'app.yaml');
  const lint = () => lintPaths([app]);

  test('local modules are expanded with prefixed logical ids, parameters, overrides and nested modules', () => {
    const result = lint();
    const resources = result.load.stacks[0].template.Resources as Record<string, { Type: string; DeletionPolicy?: string; Properties?: Record<string, unknown> }>;
    expect(Object.keys(resources).sort()).toEqual(['DatabaseDb', 'DatabaseLogsGroup', 'DatabaseSubnetGroup', 'Handler', 'NetworkSubnetA', 'NetworkSubnetB', 'NetworkVpc', 'Worker']);
    // a module parameter takes the using resource's property, else the parameter's default; Sub strings likewise
    expect(resources.NetworkVpc.Properties!.Tags).toEqual([{ Key: 'Name', Value: { 'Fn::Sub': 'orders-vpc' } }]);
    expect(resources.DatabaseSubnetGroup.Properties!.SubnetIds).toEqual([{ Ref: 'NetworkSubnetA' }, { Ref: 'NetworkSubnetB' }]);
    expect(resources.DatabaseDb.Properties!.Engine).toBe('postgres');
    expect(resources.DatabaseDb.Properties!.DBSubnetGroupName).toEqual({ Ref: 'DatabaseSubnetGroup' });
    expect(resources.NetworkSubnetA.Properties!.VpcId).toEqual({ Ref: 'NetworkVpc' });
    expect(resources.DatabaseLogsGroup.Properties!.LogGroupName).toEqual({ 'Fn::Sub': '/orders-db/logs' });
    // Overrides replace one property (the others stay) and attributes as a whole
    expect(resources.DatabaseDb.Properties!.MultiAZ).toBe(false);
    expect(resources.DatabaseDb.Properties!.BackupRetentionPeriod).toBe(7);
    expect(resources.DatabaseDb.DeletionPolicy).toBe('Snapshot');
    // a reference to a module output takes the output's value
    expect(resources.Worker.Properties!.SubnetId).toEqual({ Ref: 'NetworkSubnetA' });
  });

  test('the expanded resources are placed and linted; findings point into the template', () => {
    const result = lint();
    const lines = fs.readFileSync(app, 'utf8').split('\n');
    const lineOf = (text: string) => lines.findIndex((l) => l.includes(text)) + 1;
    const multiAz = result.findings.find((f) => f.ruleId === 'ZL301')!;
    expect(multiAz.resource.logicalId).toBe('DatabaseDb');
    expect(multiAz.location).toMatchObject({ file: path.relative(process.cwd(), app), line: lineOf('MultiAZ: false') }); // the override that set it
    const worker = result.findings.find((f) => f.resource.logicalId === 'Worker' && f.ruleId === 'ZL206')!;
    expect(worker.message).toMatch(/runs in AZ\[0\]/); // its subnet is the network module's first subnet
    const policy = result.findings.find((f) => f.ruleId === 'ZL404' && f.resource.logicalId === 'DatabaseDb')!;
    expect(policy.location!.line).toBe(lineOf('  Database:')); // not overridden: the resource that uses the module
  });

  test('Rain::Embed and Rain::S3 values are unknown, never guessed from', () => {
    const result = lint();
    const r = (id: string) => result.model.resources.find((x) => x.logicalId === id)!;
    expect(r('Handler').get('Code')).toBeInstanceOf(Unknown);
    expect((r('Handler').get('Code') as Unknown).reason).toMatch(/Rain::S3 .*rain pkg/);
    expect(r('Worker').get('UserData')).toBeInstanceOf(Unknown);
  });

  test('what is not expanded is named in one note, never a refusal', () => {
    const result = lint();
    expect(result.load.notes).toHaveLength(1);
    expect(result.load.notes[0]).toMatch(/app\.yaml: Rain source template .*not expanded: module https:\/\/example\.com\/rain-modules\/cache\.yaml \(a remote module, not fetched\) used by Cache/);
    // the output naming a resource of that module is an unknown value, not an input error
    expect(result.model.stacks[0].resolver.resolve({ 'Fn::GetAtt': ['CacheCluster', 'Arn'] })).toBeInstanceOf(Unknown);
  });
});

describe('Rain constructs that are not expanded', () => {
  const file = path.join(__dirname, 'fixtures', 'rain', 'unsupported.yaml');

  test('are named in one note; references to them are unknown and DependsOn on them is dropped', () => {
    const result = lintPaths([file]);
    expect(result.load.notes).toHaveLength(1);
    const note = result.load.notes[0];
    expect(note).toMatch(/module modules\/extension\.yaml \(a type-extension module \(ModuleExtension\), not supported\) used by Extended/);
    expect(note).toMatch(/module itself\.yaml \(the module uses itself\) in modules\/itself\.yaml used by Again/);
    expect(note).toMatch(/the Rain section \(constants\); Rain::Constant values \(taken as unknown\)/);
    const queue = result.model.resources.find((r) => r.logicalId === 'Queue')!;
    expect(queue.get('QueueName')).toBeInstanceOf(Unknown);
    expect(queue.get('Tags')).toEqual([{ Key: 'bucket', Value: expect.any(Unknown) }]);
    expect((result.load.stacks[0].template.Resources as Record<string, { DependsOn?: unknown }>).Queue.DependsOn).toEqual([]);
  });
});
