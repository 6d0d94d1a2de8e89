import type { Stack } from './stack';
import { NodePath } from '../load/source';
import { recordOf } from '../catalog';

/** Dotted property paths (`VpcConfig.SubnetIds`) split once: rules use a handful of distinct ones. */
const SPLIT_PATHS = new Map<string, string[]>();

/** One resource of a stack. Properties are resolved (intrinsics evaluated) on first access. */
export class Resource {
  readonly type: string;
  private resolved?: Record<string, unknown>;
  /** @internal Model.placement's cache (a field, not a Map: the blast radius asks millions of times). */
  placementCache?: import('./placement').Placement;
  /** @internal Set while Model.placement computes this resource's placement (a cycle is then reported as unknown). */
  placementInProgress = false;

  constructor(
    readonly stack: Stack,
    readonly logicalId: string,
    /** The resource entry exactly as written in the template (Type, Properties, Metadata, policies…). */
    readonly raw: Record<string, unknown>,
  ) {
    this.type = raw.Type as string;
  }

  /** Unique across the input: `<stack id>::<logical id>`. */
  get id(): string {
    return `${this.stack.id}::${this.logicalId}`;
  }

  get constructPath(): string | undefined {
    return this.stack.input.constructPaths.get(this.logicalId);
  }

  /** Short name for messages: the construct path without its stack and the trailing `/Resource`, or the logical id. */
  get label(): string {
    // cached: messages and the blast-radius chains ask for it once per zone
    if (this.cachedLabel !== undefined) return this.cachedLabel;
    const p = this.constructPath;
    if (!p) return (this.cachedLabel = this.logicalId);
    const stackPrefix = this.stack.input.constructPath ? `${this.stack.input.constructPath}/` : '';
    const rel = stackPrefix && p.startsWith(stackPrefix) ? p.slice(stackPrefix.length) : p;
    return (this.cachedLabel = rel.replace(/\/(Resource|Default)$/, '') || this.logicalId);
  }

  private cachedLabel?: string;

  /** Template path of this resource, e.g. ['Resources', 'Db']. */
  get path(): NodePath {
    return ['Resources', this.logicalId];
  }

  get rawProperties(): Record<string, unknown> {
    const p = this.raw.Properties;
    return p && typeof p === 'object' && !Array.isArray(p) ? (p as Record<string, unknown>) : {};
  }

  /** Properties with every intrinsic function resolved (see Resolver). */
  get properties(): Record<string, unknown> {
    if (!this.resolved) {
      const r = this.stack.resolver.resolve(this.rawProperties);
      this.resolved = r && typeof r === 'object' && !Array.isArray(r) ? (r as Record<string, unknown>) : {};
    }
    return this.resolved;
  }

  /** A resolved property by dotted path (`VpcConfig.SubnetIds`); undefined when absent. */
  get(path: string): unknown {
    // Rules call this in their inner loops: no allocation for a plain name, split paths cached.
    const props = this.resolved ?? this.properties;
    if (path.indexOf('.') === -1) return props[path];
    let parts = SPLIT_PATHS.get(path);
    if (!parts) {
      parts = path.split('.');
      SPLIT_PATHS.set(path, parts);
    }
    let v: unknown = props;
    for (const part of parts) {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
      v = (v as Record<string, unknown>)[part];
    }
    return v;
  }

  /** Whether the template sets the property at all (before resolution). */
  has(name: string): boolean {
    return this.rawProperties[name] !== undefined;
  }

  /** Effective DeletionPolicy (what CloudFormation does when the resource is deleted). */
  get deletionPolicy(): string | undefined {
    return this.policy('DeletionPolicy');
  }

  /** Effective UpdateReplacePolicy (what happens to the old resource when an update replaces it). */
  get updateReplacePolicy(): string | undefined {
    return this.policy('UpdateReplacePolicy');
  }

  /**
   * Whether CloudFormation creates the resource: true without a `Condition`, else the condition evaluated with
   * parameter defaults; undefined when that cannot be decided before deployment.
   */
  get created(): boolean | undefined {
    const cond = this.raw.Condition;
    if (cond === undefined) return true;
    if (typeof cond !== 'string') return undefined;
    const v = this.stack.resolver.condition(cond);
    return typeof v === 'boolean' ? v : undefined;
  }

  /** Whether the policy attribute is written in the template, as opposed to CloudFormation's default. */
  policyIsExplicit(attribute: 'DeletionPolicy' | 'UpdateReplacePolicy'): boolean {
    return this.raw[attribute] !== undefined;
  }

  private policy(attribute: 'DeletionPolicy' | 'UpdateReplacePolicy'): string | undefined {
    const raw = this.raw[attribute];
    // CloudFormation's defaults: Delete, except the DeletionPolicy of the types whose catalog record says otherwise
    // (RDS DB clusters and DB instances outside a cluster: Snapshot); UpdateReplacePolicy is always Delete
    if (raw === undefined) return attribute === 'DeletionPolicy' ? (recordOf(this.type)?.policies?.defaultDeletion?.(this) ?? 'Delete') : 'Delete';
    const v = this.stack.resolver.resolve(raw);
    return typeof v === 'string' ? v : undefined;
  }

  /** Tags as a plain map (CloudFormation list form `[{Key, Value}]` or map form). Unresolvable values are skipped. */
  get tags(): Map<string, string> {
    const out = new Map<string, string>();
    const t = this.get('Tags');
    if (Array.isArray(t)) {
      for (const item of t) {
        const kv = item as Record<string, unknown>;
        if (typeof kv?.Key === 'string' && (typeof kv.Value === 'string' || typeof kv.Value === 'number')) out.set(kv.Key, String(kv.Value));
      }
    } else if (t && typeof t === 'object') {
      for (const [k, v] of Object.entries(t as Record<string, unknown>)) if (typeof v === 'string') out.set(k, v);
    }
    return out;
  }

  /** The zonelint section of the resource's Metadata (`Metadata: { zonelint: { suppress: [...] } }`). */
  get zonelintMetadata(): Record<string, unknown> | undefined {
    const m = this.raw.Metadata as Record<string, unknown> | undefined;
    const z = m?.zonelint;
    return z && typeof z === 'object' && !Array.isArray(z) ? (z as Record<string, unknown>) : undefined;
  }
}
