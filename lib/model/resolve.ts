import { NOT_READ, NO_VALUE, ResourceRef, Unknown, ZoneList, ZoneValue, asBoolean, asNumber, asString } from './values';
import { indexedZone, zone } from './zones';
import type { Stack } from './stack';
import type { Resource } from './resource';
import { rainValueReason } from '../load/rain';

/** Intrinsic functions CloudFormation knows (long form). Anything else in `Fn::` form is rejected as input error. */
export const INTRINSICS = new Set([
  'Ref',
  'Condition',
  'Fn::And',
  'Fn::Base64',
  'Fn::Cidr',
  'Fn::Equals',
  'Fn::FindInMap',
  'Fn::GetAtt',
  'Fn::GetAZs',
  'Fn::If',
  'Fn::ImportValue',
  'Fn::Join',
  'Fn::Length',
  'Fn::Not',
  'Fn::Or',
  'Fn::Select',
  'Fn::Split',
  'Fn::Sub',
  'Fn::ToJsonString',
  'Fn::Transform',
]);

/** Functions that only appear in a template's Rules section. */
export const RULE_FUNCTIONS = new Set(['Fn::Contains', 'Fn::EachMemberEquals', 'Fn::EachMemberIn', 'Fn::RefAll', 'Fn::ValueOf', 'Fn::ValueOfAll']);

const MAX_DEPTH = 64;

/**
 * Evaluates intrinsic functions in the context of one stack: parameters (by their defaults), pseudo parameters (with
 * the stack's region), mappings, conditions, zone lists, and cross-stack imports within the input. The result is plain
 * data where the template decides it, ResourceRef / ZoneValue / ZoneList where it names a resource or a zone, and
 * Unknown where deployment alone decides it.
 */
export class Resolver {
  private readonly conditionCache = new Map<string, boolean | Unknown>();
  private readonly conditionsInProgress = new Set<string>();

  constructor(private readonly stack: Stack) {}

