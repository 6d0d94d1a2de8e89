import { defineRule } from '../../../lib/engine/types';
import { SUBNET_PROPERTIES, ZONE_PROPERTIES } from '../../../lib/catalog';
import { subnetsOf } from '../../../lib/model/placement';
import type { Resource } from '../../../lib/model/resource';
import type { Stack } from '../../../lib/model/stack';
import { Unknown, asNumber, asString } from '../../../lib/model/values';
import { MAX_REGION_ZONES, MIN_REGION_ZONES, regionZoneCount, regionsWithMoreZonesThan } from '../../../lib/model/zones';

const ZONE_NAME = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d+[a-z]$/;

function isSelect(v: unknown): boolean {
  return !!v && typeof v === 'object' && !Array.isArray(v) && 'Fn::Select' in (v as Record<string, unknown>);
}

/** Literal zone names in a raw property value (a string or a list of strings). */
function literalZones(v: unknown): string[] {
  const items = Array.isArray(v) ? v : [v];
  return items.filter((x): x is string => typeof x === 'string' && ZONE_NAME.test(x));
}

/** The raw values at a property path (`*` steps into each list element), with their paths below `path`. */
function rawAt(v: unknown, parts: readonly string[], path: string): Array<{ value: unknown; path: string }> {
  if (!parts.length) return v === undefined ? [] : [{ value: v, path }];
  const [head, ...rest] = parts;
  if (head === '*') return Array.isArray(v) ? v.flatMap((x, i) => rawAt(x, rest, `${path}.${i}`)) : [];
  if (!v || typeof v !== 'object' || Array.isArray(v)) return [];
  return rawAt((v as Record<string, unknown>)[head], rest, `${path}.${head}`);
}

/** Whether a template is written to be deployed in more than one region (it asks for or computes the region). */
function regionPortable(stack: Stack): string | undefined {
  for (const name of Object.keys(stack.parameters)) if (/region/i.test(name)) return `takes a parameter ${name}`;
  const text = JSON.stringify(stack.input.template.Resources ?? {});
  if (text.includes('"AWS::Region"') || text.includes('${AWS::Region}')) return 'uses AWS::Region';
  if (text.includes('"Fn::GetAZs"')) return "uses Fn::GetAZs for other zones";
  return undefined;
}

/**
 * Indexes of `Fn::Select [i, Fn::GetAZs …]` in a raw template fragment. Stops early (returns true) at the first index
 * other than 0 and 1: the stack then uses more than two zones, and the other indexes do not matter.
 */
function getAzIndexes(v: unknown, out: Set<number>): boolean {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (getAzIndexes(v[i], out)) return true;
  } else if (v && typeof v === 'object') {
    const obj = v as Record<string, unknown>;
    const sel = obj['Fn::Select'];
    if (Array.isArray(sel) && sel.length === 2 && sel[1] && typeof sel[1] === 'object' && 'Fn::GetAZs' in (sel[1] as object)) {
      const i = Number(sel[0]);
      if (Number.isInteger(i)) {
        out.add(i);
        if (i !== 0 && i !== 1) return true;
      }
    }
    for (const k in obj) if (getAzIndexes(obj[k], out)) return true; // a plain mapping: no list of its values per node
  }
  return false;
}

/**
 * Whether the author passed maxAzs or availabilityZones to the ec2.Vpc a VPC resource belongs to, as CDK records it
 * (construct property metadata: names only, values redacted; only with @aws-cdk/core:enableAdditionalMetadataCollection
 * on). Nothing recorded: false, as the template alone cannot tell an explicit maxAzs: 2 from the cut default.
 */
function zonesChosen(stack: Stack, vpc: Resource): boolean {
  const path = vpc.constructPath;
  if (!path) return false;
  const recorded = stack.input.constructProperties?.();
  const props = recorded?.get(path.replace(/\/Resource$/, '')) ?? recorded?.get(path);
  return !!props && (props.has('maxAzs') || props.has('availabilityZones'));
}

/** A `Fn::Select [index, Fn::GetAZs region]` in a resource's properties: its path, index and raw region argument. */
interface ZoneSelect {
  readonly path: string;
  readonly index: unknown;
  readonly region: unknown;
}

/**
 * Every `Fn::Select` of `Fn::GetAZs` in a raw template fragment, with its path below `path`. Walks every node of every
 * resource: the keys down to the current node are kept on one stack, and a path string is built only for a hit.
 */
