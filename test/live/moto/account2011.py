"""Builds a 2011-style account in a moto server with boto3 (test/live/moto.test.ts runs it with .venv-peers/bin/python).

Everything of the "fragile" side is crowded into us-east-1a: one NAT gateway for three zones, web instances and their
data volume, a single-AZ RDS instance, an Auto Scaling group in one zone, a replication group without failover and a
One Zone EFS file system. Each has a resilient twin in its own VPC: a NAT gateway per zone, a Multi-AZ database, a group
over three zones, a replication group with automatic failover and a regional file system with a mount target per zone.

Prints one JSON object with the ids the test checks. The endpoint comes from AWS_ENDPOINT_URL (set by the test).
"""
import json
import os
import sys

import boto3

REGION = "us-east-1"
ZONES = ["us-east-1a", "us-east-1b", "us-east-1c"]
kw = {"region_name": REGION, "endpoint_url": os.environ["AWS_ENDPOINT_URL"]}
ec2 = boto3.client("ec2", **kw)
rds = boto3.client("rds", **kw)
asg = boto3.client("autoscaling", **kw)
cache = boto3.client("elasticache", **kw)
efs = boto3.client("efs", **kw)
out = {}


def tag(name):
    return [{"ResourceType": "subnet", "Tags": [{"Key": "Name", "Value": name}]}]


def network(prefix, cidr, nat_per_zone):
    """A VPC with a public and a private subnet per zone; one NAT gateway for all zones, or one per zone."""
    vpc = ec2.create_vpc(CidrBlock=f"{cidr}.0.0/16")["Vpc"]["VpcId"]
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    public, private = [], []
    for i, z in enumerate(ZONES):
        public.append(ec2.create_subnet(VpcId=vpc, CidrBlock=f"{cidr}.{100 + i}.0/24", AvailabilityZone=z, TagSpecifications=tag(f"{prefix}-public-{z}"))["Subnet"]["SubnetId"])
        private.append(ec2.create_subnet(VpcId=vpc, CidrBlock=f"{cidr}.{i}.0/24", AvailabilityZone=z, TagSpecifications=tag(f"{prefix}-private-{z}"))["Subnet"]["SubnetId"])
    public_rt = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=public_rt, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
    for s in public:
        ec2.associate_route_table(RouteTableId=public_rt, SubnetId=s)
    nats = []
    for i in range(len(ZONES) if nat_per_zone else 1):
        eip = ec2.allocate_address(Domain="vpc")["AllocationId"]
        nats.append(ec2.create_nat_gateway(SubnetId=public[i], AllocationId=eip)["NatGateway"]["NatGatewayId"])
    for i, s in enumerate(private):
        rt = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
        ec2.create_route(RouteTableId=rt, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=nats[i if nat_per_zone else 0])
        ec2.associate_route_table(RouteTableId=rt, SubnetId=s)
    return {"vpc": vpc, "public": public, "private": private, "nats": nats}


fragile = network("fragile", "10.0", nat_per_zone=False)
resilient = network("resilient", "10.1", nat_per_zone=True)
out["fragile"] = fragile
out["resilient"] = resilient

ami = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]

# web instances and their data volume, all in us-east-1a, outside any Auto Scaling group
web = ec2.run_instances(ImageId=ami, InstanceType="m5.large", MinCount=2, MaxCount=2, SubnetId=fragile["private"][0],
                        TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "web-2011"}]}])["Instances"]
out["web"] = [i["InstanceId"] for i in web]
vol = ec2.create_volume(AvailabilityZone=ZONES[0], Size=200, VolumeType="gp3", TagSpecifications=[{"ResourceType": "volume", "Tags": [{"Key": "Name", "Value": "web-data"}]}])["VolumeId"]
ec2.attach_volume(VolumeId=vol, InstanceId=out["web"][0], Device="/dev/sdf")
out["volume"] = vol

# databases: single-AZ without backups, and its Multi-AZ twin
for name, net in (("fragile", fragile), ("resilient", resilient)):
    rds.create_db_subnet_group(DBSubnetGroupName=f"{name}-db", DBSubnetGroupDescription=name, SubnetIds=net["private"])
