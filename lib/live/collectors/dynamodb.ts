/** DynamoDB tables and whether point-in-time recovery keeps a copy of their data. */
import { DescribeContinuousBackupsCommand, DynamoDBClient, paginateListTables } from '@aws-sdk/client-dynamodb';
import type { TableRecord } from '../../load/inventory-types';
import { CollectContext, attempt, iso } from './context';

export const DYNAMODB_PAGE = 100;

export async function collectDynamoDb(ctx: CollectContext): Promise<void> {
  const client = ctx.clients.client('dynamodb', 'dynamodb', (c) => new DynamoDBClient(c));
  const names: string[] = [];
  const ok = await attempt(ctx, 'dynamodb', 'ListTables', async () => {
    for await (const page of paginateListTables({ client, pageSize: DYNAMODB_PAGE }, {})) names.push(...(page.TableNames ?? []));
    return true;
  });
  if (!ok) return;
  // ListTables names the tables only; the ARN follows from the name, PITR needs one call per table (no batch API).
  const arn = (name: string) => `arn:${ctx.partition}:dynamodb:${ctx.region}:${ctx.account}:table/${name}`;
  ctx.data.tables = await Promise.all(
    names.map(async (name): Promise<TableRecord> => {
      const backups = await attempt(ctx, 'dynamodb', 'DescribeContinuousBackups', async () => (await client.send(new DescribeContinuousBackupsCommand({ TableName: name }))).ContinuousBackupsDescription);
      const pitr = backups?.PointInTimeRecoveryDescription;
      return { name, arn: arn(name), pitr: backups ? pitr?.PointInTimeRecoveryStatus === 'ENABLED' : undefined, latestRestorableTime: iso(pitr?.LatestRestorableDateTime) };
    }),
  );
}
