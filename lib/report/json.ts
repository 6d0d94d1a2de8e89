import { TOOL_NAME, VERSION } from '../version';
import { Report, summarize } from './result';

/** Version of the JSON findings contract (docs/findings-contract.md). Bumped on any incompatible change. */
export const SCHEMA_VERSION = 3;

function jsonDocument(report: Report): Record<string, unknown> {
  return {
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
}

export function renderJson(report: Report): string {
  const parts: string[] = [];
  writeJson(report, (chunk) => parts.push(chunk));
  return parts.join('');
}

/**
 * Small pieces are gathered into chunks of about this many characters; a batch of list elements (see BATCH) is
 * handed over as one chunk of its own. A 100k-resource report is ~160 MiB: never one string in memory.
 */
const CHUNK = 1 << 16;
/** Arrays at least this long are stringified BATCH elements at a time (findings, impact items): few native calls. */
const LONG_ARRAY = 32;
const BATCH = 128;

/**
 * The JSON report in chunks: the same bytes as `JSON.stringify(doc, null, 2)` + newline, written piece by piece so
 * that a large report is never held as one string (nor as one Buffer) while it is written.
 */
export function writeJson(report: Report, write: (chunk: string) => void): void {
  writeJsonValue(jsonDocument(report), write);
}

/** `JSON.stringify(value, null, 2)` + newline, handed to `write` in chunks of about CHUNK characters. */
export function writeJsonValue(value: unknown, write: (chunk: string) => void): void {
  let buf = '';
  const out = (s: string) => {
    if (s.length >= CHUNK) {
      // a batch of list elements: handed over as it is (a slice of one stringify result, flat), not appended to
      // the small pieces before it, which would make a rope that the writer must copy flat again
      if (buf) write(buf);
      buf = '';
      write(s);
      return;
    }
    buf += s;
    if (buf.length >= CHUNK) {
      write(buf);
      buf = '';
    }
  };
  if (!streamValue(value, '', out)) out('undefined');
  out('\n');
  if (buf) write(buf);
}

/** Whether JSON.stringify would serialize `v` member by member (a plain array or object without toJSON). */
function walkable(v: unknown): v is Record<string, unknown> | unknown[] {
  return typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

/** Wrappers `[[…[v]…]]` per indentation level, and the lengths of what they add before and after `v`. */
const wrapCuts: Array<{ before: number; after: number }> = [{ before: 0, after: 0 }];

function cuts(level: number): { before: number; after: number } {
  for (let k = wrapCuts.length; k <= level; k++) {
    // level k adds "[\n" + 2k spaces before and "\n" + 2(k-1) spaces + "]" after
    const prev = wrapCuts[k - 1];
    wrapCuts.push({ before: prev.before + 2 + 2 * k, after: prev.after + 2 + 2 * (k - 1) });
  }
  return wrapCuts[level];
}

/** A walkable `v` as JSON.stringify(v, null, 2) writes it at indentation `indent`, in one native stringify call. */
function leafAt(v: unknown, indent: string): string {
  const level = indent.length >> 1;
  if (level === 0) return JSON.stringify(v, null, 2);
  // nested in `level` one-element arrays, the value is stringified at the right indentation; cut the wrappers off
  let w: unknown = v;
  for (let k = 0; k < level; k++) w = [w];
  const s = JSON.stringify(w, null, 2);
  const { before, after } = cuts(level);
  return s.slice(before, s.length - after);
}

/** `v` as JSON.stringify(v, null, 2) writes it, re-indented to `indent`; undefined when it has no JSON form. */
function leaf(v: unknown, indent: string): string | undefined {
  if (walkable(v)) return leafAt(v, indent);
  const s = JSON.stringify(v, null, 2);
  if (s === undefined || !indent || s.length < 2) return s;
  const c = s.charCodeAt(0);
  return c === 123 || c === 91 ? s.replaceAll('\n', `\n${indent}`) : s;
}

/** Writes `v` as JSON.stringify(v, null, 2) would at indentation `indent`; returns false when it has no JSON form. */
function streamValue(v: unknown, indent: string, out: (s: string) => void): boolean {
  if (!walkable(v)) {
    const s = leaf(v, indent);
    if (s === undefined) return false;
    out(s);
    return true;
  }
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) {
      out('[]');
      return true;
    }
    out('[');
    if (v.length >= LONG_ARRAY) {
      // a long list (findings, impact items): stringified BATCH elements at a time, each batch as a list at this
      // indentation, its brackets cut off: "[" + "\n<inner>e1,\n<inner>e2" + "\n<indent>]" -> the middle part
      for (let i = 0; i < v.length; i += BATCH) {
        const s = leafAt(v.slice(i, i + BATCH), indent);
        if (i > 0) out(',');
        out(s.slice(1, s.length - indent.length - 2));
      }
    } else {
      for (let i = 0; i < v.length; i++) {
        out(i === 0 ? `\n${inner}` : `,\n${inner}`);
        if (!streamValue(v[i], inner, out)) out('null');
      }
    }
    out(`\n${indent}]`);
    return true;
  }
  let first = true;
  for (const key of Object.keys(v)) {
    const x = v[key];
    const head = `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
    if (walkable(x)) {
      out(head);
      streamValue(x, inner, out);
    } else {
      // members without a JSON form (undefined, functions, symbols, toJSON giving undefined) are left out, as JSON.stringify does
      const s = leaf(x, inner);
      if (s === undefined) continue;
      out(head);
      out(s);
    }
    first = false;
  }
  out(first ? '{}' : `\n${indent}}`);
  return true;
}
