/** Services with a VPC placement and no rule of their own yet: OpsWorks, Directory Service, CodeBuild, Glue, App Runner. */
import type { RecordSpec } from './types';

export const OTHER: readonly RecordSpec[] = [
  { type: 'AWS::OpsWorks::Instance', noun: 'OpsWorks instance', role: 'compute', recovery: { down: 'manual-rebuild' }, placement: { zoneProperties: ['AvailabilityZone'] } },
  // AWS Directory Service requires two subnets in two zones and runs a domain controller in each
  { type: 'AWS::DirectoryService::MicrosoftAD', noun: 'AWS Managed Microsoft AD directory', role: 'service', recovery: { down: 'manual-rebuild' }, placement: { subnetProperties: ['VpcSettings.SubnetIds'] } },
  { type: 'AWS::DirectoryService::SimpleAD', noun: 'Simple AD directory', role: 'service', recovery: { down: 'manual-rebuild' }, placement: { subnetProperties: ['VpcSettings.SubnetIds'] } },
  { type: 'AWS::CodeBuild::Project', noun: 'CodeBuild project', role: 'service', recovery: { down: 'manual-rebuild' }, placement: { subnetProperties: ['VpcConfig.Subnets'] } },
  {
    type: 'AWS::Glue::Connection',
    noun: 'Glue connection',
    role: 'network',
    recovery: { down: 'manual-rebuild' },
    placement: { subnetProperties: ['ConnectionInput.PhysicalConnectionRequirements.SubnetId'] },
    outage: { byDesign: 'a Glue connection names exactly one subnet (the API takes one); a job that must survive a zone lists connections in several zones' },
  },
  { type: 'AWS::AppRunner::VpcConnector', noun: 'App Runner VPC connector', role: 'network', recovery: { down: 'manual-rebuild' }, placement: { subnetProperties: ['Subnets'] } },
];
