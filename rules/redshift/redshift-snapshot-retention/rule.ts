import { defineRule } from '../../../lib/engine/types';
import { isRa3 } from '../../../lib/catalog/redshift';
import { asNumber } from '../../../lib/model/values';

export default defineRule({
  id: 'ZL309',
  slug: 'redshift-snapshot-retention',
  service: 'redshift',
  title: 'Redshift cluster with automated snapshots turned off',
  severity: 'error',
  resourceTypes: ['AWS::Redshift::Cluster'],
  tags: ['data-loss', 'backup'],
  rationale:
    'AutomatedSnapshotRetentionPeriod 0 turns automated snapshots off (the default keeps them 1 day). A DC2/DS2 cluster ' +
    'then keeps its only copy of the data on nodes in one zone: losing the zone loses the data. An RA3 cluster keeps ' +
    'its data in Redshift Managed Storage and survives the zone, but has no snapshot to restore into another zone or ' +
    'to go back to after a bad load.',
  fix: {
    cloudformation: 'set AutomatedSnapshotRetentionPeriod to 1 or more (or remove it: the default is 1 day)',
    cdk: 'pass automatedSnapshotRetentionPeriod: 1 or more to redshift.CfnCluster (or leave it unset)',
  },
  check(ctx) {
    for (const c of ctx.resources('AWS::Redshift::Cluster')) {
      if (asNumber(c.get('AutomatedSnapshotRetentionPeriod')) !== 0) continue; // unset (1 day), kept, or undecidable
      const ra3 = isRa3(c);
      ctx.report({
        resource: c,
        path: 'Properties.AutomatedSnapshotRetentionPeriod',
        ...(ra3 === true ? { severity: 'warning' as const } : {}),
        message:
          `Redshift cluster ${c.label} has AutomatedSnapshotRetentionPeriod 0: Redshift takes no automated snapshots, so ` +
          (ra3 === true
            ? 'its data lives in Redshift Managed Storage only, with no snapshot to restore into another zone or to go back to after a bad load or deletion.'
            : `${ra3 === false ? `its ${String(c.get('NodeType'))} nodes hold` : 'unless it uses RA3 nodes, its nodes hold'} the only copy of the data, in one zone: when that zone fails the data is lost.`),
      });
    }
  },
});
