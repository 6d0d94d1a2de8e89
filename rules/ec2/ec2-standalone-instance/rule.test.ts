// ZL201 on a live scan: instances Auto Scaling launched carry the aws:autoscaling:groupName tag and are not
// standalone; the root volume, which a scan lists among the attachments, is not data.
import { lintLoaded } from '../../../lib/lint';
import type { StackInput } from '../../../lib/load/stack-input';
import rule from './rule';

function liveStack(resources: Record<string, unknown>): StackInput {
  const template = { Resources: resources };
  return {
    id: '111122223333/us-east-1',
    name: '111122223333/us-east-1',
    source: { file: 'live:111122223333/us-east-1', format: 'json', data: template, positionOf: () => undefined },
    template,
    region: 'us-east-1',
    account: '111122223333',
    constructPaths: new Map(),
    acknowledgements: [],
    origin: 'live',
  };
}

const volume = () => ({ Type: 'AWS::EC2::Volume', Properties: { AvailabilityZone: 'us-east-1a', Size: 100 } });
const attach = (volumeId: string, instanceId: string, device: string) => ({
  Type: 'AWS::EC2::VolumeAttachment',
  Properties: { VolumeId: { Ref: volumeId }, InstanceId: { Ref: instanceId }, Device: device },
});

test('live instances: Auto Scaling members and root volumes are not flagged, a standalone data holder is', () => {
  const stack = liveStack({
    'i-standalone': { Type: 'AWS::EC2::Instance', Properties: { AvailabilityZone: 'us-east-1a', Tags: [{ Key: 'Name', Value: 'db' }] } },
    'i-asg': { Type: 'AWS::EC2::Instance', Properties: { AvailabilityZone: 'us-east-1a', Tags: [{ Key: 'aws:autoscaling:groupName', Value: 'web' }] } },
    'i-rootonly': { Type: 'AWS::EC2::Instance', Properties: { AvailabilityZone: 'us-east-1a' } },
    'vol-root1': volume(),
    'vol-data1': volume(),
    'vol-root2': volume(),
    'vol-data2': volume(),
    'vol-root3': volume(),
    'vol-root1/attachment/i-standalone': attach('vol-root1', 'i-standalone', '/dev/xvda'),
    'vol-data1/attachment/i-standalone': attach('vol-data1', 'i-standalone', '/dev/sdf'),
    'vol-root2/attachment/i-asg': attach('vol-root2', 'i-asg', '/dev/xvda'),
    'vol-data2/attachment/i-asg': attach('vol-data2', 'i-asg', '/dev/sdf'),
    'vol-root3/attachment/i-rootonly': attach('vol-root3', 'i-rootonly', '/dev/sda1'),
  });
  const { findings } = lintLoaded({ stacks: [stack], skipped: [], notes: [] }, { rules: [rule] });
  expect(findings.map((f) => f.resource.logicalId)).toEqual(['i-standalone']);
  expect(findings[0].message).toContain('volume vol-data1 at /dev/sdf');
  expect(findings[0].message).toContain('us-east-1a');
  expect(findings[0].message).not.toContain('vol-root1');
});
