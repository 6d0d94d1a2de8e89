/**
 * The live scan: resolves credentials and regions the way every AWS tool does, finds the accounts (the caller's, an
 * assumed role's, or every account of an organization), and runs the collectors for each account × region with
 * bounded concurrency. Produces an Inventory (lib/load/inventory-types.ts); what it could not read is recorded as coverage gaps
 * and the scan goes on.
 *
 * This module loads the AWS SDK: only `zonelint scan` imports it, lazily.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { paginateListAccounts } from '@aws-sdk/client-organizations';
import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { TOOL_NAME, VERSION } from '../version';
import { COLLECTORS, CollectContext, collectZones } from './collectors';
import { Credentials, REQUEST_TIMEOUT_MS, ScanAborted, ScanStats, ScopeClients, baseConfig, describeError, newStats, requestHandler } from './clients';
import { Semaphore, mapLimit } from './limits';
import { IamService } from './operations';
import { SILENT, ScanProgress } from './progress';
import { INVENTORY_FORMAT, INVENTORY_VERSION, Inventory, ScanFailure, ScopeData, ScopeInventory, ZoneRecord } from '../load/inventory-types';
import { compareStrings } from '../util/compare';

export interface ScanOptions {
  readonly regions?: readonly string[];
  readonly profile?: string;
  /** Assume this role and scan its account. */
  readonly roleArn?: string;
  /** Scan every active account of the organization, assuming `orgRole` in each. */
  readonly org?: boolean;
  readonly orgRole?: string;
  /** Endpoint for every service (else AWS_ENDPOINT_URL[_<SERVICE>] or the standard endpoints). */
  readonly endpointUrl?: string;
  /** Base credentials (default: the SDK's default chain with `profile`). */
  readonly credentials?: Credentials;
  /** Attempts per request, first try included (default 6). */
  readonly maxAttempts?: number;
  /** Requests in flight per account × region (default 4). */
  readonly concurrency?: number;
  /** Accounts scanned at once (default 4); regions of one account at once (default 3). */
  readonly accountConcurrency?: number;
  readonly regionConcurrency?: number;
  readonly progress?: ScanProgress;
  /** Counters to fill (default: a new set, returned in the result). */
  readonly stats?: ScanStats;
  /** Every operation before it is sent (tests). */
  readonly onCommand?: (service: IamService, operation: string) => void;
  /** Clock, for tests that need a fixed scan time. */
  readonly now?: () => Date;
  /** Ends the scan early (overall `--timeout`, Ctrl-C): calls in flight end with the signal's ScanAborted reason. */
  readonly signal?: AbortSignal;
  /** Time each service may take per account × region (default SERVICE_DEADLINE_MS). */
  readonly serviceDeadlineMs?: number;
}

/** A scan that cannot start at all (no region, no credentials): one line, exit 2. */
export class ScanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScanError';
  }
}

export const DEFAULT_ORG_ROLE = 'OrganizationAccountAccessRole';

/** AWS region names: `us-east-1`, `us-gov-west-1`, `ap-southeast-4`, `cn-north-1`. */
export const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export interface ScanResult {
  readonly inventory: Inventory;
  readonly stats: ScanStats;
}

interface Target {
  readonly account?: string;
  readonly name?: string;
  readonly credentials: Credentials;
  readonly roleArn?: string;
}

/** Shares one credentials request between callers until five minutes before expiry; a failure is not kept. */
export function memoizeCredentials(provider: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
  let current: Promise<AwsCredentialIdentity> | undefined;
  return async () => {
    if (current) {
      const c = await current.catch(() => undefined);
      if (c && (!c.expiration || c.expiration.getTime() - Date.now() > 300_000)) return c;
    }
    const next = provider();
    current = next;
    next.catch(() => {
      if (current === next) current = undefined;
    });
    return next;
  };
}

function partitionOf(arn: string | undefined): string {
  return arn?.split(':')[1] || 'aws';
}

