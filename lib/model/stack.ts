import type { StackInput } from '../load/stack-input';
import { Resolver } from './resolve';
import { Resource } from './resource';
import { ZoneList } from './values';
import { indexedZone } from './zones';
import type { Model } from './model';

/** One CloudFormation stack of the input, with its resources and the context intrinsics are evaluated in. */
export class Stack {
  readonly resources = new Map<string, Resource>();
  readonly resolver: Resolver;
  readonly parameters: Record<string, Record<string, unknown>>;
  readonly mappings: Record<string, unknown>;
  readonly conditions: Record<string, unknown>;
  readonly outputs: Record<string, Record<string, unknown>>;
  /** Set for nested stacks, after all stacks are built. */
  parent?: { stack: Stack; resource: Resource };
  /** Logical ids of the resources whose Properties call Fn::GetAZs; set by validation (validate.ts), which walks every node. */
  getAzsResources: ReadonlySet<string> = new Set();
  private readonly zoneLists = new Map<string, ZoneList>();

  constructor(
    readonly model: Model,
    readonly input: StackInput,
  ) {
    const t = input.template;
    this.parameters = objectOf(t.Parameters) as Record<string, Record<string, unknown>>;
    this.mappings = objectOf(t.Mappings);
    this.conditions = objectOf(t.Conditions);
    this.outputs = objectOf(t.Outputs) as Record<string, Record<string, unknown>>;
    this.resolver = new Resolver(this);
    const resources = objectOf(t.Resources);
    for (const logicalId in resources) {
      if (logicalId.startsWith('Fn::ForEach::')) continue;
      this.resources.set(logicalId, new Resource(this, logicalId, resources[logicalId] as Record<string, unknown>));
    }
  }

  get id(): string {
    return this.input.id;
  }

  get name(): string {
    return this.input.name;
  }

  get file(): string {
    return this.input.source.file;
  }

  get region(): string | undefined {
    return this.input.region;
  }

  get account(): string | undefined {
    return this.input.account;
  }

  /** Whether the template declares a transform (SAM, Include…) that adds resources CloudFormation creates itself. */
  get hasTransform(): boolean {
    return this.input.template.Transform !== undefined;
  }

  /** The zone list `Fn::GetAZs` returns for a region (the stack's own when none is given). */
  zoneList(region: string | undefined): ZoneList {
    const key = region ?? '';
    let list = this.zoneLists.get(key);
    if (!list) {
      const names = region && region === this.region ? this.input.zoneNames : undefined;
      const prefix = region ?? 'AZ';
      list = new ZoneList(region ? `Fn::GetAZs(${region})` : 'Fn::GetAZs', (i) => indexedZone(prefix, i, names));
      this.zoneLists.set(key, list);
    }
    return list;
  }
}

function objectOf(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
