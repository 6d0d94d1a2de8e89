import { computeBlastRadius, ImpactItem } from '../../../lib/analysis/blast-radius';
import { recoveryPhrase, rpoText, rtoText, Recovery } from '../../../lib/analysis/recovery';
import { recordOf, typesWhere } from '../../../lib/catalog';
import { RECOVERY_MODES, RecoveryModeId } from '../../../lib/catalog/recovery';
import type { ResourceId } from '../../../lib/engine/finding';
import { defineRule, RuleContext } from '../../../lib/engine/types';
import type { Resource } from '../../../lib/model/resource';
import type { Stack } from '../../../lib/model/stack';
import { parseDurationSeconds } from '../../../lib/util/duration';

/** A recovery policy in seconds, with the words it was written in. */
interface Policy {
  readonly rto?: number;
  readonly rpo?: number;
  readonly text: string;
}

function policyFrom(rto: unknown, rpo: unknown): Policy | undefined {
  const r = typeof rto === 'string' && rto ? parseDurationSeconds(rto) : undefined;
  const p = typeof rpo === 'string' && rpo ? parseDurationSeconds(rpo) : undefined;
  if (r === undefined && p === undefined) return undefined;
  return { rto: r, rpo: p, text: [r !== undefined ? `zone RTO ${rto}` : '', p !== undefined ? `zone RPO ${rpo}` : ''].filter(Boolean).join(', ') };
}

/** The stack's own policy (`Metadata.zonelint.policy` of its template), else the config's. */
function stackPolicy(stack: Stack, fallback: Policy | undefined): Policy | undefined {
  const meta = (stack.input.template.Metadata as { zonelint?: { policy?: { zoneRto?: unknown; zoneRpo?: unknown } } } | undefined)?.zonelint?.policy;
  return (meta && policyFrom(meta.zoneRto, meta.zoneRpo)) || fallback;
}

/** What of the policy an estimate breaks, in words; undefined when it keeps to it. */
function breaches(rec: Recovery, p: Policy): string | undefined {
  const out: string[] = [];
  if (p.rto !== undefined && rec.rtoSeconds.max > p.rto) out.push(`back in ${rtoText(rec.rtoSeconds)}, beyond the zone RTO`);
  if (p.rpo !== undefined && (rec.rpoSeconds === null || rec.rpoSeconds > p.rpo)) out.push(`${rpoText(rec.rpoSeconds)}, beyond the zone RPO`);
  return out.length ? out.join('; ') : undefined;
}

/** What would bring the resource within the policy: its type's own way to recover faster, then a copy of its data. */
function advice(rec: Recovery, r: Resource): string {
  const own = recordOf(r.type)?.recovery?.down;
  const ownMode = typeof own === 'function' ? own(r, r.stack.model) : own;
  const fasters = [...new Set([ownMode, rec.mode as RecoveryModeId])].flatMap((id) => {
    const m = id ? RECOVERY_MODES[id] : undefined;
    return m && 'faster' in m && m.faster && !(id === 'manual-rebuild' && ownMode && ownMode !== 'manual-rebuild') ? [m.faster] : [];
  });
  const copy = rec.rpoSeconds === null ? 'give its data a copy outside the zone (automated backups, AWS Backup or snapshots) or a synchronous standby' : '';
  return [...fasters, copy].filter(Boolean).join('; ') || 'run it in more than one zone with automatic failover';
}

function byId(ctx: RuleContext): (id: ResourceId) => Resource | undefined {
  const stacks = new Map(ctx.model.stacks.map((s) => [s.name, s]));
  return (id) => stacks.get(id.stack)?.resources.get(id.logicalId);
}

