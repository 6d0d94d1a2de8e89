import * as path from 'path';
import { pathToFileURL } from 'url';
import type * as Sarif from 'sarif';
import type { Finding } from '../engine/finding';
import type { RuleMeta, Severity } from '../engine/types';
import { TOOL_NAME, VERSION } from '../version';
import { REPOSITORY_URL, ruleDocUrl } from './links';
import type { Report } from './result';
import { writeJsonValue } from './json';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** uriBaseId of every result location: the directory zonelint ran in (the repository root in CI). */
export const SRCROOT = '%SRCROOT%';
/** Key of zonelint's fingerprint in `partialFingerprints`; versioned so that a new algorithm can sit beside it. */
export const FINGERPRINT_KEY = 'zonelint/v1';

export interface SarifOptions {
  /** Directory relative file URIs are resolved against (default: the working directory). */
  readonly cwd?: string;
  /** Rule catalog (default: the report's `rulesMeta`, every rule the run knew). */
  readonly rules?: readonly RuleMeta[];
}

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * SARIF 2.1.0 as GitHub code scanning (and other SARIF consumers) read it: one run, one reportingDescriptor per
 * zonelint rule, results located at the template line with the construct path / logical id / stack as logical
 * locations, zonelint's fingerprint in `partialFingerprints`, and suppressed findings carried as `suppressions`.
 */
export function renderSarif(report: Report, options: SarifOptions = {}): string {
  return `${JSON.stringify(toSarif(report, options), null, 2)}\n`;
}

/** The same bytes as renderSarif, handed to `write` in chunks: a large run's results are never one string in memory. */
export function writeSarif(report: Report, write: (chunk: string) => void, options: SarifOptions = {}): void {
  writeJsonValue(toSarif(report, options), write);
}

export function toSarif(report: Report, options: SarifOptions = {}): Sarif.Log {
  const cwd = options.cwd ?? process.cwd();
  const catalog = options.rules ?? report.rulesMeta;
  const index = new Map(catalog.map((r, i) => [r.id, i]));
  const results = report.findings.map((f) => toResult(f, index.get(f.ruleId), cwd));
  const notifications: Sarif.Notification[] = [
    ...report.skipped.map((s) => notification('warning', `skipped ${s.file}: ${s.reason}`, 'skipped-file', s.file, cwd)),
    ...report.notes.map((n) => notification('note', n, 'loader-note')),
    ...(report.unusedSuppressions ?? []).map((u) => notification('warning', u.message, u.problem === 'unknown-rule' ? 'unknown-rule-suppression' : 'unused-suppression', u.file, cwd, u.line, u.column)),
  ];
  const run: Sarif.Run = {
    tool: {
      driver: {
        name: TOOL_NAME,
        version: VERSION,
        semanticVersion: VERSION,
        informationUri: REPOSITORY_URL,
        rules: catalog.map(toDescriptor),
      },
    },
    invocations: [{ executionSuccessful: true, ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) }],
    originalUriBaseIds: { [SRCROOT]: { uri: dirUri(cwd) } },
    results,
    columnKind: 'utf16CodeUnits',
    // With a baseline, results carry baselineState new/unchanged; what was fixed since is listed here (SARIF's
    // "absent" results would make some viewers open alerts for resources that no longer exist).
    ...(report.baseline
      ? { properties: { baseline: { file: report.baseline.file, new: report.baseline.new, unchanged: report.baseline.unchanged, fixed: report.baseline.fixed.map((e) => ({ ...e })) } } }
      : {}),
  };
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

