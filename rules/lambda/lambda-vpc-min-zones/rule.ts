import { reportMinZones } from '../../../lib/engine/min-zones';
import { defineRule } from '../../../lib/engine/types';

export default defineRule({
  id: 'ZL203',
  slug: 'lambda-vpc-min-zones',
  service: 'lambda',
  title: 'Lambda function in a VPC with subnets in fewer zones than minZones',
  severity: 'error',
  resourceTypes: ['AWS::Lambda::Function', 'AWS::Serverless::Function'],
  options: {
    minZones: { default: 2, description: 'Fewest distinct Availability Zones the subnets of a VPC-attached function must cover.' },
  },
  rationale:
    'A function attached to a VPC runs only in the zones of its VpcConfig subnets. Outside a VPC Lambda spreads over ' +
    'every zone of the region; inside one, subnets in a single zone mean every invocation fails while that zone is out.',
  fix: {
    cloudformation: 'list subnets in at least minZones zones in VpcConfig.SubnetIds',
    cdk: 'pass vpcSubnets that span at least minZones zones (e.g. { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } of a VPC with maxAzs >= 2)',
  },
  check(ctx) {
    for (const fn of ctx.resources('AWS::Lambda::Function', 'AWS::Serverless::Function')) {
      // Outside a VPC the placement is regional; unknown subnets are never guessed.
      reportMinZones(ctx, fn, {
        path: 'Properties.VpcConfig.SubnetIds',
        subject: `Lambda function ${fn.label} runs through its VPC subnets in`,
        onlyZoneLost: 'makes every invocation fail, since Lambda can only create its network interfaces in these subnets',
        leftToServe: 'to run every invocation',
      });
    }
  },
});
