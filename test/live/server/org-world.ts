// A simulated organization (test/live/shards.test.ts, and the bench's 1,000-account run through bench-server.ts):
// `accounts` member accounts plus the management account, each with one region holding a small 2011-style
// workload — a web instance with a data volume in one zone, an Auto Scaling group over three zones, a subnet per zone —
// and the organization role assumable in every member.
import { FakeRegion, FakeWorld, emptyRegion } from './model';
import { ACCESS_KEY, ACCOUNT, ZONES } from './account2011';

/** Member account ids: 12 digits, consecutive from 200000000000 (so that `id mod n` spreads them evenly). */
export function memberIds(accounts: number): string[] {
  return Array.from({ length: accounts }, (_, i) => String(200000000000 + i));
}

function accountRegion(k: number): FakeRegion {
  const r = emptyRegion(ZONES);
  r.subnets = ZONES.map((z, i) => ({ id: `subnet-${k}-${i}`, vpcId: `vpc-${k}`, zone: z.name, cidr: `10.${k % 250}.${i}.0/24` }));
  r.instances = [
    { id: `i-web${k}`, zone: ZONES[0].name, subnetId: `subnet-${k}-0`, vpcId: `vpc-${k}`, tags: { Name: `web-${k}` } },
    ...ZONES.map((z, i) => ({ id: `i-asg${k}-${i}`, zone: z.name, subnetId: `subnet-${k}-${i}`, vpcId: `vpc-${k}`, tags: { 'aws:autoscaling:groupName': `workers-${k}` } })),
  ];
  r.volumes = [
    { id: `vol-root${k}`, zone: ZONES[0].name, size: 8, attachments: [{ instanceId: `i-web${k}`, device: '/dev/xvda' }] },
    { id: `vol-data${k}`, zone: ZONES[0].name, size: 100, attachments: [{ instanceId: `i-web${k}`, device: '/dev/sdf' }] },
  ];
  r.asgs = [{ name: `workers-${k}`, min: 3, max: 6, desired: 3, subnets: r.subnets.map((s) => s.id), zones: ZONES.map((z) => z.name), targetGroups: [], instances: ZONES.map((z, i) => ({ id: `i-asg${k}-${i}`, zone: z.name })) }];
  return r;
}

export function orgWorld(accounts: number): FakeWorld {
  const members = memberIds(accounts);
  return {
    accounts: [{ id: ACCOUNT, name: 'management', regions: { 'us-east-1': accountRegion(0) } }, ...members.map((id, i) => ({ id, name: `member-${i + 1}`, regions: { 'us-east-1': accountRegion(i + 1) } }))],
    callerKeys: { [ACCESS_KEY]: ACCOUNT },
    organization: [{ id: ACCOUNT, name: 'management', status: 'ACTIVE' }, ...members.map((id, i) => ({ id, name: `member-${i + 1}`, status: 'ACTIVE' }))],
    roles: Object.fromEntries(members.map((id) => [`arn:aws:iam::${id}:role/OrganizationAccountAccessRole`, true])),
  };
}
