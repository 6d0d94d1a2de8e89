/**
 * AWS SDK v3 clients for one account × region, configured the way the scanner must behave:
 * - standard configuration: the credentials given (default chain, profile, assumed role), AWS_ENDPOINT_URL[_<SERVICE>]
 *   handled by the SDK itself, `--endpoint-url` overriding all;
 * - adaptive retry (client-side rate limiting from throttling responses, exponential backoff with jitter);
 * - read-only by construction: a middleware on every client refuses any operation not in READ_OPERATIONS before it is
 *   signed or sent;
 * - bounded concurrency: every request of the scope takes a slot of one semaphore for its whole life (retries included),
 *   and one service holds at most all slots but one;
 * - bounded time: a connection and a request timeout on every HTTP attempt (NodeHttpHandler), and a deadline per
 *   service and scope that ends every call of that service (credentials, retries and backoff included) with a
 *   ScanAborted error; the scan's own signal (overall `--timeout`, Ctrl-C) ends every call at once;
 * - every attempt is counted (calls, throttles, errors) for the progress display and the benchmark.
 */
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { BackupClient } from '@aws-sdk/client-backup';
import { DLMClient } from '@aws-sdk/client-dlm';
import { EC2Client } from '@aws-sdk/client-ec2';
import { EFSClient } from '@aws-sdk/client-efs';
import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { RDSClient } from '@aws-sdk/client-rds';
import { STSClient } from '@aws-sdk/client-sts';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { setMaxListeners } from 'events';
import { Semaphore } from './limits';
import { IamService, READ_OPERATIONS } from './operations';

export type Credentials = AwsCredentialIdentity | AwsCredentialIdentityProvider;

/** Counters shared by every client of a scan. */
export interface ScanStats {
  /** HTTP attempts sent (each retry counts). */
  calls: number;
  throttles: number;
  /** Attempts that failed for another reason (5xx, access denied, network). */
  errors: number;
  /** Attempts per `service:Operation`. */
  readonly byOperation: Map<string, number>;
}

export function newStats(): ScanStats {
  return { calls: 0, throttles: 0, errors: 0, byOperation: new Map() };
}

export interface ClientSettings {
  readonly region: string;
  readonly credentials?: Credentials;
  readonly profile?: string;
  readonly endpointUrl?: string;
  readonly maxAttempts: number;
  readonly stats: ScanStats;
  /** Requests in flight for this scope at most. */
  readonly semaphore: Semaphore;
  /** Called with every operation before it is sent (tests intercept here). */
  readonly onCommand?: (service: IamService, operation: string) => void;
  /** Called after each attempt (the progress display listens here). */
  readonly onAttempt?: () => void;
  /** Aborts every call of the scan (overall timeout, Ctrl-C); its reason should be a ScanAborted. */
  readonly signal?: AbortSignal;
  /** Time each service may take in this scope, from its first call (default SERVICE_DEADLINE_MS). */
  readonly serviceDeadlineMs?: number;
}

/** Time limits of one HTTP attempt: connecting, and the whole request and response. */
export const CONNECTION_TIMEOUT_MS = 5_000;
export const REQUEST_TIMEOUT_MS = 30_000;
/** Default time one service of one account × region may take, retries included. */
export const SERVICE_DEADLINE_MS = 5 * 60_000;

/** Why a call was given up before AWS answered: a deadline passed (`timeout`) or the user pressed Ctrl-C. */
export class ScanAborted extends Error {
  constructor(
    readonly kind: 'timeout' | 'interrupted',
    message: string,
  ) {
    super(message);
    this.name = 'ScanAborted';
  }
}

function abortReason(signal: AbortSignal): ScanAborted {
  return signal.reason instanceof ScanAborted ? signal.reason : new ScanAborted('interrupted', 'the scan was stopped');
}