rds.create_db_instance(DBInstanceIdentifier="orders-2011", Engine="mysql", DBInstanceClass="db.m5.large", AllocatedStorage=100,
                       MasterUsername="admin", MasterUserPassword="password123", MultiAZ=False, AvailabilityZone=ZONES[0],
                       DBSubnetGroupName="fragile-db", BackupRetentionPeriod=0)
rds.create_db_instance(DBInstanceIdentifier="orders-multiaz", Engine="mysql", DBInstanceClass="db.m5.large", AllocatedStorage=100,
                       MasterUsername="admin", MasterUserPassword="password123", MultiAZ=True, DBSubnetGroupName="resilient-db",
                       BackupRetentionPeriod=7)

# Auto Scaling: one zone, and three
lt = ec2.create_launch_template(LaunchTemplateName="web", LaunchTemplateData={"ImageId": ami, "InstanceType": "m5.large"})["LaunchTemplate"]["LaunchTemplateId"]
asg.create_auto_scaling_group(AutoScalingGroupName="web-one-zone", LaunchTemplate={"LaunchTemplateId": lt}, MinSize=2, MaxSize=4, DesiredCapacity=2,
                              VPCZoneIdentifier=fragile["private"][0])
asg.create_auto_scaling_group(AutoScalingGroupName="web-three-zones", LaunchTemplate={"LaunchTemplateId": lt}, MinSize=3, MaxSize=6, DesiredCapacity=3,
                              VPCZoneIdentifier=",".join(resilient["private"]))

# ElastiCache: a replication group without failover, and one with it
cache.create_cache_subnet_group(CacheSubnetGroupName="fragile-cache", CacheSubnetGroupDescription="fragile", SubnetIds=fragile["private"])
cache.create_cache_subnet_group(CacheSubnetGroupName="resilient-cache", CacheSubnetGroupDescription="resilient", SubnetIds=resilient["private"])
cache.create_replication_group(ReplicationGroupId="sessions-2011", ReplicationGroupDescription="no failover", Engine="redis", CacheNodeType="cache.m5.large",
                               NumCacheClusters=1, AutomaticFailoverEnabled=False, CacheSubnetGroupName="fragile-cache", PreferredCacheClusterAZs=[ZONES[0]])
cache.create_replication_group(ReplicationGroupId="sessions-ha", ReplicationGroupDescription="failover", Engine="redis", CacheNodeType="cache.m5.large",
                               NumCacheClusters=2, AutomaticFailoverEnabled=True, MultiAZEnabled=True, CacheSubnetGroupName="resilient-cache",
                               PreferredCacheClusterAZs=ZONES[:2])

# EFS: One Zone, and regional with a mount target per zone
one = efs.create_file_system(CreationToken="shared-2011", AvailabilityZoneName=ZONES[0], Tags=[{"Key": "Name", "Value": "shared-2011"}])["FileSystemId"]
efs.create_mount_target(FileSystemId=one, SubnetId=fragile["private"][0])
regional = efs.create_file_system(CreationToken="shared-regional", Tags=[{"Key": "Name", "Value": "shared-regional"}])["FileSystemId"]
for s in resilient["private"]:
    efs.create_mount_target(FileSystemId=regional, SubnetId=s)
out["efs"] = {"oneZone": one, "regional": regional}

# The services read since 2011, each in one zone on the fragile side and spread on the resilient one.
elb = boto3.client("elb", **kw)
elbv2 = boto3.client("elbv2", **kw)
ddb = boto3.client("dynamodb", **kw)
ecs = boto3.client("ecs", **kw)
eks = boto3.client("eks", **kw)

# a Classic Load Balancer in one zone, without cross-zone load balancing, in front of the web instances
elb.create_load_balancer(LoadBalancerName="www-2011", Listeners=[{"Protocol": "HTTP", "LoadBalancerPort": 80, "InstancePort": 80}], Subnets=[fragile["public"][0]])
elb.register_instances_with_load_balancer(LoadBalancerName="www-2011", Instances=[{"InstanceId": i} for i in out["web"]])
elb.modify_load_balancer_attributes(LoadBalancerName="www-2011", LoadBalancerAttributes={"CrossZoneLoadBalancing": {"Enabled": False}})

