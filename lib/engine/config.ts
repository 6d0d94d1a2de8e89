import * as fs from 'fs';
import * as path from 'path';
import { InputError } from '../errors';
import { parseText } from '../load/template';
import { parseDurationSeconds } from '../util/duration';
import { OptionValue, Rule, SEVERITIES, Severity } from './types';

/** Config file names looked up in the working directory when --config is not given. */
export const CONFIG_FILES = ['zonelint.config.json', '.zonelintrc.json', '.zonelintrc.yaml', '.zonelintrc.yml'];

export interface RuleSetting {
  enabled?: boolean;
  severity?: Severity;
  options?: Record<string, OptionValue>;
}

/**
 * Configuration: rules on/off, severity overrides, options. The same shape is accepted by the CLI (file), the CDK
 * plugin and the aspect (object).
 *
 * ```json
 * { "options": { "minZones": 3 }, "rules": { "ZL301": "off", "ZL302": { "severity": "warning", "options": { "minBackupRetentionDays": 14 } } } }
 * ```
 */
export interface ZonelintConfig {
  /** Options applied to every rule that declares them (e.g. `minZones`). */
  options?: Record<string, OptionValue>;
  /** Per rule: `"off"`, a severity, or a RuleSetting. */
  rules?: Record<string, 'off' | 'on' | Severity | RuleSetting>;
  /**
   * A recovery policy, like AWS Resilience Hub's: the longest a zone's loss may keep a resource or a request path down
   * (`zoneRto`) and the most data it may lose (`zoneRpo`), as durations (`15m`, `1h`, `1d`). Sets the options of the
   * recovery-policy rule (ZL904), which is silent without a policy.
   */
  policy?: RecoveryPolicy;
}

export interface RecoveryPolicy {
  zoneRto?: string;
  zoneRpo?: string;
}

/** The policy keys and the rule options they set. */
const POLICY_KEYS = ['zoneRto', 'zoneRpo'] as const;

export interface ResolvedRule {
  readonly rule: Rule;
  readonly severity: Severity;
  readonly options: Record<string, OptionValue>;
}

/** Validates a config against the rule catalog: unknown rules, options and values are errors (named, one line). */
export function resolveConfig(rules: readonly Rule[], config: ZonelintConfig = {}, source = 'config'): ResolvedRule[] {
  const fail = (detail: string): never => {
    throw new InputError(source, detail);
  };
  if (config === null || typeof config !== 'object' || Array.isArray(config)) fail('config must be a mapping');
  for (const key of Object.keys(config)) if (!['options', 'rules', 'policy', '$schema'].includes(key)) fail(`unknown config key "${key}" (expected options, rules, policy)`);
  const policy = checkPolicy(config.policy, fail);
  const byId = new Map(rules.map((r) => [r.id, r]));
  const declared = new Map<string, OptionValue>();
  for (const r of rules) for (const [name, o] of Object.entries(r.options ?? {})) declared.set(name, o.default);
  const globals = config.options ?? {};
  for (const [name, value] of Object.entries(globals)) {
    if (!declared.has(name)) fail(`unknown option "${name}" (known: ${[...declared.keys()].sort().join(', ')})`);
    checkOptionType(name, value, declared.get(name)!, fail);
  }
  const settings = new Map<string, RuleSetting>();
  for (const [id, raw] of Object.entries(config.rules ?? {})) {
    const rule = byId.get(id.replace(/^zonelint::/, ''));
    if (!rule) fail(`unknown rule "${id}" (run \`zonelint rules\` for the list)`);
    settings.set(rule!.id, normalizeSetting(id, raw, fail));
  }
  return rules
    .map((rule) => {
      const s = settings.get(rule.id) ?? {};
      const options: Record<string, OptionValue> = {};
      for (const [name, o] of Object.entries(rule.options ?? {})) options[name] = name in globals ? globals[name] : o.default;
      for (const key of POLICY_KEYS) if (policy[key] !== undefined && rule.options?.[key]) options[key] = policy[key]!;
      for (const [name, value] of Object.entries(s.options ?? {})) {
        const decl = rule.options?.[name];
        if (!decl) fail(`rule ${rule.id} has no option "${name}"${rule.options ? ` (it has: ${Object.keys(rule.options).join(', ')})` : ''}`);
        checkOptionType(name, value, decl!.default, fail);
        options[name] = value;
      }
      return { rule, enabled: s.enabled !== false, severity: s.severity ?? rule.severity, options };
    })
    .filter((r) => r.enabled)
    .map(({ rule, severity, options }) => ({ rule, severity, options }));
}

