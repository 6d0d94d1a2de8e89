/** Amazon DynamoDB: regional by construction (three zones), so only deletion can lose a table's data. */
import type { Resource } from '../model/resource';
import { asBoolean } from '../model/values';
import type { RecordSpec } from './types';
import { flag } from './common';

/**
 * DynamoDB keeps a system backup of a table deleted with point-in-time recovery enabled, restorable for 35 days
 * (DynamoDB Developer Guide, "Point-in-time recovery for DynamoDB": deleting a table with PITR enabled creates a system
 * backup retained for 35 days).
 */
function pitrKept(enabled: boolean): string | undefined {
  return enabled ? 'point-in-time recovery is enabled, so DynamoDB keeps a system backup of the deleted table for 35 days' : undefined;
}

const pitr = (r: Resource, path: string) => asBoolean(r.get(path)) === true;

export const DYNAMODB: readonly RecordSpec[] = [
  {
    type: 'AWS::DynamoDB::Table',
    noun: 'DynamoDB table',
    role: 'data-store',
    recovery: { down: 'manual-rebuild' },
    store: 'database',
    data: { holds: () => true, decidedBy: ['PointInTimeRecoverySpecification'] },
    policies: {
      snapshot: false,
      replacedBy: 'a change to TableName or KeySchema',
      protectedBy: flag('DeletionProtectionEnabled'),
      keptOnDelete: (r) => pitrKept(pitr(r, 'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled')),
    },
    // PITR from DescribeContinuousBackups, as PointInTimeRecoverySpecification
    live: { collector: 'dynamodb', records: 'tables', place: () => ({ kind: 'regional', reason: 'DynamoDB replicates a table across three zones' }) },
  },
  {
    type: 'AWS::DynamoDB::GlobalTable',
    noun: 'DynamoDB global table',
    role: 'data-store',
    recovery: { down: 'manual-rebuild' },
    store: 'database',
    data: { holds: () => true, decidedBy: ['Replicas'] },
    policies: {
      snapshot: false,
      replacedBy: 'a change to TableName or KeySchema',
      protectedBy: (r) => {
        const replicas = r.get('Replicas');
        return Array.isArray(replicas) && replicas.length > 0 && replicas.every((x) => asBoolean((x as Record<string, unknown>)?.DeletionProtectionEnabled) === true);
      },
      keptOnDelete: (r) => {
        const replicas = r.get('Replicas');
        const all =
          Array.isArray(replicas) &&
          replicas.length > 0 &&
          replicas.every((x) => asBoolean(((x as Record<string, unknown>)?.PointInTimeRecoverySpecification as Record<string, unknown> | undefined)?.PointInTimeRecoveryEnabled) === true);
        return pitrKept(all);
      },
    },
  },
];