async function defaultRegion(profile: string | undefined): Promise<string | undefined> {
  const sts = new STSClient(profile ? { profile } : {});
  try {
    const r = await sts.config.region();
    return r || undefined;
  } catch {
    return undefined;
  } finally {
    sts.destroy();
  }
}

/** The profile names of the shared config and credentials files (`[profile x]`, `[x]`; `[default]`). */
function sharedProfiles(): { files: string[]; names: Set<string> } {
  const home = os.homedir();
  const files = [process.env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config'), process.env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials')];
  const names = new Set<string>();
  files.forEach((file, i) => {
    let text = '';
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return;
    }
    for (const m of text.matchAll(/^\s*\[\s*([^\]]+?)\s*\]/gm)) {
      const section = m[1];
      if (i === 0) {
        if (section === 'default') names.add('default');
        else if (/^profile\s+/.test(section)) names.add(section.replace(/^profile\s+/, '').trim());
      } else names.add(section);
    }
  });
  return { files, names };
}

/** A named profile must exist: the SDK would otherwise fall back to other credentials or fail with a vague message. */
function checkProfile(profile: string): void {
  const { files, names } = sharedProfiles();
  if (names.has(profile)) return;
  const known = [...names].sort(compareStrings);
  throw new ScanError(`profile "${profile}" is not in ${files[0]} or ${files[1]}${known.length ? ` (profiles there: ${known.join(', ')})` : ' (no profiles there)'}`);
}

