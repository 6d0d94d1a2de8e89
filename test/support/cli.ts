// Runs the zonelint CLI in-process (the same `main()` the bundle runs, with stdout/stderr captured) or as the real
// `node bin/zonelint.js` process, and checks the one-line error contract.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

// bin/zonelint.js (the launcher of the bundle) sits beside bin/zonelint.ts and would win a plain import: name the source.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { main } = require('../../bin/zonelint.ts') as typeof import('../../bin/zonelint');

export const ROOT = path.join(__dirname, '..', '..');
export const CORPUS = path.join(ROOT, '..', 'shared', 'corpus');

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `main(args)` with process.stdout/stderr captured; `cwd` is entered for the run (display paths are relative to it). */
export function runInProcess(args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): CliRun {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write;
  const err = process.stderr.write;
  const cwd = process.cwd();
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(options.env ?? {})) {
    saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stderr.write;
  let code: number;
  try {
    if (options.cwd) process.chdir(options.cwd);
    code = main(args);
  } finally {
    process.chdir(cwd);
    process.stdout.write = out;
    process.stderr.write = err;
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  return { code, stdout, stderr };
}

const CLI = path.join(ROOT, 'bin', 'zonelint.js');

/** The real command, `node bin/zonelint.js …` (the esbuild bundle: run `npm run build` first; `npm test` does). */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {}): CliRun {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` (npm test does it)');
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ZONELINT_DEBUG: '', ...options.env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: options.timeout ?? 120_000,
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The error contract: exit code 2, exactly one line on stderr, `zonelint: <file>[:line[:col]]: <cause>`, no stack
 * trace, no internal error. Returns the message after `zonelint: `.
 */
export function expectOneLineError(run: CliRun, file: string, cause: RegExp, line?: number): string {
  const lines = run.stderr.split('\n').filter((l) => l !== '');
  const context = `stderr was:\n${run.stderr}`;
  if (run.code !== 2) throw new Error(`exit code ${run.code}, expected 2; ${context}`);
  if (lines.length !== 1) throw new Error(`${lines.length} lines on stderr, expected 1; ${context}`);
  const message = lines[0];
  if (!message.startsWith('zonelint: ')) throw new Error(`stderr does not start with "zonelint: "; ${context}`);
  if (/\n\s+at |internal error|bug in zonelint/.test(run.stderr)) throw new Error(`internal error or stack trace; ${context}`);
  const rest = message.slice('zonelint: '.length);
  const where = line === undefined ? file : `${file}:${line}:`;
  if (!rest.startsWith(where)) throw new Error(`message does not start with ${where}; ${context}`);
  if (!cause.test(rest)) throw new Error(`message does not match ${cause}; ${context}`);
  return rest;
}
