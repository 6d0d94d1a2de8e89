import { defineRule } from '../../../lib/engine/types';
import { placementPhrase } from '../../../lib/model/describe';
import { asBoolean } from '../../../lib/model/values';

export default defineRule({
  id: 'ZL304',
  slug: 'dms-replication-multi-az',
  service: 'dms',
  title: 'DMS replication without Multi-AZ',
  severity: 'warning',
  resourceTypes: ['AWS::DMS::ReplicationInstance', 'AWS::DMS::ReplicationConfig'],
  rationale:
    'A single-AZ replication instance stops every replication task it runs when its zone fails: ongoing change data ' +
    'capture falls behind the source until the zone recovers or someone recreates the instance and restarts the tasks. ' +
    'Multi-AZ keeps a synchronous standby in another zone and fails over to it automatically.',
  fix: {
    cloudformation: 'set MultiAZ: true on the replication instance (ComputeConfig.MultiAZ: true for DMS Serverless)',
    cdk: 'pass multiAz: true to dms.CfnReplicationInstance (computeConfig.multiAz for dms.CfnReplicationConfig)',
  },
  check(ctx) {
    for (const r of ctx.resources('AWS::DMS::ReplicationInstance', 'AWS::DMS::ReplicationConfig')) {
      const serverless = r.type === 'AWS::DMS::ReplicationConfig';
      const prop = serverless ? 'ComputeConfig.MultiAZ' : 'MultiAZ';
      const raw = r.get(prop);
      const multiAz = asBoolean(raw);
      if (multiAz === true || (raw !== undefined && multiAz === undefined)) continue; // Multi-AZ, or not decidable
      const setting = `${prop} ${raw === undefined ? 'is not set' : 'is false'}`;
      ctx.report({
        resource: r,
        path: `Properties.${prop}`,
        message: serverless
          ? `DMS Serverless replication ${r.label} runs its compute in a single zone (${setting}): when that zone fails, ` +
            'replication stops and change data capture falls behind the source until DMS provisions capacity elsewhere.'
          : `DMS replication instance ${r.label} runs in a single zone (${setting}; ${placementPhrase(ctx.model.placement(r))}): ` +
            'when that zone fails its replication tasks stop, and change data capture falls behind the source until the ' +
            'zone recovers or the instance is recreated in another zone and the tasks restarted.',
      });
    }
  },
});
