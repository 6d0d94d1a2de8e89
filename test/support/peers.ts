// The Python test peers of scripts/ensure-peers.mjs (run by `npm test` before jest): where their venv's programs are,
// and whether a test may run. Under CI (.ci/run) a missing venv fails the test file; elsewhere the test is skipped,
// loudly, as the HTML report's browser test does without chromium.
import * as fs from 'fs';
import * as path from 'path';

export const PEERS_VENV = path.join(__dirname, '..', '..', '.venv-peers');

/** A program of the peers' venv: `python`, `cfn-lint`… */
export function peerBin(name: string): string {
  return process.platform === 'win32' ? path.join(PEERS_VENV, 'Scripts', `${name}.exe`) : path.join(PEERS_VENV, 'bin', name);
}

/**
 * True when the peers' venv is installed. When it is not, throws under CI and warns otherwise, naming the test that is
 * skipped.
 */
export function peersInstalled(what: string): boolean {
  if (fs.existsSync(path.join(PEERS_VENV, '.zonelint-peers-stamp')) && fs.existsSync(peerBin('python'))) return true;
  const why = `${path.relative(process.cwd(), PEERS_VENV)}/ is not installed (node scripts/ensure-peers.mjs; it needs python3 -m venv)`;
  if (process.env.CI && process.env.CI !== 'false') throw new Error(`${what}: ${why}`);
  console.warn(`${what} skipped: ${why}`);
  return false;
}
