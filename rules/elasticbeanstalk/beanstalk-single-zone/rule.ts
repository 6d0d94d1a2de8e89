import { capacityOf } from '../../../lib/catalog';
import { reportMinZones } from '../../../lib/engine/min-zones';
import { defineRule } from '../../../lib/engine/types';
import { placementPhrase } from '../../../lib/model/describe';
import { zoneLabels } from '../../../lib/model/zones';

const ENV = 'AWS::ElasticBeanstalk::Environment';

export default defineRule({
  id: 'ZL214',
  slug: 'beanstalk-single-zone',
  service: 'elasticbeanstalk',
  title: 'Elastic Beanstalk environment with one instance, or with its instances in one zone',
  severity: 'error',
  resourceTypes: [ENV],
  options: {
    minZones: { default: 2, description: 'Fewest distinct Availability Zones the instance subnets (aws:ec2:vpc Subnets) of an environment must cover.' },
  },
  rationale:
    'An Elastic Beanstalk environment runs its instances in an Auto Scaling group over the aws:ec2:vpc Subnets. In one ' +
    'zone, losing it stops every instance and the group has nowhere else to launch. A SingleInstance environment (or a ' +
    'load-balanced one left at MinSize 1, the default) runs one instance: down wherever it lands until the group ' +
    'launches a replacement in another zone.',
  fix: {
    cloudformation: 'set aws:elasticbeanstalk:environment EnvironmentType LoadBalanced, aws:autoscaling:asg MinSize 2 or more, and aws:ec2:vpc Subnets in at least minZones zones',
    cdk: 'in optionSettings of elasticbeanstalk.CfnEnvironment: EnvironmentType LoadBalanced, aws:autoscaling:asg MinSize >= 2, and aws:ec2:vpc Subnets joined from subnets of several zones',
  },
  check(ctx) {
    for (const env of ctx.resources(ENV)) {
      const p = ctx.model.placement(env);
      const subject = `Elastic Beanstalk environment ${env.label} launches its instances (aws:ec2:vpc Subnets) in`;
      const lost = 'stops every instance, and its Auto Scaling group has no subnet in another zone to launch replacements in';
      if (reportMinZones(ctx, env, { path: 'Properties.OptionSettings', subject, onlyZoneLost: lost, leftToServe: 'to launch instances in' })) continue;
      if (p.kind === 'single' && p.among?.length) {
        ctx.report({
          resource: env,
          path: 'Properties.OptionSettings',
          message: `Elastic Beanstalk environment ${env.label} has subnets in ${zoneLabels(p.among)} but its Auto Scaling group uses one of those zones (${p.reason}): losing that zone stops every instance, and the group launches in no other zone.`,
        });
        continue;
      }
      const c = capacityOf(env);
      if (c?.units !== 1) continue;
      const where = p.kind === 'zonal' ? ` in whichever of ${placementPhrase(p).replace(/^in /, '')} it lands` : '';
      ctx.report({
        resource: env,
        path: 'Properties.OptionSettings',
        severity: 'warning',
        message:
          `Elastic Beanstalk environment ${env.label} runs one instance (${c.source})${where}: when its zone fails the environment is down ` +
          `until its Auto Scaling group launches a replacement${p.kind === 'zonal' ? ' in another zone' : ' elsewhere, if its subnets allow'} and the application deploys on it.`,
      });
    }
  },
});
