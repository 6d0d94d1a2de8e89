// ZL509 judges two zones against the region the input names: us-west-1 (where MSK takes exactly two subnets) and a
// region CDK recorded with fewer than three zones are not reported; a template that names no region is, as "likely".
import { lintLoaded } from '../../../lib/lint';
import type { StackInput } from '../../../lib/load/stack-input';
import rule from './rule';

function stack(region: string | undefined, zoneNames: string[] | undefined): StackInput {
  const subnet = (i: number) => ({ Type: 'AWS::EC2::Subnet', Properties: { VpcId: 'vpc-1', CidrBlock: `10.0.${i}.0/24`, AvailabilityZone: { 'Fn::Select': [i, { 'Fn::GetAZs': '' }] } } });
  const template = {
    Resources: {
      A: subnet(0),
      B: subnet(1),
      Events: {
        Type: 'AWS::MSK::Cluster',
        Properties: { ClusterName: 'events', KafkaVersion: '3.6.0', NumberOfBrokerNodes: 2, BrokerNodeGroupInfo: { InstanceType: 'kafka.m7g.large', ClientSubnets: [{ Ref: 'A' }, { Ref: 'B' }] } },
      },
    },
  };
  return { id: 't', name: 't', source: { file: 't.json', format: 'json', data: template, positionOf: () => undefined }, template, region, zoneNames, constructPaths: new Map(), acknowledgements: [], origin: 'template' };
}

const messages = (s: StackInput) => lintLoaded({ stacks: [s], skipped: [], notes: [] }, { rules: [rule] }).findings.map((f) => `${f.severity}: ${f.message}`);

test.each([
  [undefined, undefined, 'the region likely offers three'],
  ['us-east-1', ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d'], 'where us-east-1 offers three'],
  ['eu-west-1', undefined, 'where eu-west-1 offers three'],
  ['us-west-1', ['us-west-1a', 'us-west-1c'], undefined], // MSK takes exactly two subnets there
  ['us-west-1', undefined, undefined],
  ['ap-northeast-9', ['ap-northeast-9a', 'ap-northeast-9b'], undefined], // the input lists two zones only
])('region %s, zones %j', (region, zones, expected) => {
  const found = messages(stack(region, zones));
  if (expected === undefined) expect(found).toEqual([]);
  else {
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^info: MSK cluster Events runs its brokers in two zones/);
    expect(found[0]).toContain(expected);
  }
});
