// moto server (an independent implementation of the AWS APIs, pinned in scripts/peers/requirements.txt and installed
// into .venv-peers/ by `npm test`) for the live scanner's tests: `python -m moto.server` from the venv, bound to
// 127.0.0.1 on a free port (never any other address), in a process group of its own that stop() ends.
//
//   const moto = useMoto();                      // beforeAll starts it, afterAll stops it
//   new EC2Client({ endpoint: moto.server.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } })
//   moto.server.operations()                     // [{ service: 'ec2', operation: 'DescribeVpcs', … }, …]
//
// Which operations were called (moto 5.2.5, read from its source):
// - Its request log (werkzeug, on stderr; log()) has one line per request with method, path and status only, such as
//   `"POST / HTTP/1.1" 200`: that names no operation for the query and JSON protocols (EC2, Auto Scaling, ELBv2, RDS,
//   ElastiCache, STS, Organizations), whose every call is a POST to /.
// - Its request recorder does: with MOTO_ENABLE_RECORDING set when the server starts (or after
//   `POST /moto-api/recorder/start-recording`), moto appends every request but its own /moto-api/recorder/ calls to
//   the file MOTO_RECORDER_FILEPATH (default ./moto_recording), one JSON line each: method, url, headers, body (base64
//   when body_encoded). `GET /moto-api/recorder/download-recording` returns that file (it fails until the first
//   request is recorded), `POST /moto-api/recorder/reset-recording` empties it, stop-recording pauses it. The operation
//   is then the `Action` of a query-protocol body, the `X-Amz-Target` header of the JSON protocols, or the path of
//   Smithy RPC v2 CBOR (`/service/<S>/operation/<Op>`); REST protocols (EFS, Lambda, Backup, DLM) only have method and
//   path. The SigV4 credential scope of the Authorization header names the service. operations() does all this.
// - Recording is per server process and lasts for its life; `POST /moto-api/reset` empties moto's backends (the
//   data), not the recording: resetRecording() does that.
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { peerBin, peersInstalled } from './peers';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  body_encoded: boolean;
}

export interface Operation {
  /** The SigV4 signing name from the Authorization header (ec2, autoscaling, rds…), or '' when unsigned. */
  service: string;
  /** The API operation (DescribeInstances), or `METHOD /path` for a REST protocol. */
  operation: string;
  method: string;
  url: string;
}

export interface MotoServer {
  /** http://127.0.0.1:<port>, for the SDK's `endpoint` or AWS_ENDPOINT_URL. */
  readonly endpoint: string;
  readonly port: number;
  readonly pid: number;
  /** Every request recorded since start (or resetRecording), oldest first. Empty when started with record: false. */
  requests(): RecordedRequest[];
  /** The operations of requests(), in order. */
  operations(): Operation[];
  /** Empties the recording, e.g. between seeding resources and the scan under test. */
  resetRecording(): Promise<void>;
  /** Empties moto's backends (all resources of all services). */
  reset(): Promise<void>;
  /** What the server printed (its request log and errors), most recent 256 KB. */
  log(): string;
  /** Ends the server's process group (SIGTERM, then SIGKILL after 5 s) and removes its recording. */
  stop(): Promise<void>;
}

export interface MotoOptions {
  /** Record every request for requests()/operations() (default true). */
  record?: boolean;
  /** How long to wait for the server to answer (default 30 s: importing moto is slow on a busy machine). */
  startTimeoutMs?: number;
  /** Extra environment for the server (MOTO_* settings). */
  env?: Record<string, string>;
}

const HOST = '127.0.0.1';
const LOG_LIMIT = 256 * 1024;
const running = new Set<ChildProcess>();
let exitHook = false;

