import { defineRule } from '../../../lib/engine/types';
import { asNumber } from '../../../lib/model/values';
import { zoneLabels } from '../../../lib/model/zones';

/** Instances left after losing the zone holding the most of `n` instances balanced over `zones` zones. */
export function survivors(n: number, zones: number): number {
  return n - Math.ceil(n / zones);
}

export default defineRule({
  id: 'ZL204',
  slug: 'asg-static-stability',
  service: 'autoscaling',
  title: 'Auto Scaling capacity that does not survive the loss of one zone (static stability)',
  severity: 'warning',
  resourceTypes: ['AWS::AutoScaling::AutoScalingGroup'],
  options: {
    survivingCapacityRatio: {
      default: 1,
      description:
        'Share of MinSize that must still run after the zone holding the most instances fails, before any replacement launches (1: all of MinSize; 0.5: half).',
    },
  },
  rationale:
    'An Auto Scaling group balances its instances over its zones. When one zone fails, the instances there are gone ' +
    'and replacements must launch in the other zones — the very moment launches are throttled, capacity is scarce and ' +
    'the control plane is busiest. A statically stable group already runs enough capacity in the remaining zones: ' +
    'DesiredCapacity minus the largest zone share still covers MinSize, the capacity the group was declared to need.',
  fix: {
    cloudformation: 'set DesiredCapacity so that DesiredCapacity minus ceil(DesiredCapacity / zones) is at least MinSize (the message names the number), or spread the group over a third zone',
    cdk: 'set desiredCapacity/minCapacity with headroom for one zone: minCapacity over N zones needs about minCapacity × N / (N − 1) instances',
  },
  check(ctx) {
    const ratio = Number(ctx.options.survivingCapacityRatio);
    for (const asg of ctx.resources('AWS::AutoScaling::AutoScalingGroup')) {
      const p = ctx.model.placement(asg);
      if (p.kind !== 'zonal' || p.zones.length < 2) continue; // one zone: ZL202; unknown: never guessed
      const min = asNumber(asg.get('MinSize'));
      if (min === undefined || min < 1) continue; // scale-to-zero groups have nothing to keep
      const desired = asNumber(asg.get('DesiredCapacity')) ?? min;
      const zones = p.zones.length;
      const needed = Math.ceil(min * ratio);
      const left = survivors(desired, zones);
      if (left >= needed) continue;
      let enough = desired;
      while (survivors(enough, zones) < needed) enough++;
      ctx.report({
        resource: asg,
        path: asg.has('DesiredCapacity') ? 'Properties.DesiredCapacity' : 'Properties.MinSize',
        message:
          `Auto Scaling group ${asg.label} runs ${desired} instance${desired === 1 ? '' : 's'} over ${zones} zones (${zoneLabels(p.zones)}): ` +
          `losing one zone leaves ${left} until replacements launch, below the ${needed} it needs (MinSize ${min}${ratio !== 1 ? ` × ${ratio}` : ''}). ` +
          `Running ${enough} would keep ${survivors(enough, zones)} after a zone failure.`,
      });
    }
  },
});
