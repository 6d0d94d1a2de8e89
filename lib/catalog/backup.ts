/** AWS Backup: plans and selections give other resources copies; not placed themselves. */
import type { RecordSpec } from './types';

export const BACKUP: readonly RecordSpec[] = [
  { type: 'AWS::Backup::BackupPlan', noun: 'backup plan', role: 'config' },
  { type: 'AWS::Backup::BackupSelection', noun: 'backup selection', role: 'config' },
  {
    type: 'AWS::Backup::BackupVault',
    noun: 'backup vault',
    role: 'config',
    data: { holds: () => true, decidedBy: [] },
    // AWS Backup deletes a vault only when it is empty ("A vault can be deleted only if it is empty", DeleteBackupVault):
    // CloudFormation's Delete then fails and the recovery points stay, so a vault's policies never destroy backups
    policies: { snapshot: false, replacedBy: 'a change to BackupVaultName', protectedBy: () => true },
  },
];
