// Build: regenerate the rule index, then bundle the CLI and the library with esbuild.
// The CLI bundle excludes aws-cdk-lib/constructs (never needed), the AWS SDK (loaded only by `zonelint scan`), and
// yaml and jsonc-parser (loaded on the first YAML template or JSON syntax error: a cdk.out needs neither).
import { execFileSync } from 'child_process';
import * as path from 'path';
import { fileURLToPath } from 'url';
import { build } from 'esbuild';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [path.join(root, 'scripts', 'gen-rules-index.mjs')], { stdio: 'inherit' });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
  mainFields: ['module', 'main'],
  external: ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs', '@aws-sdk/*', '@smithy/*', 'cdk-nag', 'playwright-core', 'yaml', 'jsonc-parser'],
};
await Promise.all([
  build({ ...common, entryPoints: ['bin/zonelint.ts'], outfile: 'dist/cli.js' }),
  build({ ...common, entryPoints: ['lib/index.ts'], outfile: 'dist/lib/index.js' }),
  // cdk-nag interop, a separate entry so that the main one never loads cdk-nag: `zonelint/dist/lib/cdk/nag-pack`.
  build({ ...common, entryPoints: ['lib/cdk/nag-pack.ts'], outfile: 'dist/lib/cdk/nag-pack.js' }),
]);
execFileSync(process.execPath, [path.join(root, 'scripts', 'gen-docs.mjs')], { stdio: 'inherit' });
