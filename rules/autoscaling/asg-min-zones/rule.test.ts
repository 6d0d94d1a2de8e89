// minZones is declared by ZL202, ZL203 and ZL601: the config's global option raises the bar for all three, a rule's
// own option overrides it, and the messages name the zones found and the threshold.
import { lintLoaded } from '../../../lib/lint';
import type { StackInput } from '../../../lib/load/stack-input';
import type { ZonelintConfig } from '../../../lib/engine/config';
import asg from './rule';
import lambda from '../../lambda/lambda-vpc-min-zones/rule';
import lb from '../../elb/lb-min-zones/rule';

const subnet = (index: number) => ({ Type: 'AWS::EC2::Subnet', Properties: { VpcId: 'vpc-1', CidrBlock: `10.0.${index}.0/24`, AvailabilityZone: { 'Fn::Select': [index, { 'Fn::GetAZs': '' }] } } });
const twoSubnets = [{ Ref: 'A' }, { Ref: 'B' }];

function twoZoneStack(): StackInput {
  const template = {
    Resources: {
      A: subnet(0),
      B: subnet(1),
      Group: { Type: 'AWS::AutoScaling::AutoScalingGroup', Properties: { MinSize: '2', MaxSize: '4', VPCZoneIdentifier: twoSubnets } },
      Fn: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'python3.12', Handler: 'i.h', Role: 'arn:aws:iam::1:role/r', Code: { ZipFile: 'x' }, VpcConfig: { SubnetIds: twoSubnets, SecurityGroupIds: ['sg-1'] } } },
      Alb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Subnets: twoSubnets } },
    },
  };
  return {
    id: 'two-zones',
    name: 'two-zones',
    source: { file: 'two-zones.json', format: 'json', data: template, positionOf: () => undefined },
    template,
    constructPaths: new Map(),
    acknowledgements: [],
    origin: 'template',
  };
}

function run(config?: ZonelintConfig) {
  return lintLoaded({ stacks: [twoZoneStack()], skipped: [], notes: [] }, { rules: [asg, lambda, lb], config }).findings;
}

test('two zones satisfy the default minZones of 2', () => {
  expect(run()).toEqual([]);
});

test('a global minZones of 3 applies to every rule that declares it', () => {
  const findings = run({ options: { minZones: 3 } });
  expect(findings.map((f) => `${f.ruleId} ${f.resource.logicalId}`).sort()).toEqual(['ZL202 Group', 'ZL203 Fn', 'ZL601 Alb']);
  for (const f of findings) {
    expect(f.message).toContain('2 zones (AZ[0], AZ[1])');
    expect(f.message).toContain('minZones is 3');
    expect(f.related.map((r) => r.logicalId).sort()).toEqual(['A', 'B']);
  }
});

test("a rule's own minZones overrides the global one", () => {
  const findings = run({ options: { minZones: 3 }, rules: { ZL601: { options: { minZones: 2 } } } });
  expect(findings.map((f) => f.ruleId).sort()).toEqual(['ZL202', 'ZL203']);
});