function toDescriptor(rule: RuleMeta): Sarif.ReportingDescriptor {
  const url = ruleDocUrl(rule);
  const options = Object.entries(rule.options ?? {});
  const optionsText = options.length ? `\nOptions: ${options.map(([k, o]) => `${k} (default ${JSON.stringify(o.default)}): ${o.description}`).join('; ')}` : '';
  const optionsMd = options.length ? `\n\n**Options**\n\n${options.map(([k, o]) => `- \`${k}\` (default \`${JSON.stringify(o.default)}\`): ${o.description}`).join('\n')}` : '';
  return {
    id: rule.id,
    name: rule.slug,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.rationale },
    help: {
      text: `${rule.rationale}\n\nFix (CloudFormation): ${rule.fix.cloudformation}\nFix (CDK): ${rule.fix.cdk}${optionsText}\nSuppress: Metadata.zonelint.suppress [{ id: ${rule.id}, reason }] or Validations.of(construct).acknowledge({ id: 'zonelint::${rule.id}', reason }).\nDocumentation: ${url}`,
      markdown:
        `${rule.rationale}\n\n**Fix**\n\n- CloudFormation: ${rule.fix.cloudformation}\n- CDK: ${rule.fix.cdk}${optionsMd}\n\n` +
        `**Suppress** (with a reason): \`Metadata: { zonelint: { suppress: [{ id: ${rule.id}, reason: … }] } }\` in the template, or ` +
        `\`Validations.of(construct).acknowledge({ id: 'zonelint::${rule.id}', reason })\` in a CDK app.\n\n[Rule documentation](${url})`,
    },
    helpUri: url,
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: [...new Set(['resilience', 'availability', rule.service, ...(rule.tags ?? [])])],
      precision: 'high',
      'problem.severity': rule.severity === 'info' ? 'recommendation' : rule.severity,
      resourceTypes: [...rule.resourceTypes],
    },
  };
}

function toResult(f: Finding, ruleIndex: number | undefined, cwd: string): Sarif.Result {
  const r = f.resource;
  const logical: Sarif.LogicalLocation = {
    name: r.logicalId,
    fullyQualifiedName: r.constructPath ?? `${r.stack}/${r.logicalId}`,
    kind: 'resource',
    properties: { stack: r.stack, resourceType: r.type },
  };
  const location: Sarif.Location = { logicalLocations: [logical] };
  if (f.location) {
    location.physicalLocation = {
      artifactLocation: artifact(f.location.file, cwd),
      ...(f.location.line ? { region: { startLine: f.location.line, ...(f.location.column ? { startColumn: f.location.column } : {}) } } : {}),
    };
  }
  const related: Sarif.Location[] = f.related.map((x, i) => ({
    id: i + 1,
    message: { text: `${x.role}: ${x.constructPath ?? x.logicalId} (${x.type})` },
    logicalLocations: [{ name: x.logicalId, fullyQualifiedName: x.constructPath ?? `${x.stack}/${x.logicalId}`, kind: 'resource' }],
  }));
  const result: Sarif.Result = {
    ruleId: f.ruleId,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level: LEVEL[f.severity],
    message: { text: `${f.message} Fix: ${f.fix}.` },
    locations: [location],
    ...(related.length ? { relatedLocations: related } : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    properties: {
      stack: r.stack,
      logicalId: r.logicalId,
      resourceType: r.type,
      ...(r.constructPath ? { constructPath: r.constructPath } : {}),
      ...(f.location ? { templatePath: f.location.path } : {}),
      fix: f.fix,
    },
  };
  if (f.suppressed && f.suppression) {
    result.suppressions = [
      {
        kind: f.suppression.kind === 'metadata' ? 'inSource' : 'external',
        status: 'accepted',
        justification: f.suppression.reason,
        ...(f.suppression.at ? { properties: { acknowledgedAt: f.suppression.at } } : {}),
      },
    ];
  }
  if (f.baseline) result.baselineState = f.baseline;
  return result;
}

/** A file as SARIF wants it: a relative URI under %SRCROOT% when below the working directory, else a file:// URI. */
function artifact(file: string, cwd: string): Sarif.ArtifactLocation {
  const abs = path.resolve(cwd, file);
  const rel = path.relative(cwd, abs);
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) {
    return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
  }
  return { uri: pathToFileURL(abs).href };
}

function dirUri(dir: string): string {
  const href = pathToFileURL(path.resolve(dir)).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function notification(level: Sarif.Notification.level, text: string, id: string, file?: string, cwd = process.cwd(), line?: number, column?: number): Sarif.Notification {
  return {
    level,
    message: { text },
    descriptor: { id },
    ...(file
      ? { locations: [{ physicalLocation: { artifactLocation: artifact(file, cwd), ...(line ? { region: { startLine: line, ...(column ? { startColumn: column } : {}) } } : {}) } }] }
      : {}),
  };
}
