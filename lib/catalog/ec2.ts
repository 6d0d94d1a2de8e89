/** EC2 and VPC: instances, volumes, subnets, routes, NAT gateways, endpoints, attachments, security groups. */
import type { Placement } from '../model/placement';
import type { Resource } from '../model/resource';
import { Unknown, refTarget } from '../model/values';
import { Zone, uniqueZones } from '../model/zones';
import { backupCovers, volumeCase } from '../model/backup-coverage';
import type { LiveZoneIndex, RecordSpec } from './types';
import { refOrRaw } from './common';

/** Route properties that name a default route's target, with the words messages use for it. */
export const ROUTE_TARGETS: ReadonlyArray<readonly [string, string]> = [
  ['NatGatewayId', 'NAT gateway'],
  ['InstanceId', 'NAT instance'],
  ['NetworkInterfaceId', 'network interface'],
  ['GatewayId', 'internet gateway'],
  ['TransitGatewayId', 'transit gateway'],
  ['VpcEndpointId', 'VPC endpoint'],
  ['VpcPeeringConnectionId', 'VPC peering'],
  ['CarrierGatewayId', 'carrier gateway'],
  ['LocalGatewayId', 'local gateway'],
  ['CoreNetworkArn', 'core network'],
];

/** The tag EC2 Auto Scaling puts on every instance it launches. */
export const ASG_TAG = 'aws:autoscaling:groupName';

/**
 * The resource a route target property names: its Ref/GetAtt, or for `VpcEndpointId` a Network Firewall whose
 * endpoint the route picks out of `Fn::GetAtt Firewall.EndpointIds` (`Fn::Select`/`Fn::Split`, evaluated only at
 * deployment): the route goes to one of that firewall's endpoints, each in one of its subnet mappings' zones.
 */
function routeTarget(r: Resource, prop: string, v: unknown): { resource: Resource; kind?: string } | undefined {
  const t = refTarget(v);
  if (t) return t.type === 'AWS::EC2::VPCEndpoint' && endpointType(t) === 'GatewayLoadBalancer' ? { resource: t, kind: 'Gateway Load Balancer endpoint' } : { resource: t };
  if (prop !== 'VpcEndpointId') return undefined;
  const firewall = refOrRaw(r, prop, 'AWS::NetworkFirewall::Firewall');
  return firewall ? { resource: firewall, kind: 'Network Firewall endpoint' } : undefined;
}

/** The type of a VPC endpoint (`Gateway` when VpcEndpointType is not set, as in CloudFormation), or undefined when unknown. */
export function endpointType(r: Resource): string | undefined {
  const t = r.get('VpcEndpointType');
  return t === undefined ? 'Gateway' : typeof t === 'string' ? t : undefined;
}

const plumbing = (type: string, noun: string, extra: Partial<RecordSpec> = {}): RecordSpec => ({ type, noun, role: 'plumbing', ...extra });

/** Zonal placement from zones a live scan reported (undefined when none is known). */
export function liveZonal(zones: ReadonlyArray<Zone | undefined>): Placement | undefined {
  const z = uniqueZones(zones.filter((x): x is Zone => x !== undefined));
  return z.length ? { kind: 'zonal', zones: z } : undefined;
}

const byLiveZoneName = (r: Resource, _live: Record<string, unknown>, zones: LiveZoneIndex) => liveZonal([zones.byName(r.rawProperties.AvailabilityZone)]);

