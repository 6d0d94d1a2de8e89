import { collectAutoScaling } from './autoscaling';
import { collectBackup } from './backup';
import type { CollectContext } from './context';
import { collectDlm } from './dlm';
import { collectDynamoDb } from './dynamodb';
import { collectEcs } from './ecs';
import { collectEks } from './eks';
import { collectClassicElb } from './elb';
import { collectDax } from './dax';
import { collectDms } from './dms';
import { collectFsx } from './fsx';
import { collectMemoryDb } from './memorydb';
import { collectMq } from './mq';
import { collectMsk } from './msk';
import { collectNetworkFirewall } from './networkfirewall';
import { collectOpenSearch } from './opensearch';
import { collectRedshift } from './redshift';
import { collectRoute53Resolver } from './route53resolver';
import { collectS3Express } from './s3express';
import { collectEc2 } from './ec2';
import { collectEfs } from './efs';
import { collectElastiCache } from './elasticache';
import { collectElbv2 } from './elbv2';
import { collectLambda } from './lambda';
import { collectRds } from './rds';

/** Every collector by the service name shown in progress and coverage. */
export const COLLECTORS: ReadonlyArray<{ service: string; collect: (ctx: CollectContext) => Promise<void> }> = [
  { service: 'ec2', collect: collectEc2 },
  { service: 'autoscaling', collect: collectAutoScaling },
  { service: 'elasticloadbalancing', collect: collectElbv2 },
  { service: 'elb', collect: collectClassicElb },
  { service: 'rds', collect: collectRds },
  { service: 'elasticache', collect: collectElastiCache },
  { service: 'elasticfilesystem', collect: collectEfs },
  { service: 'lambda', collect: collectLambda },
  { service: 'backup', collect: collectBackup },
  { service: 'dlm', collect: collectDlm },
  { service: 'dynamodb', collect: collectDynamoDb },
  { service: 'ecs', collect: collectEcs },
  { service: 'eks', collect: collectEks },
  { service: 'es', collect: collectOpenSearch },
  { service: 'mq', collect: collectMq },
  { service: 'fsx', collect: collectFsx },
  { service: 'redshift', collect: collectRedshift },
  { service: 'kafka', collect: collectMsk },
  { service: 'memorydb', collect: collectMemoryDb },
  { service: 'dax', collect: collectDax },
  { service: 'dms', collect: collectDms },
  { service: 'network-firewall', collect: collectNetworkFirewall },
  { service: 'route53resolver', collect: collectRoute53Resolver },
  { service: 's3express', collect: collectS3Express },
];

export { collectZones } from './ec2';
export type { CollectContext } from './context';