/** The request handler of every client: bounded connection and request time (a silent endpoint cannot hang a call). */
export function requestHandler(requestTimeoutMs = REQUEST_TIMEOUT_MS): NodeHttpHandler {
  return new NodeHttpHandler({
    connectionTimeout: Math.min(CONNECTION_TIMEOUT_MS, requestTimeoutMs),
    requestTimeout: requestTimeoutMs,
    throwOnRequestTimeout: true,
  });
}

/** Raised when code asks for an operation that is not on the read-only list: a bug, never sent to AWS. */
export class ReadOnlyViolation extends Error {
  constructor(readonly action: string) {
    super(`refused to send ${action}: the scanner only calls the read-only operations of docs/iam-policy.json`);
    this.name = 'ReadOnlyViolation';
  }
}

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'SlowDown',
  'BandwidthLimitExceeded',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
  'ProvisionedThroughputExceededException',
  'TransactionInProgressException',
]);

const DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedException',
  'AuthorizationError',
  'AuthFailure',
  'AccessDeniedForDependencyException',
  'OptInRequired',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'ExpiredToken',
  'ExpiredTokenException',
  'SignatureDoesNotMatch',
  'AWSOrganizationsNotInUseException',
]);

export function errorCode(e: unknown): string {
  const err = e as { name?: string; Code?: string; code?: string; $metadata?: { httpStatusCode?: number }; $response?: { statusCode?: number } };
  if (unparsable(e)) return `HTTP ${err?.$metadata?.httpStatusCode ?? err?.$response?.statusCode ?? '?'}`;
  return err?.Code ?? err?.name ?? err?.code ?? 'Error';
}

export function isThrottle(e: unknown): boolean {
  const err = e as { $metadata?: { httpStatusCode?: number }; $retryable?: { throttling?: boolean } };
  return THROTTLING.has(errorCode(e)) || err?.$metadata?.httpStatusCode === 429 || err?.$retryable?.throttling === true;
}

export function isDenied(e: unknown): boolean {
  const err = e as { $metadata?: { httpStatusCode?: number } };
  return DENIED.has(errorCode(e)) || /^Client\.UnauthorizedOperation$/.test(errorCode(e)) || (err?.$metadata?.httpStatusCode === 403 && !isThrottle(e));
}

/** One line describing an SDK error: `AccessDenied: User ... is not authorized` or `HTTP 503`. */
export function describeError(e: unknown): string {
  if (e instanceof ScanAborted) return e.message;
  const net = e as { code?: string; hostname?: string };
  if ((net?.code === 'ENOTFOUND' || net?.code === 'EAI_AGAIN') && net.hostname) {
    return `cannot resolve ${net.hostname} (${net.code}): check the region name and the endpoint`;
  }
  const err = e as { message?: string; $metadata?: { httpStatusCode?: number }; $response?: { statusCode?: number; headers?: Record<string, string> } };
  const code = errorCode(e);
  const status = err?.$metadata?.httpStatusCode ?? err?.$response?.statusCode;
  // A body the protocol parser could not read (an HTML or plain-text error page, an unimplemented call of an
  // emulator): the SDK surfaces its parser's SyntaxError and hides the response; say what was answered instead.
  if (unparsable(e)) {
    return `HTTP ${status ?? '?'} from ${endpointOf(e) ?? 'the endpoint'} (a body that is not the service's XML or JSON)`;
  }
  const msg = (err?.message ?? '').replace(/\s+/g, ' ').trim();
  const head = code === 'Error' || code === 'Unknown' || /^UnknownError$/.test(code) ? (status ? `HTTP ${status}` : 'error') : code;
  const text = msg && msg !== code && msg !== 'UnknownError' ? `${head}: ${msg}` : status && head !== `HTTP ${status}` ? `${head} (HTTP ${status})` : head;
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}

/** An answer the SDK could not parse (its parser's SyntaxError, with the raw response hidden in `$response`). */
function unparsable(e: unknown): boolean {
  const err = e as { name?: string; message?: string; $response?: unknown };
  return err?.name === 'SyntaxError' || (err?.$response !== undefined && /Deserialization error/i.test(err?.message ?? ''));
}

