// The per-zone blast radius: exact down/degraded sets per zone for hand-written fixtures, the chains that explain
// them, a CDK app with natGateways: 1 synthesized with the pinned aws-cdk-lib, the demo app, the JSON contract, and
// the public template corpus (no crash; per-zone NAT templates show no ZL101).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { BlastRadius, ImpactItem, computeBlastRadius } from '../lib/analysis/blast-radius';
import { blastRadiusLines, serviceRecoveryLines } from '../lib/analysis/describe';
import { dependencyGraph } from '../lib/analysis/graph';
import { ZonelintPlugin } from '../lib/cdk/plugin';
import { lintPaths } from '../lib/lint';
import { CORPUS } from './support/cli';
import { renderJson } from '../lib/report/json';
import { toReport } from '../lib/report/result';
import { renderText } from '../lib/report/text';
import { testApp } from './support/test-app';

const root = path.join(__dirname, '..');
const fixture = (name: string) => path.join(root, 'test', 'fixtures', 'blast', name);

const ids = (items: readonly ImpactItem[]) => items.map((i) => (i.aspect === 'egress' ? `${i.resource.logicalId}:egress` : i.resource.logicalId)).sort();

/** zone label → { down, degraded, egressLost } logical ids (egressLost only when not empty). */
function sets(br: BlastRadius): Record<string, { down: string[]; degraded: string[]; egressLost?: string[] }> {
  return Object.fromEntries(br.zones.map((z) => [z.zone, { down: ids(z.down), degraded: ids(z.degraded), ...(z.egressLost.length ? { egressLost: ids(z.egressLost) } : {}) }]));
}

function chainText(br: BlastRadius, zone: string, logicalId: string, aspect = 'service'): string {
  const z = br.zones.find((x) => x.zone === zone)!;
  const item = [...z.down, ...z.degraded, ...z.egressLost].find((i) => i.resource.logicalId === logicalId && i.aspect === aspect)!;
  return item.chain.map((c) => c.text).join(' ← ');
}

