// Bad input of every kind gets exit code 2 and exactly one line on stderr, `zonelint: <file>[:line:col]: <cause>`,
// never a stack trace or an internal error. Every case runs in-process (the CLI's main()); a representative subset
// also runs through the real `node bin/zonelint.js` process.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CliRun, expectOneLineError, runCli, runInProcess } from './support/cli';

let dir: string;
const write = (name: string, content: string | Buffer) => {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return name;
};

const BUCKET = '{ "Resources": { "Bucket": { "Type": "AWS::S3::Bucket" } } }\n';

interface Case {
  readonly name: string;
  /** Writes the input under `dir`; returns the CLI arguments (paths relative to `dir`). */
  readonly setup: () => string[];
  /** What the message starts with: file, or file:line: */
  readonly file: string;
  readonly line?: number;
  readonly cause: RegExp;
  /** Also run through the real process. */
  readonly process?: boolean;
}

const nest = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

const CASES: Case[] = [
  {
    name: 'malformed JSON (with line:col)',
    setup: () => ['check', write('broken.json', '{\n  "Resources": {\n    "A": { "Type": "AWS::S3::Bucket", }\n  }\n}\n')],
    file: 'broken.json',
    line: 3,
    cause: /^broken\.json:3:39: invalid JSON: /,
    process: true,
  },
  {
    name: 'malformed YAML (with line:col)',
    setup: () => ['check', write('broken.yaml', 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties: { BucketName: [unclosed\n')],
    file: 'broken.yaml',
    line: 5,
    cause: /invalid YAML: /,
    process: true,
  },
  {
    name: 'duplicate YAML key',
    setup: () => ['check', write('dupkey.yaml', 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n  A:\n    Type: AWS::SQS::Queue\n')],
    file: 'dupkey.yaml',
    line: 4,
    cause: /invalid YAML: Map keys must be unique/,
  },
  { name: 'empty JSON file', setup: () => ['check', write('empty.json', '')], file: 'empty.json', cause: /^empty\.json: empty file$/, process: true },
  { name: 'empty YAML file', setup: () => ['check', write('empty.yaml', '')], file: 'empty.yaml', cause: /^empty\.yaml: empty file$/ },
  { name: 'whitespace-only file', setup: () => ['check', write('blank.yaml', '  \n\n\t\n')], file: 'blank.yaml', cause: /: empty file$/ },
  {
    name: 'binary file',
    setup: () => ['check', write('image.json', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48]))],
    file: 'image.json',
    cause: /binary file, expected a JSON or YAML template/,
    process: true,
  },
  { name: 'JSON array document', setup: () => ['check', write('array.json', '[1, 2, 3]\n')], file: 'array.json', cause: /not a CloudFormation template: the document is a list/ },
  { name: 'JSON scalar document', setup: () => ['check', write('scalar.json', '42\n')], file: 'scalar.json', cause: /not a CloudFormation template: the document is a number/ },
  { name: 'YAML scalar document', setup: () => ['check', write('scalar.yaml', 'just some words\n')], file: 'scalar.yaml', cause: /not a CloudFormation template: the document is a string/ },
  {
    name: 'YAML with several documents',
    setup: () => ['check', write('multi.yaml', 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n---\nResources:\n  B:\n    Type: AWS::S3::Bucket\n')],
    file: 'multi.yaml',
    line: 4,
    cause: /several YAML documents in one file/,
  },
  {
    name: 'Kubernetes manifest (one document)',
    setup: () => ['check', write('pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx\n')],
    file: 'pod.yaml',
    cause: /not a CloudFormation template: no Resources section \(this looks like a Kubernetes manifest\)/,
    process: true,
  },
  {
    name: 'Kubernetes manifest (several documents)',
    setup: () => ['check', write('k8s.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: b\n')],
    file: 'k8s.yaml',
    line: 5,
    cause: /not a CloudFormation template: several YAML documents \(this looks like a Kubernetes manifest\)/,
  },
  {
    name: 'cdk.out without manifest.json',
    setup: () => {
      write('cdk-nomanifest/tree.json', '{"version":"tree-0.1","tree":{"id":"App","path":""}}');
      write('cdk-nomanifest/cdk.out', '{"version":"48.0.0"}');
      write('cdk-nomanifest/App.template.json', BUCKET);
      return ['check', 'cdk-nomanifest'];
    },
    file: 'cdk-nomanifest',
    cause: /cloud assembly without manifest\.json \(run `cdk synth` again\)/,
    process: true,
  },
  {
    name: 'manifest pointing at a missing template',
    setup: () => {
      write('cdk-missing/manifest.json', JSON.stringify({ version: '48.0.0', artifacts: { Api: { type: 'aws:cloudformation:stack', properties: { templateFile: 'Api.template.json' } } } }));
      return ['check', 'cdk-missing'];
    },
    file: path.join('cdk-missing', 'manifest.json'),
    cause: /stack Api: its template Api\.template\.json is not in the cloud assembly/,
    process: true,
  },
  {
    name: 'manifest that is not JSON',
    setup: () => {
      write('cdk-badjson/manifest.json', '{\n  "version": "48.0.0",\n  artifacts: {}\n}\n');
      return ['check', 'cdk-badjson'];
    },
    file: path.join('cdk-badjson', 'manifest.json'),
    line: 3,
    cause: /invalid cloud assembly manifest: invalid JSON/,
  },
  {
    name: 'manifest whose artifacts are not a mapping',
    setup: () => {
      write('cdk-badartifacts/manifest.json', '{"version":"48.0.0","artifacts":[1]}');
      return ['check', 'cdk-badartifacts'];
    },
    file: path.join('cdk-badartifacts', 'manifest.json'),
    cause: /artifacts is not a mapping/,
  },
  {
    name: 'unknown intrinsic function Fn::Foo',
    setup: () => ['check', write('fnfoo.json', '{\n  "Resources": {\n    "A": {\n      "Type": "AWS::S3::Bucket",\n      "Properties": { "BucketName": { "Fn::Foo": ["x"] } }\n    }\n  }\n}\n')],
    file: 'fnfoo.json',
    line: 5,
    cause: /unknown intrinsic function Fn::Foo/,
    process: true,
  },
  {
    name: 'unknown YAML tag !Foo',
    setup: () => ['check', write('tag.yaml', 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Foo bar\n')],
    file: 'tag.yaml',
    line: 5,
    cause: /unknown YAML tag: .*!Foo/,
    process: true,
  },
  {
    name: 'Ref to a missing resource',
    setup: () => ['check', write('ref.yaml', 'Resources:\n  A:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref Vpc\n      CidrBlock: 10.0.0.0/24\n')],
    file: 'ref.yaml',
    line: 5,
    cause: /Ref to Vpc, which is not a resource or parameter of this template/,
  },
  {
    name: 'Fn::GetAtt of a missing resource',
    setup: () => ['check', write('getatt.yaml', 'Resources:\n  A:\n    Type: AWS::EC2::Volume\n    Properties:\n      AvailabilityZone: !GetAtt Instance.AvailabilityZone\n      Size: 10\n')],
    file: 'getatt.yaml',
    line: 5,
    cause: /Fn::GetAtt of Instance, which is not a resource of this template/,
  },
  {
    name: 'DependsOn a missing resource',
    setup: () => ['check', write('dependson.yaml', 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n    DependsOn:\n      - B\n      - Ghost\n  B:\n    Type: AWS::S3::Bucket\n')],
    file: 'dependson.yaml',
    line: 6,
    cause: /DependsOn Ghost, which is not a resource of this template/,
  },
  {
    name: 'resource without Type',
    setup: () => ['check', write('notype.yaml', 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n  B:\n    Properties:\n      BucketName: b\n')],
    file: 'notype.yaml',
    line: 4,
    cause: /resource B has no Type/,
  },
  {
    name: 'Resources that is not a mapping',
    setup: () => ['check', write('reslist.yaml', 'Resources:\n  - Type: AWS::S3::Bucket\n')],
    file: 'reslist.yaml',
    line: 1,
    cause: /Resources must be a mapping of logical ids to resources, found a list/,
  },
  {
    name: 'circular dependency via Ref',
    setup: () =>
      ['check', write('cycle-ref.yaml', 'Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: !Ref B\n  B:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: !Ref A\n')],
    file: 'cycle-ref.yaml',
    line: 2,
    cause: /circular dependency between resources: A -> B -> A/,
    process: true,
  },
  {
    name: 'circular dependency via DependsOn and GetAtt',
    setup: () =>
      ['check', write('cycle-dep.yaml', 'Resources:\n  A:\n    Type: AWS::SQS::Queue\n    DependsOn: C\n  B:\n    Type: AWS::SQS::Queue\n    DependsOn: A\n  C:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !GetAtt B.QueueName\n')],
    file: 'cycle-dep.yaml',
    cause: /circular dependency between resources: (A -> C -> B -> A)/,
  },
  {
    name: 'circular dependency between conditions',
    setup: () =>
      ['check', write('cycle-cond.yaml', 'Conditions:\n  IsProd: !And [!Condition IsBig, !Equals [a, a]]\n  IsBig: !Not [!Condition IsProd]\nResources:\n  A:\n    Type: AWS::S3::Bucket\n    Condition: IsProd\n')],
    file: 'cycle-cond.yaml',
    line: 2,
    cause: /circular dependency between conditions: IsProd -> IsBig -> IsProd/,
  },
  {
    name: 'Fn::If naming an undefined condition',
    setup: () => ['check', write('if.yaml', 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !If [Nope, a, b]\n')],
    file: 'if.yaml',
    line: 5,
    cause: /condition Nope is not defined in Conditions/,
  },
  {
    name: 'deeply nested JSON (100,000 levels)',
    setup: () => ['check', write('deep.json', `{"Resources":{"A":{"Type":"AWS::S3::Bucket","Properties":{"Tags":${nest(100_000)}}}}}`)],
    file: 'deep.json',
    line: 1,
    cause: /template nested deeper than 500 levels/,
    process: true,
  },
  {
    name: 'deeply nested YAML (flow, 5,000 levels)',
    setup: () => ['check', write('deep-flow.yaml', `Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: ${nest(5000)}\n`)],
    file: 'deep-flow.yaml',
    line: 5,
    cause: /nested (too deeply|deeper than 500 levels)/,
  },
  {
    name: 'deeply nested YAML (block, 600 levels)',
    setup: () => {
      let y = 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags:\n';
      for (let i = 0; i < 600; i++) y += `${' '.repeat(8 + i)}-\n`;
      return ['check', write('deep-block.yaml', y)];
    },
    file: 'deep-block.yaml',
    cause: /nested (too deeply|deeper than 500 levels)/,
  },
  {
    name: 'YAML alias bomb (billion laughs)',
    setup: () => {
      let y = 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Metadata:\n      l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
      for (let i = 1; i < 10; i++) y += `      l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(', ')}]\n`;
      return ['check', write('bomb.yaml', y)];
    },
    file: 'bomb.yaml',
    cause: /YAML aliases expand to more nodes than the file could hold \(alias bomb\)/,
    process: true,
  },
  { name: 'missing input path', setup: () => ['check', 'no/such/template.yaml'], file: 'no/such/template.yaml', cause: /no such file or directory/, process: true },
  {
    name: 'directory with no templates',
    setup: () => {
      write('notemplates/README.md', '# nothing here\n');
      write('notemplates/src/app.py', 'print(1)\n');
      return ['check', 'notemplates'];
    },
    file: 'notemplates',
    cause: /no CloudFormation templates or cloud assembly found in this directory/,
    process: true,
  },
  {
    name: 'directory whose only template-like file is not a template',
    setup: () => {
      write('onlyevents/event.json', '{"requestId": 1, "fragment": {}}');
      return ['check', 'onlyevents'];
    },
    file: 'onlyevents',
    cause: /no CloudFormation templates or cloud assembly found/,
  },
  {
    name: 'config: unknown rule id',
    setup: () => ['check', write('ok1.json', BUCKET), '--config', write('badrule.json', '{ "rules": { "ZL999": "off" } }')],
    file: 'badrule.json',
    cause: /unknown rule "ZL999"/,
    process: true,
  },
  {
    name: 'config: option of the wrong type',
    setup: () => ['check', write('ok2.json', BUCKET), '--config', write('badopt.yaml', 'options:\n  minZones: two\n')],
    file: 'badopt.yaml',
    cause: /option "minZones" must be a number, got "two"/,
  },
  {
    name: 'config: not valid YAML',
    setup: () => ['check', write('ok3.json', BUCKET), '--config', write('cfg/.zonelintrc.yaml', 'rules: [unclosed\n')],
    file: path.join('cfg', '.zonelintrc.yaml'),
    cause: /invalid YAML/,
  },
  {
    name: 'suppression without a reason',
    setup: () => ['check', write('suppress.yaml', 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Metadata:\n      zonelint:\n        suppress:\n          - id: ZL301\n    Properties:\n      Engine: mysql\n')],
    file: 'suppress.yaml',
    line: 7,
    cause: /zonelint suppression of ZL301 needs a reason/,
    process: true,
  },
  { name: 'unknown CLI option', setup: () => ['check', '--frobnicate', 'x.yaml'], file: "unknown option '--frobnicate'", cause: /run `zonelint --help` for usage/, process: true },
  { name: 'bad --format', setup: () => ['check', write('ok4.json', BUCKET), '--format', 'xml'], file: 'unknown format "xml"', cause: /formats: .*json/, process: true },
  { name: 'bad --fail-on', setup: () => ['check', write('ok5.json', BUCKET), '--fail-on', 'sometimes'], file: "option '--fail-on <severity>' argument 'sometimes' is invalid", cause: /error, warning, info, none/, process: true },
];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zonelint-bad-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const expectError = (run: CliRun, c: Case) => {
  const message = expectOneLineError(run, c.file, c.cause, c.line);
  expect(run.stdout).toBe('');
  return message;
};

describe('bad input: exit 2, one line naming file and cause', () => {
  test.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const args = c.setup();
    expectError(runInProcess(args, { cwd: dir }), c);
  });
});

describe('bad input through the real command', () => {
  const subset = CASES.filter((c) => c.process);
  test(`${subset.length} representative cases`, () => {
    expect(subset.length).toBeGreaterThanOrEqual(12);
    for (const c of subset) {
      const args = c.setup();
      try {
        expectError(runCli(args, { cwd: dir }), c);
      } catch (e) {
        throw new Error(`${c.name}: ${(e as Error).message}`);
      }
    }
  });
});

describe('large and hostile input that is still a template', () => {
  test('a 50 MB template is linted, not rejected', () => {
    // Realistic resources (volumes in zones, RDS instances) until the file passes 50 MB.
    const resources: Record<string, unknown> = {};
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 50 * 1024 * 1024; i++) {
      const id = `Resource${i}`;
      const res =
        i % 10 === 0
          ? { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', DBInstanceClass: 'db.m6g.large', AllocatedStorage: '100', MultiAZ: true, BackupRetentionPeriod: 7 }, DeletionPolicy: 'Snapshot', UpdateReplacePolicy: 'Snapshot' }
          : { Type: 'AWS::SQS::Queue', Properties: { QueueName: `queue-${i}`, VisibilityTimeout: 30, Tags: [{ Key: 'Team', Value: 'payments' }, { Key: 'Description', Value: 'x'.repeat(400) }] } };
      const chunk = `${JSON.stringify(id)}: ${JSON.stringify(res, undefined, 2)}`;
      parts.push(chunk);
      size += chunk.length + 2;
      resources[id] = res;
    }
    const file = write('big.json', `{\n"AWSTemplateFormatVersion": "2010-09-09",\n"Resources": {\n${parts.join(',\n')}\n}\n}\n`);
    expect(fs.statSync(path.join(dir, file)).size).toBeGreaterThan(50 * 1024 * 1024);
    const run = runInProcess(['check', '--format', 'json', file], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).summary.resources).toBe(Object.keys(resources).length);
  });

  test('a template that uses YAML anchors and merge keys legitimately is linted', () => {
    const y = 'Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties: &props\n      VisibilityTimeout: 30\n      Tags: &tags [{ Key: a, Value: b }]\n  B:\n    Type: AWS::SQS::Queue\n    Properties:\n      <<: *props\n      Tags: *tags\n';
    const run = runInProcess(['check', write('anchors.yaml', y)], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  test('nesting that CloudFormation accepts (60 levels) is linted', () => {
    const run = runInProcess(['check', write('nest60.json', `{"Resources":{"A":{"Type":"AWS::S3::Bucket","Metadata":{"x":${nest(60)}},"Properties":{"Tags":[]}}}}`)], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});
