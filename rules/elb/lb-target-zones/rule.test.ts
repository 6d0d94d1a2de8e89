// ZL602 judges each target group of a load balancer on its own and honours the cross-zone settings of the load
// balancer and of the target group (the target group's wins), as the ELB documentation describes them.
import * as path from 'path';
import { lintLoaded, lintPaths } from '../../../lib/lint';
import type { StackInput } from '../../../lib/load/stack-input';
import rule from './rule';

const subnet = (az: string, i: number) => ({ Type: 'AWS::EC2::Subnet', Properties: { VpcId: 'vpc-1', CidrBlock: `10.0.${i}.0/24`, AvailabilityZone: az } });
const attrs = (value: unknown) => (value === undefined ? {} : { Value: [{ Key: 'load_balancing.cross_zone.enabled', Value: value }] });

/** A load balancer over three zones whose one target group has a fleet in two of them. */
function stack(lbProps: Record<string, unknown>, tgAttribute: unknown, parameters: Record<string, unknown> = {}): StackInput {
  const lbAttr = attrs(lbProps.crossZone).Value;
  const tgAttr = attrs(tgAttribute).Value;
  const template = {
    Parameters: parameters,
    Resources: {
      A: subnet('us-east-1a', 0),
      B: subnet('us-east-1b', 1),
      C: subnet('us-east-1c', 2),
      Lb: {
        Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
        Properties: { ...(lbProps.type ? { Type: lbProps.type } : {}), Subnets: [{ Ref: 'A' }, { Ref: 'B' }, { Ref: 'C' }], ...(lbAttr ? { LoadBalancerAttributes: lbAttr } : {}) },
      },
      Tg: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { VpcId: 'vpc-1', Port: 80, Protocol: 'TCP', ...(tgAttr ? { TargetGroupAttributes: tgAttr } : {}) } },
      Listener: { Type: 'AWS::ElasticLoadBalancingV2::Listener', Properties: { LoadBalancerArn: { Ref: 'Lb' }, Port: 80, Protocol: 'TCP', DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: 'Tg' } }] } },
      Fleet: { Type: 'AWS::AutoScaling::AutoScalingGroup', Properties: { MinSize: '2', MaxSize: '4', VPCZoneIdentifier: [{ Ref: 'A' }, { Ref: 'B' }], TargetGroupARNs: [{ Ref: 'Tg' }] } },
    },
  };
  return { id: 't', name: 't', source: { file: 't.json', format: 'json', data: template, positionOf: () => undefined }, template, constructPaths: new Map(), acknowledgements: [], origin: 'template' };
}

const warns = (s: StackInput) => lintLoaded({ stacks: [s], skipped: [], notes: [] }, { rules: [rule] }).findings.map((f) => `${f.severity}: ${f.message}`);

test.each([
  // load balancer type, its attribute, the target group's attribute → the us-east-1c node has no target: warned?
  ['application', undefined, undefined, false], // ALBs balance across zones
  ['application', undefined, 'use_load_balancer_configuration', false],
  ['application', undefined, 'false', true], // a target group can turn it off
  ['network', undefined, undefined, true], // off by default on an NLB
  ['network', 'false', undefined, true],
  ['network', 'true', undefined, false],
  ['network', 'true', 'use_load_balancer_configuration', false],
  ['network', 'true', 'false', true], // the target group's setting wins
  ['network', undefined, 'true', false],
  ['network', 'false', 'true', false],
  ['gateway', undefined, undefined, true], // off by default on a GWLB
  ['gateway', 'true', undefined, false],
] as const)('%s load balancer, attribute %s, target group attribute %s: warned %s', (type, lbAttr, tgAttr, warned) => {
  const found = warns(stack({ type: type === 'application' ? undefined : type, crossZone: lbAttr }, tgAttr));
  expect(found.length).toBe(warned ? 1 : 0);
  if (warned) {
    expect(found[0]).toMatch(/^warning: Load balancer Lb has nodes in us-east-1c where target group Tg \(listener Listener\) has no targets/);
    expect(found[0]).toContain(tgAttr === 'false' ? 'target group Tg sets load_balancing.cross_zone.enabled to false' : lbAttr === 'false' ? 'the load balancer sets' : `the default for a ${type} load balancer`);
  }
});

test('a cross-zone setting that cannot be resolved is not guessed', () => {
  expect(warns(stack({ type: 'network' }, { Ref: 'CrossZone' }, { CrossZone: { Type: 'String' } }))).toEqual([]);
  expect(warns(stack({ type: 'network', crossZone: { Ref: 'CrossZone' } }, undefined, { CrossZone: { Type: 'String' } }))).toEqual([]);
  // with a default, the parameter resolves like any other value
  expect(warns(stack({ type: 'network' }, { Ref: 'CrossZone' }, { CrossZone: { Type: 'String', Default: 'false' } }))).toHaveLength(1);
});

test('each target group is judged on its own, and the finding names its listener and target group', () => {
  const result = lintPaths([path.join(__dirname, 'fixtures', 'bad.yaml')]);
  const mixed = result.findings.filter((f) => f.ruleId === 'ZL602' && f.resource.logicalId === 'MixedLb');
  expect(mixed).toHaveLength(1);
  expect(mixed[0].severity).toBe('error');
  expect(mixed[0].message).toContain('target group MixedAdminTg (listener MixedListener) has its only target (WebA1) in us-east-1a');
  expect(mixed[0].message).not.toContain('MixedWebTg');
  expect(mixed[0].related.map((r) => `${r.role} ${r.logicalId}`).sort()).toEqual(['listener MixedListener', 'target WebA1', 'target group MixedAdminTg']);
  // ZL901 pools the targets of every group (the request path as a whole): three zones, as before
  expect(result.findings.filter((f) => f.ruleId === 'ZL901' && f.resource.logicalId === 'MixedLb')).toEqual([]);
});
