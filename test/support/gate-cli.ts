// Runs the CLI in-process (bin/zonelint.ts main) with stdout/stderr captured, in a given working directory.
import * as path from 'path';
import type * as Cli from '../../bin/zonelint';

// bin/zonelint.js (the bundle's launcher) sits beside bin/zonelint.ts and would win module resolution: name the source.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { main } = require(path.join(__dirname, '..', '..', 'bin', 'zonelint.ts')) as typeof Cli;

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: string[], cwd?: string): CliRun {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((stdout += String(s)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((stderr += String(s)), true));
  const before = process.cwd();
  try {
    if (cwd) process.chdir(cwd);
    const code = main(args);
    return { code, stdout, stderr };
  } finally {
    process.chdir(before);
    out.mockRestore();
    err.mockRestore();
  }
}