function zoneSelects(v: unknown, path: string, out: ZoneSelect[], keys: Array<string | number> = []): ZoneSelect[] {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      keys.push(i);
      zoneSelects(v[i], path, out, keys);
      keys.pop();
    }
  } else if (v && typeof v === 'object') {
    const obj = v as Record<string, unknown>;
    const sel = obj['Fn::Select'];
    if (Array.isArray(sel) && sel.length === 2 && sel[1] && typeof sel[1] === 'object' && 'Fn::GetAZs' in (sel[1] as object)) {
      out.push({ path: keys.length ? `${path}.${keys.join('.')}` : path, index: sel[0], region: (sel[1] as Record<string, unknown>)['Fn::GetAZs'] });
    }
    for (const k in obj) {
      const x = obj[k];
      if (!x || typeof x !== 'object') continue; // a scalar holds no Fn::Select
      keys.push(k);
      zoneSelects(x, path, out, keys);
      keys.pop();
    }
  }
  return out;
}

/**
 * Why index `i` of Fn::GetAZs fails, or undefined when it may not: in a known region, beyond its zones (the account's
 * own zone list when CDK recorded it); in an unknown one, beyond the three zones AWS guarantees.
 */
function beyondZones(stack: Stack, i: number, region: string | undefined): string | undefined {
  if (region) {
    const recorded = region === stack.region ? stack.input.zoneNames : undefined;
    const n = recorded?.length ?? regionZoneCount(region);
    if (i < n) return undefined;
    const has = recorded ? `the account has ${n} Availability Zones there (recorded by CDK)` : `it has ${n} Availability Zones`;
    return `in ${region}, but ${has}, indexes 0 to ${n - 1}: CloudFormation cannot select index ${i} and the stack fails to deploy there`;
  }
  if (i < MIN_REGION_ZONES) return undefined;
  if (i >= MAX_REGION_ZONES) return `of the stack's region, but no Region has more than ${MAX_REGION_ZONES} Availability Zones: the stack fails to deploy in every Region`;
  const more = regionsWithMoreZonesThan(i);
  return (
    `of the stack's region, which the template does not fix: AWS guarantees ${MIN_REGION_ZONES} Availability Zones per Region (indexes 0 to ${MIN_REGION_ZONES - 1}), ` +
    `so the stack fails to deploy in every Region with fewer than ${i + 1} (of the Regions zonelint knows, only ${more.join(', ')} ${more.length === 1 ? 'has' : 'have'} more)`
  );
}

