// Smoke test of test/support/moto.ts: moto server from .venv-peers/ on 127.0.0.1, driven by the AWS SDK v3 the live
// scanner uses; its recorder tells which operations were called; stop() ends its process group.
import { CreateSubnetCommand, CreateVpcCommand, DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { startMoto, useMoto } from './support/moto';

const moto = useMoto();
const describeIf = moto.available ? describe : describe.skip;

const ec2 = () =>
  new EC2Client({ endpoint: moto.server.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }, maxAttempts: 1 });

describeIf('moto server', () => {
  test('listens on 127.0.0.1 only', () => {
    expect(moto.server.endpoint).toBe(`http://127.0.0.1:${moto.server.port}`);
  });

  test('creates a subnet through the SDK, reads it back, and records the operations', async () => {
    const client = ec2();
    const { Vpc } = await client.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }));
    const { Subnet } = await client.send(new CreateSubnetCommand({ VpcId: Vpc!.VpcId!, CidrBlock: '10.20.1.0/24', AvailabilityZone: 'us-east-1b' }));
    const { Subnets } = await client.send(new DescribeSubnetsCommand({ SubnetIds: [Subnet!.SubnetId!] }));
    expect(Subnets).toHaveLength(1);
    expect(Subnets![0]).toMatchObject({ SubnetId: Subnet!.SubnetId, VpcId: Vpc!.VpcId, CidrBlock: '10.20.1.0/24', AvailabilityZone: 'us-east-1b' });
    expect(Subnets![0].AvailabilityZoneId).toMatch(/^use1-az\d$/);
    expect(moto.server.operations().map((o) => `${o.service}:${o.operation}`)).toEqual(['ec2:CreateVpc', 'ec2:CreateSubnet', 'ec2:DescribeSubnets']);
    // werkzeug's request log has the requests, but not which operation each was (all POST /)
    expect(moto.server.log()).toMatch(/"POST \/ HTTP\/1\.1" 200/);

    await moto.server.resetRecording();
    await client.send(new DescribeSubnetsCommand({}));
    expect(moto.server.operations().map((o) => o.operation)).toEqual(['DescribeSubnets']);
  });

  test('stop() ends the server and its process group', async () => {
    const other = await startMoto({ record: false });
    expect(other.port).not.toBe(moto.server.port);
    await other.stop();
    expect(() => process.kill(-other.pid, 0)).toThrow(/ESRCH/);
  });
});
