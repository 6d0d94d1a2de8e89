// ZL402 across stacks: an attachment in one stack that imports the volume (or the instance) of another.
import { lintLoaded } from '../../../lib/lint';
import type { StackInput } from '../../../lib/load/stack-input';
import rule from './rule';

function stack(id: string, template: Record<string, unknown>): StackInput {
  return { id, name: id, source: { file: `${id}.json`, format: 'json', data: template, positionOf: () => undefined }, template, constructPaths: new Map(), acknowledgements: [], origin: 'template' };
}

const storage = stack('storage', {
  Resources: {
    InA: { Type: 'AWS::EC2::Volume', Properties: { Size: 10, AvailabilityZone: 'eu-west-1a' } },
    InB: { Type: 'AWS::EC2::Volume', Properties: { Size: 10, AvailabilityZone: 'eu-west-1b' } },
  },
  Outputs: {
    A: { Value: { Ref: 'InA' }, Export: { Name: 'volume-a' } },
    B: { Value: { Ref: 'InB' }, Export: { Name: 'volume-b' } },
  },
});

const compute = stack('compute', {
  Resources: {
    Server: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-1', AvailabilityZone: 'eu-west-1a' } },
    AttachA: { Type: 'AWS::EC2::VolumeAttachment', Properties: { InstanceId: { Ref: 'Server' }, VolumeId: { 'Fn::ImportValue': 'volume-a' }, Device: '/dev/sdf' } },
    AttachB: { Type: 'AWS::EC2::VolumeAttachment', Properties: { InstanceId: { Ref: 'Server' }, VolumeId: { 'Fn::ImportValue': 'volume-b' }, Device: '/dev/sdg' } },
  },
});

test('a volume imported from another stack is compared with the instance it is attached to', () => {
  const { findings } = lintLoaded({ stacks: [storage, compute], skipped: [], notes: [] }, { rules: [rule] });
  expect(findings.map((f) => `${f.resource.stack}/${f.resource.logicalId}`)).toEqual(['compute/AttachB']);
  expect(findings[0].message).toContain('EBS volume InB is in eu-west-1b');
  expect(findings[0].message).toContain('which runs in eu-west-1a');
  expect(findings[0].related.map((r) => `${r.stack}/${r.logicalId} ${r.role}`)).toEqual(['storage/InB volume', 'compute/Server instance']);
});

test('without the exporting stack in the input, the volume is unknown and nothing is reported', () => {
  expect(lintLoaded({ stacks: [compute], skipped: [], notes: [] }, { rules: [rule] }).findings).toEqual([]);
});
