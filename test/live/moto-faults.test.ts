// moto (an independent implementation of the AWS APIs) answers calls it does not implement with an HTML page and
// HTTP 500 (DLM) or 404 (AWS Backup ListProtectedResources): the scan names the status and the endpoint, never the
// SDK's "SyntaxError … $response", and the services moto does implement are still read.
import { isolateAwsEnv, runCli } from './helpers';
import { useMoto } from '../support/moto';

const moto = useMoto();
const describeIf = moto.available ? describe : describe.skip;

describeIf('scan against moto server', () => {
  let restore: () => void;
  beforeAll(() => {
    restore = isolateAwsEnv();
  });
  afterAll(() => restore());

  test('unimplemented calls read "HTTP <status> from <endpoint>"; the rest of the account is read', async () => {
    const r = await runCli(['scan', '--region', 'us-east-1', '--endpoint-url', moto.server.endpoint, '--format', 'json', '--timeout', '60s']);
    const live = JSON.parse(r.stdout).blastRadius.live;
    const dlm = live.scopes[0].gaps.find((g: Record<string, unknown>) => g.service === 'dlm');
    expect(dlm).toEqual(expect.objectContaining({ operation: 'GetLifecyclePolicies', kind: 'failed', code: 'HTTP 500', message: `HTTP 500 from ${moto.server.endpoint}/policies (a body that is not the service's XML or JSON)` }));
    expect(r.stderr).not.toMatch(/SyntaxError|\$response|Deserialization error/);
    expect(live.zones.length).toBeGreaterThan(1); // EC2 answered: the zones are there
    expect(r.code).toBe(0);
  }, 90_000);
});
