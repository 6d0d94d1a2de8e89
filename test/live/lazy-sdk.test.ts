// `check` must stay fast: the bundled CLI loads the AWS SDK only for `scan` (the scan module is imported lazily).
import { spawnSync } from 'child_process';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');
const probe = `
const Module = require('module');
const orig = Module._load;
const loaded = new Set();
Module._load = function (req, ...a) { if (/^@aws-sdk\\//.test(req)) loaded.add(req.split('/').slice(0, 2).join('/')); return orig.call(this, req, ...a); };
process.on('exit', () => process.stderr.write('SDK:' + JSON.stringify([...loaded].sort()) + '\\n'));
process.argv = [process.argv[0], 'zonelint', ...JSON.parse(process.env.ARGS)];
require(${JSON.stringify(path.join(root, 'bin', 'zonelint.js'))});
`;

function sdkLoadedBy(args: string[]): string[] {
  const r = spawnSync(process.execPath, ['-e', probe], {
    cwd: root,
    env: { PATH: process.env.PATH, ARGS: JSON.stringify(args), AWS_EC2_METADATA_DISABLED: 'true', AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'x', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' },
    encoding: 'utf8',
  });
  const line = r.stderr.split('\n').find((l) => l.startsWith('SDK:'));
  if (!line) throw new Error(`no probe output: ${r.stderr}`);
  return JSON.parse(line.slice(4));
}

test('check of a saved inventory loads no AWS SDK module', () => {
  expect(sdkLoadedBy(['check', path.join(root, 'rules', 'ebs', 'ebs-volume-recent-snapshot', 'fixtures', 'bad.json'), '--format', 'json'])).toEqual([]);
});

test('scan does load the SDK clients (so the probe above can see them)', () => {
  // An unreachable loopback endpoint: the scan fails fast after loading its clients.
  expect(sdkLoadedBy(['scan', '--region', 'us-east-1', '--endpoint-url', 'http://127.0.0.1:9'])).toEqual(expect.arrayContaining(['@aws-sdk/client-ec2', '@aws-sdk/client-route53resolver', '@aws-sdk/client-s3', '@aws-sdk/client-sts', '@aws-sdk/credential-providers']));
});
