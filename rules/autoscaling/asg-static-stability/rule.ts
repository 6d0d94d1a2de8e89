import { capacityOf } from '../../../lib/catalog';
import { nounOf } from '../../../lib/catalog';
import { defineRule } from '../../../lib/engine/types';
import { zoneLabels } from '../../../lib/model/zones';

/** Units left after losing the zone holding the most of `n` units balanced over `zones` zones. */
export function survivors(n: number, zones: number): number {
  return n - Math.ceil(n / zones);
}

/** The property a finding points at and the words for the size, per type. */
const SIZES: Record<string, { desired: string; min: string; needs: string; grow: string }> = {
  'AWS::AutoScaling::AutoScalingGroup': { desired: 'Properties.DesiredCapacity', min: 'Properties.MinSize', needs: 'MinSize', grow: 'DesiredCapacity' },
  'AWS::ECS::Service': { desired: 'Properties.DesiredCount', min: 'Properties.DesiredCount', needs: 'desired count', grow: 'DesiredCount (and MinCapacity of its scalable target)' },
  'AWS::EKS::Nodegroup': { desired: 'Properties.ScalingConfig.DesiredSize', min: 'Properties.ScalingConfig.MinSize', needs: 'MinSize', grow: 'ScalingConfig.DesiredSize' },
};

export default defineRule({
  id: 'ZL204',
  slug: 'asg-static-stability',
  service: 'autoscaling',
  title: 'Capacity that does not survive the loss of one zone (static stability): Auto Scaling groups, ECS services, EKS node groups',
  severity: 'warning',
  resourceTypes: Object.keys(SIZES),
  options: {
    survivingCapacityRatio: {
      default: 1,
      description:
        'Share of the needed capacity (MinSize; an ECS service\'s desired count) that must still run after the zone holding the most units fails, before any replacement launches (1: all of it; 0.5: half).',
    },
  },
  rationale:
    'A group or service balances its instances or tasks over its zones. When one zone fails, the units there are gone ' +
    'and replacements must launch in the other zones — the very moment launches are throttled, capacity is scarce and ' +
    'the control plane is busiest. A statically stable one already runs enough capacity in the remaining zones. One ' +
    'instance or task is down in whichever zone it runs, however many subnets it may use.',
  fix: {
    cloudformation: 'raise the running count so that count minus ceil(count / zones) still covers what is needed (the message names the number), or spread over a third zone',
    cdk: 'set desiredCapacity/minCapacity (ECS: desiredCount, autoScaleTaskCount minCapacity) with headroom for one zone: N needed over Z zones needs about N × Z / (Z − 1)',
  },
  check(ctx) {
    const ratio = Number(ctx.options.survivingCapacityRatio);
    for (const r of ctx.resources(...Object.keys(SIZES))) {
      const p = ctx.model.placement(r);
      if (p.kind !== 'zonal' || p.zones.length < 2) continue; // one zone: ZL202 / ZL903; unknown: never guessed
      const c = capacityOf(r);
      if (!c) continue;
      const needs = c.min ?? c.units;
      if (needs < 1) continue; // scale-to-zero: nothing to keep
      const zones = p.zones.length;
      const needed = Math.ceil(needs * ratio);
      const left = survivors(c.units, zones);
      if (left >= needed) continue;
      let enough = c.units;
      while (survivors(enough, zones) < needed) enough++;
      const size = SIZES[r.type];
      const units = (n: number) => `${n} ${c.unit}${n === 1 ? '' : 's'}`;
      // what happens next decides the severity: replaced automatically in the surviving zones (info) or not (warning)
      const next =
        c.replaces === true
          ? `The ${nounOf(r.type)} launches replacements in the surviving zones by itself, so capacity comes back once they start.`
          : `Nothing is sure to replace ${left === 0 ? 'it' : 'them'} in the surviving zones${r.type === 'AWS::ECS::Service' ? ' (the EC2 launch type needs container instances there)' : ''}.`;
      const running = c.units === 1 ? `runs one ${c.unit} (${c.source}) in whichever of its ${zones} zones (${zoneLabels(p.zones)}) it lands, so that zone's loss takes it down` : `runs ${units(c.units)} over ${zones} zones (${zoneLabels(p.zones)}): losing one zone leaves ${left} until replacements launch, below the ${needed} it needs (${size.needs} ${needs}${ratio !== 1 ? ` × ${ratio}` : ''})`;
      ctx.report({
        resource: r,
        path: r.has(size.desired.split('.')[1]) ? size.desired : size.min,
        severity: c.replaces === true ? 'info' : 'warning',
        message: `${nounOf(r.type)} ${r.label} ${running}. ${next} Running ${enough} would keep ${survivors(enough, zones)} after a zone failure.`,
      });
    }
  },
});