  /**
   * The value with every intrinsic evaluated. Literal parts are shared with the template, not copied: a list or mapping
   * in which nothing resolves to something else is returned as it is (resolved values are read-only), which spares
   * the garbage collector a copy of every template on large inputs.
   */
  resolve(value: unknown, depth = 0): unknown {
    if (value === null || typeof value !== 'object') return value;
    if (depth > MAX_DEPTH) return new Unknown('expression nested too deeply');
    if (Array.isArray(value)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        const r = this.resolve(item, depth + 1);
        if (out) {
          if (r !== NO_VALUE) out.push(r);
        } else if (r !== item) {
          out = value.slice(0, i);
          if (r !== NO_VALUE) out.push(r);
        }
      }
      return out ?? value;
    }
    const obj = value as Record<string, unknown>;
    // keys are enumerated with for-in (no key list allocated per node: this runs for every node of every template)
    let first = '';
    let n = 0;
    for (const k in obj) {
      if (n++ === 0) first = k;
      else break;
    }
    if (n === 1 && (INTRINSICS.has(first) || first.startsWith('Fn::'))) {
      return this.intrinsic(first, obj[first], depth + 1);
    }
    // a Rain directive (Rain::Embed, Rain::S3…) in a Rain source template: only known once packaged (lib/load/rain.ts)
    if (n === 1 && first.startsWith('Rain::')) return new Unknown(rainValueReason(first, obj[first]));
    let out: Record<string, unknown> | undefined;
    for (const k in obj) {
      const v = obj[k];
      const r = this.resolve(v, depth + 1);
      if (out) {
        if (r !== NO_VALUE) out[k] = r;
      } else if (r !== v) {
        out = {};
        for (const j in obj) {
          if (j === k) break;
          out[j] = obj[j];
        }
        if (r !== NO_VALUE) out[k] = r;
      }
    }
    return out ?? obj;
  }

  /** Evaluates a named condition of the stack with parameter defaults. */
  condition(name: string): boolean | Unknown {
    const cached = this.conditionCache.get(name);
    if (cached !== undefined) return cached;
    if (this.conditionsInProgress.has(name)) return new Unknown(`condition ${name} refers to itself`);
    const def = this.stack.conditions[name];
    if (def === undefined) return new Unknown(`condition ${name} is not defined`);
    this.conditionsInProgress.add(name);
    const raw = this.resolve(def);
    this.conditionsInProgress.delete(name);
    const result = raw instanceof Unknown ? raw : (asBoolean(raw) ?? new Unknown(`condition ${name} is not a boolean`));
    this.conditionCache.set(name, result);
    return result;
  }

  private intrinsic(fn: string, arg: unknown, depth: number): unknown {
    switch (fn) {
      case 'Ref':
        return this.ref(arg);
      case 'Condition':
        return typeof arg === 'string' ? this.condition(arg) : new Unknown('Condition needs a name');
      case 'Fn::GetAtt':
        return this.getAtt(arg, depth);
      case 'Fn::GetAZs': {
        const region = asString(this.resolve(arg, depth)) || this.stack.region;
        return this.stack.zoneList(region);
      }
      case 'Fn::Select':
        return this.select(arg, depth);
      case 'Fn::If':
        return this.fnIf(arg, depth);
      case 'Fn::Equals': {
        const [a, b] = this.args(arg, 2, depth);
        if (a instanceof Unknown || b instanceof Unknown || a === undefined || b === undefined) return new Unknown('Fn::Equals of an unknown value');
        if (typeof a === 'object' || typeof b === 'object') return new Unknown('Fn::Equals of a reference');
        return String(a) === String(b);
      }
      case 'Fn::Not': {
        const [a] = this.args(arg, 1, depth);
        const b = asBoolean(a);
        return b === undefined ? new Unknown('Fn::Not of an unknown value') : !b;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        const items = Array.isArray(arg) ? arg.map((x) => asBoolean(this.resolve(x, depth))) : [];
        if (fn === 'Fn::And') return items.includes(false) ? false : items.every((x) => x === true) && items.length > 0 ? true : new Unknown('Fn::And of unknown values');
        return items.includes(true) ? true : items.every((x) => x === false) && items.length > 0 ? false : new Unknown('Fn::Or of unknown values');
      }
      case 'Fn::FindInMap':
        return this.findInMap(arg, depth);
      case 'Fn::Join': {
        const [delim, list] = this.args(arg, 2, depth);
        if (typeof delim !== 'string' || !Array.isArray(list)) return new Unknown('Fn::Join of unknown values');
        const parts = list.map(asString);
        return parts.every((p) => p !== undefined) ? parts.join(delim) : new Unknown('Fn::Join of unknown values');
      }
      case 'Fn::Split': {
        const [delim, s] = this.args(arg, 2, depth);
        return typeof delim === 'string' && typeof s === 'string' ? s.split(delim) : new Unknown('Fn::Split of an unknown value');
      }
      case 'Fn::Sub':
        return this.sub(arg, depth);
      case 'Fn::Length': {
        const v = this.resolve(arg, depth);
        return Array.isArray(v) ? v.length : new Unknown('Fn::Length of an unknown list');
      }
      case 'Fn::Base64': {
        const v = this.resolve(arg, depth);
        return typeof v === 'string' ? v : new Unknown('Fn::Base64 of an unknown value');
      }
      case 'Fn::ImportValue':
        return this.importValue(arg, depth);
      case 'Fn::Cidr':
        return new Unknown('Fn::Cidr is computed at deployment');
      case NOT_READ:
        // a live property whose API call failed or was refused (lib/load/inventory.ts): unknown, never a default
        return new Unknown(typeof arg === 'string' ? arg : 'not read by the live scan');
      case 'Fn::ToJsonString':
      case 'Fn::Transform':
        return new Unknown(`${fn} is computed at deployment`);
      default:
        return new Unknown(`${fn} is not evaluated`);
    }
  }

  private args(arg: unknown, n: number, depth: number): unknown[] {
    if (!Array.isArray(arg)) return new Array(n).fill(undefined);
    return arg.slice(0, n).map((a) => this.resolve(a, depth));
  }

  private ref(arg: unknown): unknown {
    if (typeof arg !== 'string') return new Unknown('Ref needs a name');
    switch (arg) {
      case 'AWS::NoValue':
        return NO_VALUE;
      case 'AWS::Region':
        return this.stack.region ?? new Unknown('the stack region is not known (environment-agnostic stack)');
      case 'AWS::AccountId':
        return this.stack.account ?? new Unknown('the account is not known');
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
      case 'AWS::StackId':
      case 'AWS::NotificationARNs':
        return new Unknown(`${arg} is known at deployment`);
    }
    const resource = this.stack.resources.get(arg);
    if (resource) return new ResourceRef(resource);
    const param = this.stack.parameters[arg];
    if (param) return this.parameterValue(arg, param);
    return new Unknown(`${arg} is not defined in this template`);
  }

  private parameterValue(name: string, param: Record<string, unknown>): unknown {
    const type = typeof param.Type === 'string' ? param.Type : 'String';
    const def = param.Default;
    const isList = type.startsWith('List<') || type === 'CommaDelimitedList';
    const parent = this.stack.parent;
    const passed = (parent?.resource.rawProperties.Parameters as Record<string, unknown> | undefined)?.[name];
    if (parent && passed !== undefined) {
      // a nested stack's parameter is whatever the parent passes in (often a Ref to a subnet of the parent)
      const v = parent.stack.resolver.resolve(passed);
      if (typeof v !== 'string') return v;
      if (type === 'List<AWS::EC2::AvailabilityZone::Name>') return v.split(',').map((z) => new ZoneValue(zone(z.trim())));
      if (type === 'AWS::EC2::AvailabilityZone::Name') return new ZoneValue(zone(v));
      return isList ? v.split(',').map((x) => x.trim()) : v;
    }
    if (type.startsWith('AWS::SSM::Parameter::')) return new Unknown(`parameter ${name} is read from SSM at deployment`);
    if (def === undefined || def === null) {
      if (type === 'List<AWS::EC2::AvailabilityZone::Name>') {
        return new ZoneList(`parameter ${name}`, (i) => indexedZone(name, i));
      }
      return new Unknown(`parameter ${name} has no default`);
    }
    if (isList) {
      const items = Array.isArray(def) ? def.map(String) : String(def).split(',').map((s) => s.trim());
      if (type === 'List<AWS::EC2::AvailabilityZone::Name>') return items.map((z) => new ZoneValue(zone(z)));
      return items;
    }
    if (type === 'AWS::EC2::AvailabilityZone::Name' && typeof def === 'string') return new ZoneValue(zone(def));
    return def;
  }

  private getAtt(arg: unknown, depth: number): unknown {
    let id: unknown;
    let attr: unknown;
    if (typeof arg === 'string') {
      const dot = arg.indexOf('.');
      [id, attr] = dot === -1 ? [arg, undefined] : [arg.slice(0, dot), arg.slice(dot + 1)];
    } else if (Array.isArray(arg)) {
      id = arg[0];
      attr = this.resolve(arg[1], depth);
    }
    if (typeof id !== 'string') return new Unknown('Fn::GetAtt needs a resource name');
    const resource = this.stack.resources.get(id);
    if (!resource) return new Unknown(`${id} is not defined in this template`);
    if (resource.type === 'AWS::CloudFormation::Stack' && typeof attr === 'string' && attr.startsWith('Outputs.')) {
      return this.nestedOutput(resource, attr.slice('Outputs.'.length), depth);
    }
    return new ResourceRef(resource, typeof attr === 'string' ? attr : undefined);
  }

  /** `Fn::GetAtt Nested.Outputs.X`: the value of output X of that nested stack, resolved in the nested stack. */
  private nestedOutput(resource: Resource, name: string, depth: number): unknown {
    const child = this.stack.model.stacks.find((s) => s.parent?.resource === resource);
    const output = child?.outputs[name];
    if (!child || !output) return new Unknown(`output ${name} of nested stack ${resource.logicalId} is not in the input`);
    if (depth > MAX_DEPTH) return new Unknown('nested stack outputs nest too deeply');
    return child.resolver.resolve(output.Value, depth + 1);
  }

  private select(arg: unknown, depth: number): unknown {
    if (!Array.isArray(arg) || arg.length !== 2) return new Unknown('Fn::Select needs an index and a list');
    const index = asNumber(this.resolve(arg[0], depth));
    const list = this.resolve(arg[1], depth);
    if (index === undefined || index < 0 || !Number.isInteger(index)) return new Unknown('Fn::Select with an unknown index');
    if (list instanceof ZoneList) return new ZoneValue(list.zoneAt(index));
    if (Array.isArray(list)) return index < list.length ? list[index] : new Unknown(`Fn::Select index ${index} is past the end of the list`);
    return new Unknown('Fn::Select from an unknown list');
  }

  private fnIf(arg: unknown, depth: number): unknown {
    if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') return new Unknown('Fn::If needs a condition and two values');
    const cond = this.condition(arg[0]);
    if (cond instanceof Unknown) return new Unknown(`condition ${arg[0]} cannot be decided (${cond.reason})`);
    return this.resolve(cond ? arg[1] : arg[2], depth);
  }

  private findInMap(arg: unknown, depth: number): unknown {
    if (!Array.isArray(arg) || arg.length < 3) return new Unknown('Fn::FindInMap needs a map and two keys');
    const [mapName, top, second] = arg.slice(0, 3).map((a) => asString(this.resolve(a, depth)));
    const fallback = arg[3] && typeof arg[3] === 'object' ? (arg[3] as Record<string, unknown>).DefaultValue : undefined;
    if (mapName === undefined || top === undefined || second === undefined) {
      return fallback !== undefined && mapName !== undefined ? new Unknown(`Fn::FindInMap ${mapName} with an unknown key`) : new Unknown('Fn::FindInMap with an unknown key');
    }
    const map = this.stack.mappings[mapName] as Record<string, Record<string, unknown>> | undefined;
    const value = map?.[top]?.[second];
    if (value === undefined) return fallback !== undefined ? this.resolve(fallback, depth) : new Unknown(`mapping ${mapName} has no ${top}.${second}`);
    return this.resolve(value, depth);
  }

  private sub(arg: unknown, depth: number): unknown {
    let text: unknown;
    let vars: Record<string, unknown> = {};
    if (typeof arg === 'string') text = arg;
    else if (Array.isArray(arg)) {
      text = arg[0];
      if (arg[1] && typeof arg[1] === 'object') vars = arg[1] as Record<string, unknown>;
    }
    if (typeof text !== 'string') return new Unknown('Fn::Sub needs a string');
    let unknown: Unknown | undefined;
    const out = text.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
      if (name.startsWith('!')) return `\${${name.slice(1)}}`;
      let v: unknown;
      if (name in vars) v = this.resolve(vars[name], depth);
      else if (name.includes('.')) v = this.getAtt(name, depth);
      else v = this.ref(name);
      const s = asString(v);
      if (s === undefined) {
        unknown ??= new Unknown(`Fn::Sub of \${${name}}`);
        return whole;
      }
      return s;
    });
    return unknown ?? out;
  }

  private importValue(arg: unknown, depth: number): unknown {
    const name = asString(this.resolve(arg, depth));
    if (name === undefined) return new Unknown('Fn::ImportValue of an unknown export name');
    return this.stack.model.resolveExport(name, depth) ?? new Unknown(`export ${name} is not in the input`);
  }
}
