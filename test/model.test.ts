// Intrinsic resolution and zone placement: the central decisions every rule relies on.
import { parseText } from '../lib/load/template';
import { StackInput } from '../lib/load/stack-input';
import { buildModel, Model } from '../lib/model/model';
import { ResourceRef, Unknown, ZoneValue } from '../lib/model/values';

function model(yaml: string, extra: Partial<StackInput> = {}): Model {
  const source = parseText('t.yaml', yaml);
  const input: StackInput = {
    id: 't',
    name: 't',
    source,
    template: source.data as Record<string, unknown>,
    constructPaths: new Map(),
    acknowledgements: [],
    origin: 'template',
    ...extra,
  };
  return buildModel({ stacks: [input], skipped: [], notes: [] });
}

const zonesOf = (m: Model, id: string) => {
  const p = m.placement(m.resources.find((r) => r.logicalId === id)!);
  return p.kind === 'zonal' ? p.zones.map((z) => z.label) : p.kind;
};

describe('intrinsic resolution', () => {
  const m = model(`
Parameters:
  Env: { Type: String, Default: prod }
  NoDefault: { Type: String }
  Zones: { Type: 'List<AWS::EC2::AvailabilityZone::Name>', Default: 'eu-west-1a,eu-west-1b' }
Mappings:
  Sizes: { prod: { Class: db.r6g.large } }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  NotProd: !Not [!Condition IsProd]
Resources:
  Bucket: { Type: AWS::S3::Bucket }
  Thing:
    Type: AWS::Test::Thing
    Properties:
      FromMap: !FindInMap [Sizes, !Ref Env, Class]
      FromIf: !If [IsProd, yes-prod, no-prod]
      FromNot: !If [NotProd, a, b]
      Unknown: !Ref NoDefault
      Joined: !Join ['-', [a, !Ref Env]]
      Sub: !Sub 'x-\${Env}-\${!Literal}'
      SubUnknown: !Sub '\${Bucket.Arn}/*'
      Ref: !Ref Bucket
      Att: !GetAtt Bucket.Arn
      Zone: !Select [1, !Ref Zones]
      Gone: !Ref AWS::NoValue
      List: [a, !Ref AWS::NoValue, b]
      Split: !Select [1, !Split [',', 'x,y,z']]
`);
  const t = m.resources.find((r) => r.logicalId === 'Thing')!;
  test('evaluates mappings, conditions, joins and subs with parameter defaults', () => {
    expect(t.get('FromMap')).toBe('db.r6g.large');
    expect(t.get('FromIf')).toBe('yes-prod');
    expect(t.get('FromNot')).toBe('b');
    expect(t.get('Joined')).toBe('a-prod');
    expect(t.get('Sub')).toBe('x-prod-${Literal}');
    expect(t.get('Split')).toBe('y');
  });
  test('keeps what deployment decides as Unknown, never a guess', () => {
    expect(t.get('Unknown')).toBeInstanceOf(Unknown);
    expect(t.get('SubUnknown')).toBeInstanceOf(Unknown);
  });
  test('turns references into ResourceRef and zone lists into zones', () => {
    expect(t.get('Ref')).toBeInstanceOf(ResourceRef);
    expect((t.get('Att') as ResourceRef).attribute).toBe('Arn');
    expect((t.get('Zone') as ZoneValue).zone.label).toBe('eu-west-1b');
  });
  test('drops AWS::NoValue', () => {
    expect('Gone' in t.properties).toBe(false);
    expect(t.get('List')).toEqual(['a', 'b']);
  });
});

