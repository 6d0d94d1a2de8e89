/**
 * AWS SDK v3 clients for one account × region, configured the way the scanner must behave:
 * - standard configuration: the credentials given (default chain, profile, assumed role), AWS_ENDPOINT_URL[_<SERVICE>]
 *   handled by the SDK itself, `--endpoint-url` overriding all;
 * - adaptive retry (client-side rate limiting from throttling responses, exponential backoff with jitter);
 * - read-only by construction: a middleware on every client refuses any operation not in READ_OPERATIONS before it is
 *   signed or sent;
 * - bounded concurrency: every request of the scope takes a slot of one semaphore for its whole life (retries included);
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
  const err = e as { name?: string; Code?: string; code?: string; $metadata?: { httpStatusCode?: number } };
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
  const err = e as { message?: string; $metadata?: { httpStatusCode?: number } };
  const code = errorCode(e);
  const status = err?.$metadata?.httpStatusCode;
  const msg = (err?.message ?? '').replace(/\s+/g, ' ').trim();
  const head = code === 'Error' || code === 'Unknown' || /^UnknownError$/.test(code) ? (status ? `HTTP ${status}` : 'error') : code;
  const text = msg && msg !== code && msg !== 'UnknownError' ? `${head}: ${msg}` : status && head !== `HTTP ${status}` ? `${head} (HTTP ${status})` : head;
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}

export interface MiddlewareClient {
  middlewareStack: {
    add(mw: unknown, options: Record<string, unknown>): void;
  };
}

function instrument<C extends MiddlewareClient>(client: C, service: IamService, s: ClientSettings): C {
  const allowed = new Set<string>(READ_OPERATIONS[service]);
  client.middlewareStack.add(
    (next: (a: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
      const operation = String(context.commandName ?? '').replace(/Command$/, '');
      if (!allowed.has(operation)) throw new ReadOnlyViolation(`${service}:${operation}`);
      s.onCommand?.(service, operation);
      return s.semaphore.run(() => next(args));
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
export function baseConfig(s: Pick<ClientSettings, 'region' | 'credentials' | 'profile' | 'endpointUrl' | 'maxAttempts'>): Record<string, unknown> {
  const config: Record<string, unknown> = {
    region: s.region,
    retryMode: 'adaptive',
    maxAttempts: s.maxAttempts,
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
      c = instrument(make(baseConfig(this.settings)), service, this.settings);
      this.cache.set(key, c);
    }
    return c;
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
    for (const c of this.cache.values()) (c as { destroy?: () => void }).destroy?.();
    this.cache.clear();
  }
}
