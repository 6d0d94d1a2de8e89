// Options shared by the CDK entry points (validation plugin and aspect). Never loads aws-cdk-lib.
import { ALL_RULES } from '../../rules';
import { RecoveryPolicy, ResolvedRule, ZonelintConfig, loadConfigFile, resolveConfig } from '../engine/config';
import { SEVERITY_RANK, SEVERITIES, Severity } from '../engine/types';
import { InputError } from '../errors';

export type FailOn = Severity | 'none';

export interface ZonelintCdkOptions {
  /**
   * Configuration object: rules on/off, severities, options such as `minZones` — the same shape as a zonelint config
   * file. Default: the config file the CLI would use (`zonelint.config.json`, `.zonelintrc.json|yaml|yml` in the
   * working directory), else every rule with its defaults.
   */
  readonly config?: ZonelintConfig;
  /** Or a config file (JSON/YAML), relative to the working directory. */
  readonly configFile?: string;
  /** Findings at or above this severity fail synthesis. Default `error`; `none` only reports. */
  readonly failOn?: FailOn;
  /**
   * A recovery policy (`{ zoneRto: '15m', zoneRpo: '1h' }`): resources and request paths whose estimated recovery from
   * losing a zone breaks it are errors (ZL904). Overrides the config's `policy`.
   */
  readonly policy?: RecoveryPolicy;
}

export interface ResolvedOptions {
  readonly rules: ResolvedRule[];
  readonly failOn: FailOn;
  readonly configSource: string;
}

const FAIL_ON: readonly FailOn[] = [...SEVERITIES, 'none'];

/** Validates the options at construction: a bad config fails at once, naming where it came from. */
export function resolveCdkOptions(options: ZonelintCdkOptions, owner: string): ResolvedOptions {
  const where = `${owner} options`;
  if (options === null || typeof options !== 'object') throw new InputError(where, 'options must be an object');
  const failOn = options.failOn ?? 'error';
  if (!FAIL_ON.includes(failOn)) throw new InputError(where, `failOn must be one of ${FAIL_ON.join(', ')}, got ${JSON.stringify(failOn)}`);
  if (options.config !== undefined && options.configFile !== undefined) throw new InputError(where, 'give config or configFile, not both');
  const withPolicy = (c: ZonelintConfig): ZonelintConfig => (options.policy === undefined ? c : { ...c, policy: options.policy });
  if (options.config !== undefined) return { rules: resolveConfig(ALL_RULES, withPolicy(options.config), where), failOn, configSource: where };
  const { config, file } = loadConfigFile(options.configFile);
  const source = file ?? where;
  return { rules: resolveConfig(ALL_RULES, withPolicy(config), options.policy === undefined ? source : where), failOn, configSource: source };
}

export function failsOn(severity: Severity, failOn: FailOn): boolean {
  return failOn !== 'none' && SEVERITY_RANK[severity] >= SEVERITY_RANK[failOn];
}
