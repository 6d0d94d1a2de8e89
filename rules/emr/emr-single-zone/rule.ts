import { defineRule } from '../../../lib/engine/types';
import { placementPhrase } from '../../../lib/model/describe';
import { zoneLabels } from '../../../lib/model/zones';

const LOST =
  'running steps and jobs fail, and whatever lives on HDFS (the core nodes\u2019 instance store and EBS volumes) is lost with the cluster; ' +
  'data read from and written to Amazon S3 (EMRFS or S3A) survives, so a new cluster in another zone can start over from S3.';

export default defineRule({
  id: 'ZL213',
  slug: 'emr-single-zone',
  service: 'emr',
  title: 'EMR cluster: one zone by design, HDFS data lost with it',
  severity: 'warning',
  resourceTypes: ['AWS::EMR::Cluster'],
  rationale:
    'An EMR cluster runs all its nodes in one zone, even with several master nodes or several subnets listed (EMR picks ' +
    'one at launch). When that zone fails the cluster is lost: running steps fail and HDFS, which lives on the core ' +
    'nodes, goes with it. What the jobs keep in Amazon S3 survives and a new cluster in another zone can resume from it.',
  fix: {
    cloudformation: 'keep input and output in Amazon S3 (s3:// paths, EMRFS or S3A) rather than HDFS, list subnets of several zones in Instances.Ec2SubnetIds (instance fleets) so a replacement cluster can launch elsewhere, and automate recreating the cluster',
    cdk: 'keep job data in S3 rather than HDFS, pass ec2SubnetIds of several zones with instance fleets to emr.CfnCluster, and script the cluster\u2019s re-creation',
  },
  check(ctx) {
    for (const cluster of ctx.resources('AWS::EMR::Cluster')) {
      const p = ctx.model.placement(cluster);
      let where: string;
      if (p.kind === 'single' && p.among && p.among.length > 1)
        where = `runs every node in the one zone of its Ec2SubnetIds (${zoneLabels(p.among)}) EMR picks at launch: listing several lets a new cluster start elsewhere, but a running cluster never moves`;
      else if (p.kind === 'zonal' || p.kind === 'single') where = `runs every node ${placementPhrase(p)}`;
      else where = 'runs every node in one zone (an EMR cluster is single-zone by design; which one the template does not tell)';
      ctx.report({
        resource: cluster,
        path: 'Properties.Instances',
        message: `EMR cluster ${cluster.label} ${where}. When that zone fails the cluster is lost: ${LOST}`,
      });
    }
  },
});