export async function scan(options: ScanOptions): Promise<ScanResult> {
  if (options.profile && !options.credentials) checkProfile(options.profile);
  const stats = options.stats ?? newStats();
  const progress = options.progress ?? SILENT;
  const maxAttempts = options.maxAttempts ?? 6;
  const now = options.now ?? (() => new Date());
  const regions = options.regions?.length ? [...new Set(options.regions)] : [await defaultRegion(options.profile)].filter((r): r is string => Boolean(r));
  if (!regions.length) throw new ScanError('no region: pass --region, or set AWS_REGION or a region in the profile');
  for (const r of regions) if (!REGION_NAME.test(r)) throw new ScanError(`"${r}" is not an AWS region name (e.g. us-east-1)`);
  const home = regions[0];
  // The clients the credential chain itself creates (SSO, STS for role profiles and web identity) are bounded too.
  const chainClients = { clientConfig: { requestHandler: requestHandler(Math.min(REQUEST_TIMEOUT_MS, options.serviceDeadlineMs ?? REQUEST_TIMEOUT_MS)) } };
  const base: Credentials = options.credentials ?? fromNodeProviderChain(options.profile ? { profile: options.profile, ...chainClients } : chainClients);
  const common = {
    profile: options.profile,
    endpointUrl: options.endpointUrl,
    maxAttempts,
    stats,
    onCommand: options.onCommand,
    onAttempt: () => progress.tick(),
    signal: options.signal,
    serviceDeadlineMs: options.serviceDeadlineMs,
  };
  const control = new ScopeClients({ ...common, region: home, credentials: base, semaphore: new Semaphore(options.concurrency ?? 4) });

  const failures: ScanFailure[] = [];
  let targets: Target[];
  let me: { account: string; partition: string };
  try {
    me = await identify(control).catch((e) => {
      if (e instanceof ScanAborted) {
        if (e.kind === 'interrupted') throw e;
        throw new ScanError(`cannot read the caller identity: ${e.message} (sts:GetCallerIdentity)`);
      }
      if ((e as Error)?.name === 'CredentialsProviderError') {
        const where = options.profile ? ` for profile "${options.profile}"` : '';
        throw new ScanError(`no AWS credentials found${where} (environment, shared config/credentials files, SSO, container or instance role): ${describeError(e)}`);
      }
      throw new ScanError(`cannot read the caller identity (credentials or endpoint): ${describeError(e)}`);
    });
    // One AssumeRole per account, shared by all its clients (each client would otherwise assume the role itself).
    const assume = (roleArn: string): Credentials =>
      memoizeCredentials(
        fromTemporaryCredentials({
          params: { RoleArn: roleArn, RoleSessionName: `${TOOL_NAME}-scan`, DurationSeconds: 3600 },
          masterCredentials: base,
          clientConfig: baseConfig({ region: home, endpointUrl: options.endpointUrl, maxAttempts, serviceDeadlineMs: options.serviceDeadlineMs }) as never,
        }),
      );
    if (options.org) {
      const role = options.orgRole ?? DEFAULT_ORG_ROLE;
      const accounts = await listAccounts(control).catch((e) => {
        if (e instanceof ScanAborted && e.kind === 'interrupted') throw e;
        throw new ScanError(`cannot list the organization's accounts (organizations:ListAccounts): ${describeError(e)}`);
      });
      progress.note(`organization: ${accounts.length} active account${accounts.length === 1 ? '' : 's'}`);
      targets = accounts.map((a) =>
        a.id === me.account
          ? { account: a.id, name: a.name, credentials: base }
          : { account: a.id, name: a.name, credentials: assume(`arn:${me.partition}:iam::${a.id}:role/${role}`), roleArn: `arn:${me.partition}:iam::${a.id}:role/${role}` },
      );
    } else if (options.roleArn) {
      if (!/^arn:[\w-]+:iam::\d{12}:role\/.+/.test(options.roleArn)) throw new ScanError(`--role-arn "${options.roleArn}" is not an IAM role ARN (arn:aws:iam::123456789012:role/Name)`);
      targets = [{ credentials: assume(options.roleArn), roleArn: options.roleArn }];
    } else {
      targets = [{ account: me.account, credentials: base }];
    }
  } finally {
    control.destroy();
  }

  progress.planned(targets.length * regions.length, COLLECTORS.length);
  const scopes: ScopeInventory[] = [];
  await mapLimit(targets, options.accountConcurrency ?? 4, async (target) => {
    // Assumed roles are checked once per account: a refused role is one failure, not a gap per operation.
    let account = target.account;
    let partition = me.partition;
    const scanRegions = async (acct: string, part: string) => {
      const results = await mapLimit(regions, options.regionConcurrency ?? 3, (region) =>
        scanScope({ ...common, account: acct, region, partition: part, credentials: target.credentials, concurrency: options.concurrency ?? 4, progress, now }),
      );
      for (const r of results) {
        if ('data' in r) scopes.push(r);
        else {
          failures.push(r);
          progress.note(`${r.account}/${r.region}: not scanned: ${r.message}`);
        }
      }
    };
    if (!target.roleArn && account) {
      await scanRegions(account, partition);
      return;
    }
    const probe = new ScopeClients({ ...common, region: home, credentials: target.credentials, semaphore: new Semaphore(1) });
    try {
      const who = await identify(probe);
      account = who.account;
      partition = who.partition;
    } catch (e) {
      const message = target.roleArn ? `cannot assume ${target.roleArn}: ${describeError(e)}` : describeError(e);
      failures.push({ account: target.account ?? /^arn:[\w-]+:iam::(\d{12}):/.exec(target.roleArn ?? '')?.[1], message });
      progress.note(`${target.account ?? target.roleArn}: not scanned: ${message}`);
      for (let i = 0; i < regions.length; i++) progress.scopeDone(`${target.account ?? '?'}/${regions[i]}`);
      return;
    } finally {
      probe.destroy();
    }
    await scanRegions(account!, partition);
  });
  progress.finish();
  scopes.sort((a, b) => compareStrings(a.account, b.account) || regions.indexOf(a.region) - regions.indexOf(b.region));
  return {
    inventory: {
      format: INVENTORY_FORMAT,
      version: INVENTORY_VERSION,
      tool: { name: TOOL_NAME, version: VERSION },
      scannedAt: now().toISOString(),
      scopes,
      failures,
    },
    stats,
  };
}

async function identify(clients: ScopeClients): Promise<{ account: string; partition: string }> {
  const r = await clients.sts().send(new GetCallerIdentityCommand({}));
  if (!r.Account) throw new ScanError('GetCallerIdentity returned no account');
  return { account: r.Account, partition: partitionOf(r.Arn) };
}

