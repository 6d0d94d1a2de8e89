/**
 * Services with a VPC placement and no rule of their own yet (OpsWorks, Directory Service, CodeBuild, Glue, App Runner),
 * and regional stateful types known only for what CloudFormation's DeletionPolicy does to their data (ZL404; the
 * stateful types cfn-lint's I3011 lists): Kinesis streams, SQS queues, Cognito
 * user pools, secrets. (QLDB, also in I3011's list, was shut down on 2025-07-31: cfn-lint E3710 refuses its ledgers.)
 */
import { asString } from '../model/values';
import type { RecordSpec } from './types';


export const OTHER: readonly RecordSpec[] = [
  { type: 'AWS::OpsWorks::Instance', noun: 'OpsWorks instance', role: 'compute', placement: { zoneProperties: ['AvailabilityZone'] } },
  // AWS Directory Service requires two subnets in two zones and runs a domain controller in each
  { type: 'AWS::DirectoryService::MicrosoftAD', noun: 'AWS Managed Microsoft AD directory', role: 'service', placement: { subnetProperties: ['VpcSettings.SubnetIds'] } },
  { type: 'AWS::DirectoryService::SimpleAD', noun: 'Simple AD directory', role: 'service', placement: { subnetProperties: ['VpcSettings.SubnetIds'] } },
  { type: 'AWS::CodeBuild::Project', noun: 'CodeBuild project', role: 'service', placement: { subnetProperties: ['VpcConfig.Subnets'] } },
  {
    type: 'AWS::Glue::Connection',
    noun: 'Glue connection',
    role: 'network',
    placement: { subnetProperties: ['ConnectionInput.PhysicalConnectionRequirements.SubnetId'] },
    outage: { byDesign: 'a Glue connection names exactly one subnet (the API takes one); a job that must survive a zone lists connections in several zones' },
  },
  { type: 'AWS::AppRunner::VpcConnector', noun: 'App Runner VPC connector', role: 'network', placement: { subnetProperties: ['Subnets'] } },
  // None of these accepts a Snapshot policy (DeletionPolicy attribute docs; cfn-lint E3035): Retain is the only keeper.
  { type: 'AWS::Kinesis::Stream', noun: 'Kinesis data stream', role: 'data-store', store: 'stream', data: { holds: () => true, decidedBy: [] }, policies: { snapshot: false, replacedBy: 'a change to Name' } },
  { type: 'AWS::SQS::Queue', noun: 'SQS queue', role: 'data-store', store: 'stream', data: { holds: () => true, decidedBy: [] }, policies: { snapshot: false, replacedBy: 'a change to QueueName or FifoQueue' } },
  {
    type: 'AWS::Cognito::UserPool',
    noun: 'Cognito user pool',
    role: 'config',
    data: { holds: () => true, decidedBy: [] },
    policies: { snapshot: false, replacedBy: 'a change to UsernameAttributes or AliasAttributes', protectedBy: (r) => asString(r.get('DeletionProtection'))?.toUpperCase() === 'ACTIVE' },
  },
  {
    type: 'AWS::SecretsManager::Secret',
    noun: 'Secrets Manager secret',
    role: 'config',
    data: { holds: () => true, decidedBy: [] },
    // CloudFormation deletes a secret without a recovery window (ForceDeleteWithoutRecovery), so nothing can restore it.
    // A generated value (GenerateSecretString: CDK's database credentials) is generated again and reset where it is
    // used; a value someone put in is what is lost.
    policies: { snapshot: false, replacedBy: 'a change to Name', destroysData: (r) => r.get('GenerateSecretString') === undefined },
  },
];
