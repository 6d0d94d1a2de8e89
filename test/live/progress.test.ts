// Progress display: a status line redrawn in place on a terminal, plain log lines in CI or when not a terminal.
import { createProgress } from '../../lib/live/progress';

function stream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, isTTY, columns: 120, write: (s: string) => chunks.push(s) };
}

const stats = { calls: 0, throttles: 0, errors: 0 };
const gap = { service: 'elasticache', operation: 'DescribeReplicationGroups', kind: 'denied' as const, code: 'AccessDenied', message: 'AccessDenied: no' };

function drive(p: ReturnType<typeof createProgress>) {
  p.planned(2, 9);
  p.scopeStarted('111122223333/us-east-1');
  stats.calls = 12;
  stats.throttles = 2;
  p.tick();
  p.serviceDone('111122223333/us-east-1', 'ec2', []);
  p.serviceDone('111122223333/us-east-1', 'elasticache', [gap]);
  p.scopeDone('111122223333/us-east-1');
  p.finish();
}

test('on a terminal: one line redrawn in place with regions, services, calls and throttles; gaps printed above it', () => {
  const s = stream(true);
  let t = 0;
  drive(createProgress(s, stats, {}, () => (t += 1000)));
  const out = s.chunks.join('');
  expect(out).toContain('\r\u001b[2Kscanning 0/2 regions, 0/18 services, 0 API calls, 0 throttled');
  expect(out).toContain('scanning 0/2 regions, 1/18 services, 12 API calls, 2 throttled [111122223333/us-east-1]');
  expect(out).toContain('zonelint: 111122223333/us-east-1: elasticache not covered: DescribeReplicationGroups access denied (AccessDenied)\n');
  expect(out).toContain('scanning 1/2 regions, 2/18 services, 12 API calls, 2 throttled');
  expect(out.endsWith('\r\u001b[2K')).toBe(true); // the status line is cleared at the end
});

test.each([
  ['not a terminal', false, {}],
  ['CI=true on a terminal', true, { CI: 'true' }],
])('%s: plain lines, no carriage returns', (_name, isTTY, env) => {
  const s = stream(isTTY as boolean);
  drive(createProgress(s, stats, env as NodeJS.ProcessEnv));
  const out = s.chunks.join('');
  expect(out).not.toContain('\r');
  expect(out.split('\n').filter(Boolean)).toEqual([
    'zonelint: scanning 2 account/region scopes',
    'zonelint: 111122223333/us-east-1: started',
    'zonelint: 111122223333/us-east-1: ec2 done',
    'zonelint: 111122223333/us-east-1: elasticache NOT COVERED: DescribeReplicationGroups access denied (AccessDenied)',
    'zonelint: 111122223333/us-east-1: done (1/2; 12 API calls, 2 throttled)',
    'zonelint: scan finished: 12 API calls, 2 throttled',
  ]);
});
