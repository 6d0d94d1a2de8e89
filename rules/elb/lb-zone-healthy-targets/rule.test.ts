// Regression (found by mutating corpus templates): a listener whose DefaultActions is not a list must not crash.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lintPaths } from '../../../lib/lint';

test('a listener with malformed DefaultActions is skipped, not a crash', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zl603-'));
  const file = path.join(dir, 't.yaml');
  fs.writeFileSync(file, `
Resources:
  Lb: { Type: AWS::ElasticLoadBalancingV2::LoadBalancer, Properties: { Subnets: [subnet-1, subnet-2] } }
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties: { LoadBalancerArn: !Ref Lb, Port: 80, Protocol: HTTP, DefaultActions: { Type: forward } }
`);
  expect(() => lintPaths([file])).not.toThrow();
  expect(lintPaths([file]).findings.filter((f) => f.ruleId === 'ZL603')).toEqual([]);
  fs.rmSync(dir, { recursive: true, force: true });
});