export default defineRule({
  id: 'ZL904',
  slug: 'recovery-policy',
  service: 'cross',
  title: 'Estimated recovery from losing a zone breaks the recovery policy (zone RTO / RPO)',
  severity: 'error',
  scope: 'graph',
  resourceTypes: typesWhere((r) => r.recovery !== undefined),
  options: {
    zoneRto: { default: '', description: 'Longest a zone\'s loss may keep a resource or request path down (`15m`, `1h`); empty: no limit. Set by `policy.zoneRto` in the config.' },
    zoneRpo: { default: '', description: 'Most data a zone\'s loss may lose (`1h`, `24h`); empty: no limit. Set by `policy.zoneRpo` in the config.' },
  },
  rationale:
    'A recovery objective is a promise: "losing a zone takes us down for at most 15 minutes and loses at most an hour of ' +
    'data". Whether the infrastructure keeps it is decided before deployment — a Multi-AZ database fails over in a minute or ' +
    'two, a single-AZ one is restored from backups in half an hour or more, a volume without snapshots loses everything. ' +
    'The rule compares every resource\'s and request path\'s estimated recovery (docs/recovery.md) with the policy, so a ' +
    'change that breaks the promise fails the build instead of the next zone failure.',
  fix: {
    cloudformation: 'make the part that decides the recovery fail over by itself (MultiAZ: true, a reader in another zone, AutomaticFailoverEnabled) or give its data a copy outside the zone; or relax the policy',
    cdk: 'make the part that decides the recovery fail over by itself (multiAz: true, readers in other zones, an Auto Scaling group over every zone) or give its data a copy outside the zone; or relax the policy',
  },
  check(ctx) {
    const global = policyFrom(ctx.options.zoneRto, ctx.options.zoneRpo);
    const policies = new Map(ctx.model.stacks.map((s) => [s, stackPolicy(s, global)]));
    if (![...policies.values()].some(Boolean)) return; // no policy: nothing to judge
    const br = computeBlastRadius(ctx.model);
    const resourceOf = byId(ctx);
    const scenarios = [
      ...br.zones.map((z) => ({ zone: z.zone, items: [...z.down, ...z.degraded, ...z.egressLost] })),
      ...br.wherever.map((w) => ({ zone: `wherever ${w.label} lands`, items: [...w.down, ...w.degraded] })),
    ];
    // each resource once, at its worst scenario; only resources whose recovery is their own (not their database's)
    const worst = new Map<Resource, { zone: string; item: ImpactItem; why: string; policy: Policy }>();
    for (const sc of scenarios) {
      for (const item of sc.items) {
        if (item.aspect !== 'service' || item.recovery.decidedBy) continue;
        const r = resourceOf(item.resource);
        const policy = r && policies.get(r.stack);
        if (!r || !policy) continue;
        const why = breaches(item.recovery, policy);
        if (!why) continue;
        const prev = worst.get(r);
        if (!prev || item.recovery.rtoSeconds.max > prev.item.recovery.rtoSeconds.max || (item.recovery.rpoSeconds === null && prev.item.recovery.rpoSeconds !== null)) worst.set(r, { zone: sc.zone, item, why, policy });
      }
    }
    for (const [r, { zone, item, why, policy }] of worst) {
      const when = zone.startsWith('wherever ') ? 'when the zone it runs in fails' : `when ${zone} fails`;
      ctx.report({
        resource: r,
        key: 'resource',
        message: `${item.label} breaks the recovery policy (${policy.text}) ${when}: ${why}. ${capitalize(item.recovery.basis)}. To come within the policy: ${advice(item.recovery, r)}.`,
      });
    }
    // request paths: the slowest part decides
    for (const path of br.recovery.paths) {
      const lb = resourceOf(path.entry);
      const policy = lb && policies.get(lb.stack);
      if (!lb || !policy) continue;
      let found: { zone: string; why: string; rec: Recovery; decider?: Resource; basis: string } | undefined;
      for (const z of path.zones) {
        const rec: Recovery = { rtoSeconds: z.rtoSeconds, rpoSeconds: z.rpoSeconds, basis: z.basis, mode: '' };
        const why = breaches(rec, policy);
        if (why && (!found || z.rtoSeconds.max > found.rec.rtoSeconds.max)) found = { zone: z.zone, why, rec, decider: z.decidedBy ? resourceOf(z.decidedBy) : undefined, basis: z.basis };
      }
      if (!found) continue;
      const deciding = found.decider ? (found.decider.label) : 'its slowest part';
      const when = found.zone.startsWith('wherever ') ? found.zone.replace(/^wherever (.*) lands$/, 'when the zone $1 runs in fails') : `when ${found.zone} fails`;
      ctx.report({
        resource: lb,
        key: 'path',
        message:
          `The request path through ${path.label} (${path.parts.join(' → ')}) breaks the recovery policy (${policy.text}) ${when}: ${found.why} (${recoveryPhrase(found.rec)}). ` +
          `It is back when its slowest part is back, and ${deciding} decides it: ${found.basis}. Bring ${deciding} within the policy and the path follows.`,
        related: found.decider && found.decider !== lb ? [{ resource: found.decider, role: 'decides the recovery' }] : [],
      });
    }
  },
});

function capitalize(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}
