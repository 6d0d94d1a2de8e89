/** OpenSearch Service domains: node count, zone awareness, dedicated masters, standby, VPC subnets. */
import { DescribeDomainsCommand, ListDomainNamesCommand, OpenSearchClient } from '@aws-sdk/client-opensearch';
import type { SearchDomainRecord } from '../../load/inventory-types';
import { CollectContext, attempt } from './context';

/** DescribeDomains takes at most 5 domain names per call; ListDomainNames is not paginated. */
export const OPENSEARCH_DESCRIBE = 5;

export async function collectOpenSearch(ctx: CollectContext): Promise<void> {
  const client = ctx.clients.client('opensearch', 'es', (c) => new OpenSearchClient(c));
  const names = await attempt(ctx, 'es', 'ListDomainNames', async () => ((await client.send(new ListDomainNamesCommand({}))).DomainNames ?? []).map((d) => d.DomainName).filter((n): n is string => Boolean(n)));
  if (!names) return;
  const out: SearchDomainRecord[] = [];
  const batches = Array.from({ length: Math.ceil(names.length / OPENSEARCH_DESCRIBE) }, (_, i) => names.slice(i * OPENSEARCH_DESCRIBE, (i + 1) * OPENSEARCH_DESCRIBE));
  const ok = await Promise.all(
    batches.map((DomainNames) =>
      attempt(ctx, 'es', 'DescribeDomains', async () => {
        for (const d of (await client.send(new DescribeDomainsCommand({ DomainNames }))).DomainStatusList ?? []) {
          if (!d.DomainName || d.Deleted) continue;
          const c = d.ClusterConfig;
          out.push({
            name: d.DomainName,
            arn: d.ARN,
            engineVersion: d.EngineVersion,
            instanceType: c?.InstanceType,
            instanceCount: c?.InstanceCount,
            zoneAwareness: c?.ZoneAwarenessEnabled,
            zoneCount: c?.ZoneAwarenessConfig?.AvailabilityZoneCount,
            dedicatedMasters: c?.DedicatedMasterEnabled,
            masterCount: c?.DedicatedMasterCount,
            standby: c?.MultiAZWithStandbyEnabled,
            subnetIds: d.VPCOptions?.SubnetIds ?? [],
            zones: d.VPCOptions?.AvailabilityZones ?? [],
          });
        }
        return true;
      }),
    ),
  );
  if (ok.every(Boolean)) ctx.data.searchDomains = out.sort((a, b) => names.indexOf(a.name) - names.indexOf(b.name));
}
