// Installs the oldest supported aws-cdk-lib into test/compat/cdk-2.93 (own package.json and lockfile, never the main
// lockfile) when it is not there yet, so that `npm test` on a fresh clone runs the aspect compatibility test.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'test', 'compat', 'cdk-2.93');
if (!fs.existsSync(path.join(dir, 'node_modules', 'aws-cdk-lib', 'package.json'))) {
  console.error('installing aws-cdk-lib 2.93.0 into test/compat/cdk-2.93 (once)');
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['ci', '--prefix', dir, '--no-audit', '--no-fund'], { stdio: 'inherit' });
}
