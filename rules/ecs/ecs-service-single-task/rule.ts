import { capacityOf } from '../../../lib/catalog';
import { ecsLaunchType } from '../../../lib/catalog/ecs';
import { defineRule } from '../../../lib/engine/types';

export default defineRule({
  id: 'ZL209',
  slug: 'ecs-service-single-task',
  service: 'ecs',
  title: 'ECS service with a single task in zones the template does not tell',
  severity: 'warning',
  resourceTypes: ['AWS::ECS::Service'],
  rationale:
    'One task is a single point of failure wherever it runs: the zone (or container instance) it lands in takes the ' +
    'service down until the scheduler starts a replacement elsewhere. DesiredCount defaults to 1 in CloudFormation. ' +
    'Services whose zones are known are judged by ZL204 (and ZL207); this rule covers the ones whose zones are not — ' +
    'bridge or host networking on the cluster\u2019s container instances, or subnets passed in at deploy time.',
  fix: {
    cloudformation: 'set DesiredCount (and the MinCapacity of its scalable target) to at least the number of zones the cluster runs in',
    cdk: 'set desiredCount (and autoScaleTaskCount minCapacity) to at least the number of zones',
  },
  check(ctx) {
    for (const service of ctx.resources('AWS::ECS::Service')) {
      const p = ctx.model.placement(service);
      if (p.kind !== 'unknown') continue; // known zones: ZL204 (one task over several zones), ZL207 (one zone)
      const c = capacityOf(service); // undefined for DAEMON services and unresolved counts
      if (c?.units !== 1) continue;
      const launch = ecsLaunchType(service);
      const where = service.get('NetworkConfiguration.AwsvpcConfiguration.Subnets') !== undefined ? 'in subnets whose zones are not known before deployment' : launch === 'EC2' ? "on the cluster's container instances, in whichever zone one has room" : 'in a zone the template does not tell';
      const next = launch === 'EC2' ? ', which needs a container instance with room in another zone' : '';
      ctx.report({
        resource: service,
        path: service.has('DesiredCount') ? 'Properties.DesiredCount' : undefined,
        message:
          `ECS service ${service.label} runs one task (${c.source}) ${where}: that task is a single point of failure. ` +
          `When its zone fails the service is down until the scheduler starts a replacement elsewhere${next}; run at least one task per zone.`,
      });
    }
  },
});