export default defineRule({
  id: 'ZL902',
  slug: 'zone-resolution-traps',
  service: 'cross',
  title: 'Zone-resolution traps: subnets from the same Fn::Select index, hard-coded zone names, Fn::GetAZs indexes beyond the region\'s zones, two-zone CDK stacks without account or region',
  severity: 'warning',
  scope: 'graph',
  resourceTypes: ['AWS::EC2::Subnet', 'AWS::EC2::VPC', ...Object.keys(ZONE_PROPERTIES)],
  rationale:
    'Templates often look multi-AZ and are not: two subnets copied from one another keep the same Fn::Select index ' +
    'and land in the same zone; a zone name written into a template meant for any region breaks or pins everything ' +
    'to one zone elsewhere; an Fn::Select index past the region\'s zones fails the deployment; and a CDK stack without ' +
    'both an account and a region in its environment gets only two zones.',
  fix: {
    cloudformation: 'give each subnet its own Fn::Select index of Fn::GetAZs, and name zones through Fn::GetAZs or an AWS::EC2::AvailabilityZone::Name parameter instead of literals',
    cdk: "set the stack's env ({ account, region }) so that ec2.Vpc can use three zones (maxAzs: 3), and never pass literal zone names to a stack meant for several regions",
  },
  check(ctx) {
    // (a) subnets used together that resolve to the same Fn::Select index
    for (const r of ctx.model.resources) {
      if (!SUBNET_PROPERTIES[r.type] || r.type === 'AWS::EC2::SubnetRouteTableAssociation') continue;
      const subnets = subnetsOf(r).filter((s): s is Resource => !(s instanceof Unknown) && s.type === 'AWS::EC2::Subnet');
      if (subnets.length < 2) continue;
      const byKey = new Map<string, Resource>();
      for (const s of subnets) {
        if (!isSelect(s.rawProperties.AvailabilityZone)) continue;
        const p = ctx.model.placement(s);
        if (p.kind !== 'zonal' || p.zones.length !== 1) continue;
        const first = byKey.get(p.zones[0].key);
        if (!first) {
          byKey.set(p.zones[0].key, s);
          continue;
        }
        if (first === s) continue;
        ctx.report({
          resource: s,
          path: 'Properties.AvailabilityZone',
          key: first.logicalId,
          message:
            `Subnets ${first.label} and ${s.label} both take zone ${p.zones[0].label} from the same Fn::Select index, and ${r.label} uses them together: ` +
            `it looks like two zones but is one, and losing it takes down all of ${r.label}.`,
          related: [
            { resource: first, role: 'same-zone subnet' },
            { resource: r, role: 'uses both subnets' },
          ],
        });
      }
    }
    for (const stack of ctx.model.stacks) {
      // (d) Fn::Select indexes of Fn::GetAZs beyond the region's zones: the deployment fails (only resources that
      // call Fn::GetAZs at all, as the model's validation walk found them, are walked again)
      for (const id of stack.getAzsResources) {
        const r = stack.resources.get(id);
        if (!r || r.created === false) continue; // not created with the parameter defaults
        for (const sel of zoneSelects(r.rawProperties, 'Properties', [])) {
          const i = asNumber(stack.resolver.resolve(sel.index));
          if (i === undefined || !Number.isInteger(i)) continue; // an index only known at deployment: never guessed
          const arg = stack.resolver.resolve(sel.region);
          if (arg instanceof Unknown) continue;
          const region = asString(arg) || stack.region;
          const why = beyondZones(stack, i, region);
          if (!why) continue;
          ctx.report({
            resource: r,
            path: sel.path,
            key: `select:${sel.path}`,
            message: `${r.label} takes zone index ${i} of Fn::GetAZs ${why}.`,
            fix: `use an index below the region's zone count (0 to ${MIN_REGION_ZONES - 1} work in every Region), or take the zones from a List<AWS::EC2::AvailabilityZone::Name> parameter`,
          });
        }
      }
      // (b) hard-coded zone names in a template meant for any region
      if (stack.input.origin === 'template') {
        const portable = regionPortable(stack);
        if (portable) {
          for (const r of stack.resources.values()) {
            for (const { value, path } of ZONE_PROPERTIES[r.type]?.flatMap((prop) => rawAt(r.rawProperties, prop.split('.'), 'Properties')) ?? []) {
              const names = literalZones(value);
              if (!names.length) continue;
              ctx.report({
                resource: r,
                path,
                message:
                  `${r.label} names zone${names.length > 1 ? 's' : ''} ${names.join(', ')} literally, in a template that ${portable}: ` +
                  `deployed to another region the stack fails, and zone names map to different physical zones in each account.`,
                fix: "take the zone from Fn::Select over Fn::GetAZs, from a subnet (!GetAtt Subnet.AvailabilityZone) or from an AWS::EC2::AvailabilityZone::Name parameter",
              });
            }
          }
        }
      }
      // (c) a CDK stack without a concrete account and region: Fn::GetAZs indexes 0 and 1 only
      if (stack.input.origin === 'assembly' && (!stack.region || !stack.account)) {
        const indexes = new Set<number>();
        getAzIndexes(stack.input.template.Resources, indexes);
        if (indexes.size !== 2 || !indexes.has(0) || !indexes.has(1)) continue;
        const resources = [...stack.resources.values()];
        const vpcs = resources.filter((r) => r.type === 'AWS::EC2::VPC');
        const why = !stack.region && !stack.account ? 'is environment-agnostic (no account/region)' : !stack.account ? `has a region (${stack.region}) but no account` : `has an account but no region`;
        for (const vpc of vpcs.length ? vpcs : resources.filter((r) => r.type === 'AWS::EC2::Subnet').slice(0, 1)) {
          if (zonesChosen(stack, vpc)) continue; // maxAzs or availabilityZones passed: two zones are the author's choice
          ctx.report({
            resource: vpc,
            severity: 'info',
            key: 'env-agnostic',
            message:
              `Stack ${stack.name} ${why}, so CDK cannot look up the region's zones and uses only two ` +
              `(Fn::GetAZs indexes 0 and 1), even in regions with three or more: losing one zone leaves half the capacity instead of two thirds.`,
            fix: stack.region && !stack.account ? `add the account to the stack's env ({ account, region: '${stack.region}' }) and maxAzs: 3 on the VPC` : "set the stack's env ({ account, region }) and maxAzs: 3 on the VPC",
          });
        }
      }
    }
  },
});
