// Test support for the live scanner: an isolated AWS environment (static fake keys, no shared config files, no
// instance metadata, loopback endpoints only) and a runner for the real CLI entry point that captures its output.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ACCESS_KEY } from './server/account2011';

// bin/zonelint.js (the launcher of the bundle) sits beside bin/zonelint.ts and would win a plain import: name the source.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { mainAsync } = require('../../bin/zonelint.ts') as typeof import('../../bin/zonelint');

const AWS_VARS = /^AWS_/;

/** Replaces every AWS_* variable with a loopback-only test environment; returns a restore function. */
export function isolateAwsEnv(extra: Record<string, string> = {}): () => void {
  const saved = { ...process.env };
  for (const k of Object.keys(process.env)) if (AWS_VARS.test(k) || k === 'CI') delete process.env[k];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zonelint-aws-'));
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: ACCESS_KEY,
    AWS_SECRET_ACCESS_KEY: 'fake-secret-for-tests',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: path.join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...extra,
  });
  return () => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `zonelint <args>` through the CLI's own entry point, capturing stdout and stderr. */
export async function runCli(args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += chunk.toString();
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += chunk.toString();
    return true;
  });
  try {
    const code = await mainAsync(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

export function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'zonelint-live-'));
}
