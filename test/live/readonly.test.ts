// Read-only by construction: the operations the code can call, the IAM policy that grants them, and the guard that
// refuses anything else before it is signed or sent.
import * as fs from 'fs';
import * as path from 'path';
import { DeleteVolumeCommand, DescribeVolumesCommand } from '@aws-sdk/client-ec2';
import { ModifyDBInstanceCommand } from '@aws-sdk/client-rds';
import { ScopeClients, ReadOnlyViolation, newStats } from '../../lib/live/clients';
import { Semaphore } from '../../lib/live/limits';
import { ASSUME_ROLE, READ_OPERATIONS, allowedActions, isReadOnlyOperation } from '../../lib/live/operations';
import { isolateAwsEnv } from './helpers';
import { ACCESS_KEY, world2011 } from './server/account2011';
import { FakeAwsServer, startFakeAws } from './server/server';

const root = path.join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

/** Operations the scanner's source sends: `new XCommand(` and `paginateX(` calls. */
function operationsInSource(): Set<string> {
  const ops = new Set<string>();
  for (const file of sources(path.join(root, 'lib', 'live'))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/new (\w+)Command\(/g)) ops.add(m[1]);
    for (const m of text.matchAll(/\bpaginate(\w+)\(/g)) ops.add(m[1]);
  }
  return ops;
}

test('every operation on the read-only list is a Describe, List or Get', () => {
  for (const op of Object.values(READ_OPERATIONS).flat()) expect(isReadOnlyOperation(op)).toBe(true);
});

test('docs/iam-policy.json names exactly the operations the code uses, plus sts:AssumeRole for --role-arn/--org', () => {
  const policy = JSON.parse(fs.readFileSync(path.join(root, 'docs', 'iam-policy.json'), 'utf8'));
  const actions = policy.Statement.flatMap((s: { Effect: string; Action: string[] | string }) => (s.Effect === 'Allow' ? [s.Action].flat() : []));
  expect([...actions].sort()).toEqual([...allowedActions(), ASSUME_ROLE].sort());
  expect(new Set(actions).size).toBe(actions.length);
  const used = operationsInSource();
  const listed = new Set(Object.values(READ_OPERATIONS).flat() as string[]);
  expect([...used].sort()).toEqual([...listed].sort());
});

describe('the read-only guard on every client', () => {
  let server: FakeAwsServer;
  let restore: () => void;
  beforeAll(async () => {
    restore = isolateAwsEnv();
    server = await startFakeAws(world2011(new Date()));
  });
  afterAll(async () => {
    await server.close();
    restore();
  });

  test('a mutating command is refused before it is sent; reads go through and are seen by the interceptor', async () => {
    const seen: string[] = [];
    const clients = new ScopeClients({
      region: 'us-east-1',
      credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: 'x' },
      endpointUrl: server.url,
      maxAttempts: 2,
      stats: newStats(),
      semaphore: new Semaphore(2),
      onCommand: (svc, op) => seen.push(`${svc}:${op}`),
    });
    try {
      await expect(clients.ec2().send(new DeleteVolumeCommand({ VolumeId: 'vol-0data' }))).rejects.toBeInstanceOf(ReadOnlyViolation);
      await expect(clients.rds().send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'orders', MultiAZ: true }))).rejects.toThrow(/refused to send rds:ModifyDBInstance/);
      const r = await clients.ec2().send(new DescribeVolumesCommand({}));
      expect(r.Volumes?.length).toBe(4);
    } finally {
      clients.destroy();
    }
    expect(seen).toEqual(['ec2:DescribeVolumes']);
    expect(server.log.map((l) => `${l.service}:${l.operation}`)).toEqual(['ec2:DescribeVolumes']);
  });
});