/** Validates `policy`: a mapping of zoneRto / zoneRpo durations. */
function checkPolicy(raw: unknown, fail: (d: string) => never): RecoveryPolicy {
  if (raw === undefined) return {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return fail('policy must be a mapping of zoneRto and zoneRpo, e.g. { "zoneRto": "15m", "zoneRpo": "1h" }');
  const p = raw as Record<string, unknown>;
  for (const [k, v] of Object.entries(p)) {
    if (!(POLICY_KEYS as readonly string[]).includes(k)) fail(`policy: unknown key "${k}" (expected ${POLICY_KEYS.join(', ')})`);
    if (typeof v !== 'string' || parseDurationSeconds(v) === undefined) fail(`policy: ${k} must be a duration such as "15m", "1h" or "1d", got ${JSON.stringify(v)}`);
  }
  return p as RecoveryPolicy;
}

function normalizeSetting(id: string, raw: unknown, fail: (d: string) => never): RuleSetting {
  if (raw === 'off' || raw === false) return { enabled: false };
  if (raw === 'on' || raw === true) return { enabled: true };
  if (typeof raw === 'string') {
    if (!SEVERITIES.includes(raw as Severity)) fail(`rule ${id}: "${raw}" is not off, on, error, warning or info`);
    return { severity: raw as Severity };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return fail(`rule ${id}: expected "off", a severity or a mapping`);
  const s = raw as Record<string, unknown>;
  for (const k of Object.keys(s)) if (!['enabled', 'severity', 'options'].includes(k)) fail(`rule ${id}: unknown key "${k}" (expected enabled, severity, options)`);
  if (s.enabled !== undefined && typeof s.enabled !== 'boolean') fail(`rule ${id}: enabled must be true or false`);
  if (s.severity !== undefined && !SEVERITIES.includes(s.severity as Severity)) fail(`rule ${id}: severity must be error, warning or info`);
  if (s.options !== undefined && (typeof s.options !== 'object' || Array.isArray(s.options) || s.options === null)) fail(`rule ${id}: options must be a mapping`);
  return s as RuleSetting;
}

function checkOptionType(name: string, value: unknown, def: OptionValue, fail: (d: string) => never): void {
  const expected = Array.isArray(def) ? 'list' : typeof def;
  const actual = Array.isArray(value) ? 'list' : typeof value;
  if (expected !== actual) fail(`option "${name}" must be a ${expected}, got ${JSON.stringify(value)}`);
  if (typeof value === 'number' && (!Number.isFinite(value) || value < 0)) fail(`option "${name}" must be a non-negative number`);
}

/** Reads a config file (JSON or YAML); with no path, looks for one of CONFIG_FILES in `cwd`. */
export function loadConfigFile(file: string | undefined, cwd = process.cwd()): { config: ZonelintConfig; file?: string } {
  let target = file;
  if (!target) {
    target = CONFIG_FILES.map((f) => path.join(cwd, f)).find((f) => fs.existsSync(f));
    if (!target) return { config: {} };
  }
  const display = path.relative(cwd, target) || target;
  let text: string;
  try {
    text = fs.readFileSync(target, 'utf8');
  } catch (e) {
    throw new InputError(display, (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'config file not found' : (e as Error).message);
  }
  const data = parseText(display, text).data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new InputError(display, 'config must be a mapping');
  return { config: data as ZonelintConfig, file: display };
}