describe('one NAT gateway for two zones (test/fixtures/blast/one-nat.yaml)', () => {
  const result = lintPaths([fixture('one-nat.yaml')]);
  const br = computeBlastRadius(result.model);

  test('exact down, degraded and egress-lost sets per zone, worst zone first', () => {
    expect(br.zones.map((z) => z.zone)).toEqual(['us-east-1b', 'us-east-1a']);
    expect(sets(br)).toEqual({
      // the workers keep running in PrivateB and serve the load balancer inside the VPC: egress lost, not down
      'us-east-1a': { down: ['Nat', 'PrivateB:egress'], degraded: ['Lb'], egressLost: ['Workers'] },
      'us-east-1b': { down: ['Bastion', 'BastionData'], degraded: ['Lb', 'Workers'] },
    });
    expect(br.zones[0].counts).toEqual({ down: 2, degraded: 2, egressLost: 0, dataOnlyInZone: 1 });
    expect(br.zones[1].counts).toEqual({ down: 2, degraded: 1, egressLost: 1, dataOnlyInZone: 0 });
  });

  test('text output of a blast radius with more lines than a call takes arguments (a 100k-resource input)', () => {
    // ~100k entries at 100k resources: the lines were once appended with push(...lines) and overflowed the stack
    const z = br.zones[0];
    const many = Array.from({ length: 200_000 }, () => z.down[0]);
    const big: BlastRadius = { ...br, zones: [{ ...z, down: many }] };
    const text = renderText(toReport(result, big));
    expect(text.split('\n').filter((l) => l.startsWith(`    ${z.down[0].label} DOWN`)).length).toBe(200_000);
  });

  test('chains name the cause: the NAT in the other zone, the targets, the volume', () => {
    expect(chainText(br, 'us-east-1a', 'PrivateB', 'egress')).toBe('default route via NAT gateway Nat in us-east-1a ← its subnet PublicA is in us-east-1a');
    expect(chainText(br, 'us-east-1a', 'Workers')).toBe(
      'loses subnet PrivateA in us-east-1a (1 of 2); egress of subnet PrivateB (us-east-1b) lost: default route via NAT gateway Nat in us-east-1a ← its subnet PublicA is in us-east-1a',
    );
    expect(chainText(br, 'us-east-1a', 'Lb')).toMatch(/^loses subnet PublicA in us-east-1a \(1 of 2\); targets of Listener lose capacity \(Workers\) ← loses subnet PrivateA/);
    expect(chainText(br, 'us-east-1b', 'Bastion')).toBe('its subnet PublicB is in us-east-1b; its volume BastionData is down ← in us-east-1b, with its data');
    const volume = br.zones.find((z) => z.zone === 'us-east-1b')!.down.find((i) => i.resource.logicalId === 'BastionData')!;
    expect(volume.dataOnlyInZone).toBe(true);
  });

  test('the single-AZ database is down wherever it lands, and takes its clients (found through the security group) with it', () => {
    expect(br.wherever).toHaveLength(1);
    const w = br.wherever[0];
    expect(w.cause.logicalId).toBe('Db');
    expect(w.among).toEqual(['us-east-1a', 'us-east-1b']);
    expect(ids(w.down)).toEqual(['Db', 'Lb', 'Workers']);
    // automated backups (BackupRetentionPeriod defaults to 1 day) are a copy outside the zone: not "data only there"
    const db = w.down.find((i) => i.resource.logicalId === 'Db')!;
    expect(db.dataOnlyInZone).toBe(false);
    expect(db.ownPlacement).toBe(true);
    expect(db.chain[0].text).toMatch(/its data survives in automated backups kept 1 day \(the default\)$/);
    expect(w.down.find((i) => i.resource.logicalId === 'Workers')!.chain[0].text).toBe('its database Db is down (security group DbSg admits AppSg)');
    // the database is in no zone's list: the template does not say which zone it lands in
    for (const z of br.zones) expect(ids([...z.down, ...z.degraded])).not.toContain('Db');
  });

  test('dependency edges carry their role and the resource that creates them', () => {
    const g = dependencyGraph(result.model);
    const edge = (from: string, role: string) => g.edges.filter((e) => e.from.logicalId === from && e.role === role).map((e) => `${e.to.logicalId}${e.via ? ` via ${e.via.logicalId}` : ''}`);
    expect(edge('PrivateB', 'route-table')).toEqual(['PrivateRtB via PrivateBAssoc']);
    expect(edge('PrivateRtB', 'default-route')).toEqual(['Nat via PrivateDefaultB']);
    expect(edge('Lb', 'target-group')).toEqual(['Tg via Listener']);
    expect(edge('Tg', 'target')).toEqual(['Workers']);
    expect(edge('Bastion', 'volume')).toEqual(['BastionData via BastionAttach']);
    expect(edge('Workers', 'data')).toEqual(['Db via DbSg']);
    expect(edge('Workers', 'subnet').sort()).toEqual(['PrivateA', 'PrivateB']);
  });

  test('text output lists the blast radius after the findings, worst zone first, one line per item', () => {
    const text = renderText(toReport(result, br));
    const at = text.indexOf('Blast radius of losing one Availability Zone');
    expect(at).toBeGreaterThan(text.indexOf('ZL301'));
    expect(text).toContain('    Workers egress lost — back in 1–24 hours, no data lost ← loses subnet PrivateA in us-east-1a (1 of 2); egress of subnet PrivateB (us-east-1b) lost');
    expect(text).toContain('    PrivateB egress DOWN — back in 1–24 hours, no data lost ← default route via NAT gateway Nat in us-east-1a');
    expect(text.indexOf('  us-east-1b: 2 down, 2 degraded, 1 with data only there')).toBeLessThan(text.indexOf('  us-east-1a: 2 down, 1 degraded, 1 with egress lost'));
    expect(text).toContain('Wherever it lands');
    expect(blastRadiusLines(br).length).toBe(2 + 4 + 1 + 4 + 2 + 3 + serviceRecoveryLines(br).length);
    expect(serviceRecoveryLines(br)).toContain('  request path Lb (Lb → Workers → Db):');
  });

  test('JSON output: blastRadius per the findings contract (schemaVersion 3: egress lost, own placement, recovery)', () => {
    const doc = JSON.parse(renderJson(toReport(result, br)));
    expect(doc.schemaVersion).toBe(3);
    const z = doc.blastRadius.zones[0];
    expect(Object.keys(z).sort()).toEqual(['counts', 'degraded', 'down', 'egressLost', 'key', 'zone']);
    expect(z.down[0]).toEqual({
      resource: { stack: expect.any(String), logicalId: expect.any(String), type: expect.any(String) },
      label: expect.any(String),
      status: 'down',
      aspect: expect.stringMatching(/^(service|egress)$/),
      dataOnlyInZone: expect.any(Boolean),
      ownPlacement: expect.any(Boolean),
      chain: expect.arrayContaining([expect.objectContaining({ text: expect.any(String) })]),
      zones: expect.any(Array),
      ...(z.down[0].cause ? { cause: { stack: expect.any(String), logicalId: expect.any(String), type: expect.any(String) } } : {}),
      recovery: expect.objectContaining({ rtoSeconds: { min: expect.any(Number), max: expect.any(Number) }, rpoSeconds: z.down[0].recovery.rpoSeconds, basis: expect.any(String), mode: expect.any(String) }),
    });
    expect(Object.keys(doc.blastRadius.recovery).sort()).toEqual(['paths', 'stacks']);
    expect(doc.blastRadius.summary).toEqual({ zones: 2, worstZone: 'us-east-1b', resourcesAnalysed: expect.any(Number), edges: expect.any(Number), unknown: 0 });
    expect(doc.blastRadius.wherever[0].cause.logicalId).toBe('Db');
  });

  test('only the requested zones are simulated', () => {
    const only = computeBlastRadius(result.model, { zones: ['us-east-1b'] });
    expect(only.zones.map((z) => z.zone)).toEqual(['us-east-1b']);
  });
});

