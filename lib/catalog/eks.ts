/** Amazon EKS clusters and managed node groups. */
import { asNumber } from '../model/values';
import type { RecordSpec } from './types';
import { singleUnit } from './index';
import { liveZonal } from './ec2';

export const EKS: readonly RecordSpec[] = [
  // The control plane is AWS-managed across zones; its network interfaces sit in these subnets (at least two zones).
  { type: 'AWS::EKS::Cluster', noun: 'EKS cluster', role: 'service', recovery: { down: 'manual-rebuild' }, placement: { subnetProperties: ['ResourcesVpcConfig.SubnetIds'] } },
  {
    type: 'AWS::EKS::Nodegroup',
    noun: 'EKS managed node group',
    role: 'compute',
    recovery: { down: 'asg-replace' },
    // one node in whichever of its zones it runs: ZL204; subnets in one zone: ZL211
    outage: (r) => (singleUnit(r.stack.model, r) ? { rules: ['ZL204'] } : { rules: ['ZL211'] }),
    placement: { subnetProperties: ['Subnets'] },
    live: {
      collector: 'eks',
      records: 'nodegroups',
      place(r, _live, zones) {
        const fromSubnets = zones.subnets(r.rawProperties.Subnets);
        return fromSubnets.length && fromSubnets.every(Boolean) ? liveZonal(fromSubnets) : undefined;
      },
    },
    capacity(r) {
      // EKS CreateNodegroup defaults: minSize 1, maxSize 2, desiredSize 2
      const set = r.get('ScalingConfig') !== undefined;
      const desired = set ? asNumber(r.get('ScalingConfig.DesiredSize')) : 2;
      const min = set ? asNumber(r.get('ScalingConfig.MinSize')) : 1;
      const max = set ? asNumber(r.get('ScalingConfig.MaxSize')) : 2;
      const units = desired ?? min;
      if (units === undefined) return undefined;
      const source = !set ? 'ScalingConfig is not set (EKS default desiredSize 2)' : desired !== undefined ? `ScalingConfig.DesiredSize ${desired}` : `ScalingConfig.MinSize ${min}`;
      return { units, unit: 'node', source, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}), replaces: true };
    },
  },
  // the subnets its pods may run in (pods, not the profile, are placed): subnets in one zone are ZL211
  { type: 'AWS::EKS::FargateProfile', noun: 'EKS Fargate profile', role: 'config', placement: { subnetProperties: ['Subnets'], subnetEdges: false }, outage: { rules: ['ZL211'] } },
];
