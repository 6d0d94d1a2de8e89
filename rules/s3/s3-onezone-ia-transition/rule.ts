import { defineRule } from '../../../lib/engine/types';
import { asString } from '../../../lib/model/values';

/** The lifecycle properties that move objects to another storage class, with what they move. */
const TRANSITIONS: ReadonlyArray<{ prop: string; list: boolean; what: string; after: string }> = [
  { prop: 'Transitions', list: true, what: 'current objects', after: 'TransitionInDays' },
  { prop: 'Transition', list: false, what: 'current objects', after: 'TransitionInDays' },
  { prop: 'NoncurrentVersionTransitions', list: true, what: 'noncurrent versions', after: 'TransitionInDays' },
  { prop: 'NoncurrentVersionTransition', list: false, what: 'noncurrent versions', after: 'TransitionInDays' },
];

export default defineRule({
  id: 'ZL412',
  slug: 's3-onezone-ia-transition',
  service: 's3',
  title: 'S3 lifecycle rule moves objects to One Zone-IA (one zone)',
  severity: 'warning',
  resourceTypes: ['AWS::S3::Bucket'],
  rationale:
    'S3 stores objects of every storage class but One Zone-IA (and Express One Zone) in at least three zones. A lifecycle ' +
    'rule that transitions objects to ONEZONE_IA moves them into a single zone: while it is down they cannot be read, ' +
    'and if it is destroyed they are lost. Old data is often the data kept for recovery or compliance.',
  fix: {
    cloudformation: 'transition to STANDARD_IA, INTELLIGENT_TIERING or GLACIER_IR instead of ONEZONE_IA, unless the objects are copies that can be re-created',
    cdk: 'use s3.StorageClass.INFREQUENT_ACCESS (or INTELLIGENT_TIERING, GLACIER_INSTANT_RETRIEVAL) instead of ONE_ZONE_INFREQUENT_ACCESS in lifecycleRules transitions',
  },
  check(ctx) {
    for (const bucket of ctx.resources('AWS::S3::Bucket')) {
      const rules = bucket.get('LifecycleConfiguration.Rules');
      if (!Array.isArray(rules)) continue;
      rules.forEach((rule, i) => {
        if (!rule || typeof rule !== 'object') return;
        const r = rule as Record<string, unknown>;
        if (asString(r.Status) !== 'Enabled') return; // Disabled (or undecidable) rules move nothing
        for (const t of TRANSITIONS) {
          const items = t.list ? (Array.isArray(r[t.prop]) ? (r[t.prop] as unknown[]) : []) : r[t.prop] !== undefined ? [r[t.prop]] : [];
          items.forEach((item, j) => {
            const tr = (item ?? {}) as Record<string, unknown>;
            if (asString(tr.StorageClass) !== 'ONEZONE_IA') return;
            const days = tr[t.after] ?? tr.TransitionDate;
            const name = asString(r.Id);
            const scope = asString(r.Prefix) ?? asString((r.Filter as Record<string, unknown> | undefined)?.Prefix);
            ctx.report({
              resource: bucket,
              path: `Properties.LifecycleConfiguration.Rules.${i}.${t.prop}${t.list ? `.${j}` : ''}.StorageClass`,
              key: `${i}/${t.prop}/${j}`,
              message:
                `S3 bucket ${bucket.label} moves ${t.what}${scope ? ` under ${scope}` : ''} to ONEZONE_IA${typeof days === 'number' || typeof days === 'string' ? ` after ${days}${tr[t.after] !== undefined ? ' days' : ''}` : ''}` +
                ` (lifecycle rule ${name ?? `#${i + 1}`}): from then on they are stored in one zone, unreadable while it is down and lost if it is destroyed.`,
            });
          });
        }
      });
    }
  },
});