describe('tiers linked by environment variables, members, replicas, mount targets and IP targets (tiers.yaml)', () => {
  const br = computeBlastRadius(lintPaths([fixture('tiers.yaml')]).model);

  test('exact down and degraded sets per zone', () => {
    expect(sets(br)).toEqual({
      'us-east-1a': { down: ['Cluster', 'IpLb', 'Orders', 'ReaderA2', 'Reporter', 'WriterA'], degraded: ['Files'] },
      'us-east-1b': { down: ['OrdersReplica', 'Sessions'], degraded: ['Files', 'IpLb', 'Reporter'] },
    });
    expect(br.wherever).toEqual([]);
  });

  test('a database named in an environment variable (Fn::Sub) takes its client down; a cache only degrades it', () => {
    expect(chainText(br, 'us-east-1a', 'Reporter')).toMatch(/^its database Cluster is down \(an environment variable names Cluster\)/);
    expect(chainText(br, 'us-east-1a', 'Cluster')).toBe('all 2 instances of Cluster are down ← WriterA: in us-east-1a');
    expect(chainText(br, 'us-east-1b', 'Reporter')).toContain('its cache Sessions is down');
  });

  test('a surviving cross-zone replica is named, and the data is not counted as lost', () => {
    const orders = br.zones[0].down.find((i) => i.resource.logicalId === 'Orders')!;
    expect(orders.chain[0].text).toContain('read replica OrdersReplica in us-east-1b survives (promote it)');
    expect(orders.dataOnlyInZone).toBe(false);
    expect(br.zones.find((z) => z.zone === 'us-east-1b')!.down.find((i) => i.resource.logicalId === 'OrdersReplica')!.dataOnlyInZone).toBe(false);
    expect(br.zones.find((z) => z.zone === 'us-east-1b')!.down.find((i) => i.resource.logicalId === 'Sessions')!.dataOnlyInZone).toBe(true);
  });

  test('IP targets with a zone count as capacity', () => {
    expect(chainText(br, 'us-east-1a', 'IpLb')).toMatch(/^all 2 targets of IpListener are down/);
  });

  test('unknown placement is reported as unknown, with the reason, never guessed', () => {
    expect(br.unknown).toEqual([{ resource: expect.objectContaining({ logicalId: 'Mystery' }), label: 'Mystery', reason: 'placement unknown: parameter SubnetParam has no default' }]);
    for (const z of br.zones) expect(ids([...z.down, ...z.degraded])).not.toContain('Mystery');
  });
});

