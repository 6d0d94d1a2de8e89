// Installs the Python test peers into virtual environments of the project's own, pinned, so that `npm test` on a fresh
// machine has them (like ensure-compat.mjs does for aws-cdk-lib 2.93.0). Nothing Python ships in the package.
//
//   node scripts/ensure-peers.mjs                 .venv-peers/: cfn-lint, moto server, boto3 (the tests' set)
//   node scripts/ensure-peers.mjs --with-checkov  the same, and .venv-peers-checkov/: checkov (the benchmark's peer)
//   node scripts/ensure-peers.mjs --freeze        re-resolves scripts/peers/requirements*.txt in clean venvs and
//                                                 rewrites constraints*.txt from `pip freeze` (to change a pin)
//
// A venv is (re)built from scratch when its stamp file does not match the hash of its requirements, constraints and
// interpreter path; otherwise the script returns at once without starting Python. Wheels only (no builds from source),
// and after installing, `pip freeze` must equal the constraints exactly: a fresh machine gets the same set or fails.
// Without `python3 -m venv` (Python missing, or Debian's python3-venv not installed) it fails with one line under CI
// and warns locally; the tests that need a peer then skip with a warning (test/support/peers.ts), except under CI.
// ZONELINT_PYTHON picks another interpreter (default python3).
import { execFileSync, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fileURLToPath } from 'url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const peersDir = path.join(root, 'scripts', 'peers');
const SETS = {
  test: { venv: '.venv-peers', requirements: 'requirements.txt', constraints: 'constraints.txt', what: 'cfn-lint, moto server' },
  checkov: { venv: '.venv-peers-checkov', requirements: 'requirements-checkov.txt', constraints: 'constraints-checkov.txt', what: 'checkov' },
};
const STAMP = '.zonelint-peers-stamp';
const python = process.env.ZONELINT_PYTHON || (process.platform === 'win32' ? 'python' : 'python3');
const ci = !!process.env.CI && process.env.CI !== 'false';
const venvPython = (dir) => path.join(dir, process.platform === 'win32' ? 'Scripts\\python.exe' : 'bin/python');

class Unavailable extends Error {}

/** Creates a venv; throws Unavailable when this machine cannot (no interpreter, or no venv/ensurepip module). */
function createVenv(dir) {
  const r = spawnSync(python, ['-m', 'venv', dir], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    const output = `${r.stderr ?? ''}\n${r.stdout ?? ''}`;
    const cause = r.error
      ? r.error.code === 'ENOENT' ? `${python} not found` : r.error.message
      : /ensurepip/.test(output) ? 'its ensurepip module is missing' : output.trim().split('\n').pop();
    throw new Unavailable(`\`${python} -m venv\` is unavailable (${cause}): install Python 3.9+ with its venv module (Debian: apt-get install python3-venv)`);
  }
}

function pip(dir, args, options = {}) {
  return execFileSync(venvPython(dir), ['-m', 'pip', '--disable-pip-version-check', '--no-input', ...args], { encoding: 'utf8', ...options });
}

const freezeOf = (dir) => pip(dir, ['freeze']); // leaves out pip and setuptools, which come with the venv
/** `name==version` lines with names normalized as PyPI does (PyYAML, pyyaml; typing_extensions, typing-extensions). */
const pins = (text) =>
  text.split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean)
    .map((l) => l.replace(/^[^=<>!~ ]+/, (name) => name.toLowerCase().replace(/[-_.]+/g, '-'))).sort();

function stampOf(set) {
  const hash = createHash('sha256');
  for (const f of [set.requirements, set.constraints]) hash.update(fs.readFileSync(path.join(peersDir, f)));
  hash.update(python);
  return hash.digest('hex');
}

/** Makes one venv match its pins. Returns true when it had to install. */
function ensure(set) {
  const dir = path.join(root, set.venv);
  const stamp = stampOf(set);
  const stampFile = path.join(dir, STAMP);
  if (fs.existsSync(venvPython(dir)) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8').trim() === stamp) return false;
  const started = Date.now();
  fs.rmSync(dir, { recursive: true, force: true });
  createVenv(dir);
  console.error(`installing Python peers (${set.what}) into ${set.venv}/ from scripts/peers/${set.requirements} (once)`);
  try {
    const req = path.join(peersDir, set.requirements);
    const con = path.join(peersDir, set.constraints);
    pip(dir, ['install', '--quiet', '--only-binary=:all:', '-r', req, '-c', con], { stdio: 'inherit' });
    const check = spawnSync(venvPython(dir), ['-m', 'pip', 'check'], { encoding: 'utf8' });
    if (check.status !== 0) throw new Error(`pip check in ${set.venv}/: ${check.stdout.trim().split('\n').join('; ')}`);
    const want = pins(fs.readFileSync(con, 'utf8'));
    const got = pins(freezeOf(dir));
    const missing = want.filter((p) => !got.includes(p));
    const extra = got.filter((p) => !want.includes(p));
    if (missing.length || extra.length) {
      throw new Error(`${set.venv}/ differs from scripts/peers/${set.constraints} (installed but not pinned: ${extra.join(' ') || '-'}; ` +
        `pinned but not installed: ${missing.join(' ') || '-'}): run node scripts/ensure-peers.mjs --freeze`);
    }
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true }); // never leave a half-installed venv that looks usable
    throw e;
  }
  fs.writeFileSync(stampFile, stamp + '\n');
  console.error(`installed ${set.venv}/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

/** Re-resolves a set's requirements in a clean temporary venv and writes its constraints from pip freeze. */
function freeze(set) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zonelint-peers-'));
  try {
    createVenv(dir);
    pip(dir, ['install', '--quiet', '--only-binary=:all:', '-r', path.join(peersDir, set.requirements)], { stdio: 'inherit' });
    const version = execFileSync(venvPython(dir), ['-c', 'import sys; print(".".join(map(str, sys.version_info[:3])))'], { encoding: 'utf8' }).trim();
    const header =
      `# Every package of ${set.venv}/, pinned: \`pip freeze\` of a clean venv (Python ${version}) after installing\n` +
      `# ${set.requirements}. Written by \`node scripts/ensure-peers.mjs --freeze\`; do not edit by hand.\n`;
    fs.writeFileSync(path.join(peersDir, set.constraints), header + freezeOf(dir));
    console.error(`wrote scripts/peers/${set.constraints}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
const unknown = args.filter((a) => !['--with-checkov', '--freeze'].includes(a));
if (unknown.length) {
  console.error(`ensure-peers: unknown argument ${unknown[0]} (use --with-checkov, --freeze)`);
  process.exit(2);
}
const sets = [SETS.test, ...(args.includes('--with-checkov') || args.includes('--freeze') ? [SETS.checkov] : [])];
try {
  for (const set of sets) (args.includes('--freeze') ? freeze : ensure)(set);
} catch (e) {
  if (e instanceof Unavailable && !ci && !args.includes('--freeze')) {
    console.warn(`ensure-peers: WARNING ${e.message}; the tests that need cfn-lint or moto are skipped`);
    process.exit(0);
  }
  console.error(`ensure-peers: ${e instanceof Unavailable ? e.message : e.message.split('\n')[0]}`);
  process.exit(1);
}
