import { capacityOf } from '../../../lib/catalog';
import { ecsLaunchType } from '../../../lib/catalog/ecs';
import { defineRule } from '../../../lib/engine/types';
import { Unknown, asString } from '../../../lib/model/values';

const AZ_FIELD = 'attribute:ecs.availability-zone';

/** "binpack (memory)", "spread (instanceId)", "random". */
function describe(entry: Record<string, unknown>): string {
  const type = asString(entry.Type) ?? '?';
  const field = asString(entry.Field);
  return field ? `${type} (${field})` : type;
}

export default defineRule({
  id: 'ZL210',
  slug: 'ecs-spread-placement',
  service: 'ecs',
  title: 'ECS service on EC2 capacity whose placement strategies replace the default spread over zones',
  severity: 'warning',
  resourceTypes: ['AWS::ECS::Service'],
  rationale:
    'For the EC2 launch type the service scheduler spreads tasks over attribute:ecs.availability-zone by default. ' +
    'PlacementStrategies replace that default: binpack, random or a spread over instances alone lets the tasks pile ' +
    'onto the container instances of one zone, and losing that zone stops most or all of them at once, until they are ' +
    'placed again on instances left in other zones — if those have room.',
  fix: {
    cloudformation: "put { Type: spread, Field: attribute:ecs.availability-zone } first in PlacementStrategies (then binpack or spread on instanceId within each zone)",
    cdk: 'pass placementStrategies: [ecs.PlacementStrategy.spreadAcross(ecs.BuiltInAttributes.AVAILABILITY_ZONE), …] to the Ec2Service (or use addPlacementStrategies with the zone spread first)',
  },
  check(ctx) {
    for (const service of ctx.resources('AWS::ECS::Service')) {
      if (String(service.get('SchedulingStrategy') ?? 'REPLICA').toUpperCase() === 'DAEMON') continue; // one task per instance
      if (ecsLaunchType(service) !== 'EC2') continue; // Fargate spreads by itself; undecidable: never guessed
      const strategies = service.get('PlacementStrategies');
      if (strategies === undefined) continue; // the default: spread over zones
      if (!Array.isArray(strategies) || strategies.some((s) => s instanceof Unknown || !s || typeof s !== 'object')) continue;
      if (!strategies.length) continue; // an empty list leaves the default
      const entries = strategies as Array<Record<string, unknown>>;
      if (entries.some((e) => asString(e.Type) === undefined)) continue;
      const spreadAt = entries.findIndex((e) => asString(e.Type)!.toLowerCase() === 'spread' && asString(e.Field)?.toLowerCase() === AZ_FIELD);
      const before = spreadAt === -1 ? entries : entries.slice(0, spreadAt);
      // a spread over instances before the zone spread still balances zones when instances are; binpack and random do not
      const blocking = before.filter((e) => asString(e.Type)!.toLowerCase() !== 'spread');
      if (spreadAt !== -1 && !blocking.length) continue;
      const c = capacityOf(service);
      const tasks = c ? (c.units === 1 ? 'its task' : `its ${c.units} tasks`) : 'its tasks';
      const what =
        spreadAt === -1
          ? `sets PlacementStrategies without a spread over ${AZ_FIELD} (${entries.map(describe).join(', ')}), which replaces the scheduler's default spread over zones`
          : `applies ${blocking.map(describe).join(', ')} before its spread over ${AZ_FIELD}, so the zone spread only breaks ties`;
      ctx.report({
        resource: service,
        path: 'Properties.PlacementStrategies',
        message:
          `ECS service ${service.label} runs on EC2 container instances and ${what}: ${tasks} can all land on instances of one zone, ` +
          'and losing that zone stops them at once, until the scheduler places them again on instances left in other zones, if those have room.',
      });
    }
  },
});