/** Ends a process group at once (used when the test process exits without afterAll, e.g. on a crash). */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (process.platform === 'win32') child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen({ port: 0, host: HOST }, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function request(url: string, method: 'GET' | 'POST', timeoutMs = 2000): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, timeout: timeoutMs, headers: { 'content-length': 0 } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${url}: no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function header(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** The service and operation of one recorded request (see the file comment). */
export function operationOf(r: RecordedRequest): Operation {
  const service = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(header(r.headers, 'authorization') ?? '')?.[1] ?? '';
  const { pathname } = new URL(r.url, `http://${HOST}`);
  const base = { service, method: r.method, url: r.url };
  const target = header(r.headers, 'x-amz-target');
  if (target) return { ...base, operation: target.slice(target.lastIndexOf('.') + 1) };
  const rpc = /\/service\/[^/]+\/operation\/([^/?]+)/.exec(pathname);
  if (rpc) return { ...base, operation: decodeURIComponent(rpc[1]) };
  const body = r.body_encoded ? Buffer.from(r.body ?? '', 'base64').toString('utf8') : (r.body ?? '');
  const action = /^application\/x-www-form-urlencoded/i.test(header(r.headers, 'content-type') ?? '') ? new URLSearchParams(body).get('Action') : null;
  const query = new URL(r.url, `http://${HOST}`).searchParams.get('Action');
  return { ...base, operation: action ?? query ?? `${r.method} ${pathname}` };
}

async function startOnce(port: number, options: MotoOptions, recording: string): Promise<MotoServer> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^AWS_/.test(k)) env[k] = v; // nothing of the caller's AWS setup
  Object.assign(env, { PYTHONUNBUFFERED: '1', MOTO_RECORDER_FILEPATH: recording, ...options.env });
  if (options.record !== false) env.MOTO_ENABLE_RECORDING = 'true';
  else delete env.MOTO_ENABLE_RECORDING;

  const child = spawn(peerBin('python'), ['-m', 'moto.server', '-H', HOST, '-p', String(port)], {
    env,
    cwd: path.dirname(recording),
    detached: process.platform !== 'win32', // a process group of its own, ended as a whole
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  if (!exitHook) {
    exitHook = true;
    process.on('exit', () => running.forEach((c) => killGroup(c, 'SIGKILL')));
  }
  let log = '';
  const append = (chunk: Buffer) => {
    log += chunk.toString('utf8');
    if (log.length > LOG_LIMIT) log = log.slice(log.length - LOG_LIMIT);
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => running.delete(child));
  let spawnError: Error | undefined;
  child.once('error', (e) => (spawnError = e));

  const endpoint = `http://${HOST}:${port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  for (;;) {
    if (spawnError) throw spawnError;
    if (child.exitCode !== null || child.signalCode !== null) {
      throw Object.assign(new Error(`moto server exited (${child.exitCode ?? child.signalCode}) before answering on ${endpoint}:\n${log.slice(-4000)}`), { log });
    }
    try {
      await request(`${endpoint}/moto-api/config`, 'GET', 1000);
      break;
    } catch {
      if (Date.now() > deadline) {
        killGroup(child, 'SIGKILL');
        throw new Error(`moto server did not answer on ${endpoint} within ${options.startTimeoutMs ?? 30_000} ms:\n${log.slice(-4000)}`);
      }
      await sleep(50);
    }
  }

  // the readiness probe above was recorded too (moto skips only its /moto-api/recorder/ calls)
  if (options.record !== false) await request(`${endpoint}/moto-api/recorder/reset-recording`, 'POST');

  const requests = (): RecordedRequest[] =>
    fs.existsSync(recording)
      ? fs.readFileSync(recording, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as RecordedRequest)
      : [];
  return {
    endpoint,
    port,
    pid: child.pid!,
    requests,
    operations: () => requests().map(operationOf),
    resetRecording: async () => {
      await request(`${endpoint}/moto-api/recorder/reset-recording`, 'POST');
    },
    reset: async () => {
      await request(`${endpoint}/moto-api/reset`, 'POST');
    },
    log: () => log,
    stop: async () => {
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      killGroup(child, 'SIGKILL'); // anything left in the group (moto starts no children, but be sure)
      fs.rmSync(path.dirname(recording), { recursive: true, force: true });
    },
  };
}

/** Starts a moto server on 127.0.0.1 and resolves once it answers. */
export async function startMoto(options: MotoOptions = {}): Promise<MotoServer> {
  let last: Error | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    // The port is free when chosen; another process may take it before moto binds it, so a bind failure retries.
    const port = await freePort();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zonelint-moto-'));
    try {
      return await startOnce(port, options, path.join(dir, 'recording.jsonl'));
    } catch (e) {
      fs.rmSync(dir, { recursive: true, force: true });
      last = e as Error;
      if (!/Address already in use|address in use/i.test(String((e as { log?: string }).log ?? ''))) throw e;
    }
  }
  throw last!;
}

/**
 * Registers beforeAll/afterAll around the calling describe block (or file): a server for its tests, stopped after
 * them. `available` is false (and the tests should skip) when the peers' venv is missing outside CI.
 */
export function useMoto(options: MotoOptions = {}): { readonly server: MotoServer; readonly available: boolean } {
  const available = peersInstalled('moto server tests');
  let server: MotoServer | undefined;
  if (available) {
    beforeAll(async () => {
      server = await startMoto(options);
    }, (options.startTimeoutMs ?? 30_000) + 10_000);
    afterAll(async () => {
      await server?.stop();
    });
  }
  return {
    available,
    get server(): MotoServer {
      if (!server) throw new Error('moto server not started (useMoto registers beforeAll; read .server inside a test)');
      return server;
    },
  };
}
