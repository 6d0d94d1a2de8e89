import { GetBackupSelectionCommand, paginateListBackupPlans, paginateListBackupSelections, paginateListProtectedResources } from '@aws-sdk/client-backup';
import type { BackupPlanRecord } from '../../load/inventory-types';
import { CollectContext, attempt, iso } from './context';

export const BACKUP_PAGE = 1000;

export async function collectBackup(ctx: CollectContext): Promise<void> {
  const client = ctx.clients.backup();
  await Promise.all([
    attempt(ctx, 'backup', 'ListProtectedResources', async () => {
      const out: NonNullable<typeof ctx.data.protectedResources> = (ctx.data.protectedResources = []);
      for await (const page of paginateListProtectedResources({ client, pageSize: BACKUP_PAGE }, {})) {
        for (const r of page.Results ?? []) if (r.ResourceArn) out.push({ arn: r.ResourceArn, type: r.ResourceType, lastBackupTime: iso(r.LastBackupTime) });
      }
    }),
    (async () => {
      const plans: Array<{ id: string; name?: string }> = [];
      const ok = await attempt(ctx, 'backup', 'ListBackupPlans', async () => {
        for await (const page of paginateListBackupPlans({ client, pageSize: BACKUP_PAGE }, {})) {
          for (const p of page.BackupPlansList ?? []) if (p.BackupPlanId) plans.push({ id: p.BackupPlanId, name: p.BackupPlanName });
        }
        return true;
      });
      if (!ok) return;
      const records: BackupPlanRecord[] = await Promise.all(
        plans.map(async (p) => {
          const selections: Array<BackupPlanRecord['selections'][number]> = [];
          await attempt(ctx, 'backup', 'ListBackupSelections', async () => {
            const ids: string[] = [];
            for await (const page of paginateListBackupSelections({ client, pageSize: BACKUP_PAGE }, { BackupPlanId: p.id })) {
              for (const s of page.BackupSelectionsList ?? []) if (s.SelectionId) ids.push(s.SelectionId);
            }
            for (const id of ids) {
              const sel = await attempt(ctx, 'backup', 'GetBackupSelection', () => client.send(new GetBackupSelectionCommand({ BackupPlanId: p.id, SelectionId: id })));
              const b = sel?.BackupSelection;
              if (!b) continue;
              const tags = (b.ListOfTags ?? []).map((t) => ({ conditionType: t.ConditionType ?? 'STRINGEQUALS', key: t.ConditionKey ?? '', value: t.ConditionValue ?? '' }));
              for (const c of b.Conditions?.StringEquals ?? []) {
                tags.push({ conditionType: 'STRINGEQUALS', key: (c.ConditionKey ?? '').replace(/^aws:ResourceTag\//, ''), value: c.ConditionValue ?? '' });
              }
              selections.push({ id, name: b.SelectionName, iamRoleArn: b.IamRoleArn, resources: b.Resources ?? [], notResources: b.NotResources ?? [], tags });
            }
          });
          return { id: p.id, name: p.name, selections };
        }),
      );
      ctx.data.backupPlans = records;
    })(),
  ]);
}
