import { dependencyGraph } from '../../../lib/analysis/graph';
import { nounOf } from '../../../lib/catalog';
import { defineRule } from '../../../lib/engine/types';
import type { Resource } from '../../../lib/model/resource';
import { Unknown, asString } from '../../../lib/model/values';

const ASG = 'AWS::AutoScaling::AutoScalingGroup';

/** The health check types a group uses (EC2 always), or undefined when HealthCheckType cannot be resolved. */
function healthCheckTypes(asg: Resource): { types: Set<string>; text: string } | undefined {
  const raw = asg.get('HealthCheckType');
  // a live group always has one; an inventory saved before zonelint collected it does not say
  if (raw === undefined && asg.stack.input.origin === 'live') return undefined;
  if (raw === undefined) return { types: new Set(['EC2']), text: 'HealthCheckType is not set, and EC2 is the default' };
  const s = raw instanceof Unknown ? undefined : asString(raw);
  if (s === undefined) return undefined;
  const types = new Set(['EC2', ...s.split(',').map((t) => t.trim().toUpperCase()).filter(Boolean)]);
  return { types, text: `HealthCheckType is ${s}` };
}

/** Whether a list property names anything at all (a list, a reference, an unresolved value). */
function names(asg: Resource, prop: string): boolean {
  const v = asg.get(prop);
  return v !== undefined && !(Array.isArray(v) && v.length === 0);
}

export default defineRule({
  id: 'ZL208',
  slug: 'asg-elb-health-check',
  service: 'autoscaling',
  title: 'Auto Scaling group behind a load balancer that replaces instances on EC2 status checks only',
  severity: 'warning',
  resourceTypes: [ASG],
  scope: 'graph',
  rationale:
    'With the default HealthCheckType EC2, a group replaces an instance only when EC2 reports it impaired. An instance ' +
    'that stops serving while EC2 still reports it running — in April 2011, instances whose EBS volumes were stuck kept ' +
    'passing their status checks — is taken out of rotation by the load balancer but never replaced by the group: the ' +
    'capacity of the zone stays lost until someone terminates those instances by hand.',
  fix: {
    cloudformation: 'set HealthCheckType: ELB (add EBS too when instances keep data on EBS: "ELB,EBS") and a HealthCheckGracePeriod long enough for an instance to start serving',
    cdk: 'pass healthChecks: autoscaling.HealthChecks.withAdditionalChecks({ additionalTypes: [autoscaling.AdditionalHealthCheckType.ELB], gracePeriod: Duration.minutes(5) })',
  },
  check(ctx) {
    const g = dependencyGraph(ctx.model);
    for (const asg of ctx.resources(ASG)) {
      const fronts = g.edgesTo(asg, 'target').map((e) => e.from);
      if (!fronts.length && !names(asg, 'TargetGroupARNs') && !names(asg, 'LoadBalancerNames')) continue;
      const checks = healthCheckTypes(asg);
      if (!checks || checks.types.has('ELB')) continue;
      const behind = fronts.length
        ? fronts.map((f) => `${nounOf(f.type)} ${f.label}`).join(', ')
        : names(asg, 'TargetGroupARNs')
          ? 'the target groups of TargetGroupARNs'
          : 'the load balancers of LoadBalancerNames';
      ctx.report({
        resource: asg,
        path: asg.has('HealthCheckType') ? 'Properties.HealthCheckType' : undefined,
        message:
          `Auto Scaling group ${asg.label} serves behind ${behind} but replaces instances on EC2 status checks only (${checks.text}): ` +
          'an instance that stops answering while EC2 still reports it running — as instances with stuck EBS volumes did in April 2011 — ' +
          'is taken out of rotation by the load balancer and never replaced, so that capacity stays lost until someone terminates it.',
        related: fronts.map((resource) => ({ resource, role: resource.type === 'AWS::ElasticLoadBalancingV2::TargetGroup' ? 'target group' : 'load balancer' })),
      });
    }
  },
});
