import type { Stack } from 'aws-cdk-lib';
import * as rds from 'aws-cdk-lib/aws-rds';

/**
 * A DB instance only ZL301 objects to: Multi-AZ off, while backups (14 days), encryption, deletion protection and
 * both removal policies satisfy every other rule. Used by the plugin and aspect tests.
 */
export function addLedgerDb(stack: Stack): rds.CfnDBInstance {
  const db = new rds.CfnDBInstance(stack, 'LedgerDb', {
    engine: 'postgres',
    dbInstanceClass: 'db.m6g.large',
    allocatedStorage: '100',
    multiAz: false,
    storageEncrypted: true,
    backupRetentionPeriod: 14,
    deletionProtection: true,
  });
  db.cfnOptions.deletionPolicy = 'Snapshot' as never;
  db.cfnOptions.updateReplacePolicy = 'Snapshot' as never;
  return db;
}