describe('CDK app with natGateways: 1 (pinned aws-cdk-lib)', () => {
  let outdir: string;
  beforeAll(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'zonelint-blast-cdk-'));
    const app = testApp({ outdir });
    Validations.of(app).addPlugins(new ZonelintPlugin({ failOn: 'none' }));
    jest.spyOn(console, 'error').mockImplementation(() => undefined); // CDK prints its validation report
    const stack = new Stack(app, 'OneNat');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    new autoscaling.AutoScalingGroup(stack, 'Workers', {
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      minCapacity: 2,
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO),
      machineImage: ec2.MachineImage.genericLinux({ 'us-east-1': 'ami-0123456789abcdef0' }),
    });
    app.synth();
    jest.restoreAllMocks();
  });
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test('the CDK plugin report carries the blast radius in its metadata', () => {
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as { pluginReports: Array<{ pluginName: string; metadata?: Record<string, string> }> };
    const metadata = report.pluginReports.find((r) => r.pluginName === 'zonelint')!.metadata!;
    expect(metadata.blastRadius).toBe('worst zone AZ[0]: 2 down, 0 degraded, 1 with egress lost');
    expect(metadata['blastRadius AZ[0]']).toContain('Vpc/PrivateSubnet2/Subnet egress DOWN — back in 1–24 hours, no data lost ← default route via NAT gateway Vpc/PublicSubnet1/NATGateway in AZ[0]');
    expect(metadata['blastRadius AZ[1]']).toBe('Workers/ASG degraded ← loses subnet Vpc/PrivateSubnet2/Subnet in AZ[1] (1 of 2)');
  });

  test('ZL101 fires on the second private subnet, and the NAT zone takes its egress', () => {
    const result = lintPaths([outdir]);
    const zl101 = result.findings.filter((f) => f.ruleId === 'ZL101');
    expect(zl101.map((f) => f.resource.constructPath)).toEqual(['OneNat/Vpc/PrivateSubnet2/DefaultRoute']);
    const br = computeBlastRadius(result.model);
    const natZone = br.zones.find((z) => z.down.some((i) => i.resource.type === 'AWS::EC2::NatGateway'))!;
    expect(natZone.zone).toBe('AZ[0]');
    expect(natZone.down.filter((i) => i.aspect === 'egress').map((i) => i.label)).toEqual(['Vpc/PrivateSubnet2/Subnet']);
    // the workers keep running in the other zone's subnet, without egress: egress lost, not down
    const workers = natZone.egressLost.find((i) => i.label === 'Workers/ASG')!;
    expect(workers.chain[0].text).toContain('egress of subnet Vpc/PrivateSubnet2/Subnet (AZ[1]) lost: default route via NAT gateway Vpc/PublicSubnet1/NATGateway in AZ[0]');
    const other = br.zones.find((z) => z !== natZone)!;
    expect(other.down.filter((i) => i.aspect === 'egress')).toEqual([]);
    expect(other.degraded.map((i) => i.label)).toEqual(['Workers/ASG']);
  });
});