/** The endpoint a failed request went to, when the error tells (set by the attempt counter). */
function endpointOf(e: unknown): string | undefined {
  const where = (e as { zonelintEndpoint?: string })?.zonelintEndpoint;
  return typeof where === 'string' ? where : undefined;
}

export interface MiddlewareClient {
  middlewareStack: {
    add(mw: unknown, options: Record<string, unknown>): void;
  };
}

function instrument<C extends MiddlewareClient>(client: C, service: IamService, s: ClientSettings, onSlot: () => void = () => {}, own?: Semaphore): C {
  const allowed = new Set<string>(READ_OPERATIONS[service]);
  client.middlewareStack.add(
    (next: (a: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
      const operation = String(context.commandName ?? '').replace(/Command$/, '');
      if (!allowed.has(operation)) throw new ReadOnlyViolation(`${service}:${operation}`);
      s.onCommand?.(service, operation);
      const send = () =>
        s.semaphore.run(() => {
          onSlot();
          return next(args);
        });
      return own ? own.run(send) : send();
    },
    { step: 'initialize', priority: 'high', name: 'zonelintReadOnlyGuard' },
  );
  client.middlewareStack.add(
    (next: (a: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
      const key = `${service}:${String(context.commandName ?? '').replace(/Command$/, '')}`;
      s.stats.calls++;
      s.stats.byOperation.set(key, (s.stats.byOperation.get(key) ?? 0) + 1);
      try {
        return await next(args);
      } catch (e) {
        if (isThrottle(e)) s.stats.throttles++;
        else s.stats.errors++;
        const req = (args as { request?: { protocol?: string; hostname?: string; port?: number; path?: string } })?.request;
        if (req?.hostname && e && typeof e === 'object') {
          try {
            (e as { zonelintEndpoint?: string }).zonelintEndpoint = `${req.protocol ?? 'https:'}//${req.hostname}${req.port ? `:${req.port}` : ''}${req.path && req.path !== '/' ? req.path : ''}`;
          } catch {
            // a frozen error: the message goes without the endpoint
          }
        }
        throw e;
      } finally {
        s.onAttempt?.();
      }
    },
    // finalizeRequest/low sits inside the retry middleware: it sees every attempt.
    { step: 'finalizeRequest', priority: 'low', name: 'zonelintAttemptCounter' },
  );
  return client;
}

/** Client configuration common to every service. */
export function baseConfig(s: Pick<ClientSettings, 'region' | 'credentials' | 'profile' | 'endpointUrl' | 'maxAttempts' | 'serviceDeadlineMs'>): Record<string, unknown> {
  const config: Record<string, unknown> = {
    region: s.region,
    retryMode: 'adaptive',
    maxAttempts: s.maxAttempts,
    requestHandler: requestHandler(Math.min(REQUEST_TIMEOUT_MS, s.serviceDeadlineMs ?? SERVICE_DEADLINE_MS)),
  };
  if (s.credentials) config.credentials = s.credentials;
  if (s.profile) config.profile = s.profile;
  if (s.endpointUrl) config.endpoint = s.endpointUrl;
  return config;
}

/** Clients of one account × region, created on first use. */
export class ScopeClients {
  private readonly cache = new Map<string, unknown>();

  constructor(readonly settings: ClientSettings) {}

  private readonly timers: Array<ReturnType<typeof setTimeout>> = [];

  private get<C extends MiddlewareClient>(service: IamService, make: (config: Record<string, unknown>) => C): C {
    return this.client(service, service, make);
  }

  /**
   * The client a collector makes for itself, instrumented like every other: `key` names it in this scope's cache (two
   * SDK clients may share an IAM prefix, as Classic and v2 Elastic Load Balancing do), `service` is the IAM prefix
   * whose read-only operations it may send.
   */
  client<C extends MiddlewareClient>(key: string, service: IamService, make: (config: Record<string, unknown>) => C): C {
    let c = this.cache.get(key) as C | undefined;
    if (!c) {
      const deadline = this.deadline(key);
      // One service never holds every slot of the scope: one that hangs leaves the others a way through.
      const own = this.settings.semaphore.limit > 1 ? new Semaphore(this.settings.semaphore.limit - 1) : undefined;
      c = instrument(make(baseConfig(this.settings)), service, this.settings, deadline.start, own);
      bound(c, deadline.signal);
      this.cache.set(key, c);
    }
    return c;
  }

  /**
   * The signal that ends the service's calls: its deadline or the scan's own. The deadline runs from the service's
   * first call that gets a slot, so that a service waiting behind another that hangs does not lose its time.
   */
  private deadline(service: string): { signal: AbortSignal; start: () => void } {
    const ms = this.settings.serviceDeadlineMs ?? SERVICE_DEADLINE_MS;
    const own = new AbortController();
    let started = false;
    const start = () => {
      if (started) return;
      started = true;
      const timer = setTimeout(() => own.abort(new ScanAborted('timeout', `${service} did not finish within the ${formatMs(ms)} deadline per service`)), ms);
      timer.unref?.();
      this.timers.push(timer);
    };
    const signal = this.settings.signal ? eitherSignal(this.settings.signal, own.signal) : own.signal;
    setMaxListeners(0, signal); // one listener per call in flight, by design
    return { signal, start };
  }

  ec2 = () => this.get('ec2', (c) => new EC2Client(c));
  autoscaling = () => this.get('autoscaling', (c) => new AutoScalingClient(c));
  elbv2 = () => this.get('elasticloadbalancing', (c) => new ElasticLoadBalancingV2Client(c));
  rds = () => this.get('rds', (c) => new RDSClient(c));
  elasticache = () => this.get('elasticache', (c) => new ElastiCacheClient(c));
  efs = () => this.get('elasticfilesystem', (c) => new EFSClient(c));
  lambda = () => this.get('lambda', (c) => new LambdaClient(c));
  backup = () => this.get('backup', (c) => new BackupClient(c));
  dlm = () => this.get('dlm', (c) => new DLMClient(c));
  sts = () => this.get('sts', (c) => new STSClient(c));
  organizations = () => this.get('organizations', (c) => new OrganizationsClient(c));

  destroy(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.length = 0;
    for (const c of this.cache.values()) (c as { destroy?: () => void }).destroy?.();
    this.cache.clear();
  }
}

/** A signal that aborts with whichever of two aborts first (AbortSignal.any, which Node 20.0–20.2 lack). */
function eitherSignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  const any = (AbortSignal as { any?: (signals: AbortSignal[]) => AbortSignal }).any;
  if (any) return any([a, b]);
  const both = new AbortController();
  for (const s of [a, b]) {
    if (s.aborted) both.abort(s.reason);
    else s.addEventListener('abort', () => both.abort(s.reason), { once: true });
  }
  return both.signal;
}

/** `90s`, `5m`, `1h 30m`: a deadline for messages. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const parts: string[] = [];
  let s = Math.round(ms / 1000);
  for (const [unit, size] of [['h', 3600], ['m', 60], ['s', 1]] as const) {
    if (s >= size) {
      parts.push(`${Math.floor(s / size)}${unit}`);
      s %= size;
    }
  }
  return parts.join(' ');
}

/**
 * Every `send` of the client (paginators call it too) carries the signal to the HTTP handler, and settles as soon as
 * the signal aborts, whatever the call is waiting for (a slot, credentials, a retry's backoff, a silent socket).
 */
function bound(client: MiddlewareClient, signal: AbortSignal): void {
  const c = client as unknown as { send: (command: unknown, options?: unknown) => Promise<unknown> };
  const send = c.send.bind(client);
  c.send = (command: unknown, options?: unknown) => {
    if (signal.aborted) return Promise.reject(abortReason(signal));
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(abortReason(signal));
      signal.addEventListener('abort', onAbort, { once: true });
      send(command, { ...(options as object | undefined), abortSignal: signal })
        .then(resolve, (e: unknown) => reject(signal.aborted ? abortReason(signal) : e))
        .finally(() => signal.removeEventListener('abort', onAbort));
    });
  };
}
