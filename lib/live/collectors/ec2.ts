import {
  DescribeAvailabilityZonesCommand,
  paginateDescribeInstances,
  paginateDescribeNatGateways,
  paginateDescribeRouteTables,
  paginateDescribeSnapshots,
  paginateDescribeSubnets,
  paginateDescribeTransitGatewayVpcAttachments,
  paginateDescribeVolumes,
  paginateDescribeVpcEndpoints,
} from '@aws-sdk/client-ec2';
import type { SnapshotRef, TransitGatewayAttachmentRecord, ZoneRecord } from '../../load/inventory-types';
import { CollectContext, attempt, iso, keepNewest, tagMap } from './context';
import { compareStrings } from '../../util/compare';

/**
 * Page sizes: the largest each EC2 API accepts. DescribeVolumes accepts 1000 (the AWS CLI's default) but has been
 * documented to return at most 500 per page; asking for 1000 is never worse.
 */
export const EC2_PAGE = { instances: 1000, volumes: 1000, snapshots: 1000, subnets: 1000, routeTables: 100, natGateways: 1000, vpcEndpoints: 1000, transitGatewayAttachments: 1000 };

export async function collectZones(ctx: CollectContext): Promise<ZoneRecord[]> {
  const out = await attempt(ctx, 'ec2', 'DescribeAvailabilityZones', async () => {
    const r = await ctx.clients.ec2().send(new DescribeAvailabilityZonesCommand({}));
    return (r.AvailabilityZones ?? [])
      .filter((z) => z.ZoneName && z.ZoneId)
      .map((z) => ({ name: z.ZoneName!, id: z.ZoneId!, state: z.State, type: z.ZoneType }))
      .sort((a, b) => compareStrings(a.name, b.name));
  });
  return out ?? [];
}

