import type { LoadResult } from '../load/stack-input';
import { Placement, computePlacement } from './placement';
import { Resource } from './resource';
import { Stack } from './stack';
import { validateStack } from './validate';
import { ResourceRef, Unknown } from './values';
import { type Zone, uniqueZones, zone } from './zones';

/** The zones the input shows in a stack's region (Model.regionZones). */
export interface RegionZones {
  /** Sorted, distinct. */
  readonly zones: readonly Zone[];
  /** True when they are the zone names CDK recorded for the stack's account and region (what Fn::GetAZs returns there). */
  readonly recorded: boolean;
}

/**
 * The resource graph every rule and the blast-radius analysis read: all stacks of the input (nested stacks and Stage
 * sub-assemblies included), their resources, references between them, and each resource's zone placement, resolved
 * once and centrally.
 */
export class Model {
  readonly stacks: Stack[] = [];
  readonly resources: Resource[] = [];
  private readonly byType = new Map<string, Resource[]>();
  private exports?: Map<string, { stack: Stack; value: unknown }>;
  private referrers?: Map<Resource, Resource[]>;
  private readonly regionZonesOf = new Map<Stack, RegionZones>();

  /** Resources of the given types, in input order. */
  ofType(...types: string[]): Resource[] {
    if (types.length === 1) return this.byType.get(types[0]) ?? [];
    return types.flatMap((t) => this.byType.get(t) ?? []);
  }

  /** Where a resource runs (see Placement). Cached; a cycle through placement is reported as unknown. */
  placement(r: Resource): Placement {
    const cached = r.placementCache;
    if (cached) return cached;
    if (r.placementInProgress) return { kind: 'unknown', reason: `placement of ${r.logicalId} depends on itself` };
    r.placementInProgress = true; // a field, not a Set: one add and delete per resource made the Set reallocate
    let p: Placement;
    try {
      p = computePlacement(this, r);
    } finally {
      r.placementInProgress = false;
    }
    r.placementCache = p;
    return p;
  }

  /** Overrides the computed placement, for sources that know it for a fact (a live scan). */
  setPlacement(r: Resource, p: Placement): void {
    r.placementCache = p;
  }

  /** Resources whose properties refer to `target` (Ref, GetAtt, or an import of its export). */
  referencesTo(target: Resource): Resource[] {
    if (!this.referrers) {
      const index = new Map<Resource, Resource[]>();
      const targets = new Set<Resource>(); // one set, cleared per resource
      for (const r of this.resources) {
        targets.clear();
        for (const t of referencedResources(r.properties, targets)) {
          const list = index.get(t);
          if (list) {
            if (list[list.length - 1] !== r) list.push(r);
          } else index.set(t, [r]);
        }
      }
      this.referrers = index;
    }
    return this.referrers.get(target) ?? [];
  }

  /** Value of a stack output exported under `name` anywhere in the input (for Fn::ImportValue). */
  resolveExport(name: string, depth: number): unknown {
    if (!this.exports) {
      this.exports = new Map();
      for (const stack of this.stacks) {
        for (const out of Object.values(stack.outputs)) {
          const exportName = (out?.Export as Record<string, unknown> | undefined)?.Name;
          if (exportName === undefined) continue;
          const resolved = stack.resolver.resolve(exportName);
          if (typeof resolved === 'string') this.exports.set(resolved, { stack, value: out.Value });
        }
      }
    }
    const e = this.exports.get(name);
    if (!e) return undefined;
    if (depth > 16) return new Unknown(`export ${name} imports itself`);
    return e.stack.resolver.resolve(e.value, depth + 1);
  }

  /**
   * The Availability Zones the input shows in a stack's region: the zone names CDK recorded for the stack's account and
   * region when it did (the account's own list), else the zones the stack's resources are placed in (a lower bound).
   * The one answer for rules that judge a spread against what the region offers: a region's zone count is never
   * guessed from its name, since an account can see fewer zones than the region has.
   */
  regionZones(stack: Stack): RegionZones {
    let known = this.regionZonesOf.get(stack);
    if (!known) {
      const names = stack.input.zoneNames;
      if (names?.length) known = { zones: uniqueZones(names.map((n) => zone(n))), recorded: true };
      else {
        const placed: Zone[] = [];
        for (const r of stack.resources.values()) {
          const p = this.placement(r);
          if (p.kind === 'zonal') for (const z of p.zones) placed.push(z);
        }
        known = { zones: uniqueZones(placed), recorded: false };
      }
      this.regionZonesOf.set(stack, known);
    }
    return known;
  }

  stackById(id: string): Stack | undefined {
    return this.stacks.find((s) => s.id === id);
  }

  /** @internal */
  add(stack: Stack): void {
    this.stacks.push(stack);
    for (const r of stack.resources.values()) {
      this.resources.push(r);
      const list = this.byType.get(r.type);
      if (list) list.push(r);
      else this.byType.set(r.type, [r]);
    }
  }
}

/** Every resource a resolved value refers to. */
export function referencedResources(value: unknown, out: Set<Resource> = new Set()): Set<Resource> {
  if (value instanceof ResourceRef) out.add(value.target);
  else if (Array.isArray(value)) for (const v of value) referencedResources(v, out);
  else if (value && typeof value === 'object' && !(value instanceof Unknown)) {
    const obj = value as Record<string, unknown>;
    for (const k in obj) referencedResources(obj[k], out);
  }
  return out;
}

/** Builds the model from loaded stacks; validates each template (raises InputError on what CloudFormation rejects). */
export function buildModel(load: LoadResult): Model {
  const model = new Model();
  const byId = new Map<string, Stack>();
  for (const input of load.stacks) {
    const stack = new Stack(model, input);
    stack.getAzsResources = validateStack(stack).getAzsResources;
    model.add(stack);
    byId.set(input.id, stack);
  }
  for (const stack of model.stacks) {
    const parent = stack.input.parent;
    if (!parent) continue;
    const parentStack = byId.get(parent.stackId);
    const resource = parentStack?.resources.get(parent.logicalId);
    if (parentStack && resource) stack.parent = { stack: parentStack, resource };
  }
  return model;
}
