// ZL404 judges each attribute with CloudFormation's documented defaults, and never a live scan (no policies there).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lintPaths } from '../../../lib/lint';

const bad = path.join(__dirname, 'fixtures', 'bad.yaml');

function zl404(file: string) {
  return lintPaths([file]).findings.filter((f) => f.ruleId === 'ZL404' && !f.suppressed);
}

test('one finding per attribute that destroys data, at that attribute', () => {
  const byResource = new Map<string, string[]>();
  for (const f of zl404(bad)) byResource.set(f.resource.logicalId, [...(byResource.get(f.resource.logicalId) ?? []), f.location!.path.split('.').pop()!].sort());
  // Neither attribute: both default to Delete.
  expect(byResource.get('Volume')).toEqual(['DeletionPolicy', 'UpdateReplacePolicy']);
  // A standalone DB instance defaults to DeletionPolicy Snapshot, but UpdateReplacePolicy to Delete.
  expect(byResource.get('DbNoReplacePolicy')).toEqual(['UpdateReplacePolicy']);
  // An RDS cluster with DeletionPolicy Snapshot written and no UpdateReplacePolicy.
  expect(byResource.get('Cluster')).toEqual(['UpdateReplacePolicy']);
  // Snapshot on a type that cannot be snapshotted deletes.
  expect(byResource.get('SnapshotOnEfs')).toEqual(['UpdateReplacePolicy']);
  // Fn::If evaluated with the parameter defaults.
  expect(byResource.get('FromCondition')).toEqual(['DeletionPolicy']);
});

test('findings point at the attribute line when it is written, at the resource when it is not', () => {
  const findings = zl404(bad);
  const explicit = findings.find((f) => f.resource.logicalId === 'Table' && f.location!.path.endsWith('DeletionPolicy'))!;
  const implicit = findings.find((f) => f.resource.logicalId === 'Volume' && f.location!.path.endsWith('DeletionPolicy'))!;
  const text = fs.readFileSync(bad, 'utf8').split('\n');
  expect(text[explicit.location!.line! - 1]).toMatch(/DeletionPolicy: Delete/);
  expect(text[implicit.location!.line! - 1]).toMatch(/^\s+Volume:/);
  expect(explicit.message).toMatch(/DeletionPolicy is Delete:/);
  expect(implicit.message).toMatch(/DeletionPolicy is not set, so CloudFormation's default Delete applies/);
});

test('the fix offers Snapshot only for types that have it, for a template and for a CDK app', () => {
  const fixOf = (findings: ReturnType<typeof zl404>, id: string) => findings.find((f) => f.resource.logicalId === id && f.location!.path.endsWith('DeletionPolicy'))?.fix;
  const fromTemplate = zl404(bad);
  expect(fixOf(fromTemplate, 'Volume')).toBe('set DeletionPolicy and UpdateReplacePolicy to Snapshot (databases, volumes, caches, Redshift) or Retain');
  expect(fixOf(fromTemplate, 'Table')).toBe('set DeletionPolicy and UpdateReplacePolicy to Retain (AWS::DynamoDB::Table has no Snapshot policy)');
  // a CDK-synthesized template (construct paths): RemovalPolicy.SNAPSHOT would write a policy CloudFormation rejects for EFS
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zonelint-zl404-cdk-'));
  try {
    const file = path.join(dir, 'App.template.json');
    const resource = (type: string, id: string) => ({ Type: type, DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete', Metadata: { 'aws:cdk:path': `App/${id}/Resource` } });
    fs.writeFileSync(file, JSON.stringify({ Resources: { Files: resource('AWS::EFS::FileSystem', 'Files'), Disk: { ...resource('AWS::EC2::Volume', 'Disk'), Properties: { AvailabilityZone: 'us-east-1a', Size: 10 } } } }, null, 1));
    const fromCdk = zl404(file);
    expect(fixOf(fromCdk, 'Files')).toBe('pass removalPolicy: RemovalPolicy.RETAIN instead of DESTROY (it sets both attributes; AWS::EFS::FileSystem has no Snapshot policy)');
    expect(fixOf(fromCdk, 'Disk')).toBe('pass removalPolicy: RemovalPolicy.SNAPSHOT (databases, volumes, caches, Redshift) or RemovalPolicy.RETAIN instead of DESTROY (it sets both attributes)');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a live inventory has no CloudFormation policies: nothing is reported', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zonelint-zl404-'));
  try {
    const inventory = {
      format: 'zonelint-inventory',
      version: 1,
      tool: { name: 'zonelint', version: '0.0.0' },
      scannedAt: '2026-01-01T00:00:00Z',
      failures: [],
      scopes: [
        {
          account: '123456789012',
          region: 'us-east-1',
          partition: 'aws',
          scannedAt: '2026-01-01T00:00:00Z',
          zones: [{ name: 'us-east-1a', id: 'use1-az1' }],
          services: ['ec2', 'rds', 'efs'],
          gaps: [],
          data: {
            volumes: [{ id: 'vol-1', zone: 'us-east-1a', sizeGiB: 100, tags: {}, attachments: [] }],
            dbInstances: [{ id: 'orders', engine: 'postgres', multiAz: true, zone: 'us-east-1a', backupRetentionDays: 7 }],
            fileSystems: [{ id: 'fs-1', tags: {} }],
          },
        },
      ],
    };
    const file = path.join(dir, 'inventory.json');
    fs.writeFileSync(file, JSON.stringify(inventory));
    const result = lintPaths([file]);
    // The resources are there (other rules see them), but ZL404 stays silent.
    expect(result.model.ofType('AWS::EC2::Volume', 'AWS::RDS::DBInstance', 'AWS::EFS::FileSystem')).toHaveLength(3);
    expect(result.findings.filter((f) => f.ruleId === 'ZL404')).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
