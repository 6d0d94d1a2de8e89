/**
 * `scan --org --shard i/n`: a stable split of an organization's account list, so that a CI matrix or a Step
 * Functions Distributed Map scans the shards in parallel, each saves its inventory, and `zonelint check a.json b.json …`
 * merges them into one report.
 *
 * An account belongs to shard `(account id mod n) + 1`. The split depends only on the account id and n: accounts that
 * join or leave the organization never move the others to another shard (a split by position in the list would), and
 * every shard runner computes the same split without talking to the others. Twelve-digit ids are spread evenly
 * enough for this (they are assigned, not chosen); `--shard` reports each shard's size in the progress line.
 */

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

/** Parses `i/n` (1 ≤ i ≤ n ≤ 1000); undefined when malformed. */
export function parseShard(text: string): Shard | undefined {
  const m = /^\s*(\d{1,4})\s*\/\s*(\d{1,4})\s*$/.exec(text);
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > 1000 || index < 1 || index > count) return undefined;
  return { index, count };
}

/** The shard (1-based) an account id belongs to. */
export function shardOf(accountId: string, count: number): number {
  // ids are 12 decimal digits: exact in a double, but BigInt keeps any other id string exact too
  const digits = /^\d+$/.test(accountId) ? accountId : [...accountId].map((c) => c.charCodeAt(0)).join('');
  return Number(BigInt(digits) % BigInt(count)) + 1;
}

/** The accounts of `shard`, in their original order. */
export function inShard<T extends { id: string }>(accounts: readonly T[], shard: Shard): T[] {
  return accounts.filter((a) => shardOf(a.id, shard.count) === shard.index);
}