export const EC2: readonly RecordSpec[] = [
  {
    type: 'AWS::EC2::Instance',
    noun: 'EC2 instance',
    role: 'compute',
    recovery: { down: 'manual-rebuild' },
    placement: { zoneProperties: ['AvailabilityZone'], subnetProperties: ['SubnetId', 'NetworkInterfaces.*.SubnetId'], whenUnset: 'single' },
    capacity: () => ({ units: 1, unit: 'instance', source: 'one instance', replaces: false }),
    edges(r, g) {
      const volumes = r.get('Volumes');
      if (!Array.isArray(volumes)) return;
      for (const v of volumes) {
        const volume = refTarget((v as Record<string, unknown> | undefined)?.VolumeId);
        if (volume) g.add(r, volume, 'volume');
      }
    },
    // instances an Auto Scaling group launched (a live scan sees them) are the group's capacity: the group is judged
    outage: (r) => (r.stack.input.origin === 'live' && r.tags.has(ASG_TAG) ? { byDesign: 'launched by an Auto Scaling group, which is judged as a whole (ZL202, ZL204)' } : { rules: ['ZL201', 'ZL206'] }),
    live: { collector: 'ec2', records: 'instances', tally: 'instances', place: byLiveZoneName },
  },
  {
    type: 'AWS::EC2::Volume',
    noun: 'EBS volume',
    role: 'data-store',
    recovery: { down: 'ebs-restore', sizeProperty: 'Size' },
    placement: { zoneProperties: ['AvailabilityZone'], whenUnset: 'unknown' },
    data: {
      holds: () => true,
      // snapshots are regional: an AWS Backup selection or a DLM policy that covers the volume gives it a copy
      copies: (r, model) => {
        const covered = backupCovers(model, volumeCase(model, r));
        return covered === true ? [{ kind: 'snapshot', text: 'snapshots by AWS Backup or a DLM lifecycle policy' }] : covered === false ? [] : new Unknown('backup coverage cannot be decided');
      },
      decidedBy: ['AWS::Backup::BackupSelection', 'AWS::DLM::LifecyclePolicy', 'Tags'],
    },
    policies: { snapshot: true, replacedBy: 'moving it to another zone (AvailabilityZone)' },
    outage: { byDesign: 'an EBS volume lives in one zone by design; the instance using it is reported (ZL201), and a volume without a copy outside its zone (ZL401)' },
    live: { collector: 'ec2', records: 'volumes', tally: 'volumes', place: byLiveZoneName },
  },
  plumbing('AWS::EC2::VolumeAttachment', 'volume attachment', {
    placement: {
      special: (model, r) => {
        const volume = refTarget(r.get('VolumeId'));
        return volume ? model.placement(volume) : { kind: 'unknown', reason: 'the volume is not in the input' };
      },
    },
    edges(r, g) {
      const instance = refTarget(r.get('InstanceId'));
      const volume = refTarget(r.get('VolumeId'));
      if (instance && volume) g.add(instance, volume, 'volume', r);
    },
  }),
  { type: 'AWS::EC2::Host', noun: 'dedicated host', role: 'config', placement: { zoneProperties: ['AvailabilityZone'] } },
  { type: 'AWS::EC2::CapacityReservation', noun: 'capacity reservation', role: 'config', placement: { zoneProperties: ['AvailabilityZone'] } },
  { type: 'AWS::EC2::LaunchTemplate', noun: 'launch template', role: 'config' },
  {
    type: 'AWS::EC2::Subnet',
    noun: 'subnet',
    role: 'network',
    recovery: { down: 'manual-rebuild' },
    placement: { zoneProperties: ['AvailabilityZone', 'AvailabilityZoneId'], whenUnset: 'single' },
    outage: { byDesign: 'a subnet is in one zone by definition; its loss is reported at what runs in it, and its lost egress at its default route (ZL101)' },
    live: { collector: 'ec2', records: 'subnets', place: (r, _live, zones) => liveZonal([zones.byId(r.rawProperties.AvailabilityZoneId) ?? zones.byName(r.rawProperties.AvailabilityZone)]) },
  },
  { type: 'AWS::EC2::VPC', noun: 'VPC', role: 'config' },
  plumbing('AWS::EC2::RouteTable', 'route table', { live: { collector: 'ec2', records: 'routeTables' } }),
  plumbing('AWS::EC2::Route', 'route', {
    edges(r, g) {
      const rt = refTarget(r.get('RouteTableId'));
      // the IPv4 default route (0.0.0.0/0) and the IPv6 one (::/0) are separate edges: each carries its own traffic
      const ipv6 = r.get('DestinationCidrBlock') === '0.0.0.0/0' ? false : r.get('DestinationIpv6CidrBlock') === '::/0' ? true : undefined;
      if (!rt || ipv6 === undefined) return;
      const role = ipv6 ? 'default-route-v6' : 'default-route';
      for (const [prop, kind] of ROUTE_TARGETS) {
        const v = r.get(prop);
        if (v === undefined) continue;
        const t = routeTarget(r, prop, v);
        if (t) g.add(rt, t.resource, role, r, t.kind ?? kind);
        else g.unresolvedDefaultRoute(rt, r, kind, ipv6);
        return;
      }
      g.unresolvedDefaultRoute(rt, r, 'unknown target', ipv6);
    },
  }),
  plumbing('AWS::EC2::SubnetRouteTableAssociation', 'route table association', {
    placement: { subnetProperties: ['SubnetId'], subnetEdges: false },
    edges(r, g) {
      const subnet = refTarget(r.get('SubnetId'));
      const rt = refTarget(r.get('RouteTableId'));
      if (subnet && rt) g.add(subnet, rt, 'route-table', r);
    },
  }),
  plumbing('AWS::EC2::SubnetNetworkAclAssociation', 'network ACL association'),
  plumbing('AWS::EC2::SecurityGroup', 'security group'),
  plumbing('AWS::EC2::SecurityGroupIngress', 'security group ingress rule'),
  plumbing('AWS::EC2::SecurityGroupEgress', 'security group egress rule'),
  plumbing('AWS::EC2::NetworkInterface', 'network interface', { placement: { subnetProperties: ['SubnetId'] } }),
  plumbing('AWS::EC2::NetworkInterfaceAttachment', 'network interface attachment'),
  plumbing('AWS::EC2::EIP', 'Elastic IP address'),
  plumbing('AWS::EC2::EIPAssociation', 'Elastic IP association'),
  {
    type: 'AWS::EC2::NatGateway',
    noun: 'NAT gateway',
    role: 'network',
    recovery: { down: 'manual-rebuild' },
    placement: {
      subnetProperties: ['SubnetId'],
      whenUnset: 'unknown',
      special: (_model, r) => (String(r.get('AvailabilityMode')).toLowerCase() === 'regional' ? { kind: 'regional', reason: 'regional NAT gateway' } : undefined),
    },
    outage: { byDesign: 'a zonal NAT gateway serves one zone by design; losing it is reported at the subnets whose default route uses it from another zone (ZL101) and as their lost egress' },
    live: { collector: 'ec2', records: 'natGateways' },
  },
  {
    type: 'AWS::EC2::VPCEndpoint',
    noun: 'VPC endpoint',
    role: 'network',
    recovery: { down: 'manual-rebuild' },
    placement: {
      subnetProperties: ['SubnetIds'],
      // a gateway endpoint (S3, DynamoDB; VpcEndpointType defaults to Gateway) is a route-table target: regional
      special: (_model, r) => (endpointType(r) === 'Gateway' || r.get('SubnetIds') === undefined ? { kind: 'regional', reason: 'gateway endpoint' } : undefined),
    },
    outage: (r) =>
      endpointType(r) === 'Interface'
        ? { rules: ['ZL103'] }
        : endpointType(r) === 'GatewayLoadBalancer'
          ? { byDesign: 'a Gateway Load Balancer endpoint takes exactly one subnet by design; the zones of the endpoints of one service in a VPC are judged together (ZL103), and routes through another zone\'s endpoint at the route (ZL105)' }
          : undefined,
    live: { collector: 'ec2', records: 'vpcEndpoints' },
  },
  { type: 'AWS::EC2::TransitGatewayAttachment', noun: 'transit gateway attachment', role: 'network', recovery: { down: 'manual-rebuild' }, placement: { subnetProperties: ['SubnetIds'] }, outage: { rules: ['ZL106'] } },
  { type: 'AWS::EC2::TransitGatewayVpcAttachment', noun: 'transit gateway VPC attachment', role: 'network', recovery: { down: 'manual-rebuild' }, placement: { subnetProperties: ['SubnetIds'] }, outage: { rules: ['ZL106'] }, live: { collector: 'ec2', records: 'transitGatewayAttachments' } },
];