describe('demo app (bin/demo)', () => {
  const demo = path.join(root, 'bin', 'demo', 'app.ts');
  const run = fs.existsSync(demo) ? test : test.skip;
  run('the fragile stack loses the most in one zone; the resilient one only degrades', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'zonelint-blast-demo-'));
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { buildDemo } = require(demo) as { buildDemo: (app: App) => unknown };
      const context = JSON.parse(fs.readFileSync(path.join(root, 'cdk.json'), 'utf8')).context; // the zones CDK looked up
      const app = testApp({ outdir, context });
      buildDemo(app);
      app.synth();
      const result = lintPaths([outdir]);
      const br = computeBlastRadius(result.model);
      const worst = br.zones[0];
      expect(worst.counts.down).toBeGreaterThan(br.zones[br.zones.length - 1].counts.down);
      // in the resilient stack only each zone's own NAT gateway goes down with it; everything else degrades
      for (const z of br.zones) for (const i of z.down) if (i.resource.stack.startsWith('Prod/')) expect(i.resource.type).toBe('AWS::EC2::NatGateway');
      expect(br.zones.every((z) => z.degraded.some((i) => i.resource.stack.startsWith('Prod/')))).toBe(true);
      expect(worst.down.some((i) => i.aspect === 'egress')).toBe(true);
      expect(result.findings.some((f) => f.ruleId === 'ZL101')).toBe(true);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('public template corpus', () => {
  // ../shared/corpus beside the repository (as in CI); missing corpus is a failure, not a skip
  const corpus = path.join(CORPUS, 'aws-cloudformation-templates');
  const run = test;

  function templates(dir: string, out: string[] = []): string[] {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) templates(p, out);
      else if (/\.(ya?ml|json|template)$/.test(e.name)) out.push(p);
    }
    return out;
  }

  run('every template: the blast radius is computed without a crash and is consistent', () => {
    let analysed = 0;
    for (const file of templates(corpus)) {
      let result;
      try {
        result = lintPaths([file]);
      } catch (e) {
        if ((e as Error).name === 'InputError') continue; // not a template, or rejected as CloudFormation would
        throw new Error(`${file}: ${(e as Error).message}`);
      }
      const br = computeBlastRadius(result.model);
      analysed++;
      for (const z of br.zones) {
        expect(z.counts.down).toBe(z.down.length);
        for (const i of [...z.down, ...z.degraded]) expect(i.chain.length).toBeGreaterThan(0);
      }
      for (let k = 1; k < br.zones.length; k++) expect(br.zones[k - 1].counts.down).toBeGreaterThanOrEqual(br.zones[k].counts.down);
    }
    expect(analysed).toBeGreaterThan(200);
  });

  run('templates with a NAT gateway per zone show no NAT finding, and their private routes are resolved', () => {
    const perZone = ['ECS/FargateLaunchType/clusters/private-vpc.yaml', 'ECS/EC2LaunchType/clusters/private-vpc.yaml', 'VPC/VPC_With_Managed_NAT_And_Private_Subnet.yaml', 'EKS/template.yaml', 'RainModules/vpc.yml', 'Solutions/GitLab/GitLabServer-pkg.yaml'];
    for (const rel of perZone) {
      const result = lintPaths([path.join(corpus, rel)]);
      expect({ rel, zl101: result.findings.filter((f) => f.ruleId === 'ZL101').length }).toEqual({ rel, zl101: 0 });
      const g = dependencyGraph(result.model);
      // each private subnet's default route reaches a NAT gateway in the subnet's own zone
      let sameZone = 0;
      for (const s of result.model.ofType('AWS::EC2::Subnet')) {
        for (const r of g.defaultRoutes(s)) {
          if (r.target?.type !== 'AWS::EC2::NatGateway') continue;
          const p = result.model.placement(r.target);
          expect(p.kind).toBe('zonal');
          if (p.kind === 'zonal') expect(p.zones[0].key).toBe(g.subnetZone(s)!.key);
          sameZone++;
        }
      }
      expect({ rel, sameZone: sameZone >= 2 }).toEqual({ rel, sameZone: true });
      // losing a zone takes that zone's NAT gateway, but no other zone's egress
      const br = computeBlastRadius(result.model);
      for (const z of br.zones) expect(z.down.filter((i) => i.aspect === 'egress')).toEqual([]);
    }
  });
});

describe('inspection routes (rules/vpc/route-cross-zone-target/fixtures/bad.yaml)', () => {
  const result = lintPaths([path.join(root, 'rules', 'vpc', 'route-cross-zone-target', 'fixtures', 'bad.yaml')]);
  const br = computeBlastRadius(result.model);

  test('a route to a firewall endpoint picked out of EndpointIds, or to a GWLB endpoint, loses egress with the endpoint zone', () => {
    expect(sets(br)['AZ[0]'].down).toEqual(['Firewall', 'InspectedB:egress', 'InspectionEndpointA', 'WorkloadB:egress']);
    expect(chainText(br, 'AZ[0]', 'WorkloadB', 'egress')).toBe('default route via Network Firewall endpoint Firewall in AZ[0] ← its subnet FirewallSubnetA is in AZ[0]');
  });

  test('IPv6 default routes are edges of their own: listed on request, never part of IPv4 egress', () => {
    const g = dependencyGraph(result.model);
    const subnet = result.model.resources.find((r) => r.logicalId === 'InspectedB')!;
    expect(g.defaultRoutes(subnet).map((r) => r.route.logicalId)).toEqual(['InspectedDefaultB']);
    expect(g.defaultRoutes(subnet, true).map((r) => `${r.route.logicalId}${r.ipv6 ? ' (IPv6)' : ''}`).sort()).toEqual(['ApplianceIpv6DefaultB (IPv6)', 'InspectedDefaultB']);
  });
});