describe('placement', () => {
  const vpc = `
Resources:
  A: { Type: AWS::EC2::Subnet, Properties: { AvailabilityZone: !Select [0, !GetAZs ''], CidrBlock: 10.0.0.0/24, VpcId: vpc-1 } }
  B: { Type: AWS::EC2::Subnet, Properties: { AvailabilityZone: !Select [1, !GetAZs ''], CidrBlock: 10.0.1.0/24, VpcId: vpc-1 } }
  Asg:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties: { MinSize: '1', MaxSize: '2', VPCZoneIdentifier: [!Ref A, !Ref B] }
  OneSubnetAsg:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties: { MinSize: '1', MaxSize: '2', VPCZoneIdentifier: [!Ref A] }
  ExternalAsg:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties: { MinSize: '1', MaxSize: '2', VPCZoneIdentifier: [subnet-123] }
  Group: { Type: AWS::RDS::DBSubnetGroup, Properties: { DBSubnetGroupDescription: d, SubnetIds: [!Ref A, !Ref B] } }
  Db: { Type: AWS::RDS::DBInstance, Properties: { Engine: mysql, DBSubnetGroupName: !Ref Group } }
  MultiDb: { Type: AWS::RDS::DBInstance, Properties: { Engine: mysql, MultiAZ: true, DBSubnetGroupName: !Ref Group } }
  Vol: { Type: AWS::EC2::Volume, Properties: { AvailabilityZone: !GetAtt Inst.AvailabilityZone, Size: 10 } }
  Inst: { Type: AWS::EC2::Instance, Properties: { SubnetId: !Ref B, ImageId: ami-1 } }
  Table: { Type: AWS::DynamoDB::Table }
  Fn: { Type: AWS::Lambda::Function, Properties: { Code: { ZipFile: x }, Role: r, Runtime: nodejs20.x, Handler: h } }
`;
  test('with the region unknown, Fn::GetAZs indexes are distinct zones', () => {
    const m = model(vpc);
    expect(zonesOf(m, 'A')).toEqual(['AZ[0]']);
    expect(zonesOf(m, 'Asg')).toEqual(['AZ[0]', 'AZ[1]']);
    expect(zonesOf(m, 'OneSubnetAsg')).toEqual(['AZ[0]']);
  });
  test('with the region and the zones CDK recorded, zones get their names', () => {
    const m = model(vpc, { region: 'us-east-1', zoneNames: ['us-east-1a', 'us-east-1b', 'us-east-1c'] });
    expect(zonesOf(m, 'Asg')).toEqual(['us-east-1a', 'us-east-1b']);
    expect(zonesOf(m, 'Inst')).toEqual(['us-east-1b']);
    expect(zonesOf(m, 'MultiDb')).toEqual(['us-east-1a', 'us-east-1b']);
  });
  test('single-AZ RDS lands in one zone AWS picks, among its subnet group', () => {
    const m = model(vpc, { region: 'us-east-1' });
    const p = m.placement(m.resources.find((r) => r.logicalId === 'Db')!);
    expect(p.kind).toBe('single');
    expect(p.kind === 'single' && p.among?.map((z) => z.label)).toEqual(['us-east-1[0]', 'us-east-1[1]']);
  });
  test('subnets outside the input make placement unknown, with the reason', () => {
    const m = model(vpc);
    const p = m.placement(m.resources.find((r) => r.logicalId === 'ExternalAsg')!);
    expect(p).toEqual({ kind: 'unknown', reason: 'subnet subnet-123 is not in the input' });
  });
  test('regional services and Lambda outside a VPC are regional', () => {
    const m = model(vpc);
    expect(zonesOf(m, 'Table')).toBe('regional');
    expect(zonesOf(m, 'Fn')).toBe('regional');
  });
  test('a volume placed with GetAtt of an instance is in the instance zone', () => {
    const m = model(vpc);
    expect(zonesOf(m, 'Vol')).toEqual(['AZ[1]']);
  });
});

describe('cross-stack', () => {
  test('Fn::ImportValue resolves to the exporting stack output within the input', () => {
    const net = parseText('net.yaml', `
Resources:
  S: { Type: AWS::EC2::Subnet, Properties: { AvailabilityZone: eu-west-1c, CidrBlock: 10.0.0.0/24, VpcId: v } }
Outputs:
  SubnetId: { Value: !Ref S, Export: { Name: net-subnet } }
`);
    const app = parseText('app.yaml', `
Resources:
  Asg: { Type: AWS::AutoScaling::AutoScalingGroup, Properties: { MinSize: '1', MaxSize: '1', VPCZoneIdentifier: [!ImportValue net-subnet] } }
`);
    const mk = (id: string, source: ReturnType<typeof parseText>): StackInput => ({ id, name: id, source, template: source.data as Record<string, unknown>, constructPaths: new Map(), acknowledgements: [], origin: 'template' });
    const m = buildModel({ stacks: [mk('net', net), mk('app', app)], skipped: [], notes: [] });
    expect(zonesOf(m, 'Asg')).toEqual(['eu-west-1c']);
  });
});

describe('zone lists', () => {
  test('an Auto Scaling group over a whole Fn::GetAZs list spans every zone of the region', () => {
    const m = model(`
Resources:
  Asg: { Type: AWS::AutoScaling::AutoScalingGroup, Properties: { MinSize: '1', MaxSize: '2', AvailabilityZones: !GetAZs '' } }
`);
    expect(m.placement(m.resources[0])).toEqual({ kind: 'regional', reason: 'every zone of the region (Fn::GetAZs)' });
  });
});
