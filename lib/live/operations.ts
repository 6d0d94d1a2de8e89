/**
 * Every AWS API operation the scanner may call, by IAM service prefix. The read-only guard refuses anything else,
 * docs/iam-policy.json grants exactly these (a test keeps the two equal), and the collectors name their calls from here.
 * No AWS SDK here.
 */
export const READ_OPERATIONS = {
  ec2: [
    'DescribeAvailabilityZones',
    'DescribeInstances',
    'DescribeVolumes',
    'DescribeSnapshots',
    'DescribeSubnets',
    'DescribeRouteTables',
    'DescribeNatGateways',
    'DescribeVpcEndpoints',
    'DescribeTransitGatewayVpcAttachments',
  ],
  autoscaling: ['DescribeAutoScalingGroups'],
  // Classic and v2 Elastic Load Balancing share the prefix and these action names.
  elasticloadbalancing: ['DescribeLoadBalancers', 'DescribeTargetGroups', 'DescribeTargetHealth', 'DescribeLoadBalancerAttributes', 'DescribeTargetGroupAttributes'],
  rds: ['DescribeDBInstances', 'DescribeDBClusters', 'DescribeDBSnapshots', 'DescribeDBClusterSnapshots'],
  elasticache: ['DescribeReplicationGroups', 'DescribeCacheClusters'],
  elasticfilesystem: ['DescribeFileSystems', 'DescribeMountTargets'],
  lambda: ['ListFunctions'],
  backup: ['ListProtectedResources', 'ListBackupPlans', 'ListBackupSelections', 'GetBackupSelection'],
  dlm: ['GetLifecyclePolicies', 'GetLifecyclePolicy'],
  dynamodb: ['ListTables', 'DescribeContinuousBackups'],
  ecs: ['ListClusters', 'ListServices', 'DescribeServices', 'ListTasks', 'DescribeTasks'],
  eks: ['ListClusters', 'ListNodegroups', 'DescribeNodegroup'],
  es: ['ListDomainNames', 'DescribeDomains'],
  mq: ['ListBrokers', 'DescribeBroker'],
  fsx: ['DescribeFileSystems'],
  redshift: ['DescribeClusters'],
  kafka: ['ListClustersV2'],
  memorydb: ['DescribeClusters'],
  dax: ['DescribeClusters'],
  dms: ['DescribeReplicationInstances'],
  'network-firewall': ['ListFirewalls', 'DescribeFirewall'],
  route53resolver: ['ListResolverEndpoints', 'ListResolverEndpointIpAddresses'],
  // S3 Express control plane: directory buckets (signed as s3express)
  s3express: ['ListDirectoryBuckets'],
  sts: ['GetCallerIdentity'],
  organizations: ['ListAccounts'],
} as const;

/**
 * The one call that is not Describe/List/Get: assuming the scan role (`--role-arn`, `--org`). It changes nothing in
 * the account; it is made by the SDK's credential provider, with the caller's own credentials.
 */
export const ASSUME_ROLE = 'sts:AssumeRole';

export type IamService = keyof typeof READ_OPERATIONS;

/**
 * The operations whose IAM action is not named after them (`<prefix>:<Operation>` otherwise). The only place that
 * knows: the policy, the guard and the tests go through iamAction().
 */
export const ACTION_OVERRIDES: { readonly [S in IamService]?: { readonly [op in (typeof READ_OPERATIONS)[S][number]]?: string } } = {
  s3express: { ListDirectoryBuckets: 'ListAllMyDirectoryBuckets' },
};

/** The IAM action that grants an operation: `ec2:DescribeInstances`, `s3express:ListAllMyDirectoryBuckets`. */
export function iamAction(service: IamService, operation: string): string {
  const override = (ACTION_OVERRIDES[service] as Record<string, string> | undefined)?.[operation];
  return `${service}:${override ?? operation}`;
}

/** The IAM action of every operation above (what docs/iam-policy.json grants). */
export function allowedActions(): string[] {
  return Object.entries(READ_OPERATIONS).flatMap(([svc, ops]) => ops.map((op) => iamAction(svc as IamService, op)));
}

/** Whether an operation name is read-only by its verb. */
export function isReadOnlyOperation(name: string): boolean {
  return /^(Describe|List|Get)[A-Z]/.test(name);
}
