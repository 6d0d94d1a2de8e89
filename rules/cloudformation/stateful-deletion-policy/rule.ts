import { CATALOG, recordOf } from '../../../lib/catalog';
import { defineRule, RuleFix } from '../../../lib/engine/types';
import type { Resource } from '../../../lib/model/resource';
import { asBoolean, asNumber } from '../../../lib/model/values';

/** Stateful types: catalog records that hold data and say what CloudFormation's policies do to them. */
const STATEFUL = CATALOG.filter((r) => r.data && r.policies);

/** Why a cache counts as holding data, for messages. */
function cacheData(r: Resource): string {
  if (!r.type.startsWith('AWS::ElastiCache::')) return '';
  return asBoolean(r.get('DataTieringEnabled')) === true ? ' (data tiering to SSD)' : ` (automatic snapshots kept ${asNumber(r.get('SnapshotRetentionLimit'))} days)`;
}

type Attribute = 'DeletionPolicy' | 'UpdateReplacePolicy';

/**
 * The fix for a type without a Snapshot policy: Retain only. (CDK accepts RemovalPolicy.SNAPSHOT on any resource, but
 * writes a Snapshot policy that CloudFormation rejects for these types.)
 */
function retainOnly(type: string): RuleFix {
  return {
    cloudformation: `set DeletionPolicy and UpdateReplacePolicy to Retain (${type} has no Snapshot policy)`,
    cdk: `pass removalPolicy: RemovalPolicy.RETAIN instead of DESTROY (it sets both attributes; ${type} has no Snapshot policy)`,
  };
}

export default defineRule({
  id: 'ZL404',
  slug: 'stateful-deletion-policy',
  service: 'cloudformation',
  title: 'Stateful resource whose DeletionPolicy or UpdateReplacePolicy destroys its data',
  severity: 'warning',
  resourceTypes: STATEFUL.map((r) => r.type),
  tags: ['data-loss', 'backup'],
  rationale:
    'Recovering from a zone failure often means changing templates: moving a volume or file system to another zone, ' +
    'rebuilding a stack, removing a resource that is gone. With Delete, CloudFormation destroys the old database, ' +
    'volume or table and its data while doing so, without a snapshot to go back to.',
  fix: {
    cloudformation: 'set DeletionPolicy and UpdateReplacePolicy to Snapshot (databases, volumes, caches, Redshift) or Retain',
    cdk: 'pass removalPolicy: RemovalPolicy.SNAPSHOT (databases, volumes, caches, Redshift) or RemovalPolicy.RETAIN instead of DESTROY (it sets both attributes)',
  },
  check(ctx) {
    for (const r of ctx.resources(...STATEFUL.map((x) => x.type))) {
      if (r.stack.input.origin === 'live') continue; // a live resource has no CloudFormation policies to judge
      const record = recordOf(r.type)!;
      const spec = record.policies!;
      const holds = spec.destroysData ? spec.destroysData(r) : record.data!.holds(r, ctx.model);
      if (holds !== true) continue; // no data of its own, or undecidable
      if (spec.protectedBy?.(r)) continue; // CloudFormation cannot delete it: the delete fails, the data stays
      const kept = spec.keptOnDelete?.(r);
      for (const attribute of ['DeletionPolicy', 'UpdateReplacePolicy'] as Attribute[]) {
        const policy = attribute === 'DeletionPolicy' ? r.deletionPolicy : r.updateReplacePolicy;
        if (policy !== 'Delete' && !(policy === 'Snapshot' && !spec.snapshot)) continue; // keeps the data, or undecidable
        const keep = spec.snapshot ? 'Snapshot or Retain' : 'Retain';
        let setting: string;
        if (!r.policyIsExplicit(attribute)) setting = `${attribute} is not set, so CloudFormation's default Delete applies`;
        else if (policy === 'Snapshot') setting = `${attribute} Snapshot is not supported for ${r.type}, so CloudFormation deletes it`;
        else if (typeof r.raw[attribute] === 'object') setting = `${attribute} is Delete with the parameter defaults`;
        else setting = `${attribute} is Delete${r.constructPath ? ' (CDK RemovalPolicy.DESTROY)' : ''}`;
        const when =
          attribute === 'DeletionPolicy'
            ? 'deleting the stack or removing the resource from the template (say, while rebuilding after a zone failure) deletes it and its data'
            : `an update that replaces it, such as ${spec.replacedBy}, deletes the old ${record.noun} and its data`;
        // a copy that survives the deletion (a system or final backup) makes it a note about restoring, not data loss
        const after = kept ? `; ${kept}, so the data can still be restored, into a new resource` : ', with no snapshot to restore from';
        ctx.report({
          resource: r,
          path: attribute,
          key: attribute,
          ...(kept ? { severity: 'info' as const } : {}),
          message: `${record.noun} ${r.label} holds data${cacheData(r)} but ${setting}: ${when}${after}. Use ${keep}.`,
          ...(spec.snapshot ? {} : { fix: retainOnly(r.type) }),
        });
      }
    }
  },
});