export async function collectEc2(ctx: CollectContext): Promise<void> {
  const ec2 = ctx.clients.ec2();
  const d = ctx.data;
  await Promise.all([
    attempt(ctx, 'ec2', 'DescribeInstances', async () => {
      d.instances = [];
      const filter = [{ Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] }];
      for await (const page of paginateDescribeInstances({ client: ec2, pageSize: EC2_PAGE.instances }, { Filters: filter })) {
        for (const res of page.Reservations ?? []) {
          for (const i of res.Instances ?? []) {
            if (!i.InstanceId) continue;
            d.instances.push({
              id: i.InstanceId,
              zone: i.Placement?.AvailabilityZone,
              subnetId: i.SubnetId,
              vpcId: i.VpcId,
              state: i.State?.Name,
              type: i.InstanceType,
              rootDevice: i.RootDeviceName,
              tags: tagMap(i.Tags),
            });
          }
        }
      }
    }),
    attempt(ctx, 'ec2', 'DescribeVolumes', async () => {
      d.volumes = [];
      for await (const page of paginateDescribeVolumes({ client: ec2, pageSize: EC2_PAGE.volumes }, {})) {
        for (const v of page.Volumes ?? []) {
          if (!v.VolumeId) continue;
          d.volumes.push({
            id: v.VolumeId,
            zone: v.AvailabilityZone,
            sizeGiB: v.Size ?? 0,
            type: v.VolumeType,
            iops: v.Iops,
            encrypted: v.Encrypted,
            state: v.State,
            tags: tagMap(v.Tags),
            attachments: (v.Attachments ?? []).filter((a) => a.InstanceId).map((a) => ({ instanceId: a.InstanceId!, device: a.Device, state: a.State, deleteOnTermination: a.DeleteOnTermination })),
          });
        }
      }
    }),
    attempt(ctx, 'ec2', 'DescribeSnapshots', async () => {
      const newest: Record<string, SnapshotRef & { time: string }> = {};
      d.volumeSnapshots = newest;
      const input = { OwnerIds: ['self'], Filters: [{ Name: 'status', Values: ['completed'] }] };
      for await (const page of paginateDescribeSnapshots({ client: ec2, pageSize: EC2_PAGE.snapshots }, input)) {
        for (const s of page.Snapshots ?? []) {
          const time = iso(s.StartTime);
          if (s.SnapshotId && time) keepNewest(newest, s.VolumeId, { id: s.SnapshotId, time });
        }
      }
    }),
    attempt(ctx, 'ec2', 'DescribeSubnets', async () => {
      d.subnets = [];
      for await (const page of paginateDescribeSubnets({ client: ec2, pageSize: EC2_PAGE.subnets }, {})) {
        for (const s of page.Subnets ?? []) {
          if (!s.SubnetId) continue;
          d.subnets.push({ id: s.SubnetId, vpcId: s.VpcId, zone: s.AvailabilityZone, zoneId: s.AvailabilityZoneId, cidr: s.CidrBlock, tags: tagMap(s.Tags) });
        }
      }
    }),
    attempt(ctx, 'ec2', 'DescribeRouteTables', async () => {
      d.routeTables = [];
      for await (const page of paginateDescribeRouteTables({ client: ec2, pageSize: EC2_PAGE.routeTables }, {})) {
        for (const t of page.RouteTables ?? []) {
          if (!t.RouteTableId) continue;
          const assoc = t.Associations ?? [];
          d.routeTables.push({
            id: t.RouteTableId,
            vpcId: t.VpcId,
            main: assoc.some((a) => a.Main),
            subnetIds: assoc.filter((a) => a.SubnetId).map((a) => a.SubnetId!),
            routes: (t.Routes ?? [])
              .filter((r) => r.DestinationCidrBlock || r.DestinationIpv6CidrBlock)
              .map((r) => ({
                destination: (r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock)!,
                natGatewayId: r.NatGatewayId,
                gatewayId: r.GatewayId,
                instanceId: r.InstanceId,
                transitGatewayId: r.TransitGatewayId,
                vpcPeeringConnectionId: r.VpcPeeringConnectionId,
                networkInterfaceId: r.NatGatewayId || r.InstanceId ? undefined : r.NetworkInterfaceId,
                state: r.State,
              })),
            tags: tagMap(t.Tags),
          });
        }
      }
    }),
    attempt(ctx, 'ec2', 'DescribeNatGateways', async () => {
      d.natGateways = [];
      const input = { Filter: [{ Name: 'state', Values: ['pending', 'available'] }] };
      for await (const page of paginateDescribeNatGateways({ client: ec2, pageSize: EC2_PAGE.natGateways }, input)) {
        for (const n of page.NatGateways ?? []) {
          if (!n.NatGatewayId) continue;
          const mode = (n as { AvailabilityMode?: string }).AvailabilityMode;
          d.natGateways.push({ id: n.NatGatewayId, subnetId: n.SubnetId, vpcId: n.VpcId, state: n.State, connectivityType: n.ConnectivityType, availabilityMode: mode, tags: tagMap(n.Tags) });
        }
      }
    }),
    attempt(ctx, 'ec2', 'DescribeVpcEndpoints', async () => {
      d.vpcEndpoints = [];
      for await (const page of paginateDescribeVpcEndpoints({ client: ec2, pageSize: EC2_PAGE.vpcEndpoints }, {})) {
        for (const e of page.VpcEndpoints ?? []) {
          if (!e.VpcEndpointId) continue;
          d.vpcEndpoints.push({ id: e.VpcEndpointId, type: e.VpcEndpointType, serviceName: e.ServiceName, vpcId: e.VpcId, subnetIds: e.SubnetIds ?? [], state: e.State });
        }
      }
    }),
    attempt(ctx, 'ec2', 'DescribeTransitGatewayVpcAttachments', async () => {
      const out: TransitGatewayAttachmentRecord[] = [];
      const input = { Filters: [{ Name: 'state', Values: ['pendingAcceptance', 'pending', 'available', 'modifying'] }] };
      for await (const page of paginateDescribeTransitGatewayVpcAttachments({ client: ec2, pageSize: EC2_PAGE.transitGatewayAttachments }, input)) {
        for (const a of page.TransitGatewayVpcAttachments ?? []) {
          if (!a.TransitGatewayAttachmentId) continue;
          out.push({ id: a.TransitGatewayAttachmentId, transitGatewayId: a.TransitGatewayId, vpcId: a.VpcId, subnetIds: a.SubnetIds ?? [], state: a.State, tags: tagMap(a.Tags) });
        }
      }
      d.transitGatewayAttachments = out;
    }),
  ]);
}