# a Network Load Balancer in three zones without cross-zone, whose targets are all in us-east-1a
nlb = elbv2.create_load_balancer(Name="api-nlb", Type="network", Scheme="internal", Subnets=fragile["private"])["LoadBalancers"][0]["LoadBalancerArn"]
tg = elbv2.create_target_group(Name="api", Protocol="TCP", Port=80, VpcId=fragile["vpc"], TargetType="instance")["TargetGroups"][0]["TargetGroupArn"]
elbv2.register_targets(TargetGroupArn=tg, Targets=[{"Id": i, "Port": 80} for i in out["web"]])
elbv2.create_listener(LoadBalancerArn=nlb, Protocol="TCP", Port=80, DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])
elbv2.modify_load_balancer_attributes(LoadBalancerArn=nlb, Attributes=[{"Key": "load_balancing.cross_zone.enabled", "Value": "false"}])
out["nlb"] = nlb

# DynamoDB: a table without point-in-time recovery, and one with it
for name, pitr in (("events-2011", False), ("events-pitr", True)):
    ddb.create_table(TableName=name, KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}], AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")
    if pitr:
        ddb.update_continuous_backups(TableName=name, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})

# a one-node Memcached cluster in one zone
cache.create_cache_cluster(CacheClusterId="pages-2011", Engine="memcached", CacheNodeType="cache.m5.large", NumCacheNodes=1, PreferredAvailabilityZone=ZONES[0], CacheSubnetGroupName="fragile-cache")

# an ECS service on Fargate in one subnet, and its twin over three
ecs.create_cluster(clusterName="prod")
ecs.register_task_definition(family="api", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256", memory="512",
                             containerDefinitions=[{"name": "api", "image": "nginx", "essential": True}])
for name, net, subnets in (("api-2011", fragile, fragile["private"][:1]), ("api-ha", resilient, resilient["private"])):
    sg = ec2.create_security_group(GroupName=name, Description=name, VpcId=net["vpc"])["GroupId"]
    ecs.create_service(cluster="prod", serviceName=name, taskDefinition="api", desiredCount=2, launchType="FARGATE",
                       networkConfiguration={"awsvpcConfiguration": {"subnets": subnets, "securityGroups": [sg]}})

# an EKS managed node group in one subnet
eks.create_cluster(name="prod", roleArn="arn:aws:iam::123456789012:role/eks", resourcesVpcConfig={"subnetIds": fragile["private"]})
eks.create_nodegroup(clusterName="prod", nodegroupName="workers-2011", subnets=fragile["private"][:1], nodeRole="arn:aws:iam::123456789012:role/node",
                     scalingConfig={"minSize": 2, "maxSize": 4, "desiredSize": 2})

# an interface VPC endpoint in one subnet, and its twin in three
out["endpoint"] = ec2.create_vpc_endpoint(VpcId=fragile["vpc"], ServiceName="com.amazonaws.us-east-1.sqs", VpcEndpointType="Interface", SubnetIds=fragile["private"][:1])["VpcEndpoint"]["VpcEndpointId"]
out["endpointHa"] = ec2.create_vpc_endpoint(VpcId=resilient["vpc"], ServiceName="com.amazonaws.us-east-1.sqs", VpcEndpointType="Interface", SubnetIds=resilient["private"])["VpcEndpoint"]["VpcEndpointId"]

# a transit gateway attachment in one subnet
tgw = ec2.create_transit_gateway(Description="core")["TransitGateway"]["TransitGatewayId"]
out["tgwAttachment"] = ec2.create_transit_gateway_vpc_attachment(TransitGatewayId=tgw, VpcId=fragile["vpc"], SubnetIds=fragile["private"][:1])["TransitGatewayVpcAttachment"]["TransitGatewayAttachmentId"]

# Managed services, each single-zone on the fragile side
search = boto3.client("opensearch", **kw)
mq = boto3.client("mq", **kw)
fsx = boto3.client("fsx", **kw)
redshift = boto3.client("redshift", **kw)
kafka = boto3.client("kafka", **kw)
memorydb = boto3.client("memorydb", **kw)
dax = boto3.client("dax", **kw)
dms = boto3.client("dms", **kw)
nfw = boto3.client("network-firewall", **kw)
sg = ec2.create_security_group(GroupName="data-2011", Description="data", VpcId=fragile["vpc"])["GroupId"]
one_subnet = fragile["private"][:1]