async function listAccounts(clients: ScopeClients): Promise<Array<{ id: string; name?: string }>> {
  const out: Array<{ id: string; name?: string }> = [];
  for await (const page of paginateListAccounts({ client: clients.organizations(), pageSize: 20 }, {})) {
    for (const a of page.Accounts ?? []) {
      const state = (a as { State?: string }).State ?? a.Status;
      if (a.Id && (!state || state === 'ACTIVE')) out.push({ id: a.Id, name: a.Name });
    }
  }
  return out.sort((a, b) => compareStrings(a.id, b.id));
}

interface ScopeSettings {
  readonly account: string;
  readonly region: string;
  readonly partition: string;
  readonly credentials: Credentials;
  readonly profile?: string;
  readonly endpointUrl?: string;
  readonly maxAttempts: number;
  readonly stats: ScanStats;
  readonly concurrency: number;
  readonly progress: ScanProgress;
  readonly onCommand?: (service: IamService, operation: string) => void;
  readonly onAttempt?: () => void;
  readonly now: () => Date;
  readonly signal?: AbortSignal;
  readonly serviceDeadlineMs?: number;
}

/** Answers to the first call in a region that mean the account cannot use the region at all. */
const REGION_UNAVAILABLE = new Set(['OptInRequired', 'AuthFailure', 'UnrecognizedClientException', 'InvalidClientTokenId']);

/**
 * Scans one account × region: zones first (they key everything), then every collector concurrently. A region the
 * account cannot use (not opted in) is one failure, not a coverage gap per operation.
 */
export async function scanScope(s: ScopeSettings): Promise<ScopeInventory | ScanFailure & { account: string; region: string }> {
  const name = `${s.account}/${s.region}`;
  s.progress.scopeStarted(name);
  const clients = new ScopeClients({ ...s, semaphore: new Semaphore(s.concurrency) });
  const data: ScopeData = {};
  const scannedAt = s.now().toISOString();
  const ctx: CollectContext = { account: s.account, region: s.region, partition: s.partition, clients, data, gaps: [], read: new Set() };
  try {
    let zones = await collectZones(ctx);
    const refused = ctx.gaps.find((g) => g.operation === 'DescribeAvailabilityZones' && REGION_UNAVAILABLE.has(g.code ?? ''));
    if (refused) return { account: s.account, region: s.region, message: `the account cannot use this region (not enabled?): ${refused.message}` };
    const zonesRead = !ctx.gaps.some((g) => g.operation === 'DescribeAvailabilityZones');
    if (zonesRead && !zones.length) return { account: s.account, region: s.region, message: 'the region has no availability zones: not an AWS region, or not one this endpoint serves' };
    await Promise.all(
      COLLECTORS.map(async (c) => {
        await c.collect(ctx);
        s.progress.serviceDone(name, c.service, ctx.gaps.filter((g) => g.service === c.service));
      }),
    );
    // Without the zone list, the subnets (and file systems) still name each zone by name and AZ id.
    if (!zonesRead) zones = zonesFromRecords(data);
    const read = COLLECTORS.map((c) => c.service).filter((sv) => ctx.read.has(sv));
    return { account: s.account, region: s.region, partition: s.partition, scannedAt, zones, services: COLLECTORS.map((c) => c.service), read, gaps: ctx.gaps, data };
  } finally {
    clients.destroy();
    s.progress.scopeDone(name);
  }
}

/** The zones the records name with both their name and AZ id (subnets, One Zone file systems, mount targets), once each. */
export function zonesFromRecords(data: ScopeData): ZoneRecord[] {
  const byId = new Map<string, ZoneRecord>();
  const add = (name: string | undefined, id: string | undefined) => {
    if (name && id && !byId.has(id)) byId.set(id, { name, id, type: 'availability-zone' });
  };
  for (const sn of data.subnets ?? []) add(sn.zone, sn.zoneId);
  for (const fs of data.fileSystems ?? []) {
    add(fs.zoneName, fs.zoneId);
    for (const m of fs.mountTargets ?? []) add(m.zone, m.zoneId);
  }
  return [...byId.values()].sort((a, b) => compareStrings(a.name, b.name));
}
