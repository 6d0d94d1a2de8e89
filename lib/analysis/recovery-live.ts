/**
 * The live facts a recovery estimate uses when a scan has them (and only then): the resource's real size and the age
 * of its newest recovery point at scan time (its RPO). Kept apart so the estimates read the template alone otherwise.
 */
import type { Resource } from '../model/resource';
import { liveFacts, recoveryPoints, scanTime } from '../model/live';

export interface LiveRecoveryFacts {
  /** Size in GiB (a volume's size, a database's allocated storage). */
  readonly sizeGiB?: number;
  /** Age of the newest snapshot, backup or restorable time at scan time, in seconds. */
  readonly newestAgeSeconds?: number;
  readonly newestKind?: string;
}

const KIND: Record<string, string> = { snapshot: 'snapshot', backup: 'AWS Backup recovery point', 'point-in-time': 'restorable point in time' };

export function liveRecoveryFacts(r: Resource): LiveRecoveryFacts | undefined {
  const f = liveFacts(r);
  if (!f) return undefined;
  const size = f.sizeGiB ?? f.storageGiB;
  const newest = recoveryPoints(r)[0];
  const ref = scanTime(r) ?? Date.now();
  const age = newest ? Math.max(0, Math.round((ref - Date.parse(newest.time)) / 1000)) : undefined;
  return { ...(size !== undefined ? { sizeGiB: size } : {}), ...(age !== undefined ? { newestAgeSeconds: age, newestKind: KIND[newest!.kind] ?? newest!.kind } : {}) };
}