search.create_domain(DomainName="search-2011", EngineVersion="OpenSearch_2.11", ClusterConfig={"InstanceType": "m5.large.search", "InstanceCount": 1, "ZoneAwarenessEnabled": False},
                     VPCOptions={"SubnetIds": one_subnet, "SecurityGroupIds": [sg]})
out["broker"] = mq.create_broker(BrokerName="orders-mq-2011", DeploymentMode="SINGLE_INSTANCE", EngineType="ACTIVEMQ", EngineVersion="5.17.6", HostInstanceType="mq.m5.large",
                                 PubliclyAccessible=False, AutoMinorVersionUpgrade=True, SubnetIds=one_subnet, SecurityGroups=[sg], Users=[{"Username": "admin", "Password": "password12345"}])["BrokerId"]
out["fsx"] = fsx.create_file_system(FileSystemType="WINDOWS", StorageCapacity=32, SubnetIds=one_subnet, SecurityGroupIds=[sg],
                                    WindowsConfiguration={"DeploymentType": "SINGLE_AZ_2", "ThroughputCapacity": 32, "AutomaticBackupRetentionDays": 0})["FileSystem"]["FileSystemId"]
redshift.create_cluster_subnet_group(ClusterSubnetGroupName="fragile-dw", Description="dw", SubnetIds=fragile["private"])
redshift.create_cluster(ClusterIdentifier="dw-2011", NodeType="ra3.xlplus", ClusterType="single-node", MasterUsername="admin", MasterUserPassword="Password123",
                        ClusterSubnetGroupName="fragile-dw", AvailabilityZone=ZONES[0], AutomatedSnapshotRetentionPeriod=0)
kafka.create_cluster(ClusterName="events-2011", KafkaVersion="3.6.0", NumberOfBrokerNodes=1,
                     BrokerNodeGroupInfo={"InstanceType": "kafka.m5.large", "ClientSubnets": one_subnet, "SecurityGroups": [sg]})
memorydb.create_subnet_group(SubnetGroupName="fragile-mdb", SubnetIds=one_subnet)
memorydb.create_cluster(ClusterName="ledger-2011", NodeType="db.r6g.large", ACLName="open-access", SubnetGroupName="fragile-mdb", NumShards=1, NumReplicasPerShard=0)
# (moto has no DAX CreateSubnetGroup: the cluster gets its default subnet group)
dax.create_cluster(ClusterName="dax-2011", NodeType="dax.r5.large", ReplicationFactor=1, IamRoleArn="arn:aws:iam::123456789012:role/dax", AvailabilityZones=[ZONES[0]])
dms.create_replication_subnet_group(ReplicationSubnetGroupIdentifier="fragile-dms", ReplicationSubnetGroupDescription="dms", SubnetIds=fragile["private"])
dms.create_replication_instance(ReplicationInstanceIdentifier="migrate-2011", ReplicationInstanceClass="dms.t3.medium", MultiAZ=False, AvailabilityZone=ZONES[0],
                                ReplicationSubnetGroupIdentifier="fragile-dms")
# (moto has no CreateFirewallPolicy: the firewall names a policy ARN it does not check)
policy = "arn:aws:network-firewall:us-east-1:123456789012:firewall-policy/egress"
nfw.create_firewall(FirewallName="egress-2011", FirewallPolicyArn=policy, VpcId=fragile["vpc"], SubnetMappings=[{"SubnetId": fragile["public"][0]}])

# a Route 53 Resolver inbound endpoint with both its addresses in one subnet, and its twin over the resilient subnets
resolver = boto3.client("route53resolver", **kw)
out["resolver"] = resolver.create_resolver_endpoint(CreatorRequestId="dns-2011", Name="dns-2011", SecurityGroupIds=[sg], Direction="INBOUND",
                                                    IpAddresses=[{"SubnetId": one_subnet[0]}, {"SubnetId": one_subnet[0]}])["ResolverEndpoint"]["Id"]
sg_ha = ec2.create_security_group(GroupName="dns-ha", Description="dns", VpcId=resilient["vpc"])["GroupId"]
out["resolverHa"] = resolver.create_resolver_endpoint(CreatorRequestId="dns-ha", Name="dns-ha", SecurityGroupIds=[sg_ha], Direction="INBOUND",
                                                      IpAddresses=[{"SubnetId": s} for s in resilient["private"]])["ResolverEndpoint"]["Id"]

json.dump(out, sys.stdout)
