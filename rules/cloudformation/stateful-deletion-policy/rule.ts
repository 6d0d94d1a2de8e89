import { defineRule, RuleFix } from '../../../lib/engine/types';
import type { Resource } from '../../../lib/model/resource';
import { Unknown, asBoolean, asNumber } from '../../../lib/model/values';

/** Types that accept `Snapshot` in DeletionPolicy / UpdateReplacePolicy (CloudFormation DeletionPolicy docs). */
const SNAPSHOT_TYPES = new Set([
  'AWS::DocDB::DBCluster',
  'AWS::EC2::Volume',
  'AWS::ElastiCache::CacheCluster',
  'AWS::ElastiCache::ReplicationGroup',
  'AWS::Neptune::DBCluster',
  'AWS::RDS::DBCluster',
  'AWS::RDS::DBInstance',
  'AWS::Redshift::Cluster',
]);

interface Stateful {
  /** What it is, in messages. */
  readonly what: string;
  /** An example of an update that replaces the resource (and so triggers UpdateReplacePolicy). */
  readonly replacedBy: string;
  /** Whether this resource holds data of its own; undefined when the template cannot tell. Default: yes. */
  readonly holdsData?: (r: Resource) => boolean | undefined;
  /** Whether the resource refuses deletion (deletion protection), so CloudFormation cannot destroy it either way. */
  readonly protectedBy?: (r: Resource) => boolean;
}

const isSet = (v: unknown) => v !== undefined && v !== '';
const flag = (prop: string) => (r: Resource) => asBoolean(r.get(prop)) === true;

/** Redis/Valkey caches keep data worth keeping when they take snapshots or tier data to disk; memcached holds none. */
function cacheHoldsData(r: Resource): boolean | undefined {
  const engine = r.get('Engine');
  if (engine instanceof Unknown) return undefined;
  const name = engine === undefined ? (r.type === 'AWS::ElastiCache::ReplicationGroup' ? 'redis' : undefined) : String(engine).toLowerCase();
  if (name === 'memcached') return false;
  if (name !== 'redis' && name !== 'valkey') return undefined;
  if (asBoolean(r.get('DataTieringEnabled')) === true) return true;
  const limit = r.get('SnapshotRetentionLimit');
  if (limit === undefined) return false; // default 0: no automatic snapshots
  const n = asNumber(limit);
  return n === undefined ? undefined : n > 0;
}

/** Why a cache counts as holding data, for messages. */
function cacheData(r: Resource): string {
  if (!r.type.startsWith('AWS::ElastiCache::')) return '';
  return asBoolean(r.get('DataTieringEnabled')) === true ? ' (data tiering to SSD)' : ` (automatic snapshots kept ${asNumber(r.get('SnapshotRetentionLimit'))} days)`;
}

const STATEFUL: Record<string, Stateful> = {
  'AWS::RDS::DBInstance': {
    what: 'RDS DB instance',
    replacedBy: 'a change to Engine or DBInstanceIdentifier',
    // Cluster members keep no data of their own; read replicas copy their source's.
    holdsData: (r) => !['DBClusterIdentifier', 'SourceDBInstanceIdentifier', 'SourceDBClusterIdentifier'].some((p) => isSet(r.get(p))),
    protectedBy: flag('DeletionProtection'),
  },
  'AWS::RDS::DBCluster': { what: 'RDS DB cluster', replacedBy: 'a change to Engine or DBClusterIdentifier', protectedBy: flag('DeletionProtection') },
  'AWS::DocDB::DBCluster': { what: 'DocumentDB cluster', replacedBy: 'a change to DBClusterIdentifier', protectedBy: flag('DeletionProtection') },
  'AWS::Neptune::DBCluster': { what: 'Neptune cluster', replacedBy: 'a change to DBClusterIdentifier', protectedBy: flag('DeletionProtection') },
  'AWS::EC2::Volume': { what: 'EBS volume', replacedBy: 'moving it to another zone (AvailabilityZone)' },
  'AWS::EFS::FileSystem': { what: 'EFS file system', replacedBy: 'switching it from One Zone to Regional storage (AvailabilityZoneName)' },
  'AWS::DynamoDB::Table': { what: 'DynamoDB table', replacedBy: 'a change to TableName or KeySchema', protectedBy: flag('DeletionProtectionEnabled') },
  'AWS::DynamoDB::GlobalTable': {
    what: 'DynamoDB global table',
    replacedBy: 'a change to TableName or KeySchema',
    protectedBy: (r) => {
      const replicas = r.get('Replicas');
      return Array.isArray(replicas) && replicas.length > 0 && replicas.every((x) => asBoolean((x as Record<string, unknown>)?.DeletionProtectionEnabled) === true);
    },
  },
  'AWS::ElastiCache::ReplicationGroup': { what: 'ElastiCache replication group', replacedBy: 'a change to ReplicationGroupId', holdsData: cacheHoldsData },
  'AWS::ElastiCache::CacheCluster': { what: 'ElastiCache cluster', replacedBy: 'a change to ClusterName or Engine', holdsData: cacheHoldsData },
  'AWS::Redshift::Cluster': { what: 'Redshift cluster', replacedBy: 'a change to ClusterIdentifier' },
  'AWS::FSx::FileSystem': { what: 'FSx file system', replacedBy: 'a change to SubnetIds' },
};

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
  resourceTypes: Object.keys(STATEFUL),
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
    for (const r of ctx.resources(...Object.keys(STATEFUL))) {
      if (r.stack.input.origin === 'live') continue; // a live resource has no CloudFormation policies to judge
      const spec = STATEFUL[r.type];
      if (spec.holdsData && spec.holdsData(r) !== true) continue; // no data of its own, or undecidable
      if (spec.protectedBy?.(r)) continue; // CloudFormation cannot delete it: the delete fails, the data stays
      for (const attribute of ['DeletionPolicy', 'UpdateReplacePolicy'] as Attribute[]) {
        const policy = attribute === 'DeletionPolicy' ? r.deletionPolicy : r.updateReplacePolicy;
        if (policy !== 'Delete' && !(policy === 'Snapshot' && !SNAPSHOT_TYPES.has(r.type))) continue; // keeps the data, or undecidable
        const keep = SNAPSHOT_TYPES.has(r.type) ? 'Snapshot or Retain' : 'Retain';
        let setting: string;
        if (!r.policyIsExplicit(attribute)) setting = `${attribute} is not set, so CloudFormation's default Delete applies`;
        else if (policy === 'Snapshot') setting = `${attribute} Snapshot is not supported for ${r.type}, so CloudFormation deletes it`;
        else if (typeof r.raw[attribute] === 'object') setting = `${attribute} is Delete with the parameter defaults`;
        else setting = `${attribute} is Delete${r.constructPath ? ' (CDK RemovalPolicy.DESTROY)' : ''}`;
        const when =
          attribute === 'DeletionPolicy'
            ? 'deleting the stack or removing the resource from the template (say, while rebuilding after a zone failure) deletes it and its data'
            : `an update that replaces it, such as ${spec.replacedBy}, deletes the old ${spec.what} and its data`;
        ctx.report({
          resource: r,
          path: attribute,
          key: attribute,
          message: `${spec.what} ${r.label} holds data${cacheData(r)} but ${setting}: ${when}, with no snapshot to restore from. Use ${keep}.`,
          ...(SNAPSHOT_TYPES.has(r.type) ? {} : { fix: retainOnly(r.type) }),
        });
      }
    }
  },
});
