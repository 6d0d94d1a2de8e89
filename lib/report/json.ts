import { TOOL_NAME, VERSION } from '../version';
import { Report, summarize } from './result';

/** Version of the JSON findings contract (docs/findings-contract.md). Bumped on any incompatible change. */
export const SCHEMA_VERSION = 1;

export function renderJson(report: Report): string {
  const doc = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: VERSION },
    findings: report.findings,
    blastRadius: report.blastRadius ?? null,
    summary: summarize(report),
    stacks: report.stacks,
    skipped: report.skipped,
    notes: report.notes,
    ...(report.baseline ? { baseline: report.baseline } : {}),
    unusedSuppressions: report.unusedSuppressions ?? [],
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
