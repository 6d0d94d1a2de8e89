/** AWS Backup: plans and selections give other resources copies; not placed themselves. */
import type { RecordSpec } from './types';

export const BACKUP: readonly RecordSpec[] = [
  { type: 'AWS::Backup::BackupPlan', noun: 'backup plan', role: 'config' },
  { type: 'AWS::Backup::BackupSelection', noun: 'backup selection', role: 'config' },
  { type: 'AWS::Backup::BackupVault', noun: 'backup vault', role: 'config' },
];
