/** Amazon OpenSearch Service (and its Elasticsearch predecessor) domains. */
import { asNumber } from '../model/values';
import type { RecordSpec } from './types';

function domain(type: string, noun: string, config: string): RecordSpec {
  return {
    type,
    noun,
    role: 'data-store',
    store: 'search',
    placement: { subnetProperties: ['VPCOptions.SubnetIds'] },
    capacity: (r) => {
      const raw = r.get(`${config}.InstanceCount`);
      const n = raw === undefined ? 1 : asNumber(raw);
      return n === undefined ? undefined : { units: n, unit: 'node', source: raw === undefined ? `${config}.InstanceCount is not set (default 1)` : `${config}.InstanceCount ${n}` };
    },
    // OpenSearch Service takes automated hourly snapshots of every domain into its own S3 storage (regional)
    data: { holds: () => true, copies: () => [{ kind: 'snapshot', text: 'automated hourly snapshots' }], decidedBy: [] },
    ...(type === 'AWS::OpenSearchService::Domain' ? { live: { collector: 'es', records: 'searchDomains' } } : {}),
  };
}

export const OPENSEARCH: readonly RecordSpec[] = [
  domain('AWS::OpenSearchService::Domain', 'OpenSearch domain', 'ClusterConfig'),
  domain('AWS::Elasticsearch::Domain', 'Elasticsearch domain', 'ElasticsearchClusterConfig'),
];
