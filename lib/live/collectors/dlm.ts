import { GetLifecyclePoliciesCommand, GetLifecyclePolicyCommand } from '@aws-sdk/client-dlm';
import type { DlmPolicyRecord } from '../../load/inventory-types';
import { CollectContext, attempt } from './context';

export async function collectDlm(ctx: CollectContext): Promise<void> {
  const client = ctx.clients.dlm();
  const summaries = await attempt(ctx, 'dlm', 'GetLifecyclePolicies', async () => (await client.send(new GetLifecyclePoliciesCommand({}))).Policies ?? []);
  if (!summaries) return;
  const out: DlmPolicyRecord[] = [];
  for (const s of summaries) {
    if (!s.PolicyId) continue;
    // The summary has no target tags: one GetLifecyclePolicy per policy (accounts have a handful).
    const p = await attempt(ctx, 'dlm', 'GetLifecyclePolicy', async () => (await client.send(new GetLifecyclePolicyCommand({ PolicyId: s.PolicyId }))).Policy);
    const details = p?.PolicyDetails;
    out.push({
      id: s.PolicyId,
      description: p?.Description ?? s.Description,
      state: p?.State ?? s.State,
      policyType: details?.PolicyType ?? s.PolicyType,
      resourceTypes: details?.ResourceTypes ?? [],
      targetTags: (details?.TargetTags ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' })),
    });
  }
  ctx.data.dlmPolicies = out;
}
