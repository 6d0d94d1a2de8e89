import * as fs from 'fs';
import { InputError } from '../errors';
import { TOOL_NAME, VERSION } from '../version';
import type { Finding } from './finding';
import { compareStrings } from '../util/compare';

/** Version of the baseline file format. Bumped on any incompatible change; older files are refused with a hint. */
export const BASELINE_SCHEMA_VERSION = 1;

/** Default baseline file name, as `zonelint baseline` writes it. */
export const DEFAULT_BASELINE_FILE = '.zonelint-baseline.json';

/** One accepted finding. Only `fingerprint` is compared; the rest is there for the humans who review the file. */
export interface BaselineEntry {
  readonly fingerprint: string;
  readonly ruleId: string;
  readonly severity: string;
  readonly stack: string;
  /** Construct path when known (CDK), else logical id. */
  readonly resource: string;
  readonly message: string;
}

export interface BaselineFile {
  readonly schemaVersion: number;
  readonly tool: { readonly name: string; readonly version: string };
  readonly findings: readonly BaselineEntry[];
}

/** How a run compares with a baseline: what is new, what was already accepted, what has been fixed since. */
export interface BaselineComparison {
  /** The baseline file as given on the command line. */
  readonly file: string;
  /** Unsuppressed findings not in the baseline: these fail the gate. */
  readonly new: number;
  /** Unsuppressed findings already in the baseline: reported as accepted, never failing. */
  readonly unchanged: number;
  /** Baseline entries no current finding matches: fixed (or the resource is gone). */
  readonly fixed: readonly BaselineEntry[];
}

/**
 * Today's unsuppressed findings as a baseline, sorted by rule, stack and resource so that regenerating it gives a
 * small, reviewable diff. Suppressed findings are left out: their suppression already records the decision.
 */
export function createBaseline(findings: readonly Finding[]): BaselineFile {
  const entries = findings
    .filter((f) => !f.suppressed)
    .map((f) => ({
      fingerprint: f.fingerprint,
      ruleId: f.ruleId,
      severity: f.severity,
      stack: f.resource.stack,
      resource: f.resource.constructPath ?? f.resource.logicalId,
      message: f.message,
    }))
    .sort((a, b) => compareStrings(a.ruleId, b.ruleId) || compareStrings(a.stack, b.stack) || compareStrings(a.resource, b.resource) || compareStrings(a.fingerprint, b.fingerprint));
  const unique = entries.filter((e, i) => i === 0 || e.fingerprint !== entries[i - 1].fingerprint);
  return { schemaVersion: BASELINE_SCHEMA_VERSION, tool: { name: TOOL_NAME, version: VERSION }, findings: unique };
}

export function serializeBaseline(baseline: BaselineFile): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

/** Reads and validates a baseline file; anything else is an InputError naming the file and the cause. */
export function readBaseline(file: string): BaselineFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(file, code === 'ENOENT' ? 'baseline file not found (create it with `zonelint baseline <inputs> -o ' + file + '`)' : `cannot read baseline: ${(e as Error).message}`);
  }
  return parseBaseline(file, text);
}

export function parseBaseline(file: string, text: string): BaselineFile {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InputError(file, `not a zonelint baseline: invalid JSON (${(e as Error).message})`);
  }
  const fail = (detail: string): never => {
    throw new InputError(file, `not a zonelint baseline: ${detail}`);
  };
  if (!data || typeof data !== 'object' || Array.isArray(data)) fail('expected a JSON object');
  const doc = data as Record<string, unknown>;
  if (doc.schemaVersion === undefined) fail('no schemaVersion');
  if (doc.schemaVersion !== BASELINE_SCHEMA_VERSION) {
    throw new InputError(file, `baseline schemaVersion ${JSON.stringify(doc.schemaVersion)} is not supported by zonelint ${VERSION} (expected ${BASELINE_SCHEMA_VERSION}); regenerate it with \`zonelint baseline\``);
  }
  if (!Array.isArray(doc.findings)) fail('findings must be a list');
  const findings = (doc.findings as unknown[]).map((raw, i) => {
    const e = raw as Record<string, unknown>;
    if (!e || typeof e !== 'object' || Array.isArray(e)) return fail(`findings[${i}] must be an object`);
    if (typeof e.fingerprint !== 'string' || !/^[0-9a-f]{16,64}$/.test(e.fingerprint)) return fail(`findings[${i}].fingerprint must be a hex string`);
    const str = (k: string) => (typeof e[k] === 'string' ? (e[k] as string) : '');
    return { fingerprint: e.fingerprint, ruleId: str('ruleId'), severity: str('severity'), stack: str('stack'), resource: str('resource'), message: str('message') };
  });
  const tool = doc.tool as Record<string, unknown> | undefined;
  return { schemaVersion: BASELINE_SCHEMA_VERSION, tool: { name: String(tool?.name ?? TOOL_NAME), version: String(tool?.version ?? 'unknown') }, findings };
}

/**
 * Marks each unsuppressed finding `new` or `unchanged` against the baseline and lists the baseline entries that no
 * longer match any finding (suppressed findings count as still present: a suppression is not a fix).
 */
export function applyBaseline(findings: readonly Finding[], baseline: BaselineFile, file: string): { findings: Finding[]; comparison: BaselineComparison } {
  const accepted = new Set(baseline.findings.map((e) => e.fingerprint));
  const present = new Set(findings.map((f) => f.fingerprint));
  let added = 0;
  let unchanged = 0;
  const marked = findings.map((f): Finding => {
    if (f.suppressed) return f;
    if (accepted.has(f.fingerprint)) {
      unchanged++;
      return { ...f, baseline: 'unchanged' };
    }
    added++;
    return { ...f, baseline: 'new' };
  });
  const fixed = baseline.findings.filter((e) => !present.has(e.fingerprint));
  return { findings: marked, comparison: { file, new: added, unchanged, fixed } };
}
