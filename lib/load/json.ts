import type * as JsoncParser from 'jsonc-parser';
import type { ParseErrorCode } from 'jsonc-parser';
import { InputError } from '../errors';
import { LineIndex, NodePath, PATH_SEP, Position, PositionTable, SourceFile, pathKey } from './source';

/** jsonc-parser, loaded on first use (external to the bundles): only syntax errors and the tests' reference index need it. */
const jsonc = (): typeof JsoncParser => require('jsonc-parser') as typeof JsoncParser;

/**
 * Depth up to which positions are recorded: Resources/<Id>/Properties/<Name>/<Sub>/<index> covers every location a
 * rule reports (a property, a nested field, a list element). Deeper nodes resolve to their nearest recorded ancestor,
 * which keeps the table small on 100k-resource assemblies.
 */
export const POSITION_DEPTH = 6;

/**
 * Decodes a JSON template. Data comes from the native JSON.parse; positions are indexed lazily on first use. With
 * `reload` (the file's text read again), the source can `release()` its text and position index once positions are
 * no longer expected (a 100k-resource assembly holds ~70 MiB of text); a later lookup reloads them.
 */
export function parseJson(file: string, text: string, reload?: () => string): SourceFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw jsonSyntaxError(file, text);
  }
  let source: string | undefined = text;
  let table: JsonPositions | undefined;
  return {
    file,
    format: 'json',
    data,
    positionOf(path: NodePath): Position | undefined {
      table ??= new JsonPositions((source ??= reload!()));
      return table.lookup(path);
    },
    ...(reload
      ? {
          release(): void {
            source = undefined;
            table = undefined;
          },
        }
      : {}),
  };
}

const SEP = PATH_SEP;
/** Levels indexed by the first, whole-file scan: the template's sections and each resource / output / parameter. */
const TOP_DEPTH = 2;
/** Resources whose detailed position table is kept (the table of an entry is rebuilt if it was dropped). */
const SUB_CACHE = 256;

/**
 * Positions of a JSON document, indexed lazily and by parts: the first lookup scans the whole text once, recording
 * only the top two levels (`Resources/<Id>`) and where each second-level value starts; a lookup below that scans the
 * one entry it falls in (a resource), down to POSITION_DEPTH, and caches it. A 100k-resource assembly is thus scanned once
 * with no allocation per node, and only the resources that get a finding are indexed in detail. Same results as
 * `indexJsonPositions` (a property is at its key, an array element at its value, deeper nodes at their nearest
 * recorded ancestor).
 */
export class JsonPositions {
  private readonly top = new Map<string, number>();
  private readonly valueStarts = new Map<string, number>();
  private readonly sub = new Map<string, Map<string, number>>();
  /**
   * Line checkpoints instead of a table of every line start (millions of lines in a large assembly): the first scan
   * counts newlines as it goes and notes line and line start at each node it records, in ascending offset order; a
   * position is its nearest checkpoint plus the newlines between the two (within one resource at most).
   */
  private readonly lines: LineCount = { lines: 0, lastNewline: -1, offsets: [0], lineNumbers: [1], lineStarts: [0] };

  constructor(private readonly text: string) {
    this.top.set('', 0);
    scanJsonValue(text, skipWs(text, 0, this.lines), '', true, TOP_DEPTH, this.top, this.valueStarts, this.lines);
  }

  private position(offset: number): Position {
    const { offsets, lineNumbers, lineStarts } = this.lines;
    let lo = 0;
    let hi = offsets.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (offsets[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    let line = lineNumbers[lo];
    let lineStart = lineStarts[lo];
    for (let j = offsets[lo]; j < offset; j++) {
      if (this.text.charCodeAt(j) === 10) {
        line++;
        lineStart = j + 1;
      }
    }
    return { line, column: offset - lineStart + 1 };
  }

  lookup(path: NodePath): Position | undefined {
    if (path.length > TOP_DEPTH) {
      const entry = pathKey(path.slice(0, TOP_DEPTH));
      const start = this.valueStarts.get(entry);
      // straight down the entry to the node, no table (a table only where a key along the way repeats)
      const at = start === undefined ? -1 : descend(this.text, start, path, TOP_DEPTH, Math.min(path.length, POSITION_DEPTH));
      if (at !== undefined) {
        if (at >= 0) return this.position(at);
        return this.topLookup(path);
      }
      let table = this.sub.get(entry);
      if (!table) {
        table = new Map();
        const start = this.valueStarts.get(entry);
        if (start !== undefined) scanJsonValue(this.text, start, entry, false, POSITION_DEPTH - TOP_DEPTH, table);
        // a bounded cache: findings come resource after resource, and 20k findings' tables would stay in memory
        if (this.sub.size >= SUB_CACHE) this.sub.clear();
        this.sub.set(entry, table);
      }
      for (let n = Math.min(path.length, POSITION_DEPTH); n > TOP_DEPTH; n--) {
        const offset = table.get(pathKey(path.slice(0, n)));
        if (offset !== undefined) return this.position(offset);
      }
    }
    return this.topLookup(path);
  }

  private topLookup(path: NodePath): Position | undefined {
    for (let n = Math.min(path.length, TOP_DEPTH); n >= 0; n--) {
      const offset = this.top.get(pathKey(path.slice(0, n)));
      if (offset !== undefined) return this.position(offset);
    }
    return undefined;
  }
}

/** A canonical array index (what JSON.parse also lists first among an object's keys, whatever the text's order). */
export const ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/;

/**
 * Offset of the deepest node along `path[from..to)` below the value starting at `start` (a property at its key, an
 * array element at its value): what the table of that value would give, without building it. -1 when not even
 * `path[from]` is there; undefined when a key along the way occurs twice in its object (the table decides then).
 */
function descend(text: string, start: number, path: NodePath, from: number, to: number): number | undefined {
  let best = -1;
  let i = start;
  for (let d = from; d < to; d++) {
    const want = String(path[d]);
    const c = text.charCodeAt(i);
    if (c === 123 /* { */) {
      i = skipWs(text, i + 1);
      let found = -1;
      let foundValue = -1;
      if (text.charCodeAt(i) !== 125) {
        for (;;) {
          const keyAt = i;
          const end = skipString(text, i);
          let escaped = false;
          for (let j = i + 1; j < end - 1; j++) {
            if (text.charCodeAt(j) === 92) {
              escaped = true;
              break;
            }
          }
          const match = escaped ? (JSON.parse(text.slice(i, end)) as string) === want : end - i - 2 === want.length && text.startsWith(want, i + 1);
          i = skipWs(text, end); // at ':'
          i = skipWs(text, i + 1);
          if (match) {
            if (found >= 0) return undefined;
            found = keyAt;
            foundValue = i;
          }
          i = skipWs(text, skipValue(text, i));
          if (text.charCodeAt(i) !== 44 /* , */) break;
          i = skipWs(text, i + 1);
        }
      }
      if (found < 0) return best;
      best = found;
      i = foundValue;
    } else if (c === 91 /* [ */) {
      if (!ARRAY_INDEX.test(want)) return best;
      const n = Number(want);
      i = skipWs(text, i + 1);
      if (text.charCodeAt(i) === 93) return best;
      for (let k = 0; k < n; k++) {
        i = skipWs(text, skipValue(text, i));
        if (text.charCodeAt(i) !== 44) return best;
        i = skipWs(text, i + 1);
      }
      best = i;
    } else return best;
  }
  return best;
}

/** Index just past the value (string, container or literal) starting at `i`. */
function skipValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 34) return skipString(text, i);
  if (c === 123 || c === 91) return skipContainer(text, i);
  const n = text.length;
  while (i < n) {
    const d = text.charCodeAt(i);
    if (d === 44 || d === 125 || d === 93 || d === 32 || d === 10 || d === 13 || d === 9) break;
    i++;
  }
  return i;
}

/** Newlines seen so far by a scan (only outside strings: JSON strings hold no raw newline), and the checkpoints. */
interface LineCount {
  lines: number;
  lastNewline: number;
  readonly offsets: number[];
  readonly lineNumbers: number[];
  readonly lineStarts: number[];
}

function skipWs(text: string, i: number, lc?: LineCount): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 13 || c === 9) i++;
    else if (c === 10) {
      if (lc) {
        lc.lines++;
        lc.lastNewline = i;
      }
      i++;
    } else return i;
  }
}

/** Index just past the closing quote of the string whose opening quote is at `i`. */
function skipString(text: string, i: number): number {
  let j = text.indexOf('"', i + 1);
  for (;;) {
    if (j === -1) return text.length;
    let k = j - 1;
    while (text.charCodeAt(k) === 92) k--; // count backslashes before the quote
    if ((j - 1 - k) % 2 === 0) return j + 1;
    j = text.indexOf('"', j + 1);
  }
}

interface ScanFrame {
  readonly isArray: boolean;
  /** The document's root container: its members' path keys have no separator before them. */
  readonly root: boolean;
  readonly prefix: string;
  index: number;
  key: string;
}

/**
 * Scans the JSON value at `start` (a document JSON.parse accepted) and records into `out` the offset of every
 * property key and array element at most `levels` levels below it, keyed by its path key under `prefix`. With
 * `valueStarts`, also records where each value at exactly `levels` levels starts. Iterative: nesting depth is no limit.
 */
function scanJsonValue(
  text: string,
  start: number,
  prefix: string,
  isRoot: boolean,
  levels: number,
  out: Map<string, number>,
  valueStarts?: Map<string, number>,
  lc?: LineCount,
): void {
  const record = (key: string, at: number) => {
    out.set(key, at);
    if (lc) {
      lc.offsets.push(at);
      lc.lineNumbers.push(lc.lines + 1);
      lc.lineStarts.push(lc.lastNewline + 1);
    }
  };
  const join = (f: ScanFrame, k: string | number) => (f.root ? String(k) : `${f.prefix}${SEP}${k}`);
  const frames: ScanFrame[] = [];
  let i = start;
  const n = text.length;
  // `childPrefix` is the path key of the value about to start (set by a key, or an array element)
  let childPrefix = prefix;
  for (;;) {
    i = skipWs(text, i, lc);
    if (i >= n) return;
    const c = text.charCodeAt(i);
    const top = frames[frames.length - 1];
    if (c === 34 /* " */) {
      const end = skipString(text, i);
      if (top && !top.isArray && top.key === '') {
        // a property key: `key` stays '' only until the key is read, ':' follows
        const raw = text.slice(i + 1, end - 1);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end)) as string) : raw;
        childPrefix = join(top, key);
        if (frames.length <= levels) record(childPrefix, i);
        top.key = key === '' ? '\u0000' : key;
        i = end;
        continue;
      }
      valueStart(i);
      i = end;
      if (!top) return;
      continue;
    }
    if (c === 123 /* { */ || c === 91 /* [ */) {
      valueStart(i);
      if (frames.length >= levels) {
        // its members would lie deeper than recorded: skip it whole
        i = skipContainer(text, i, lc);
        if (!top) return;
        continue;
      }
      frames.push({ isArray: c === 91, root: isRoot && frames.length === 0, prefix: childPrefix, index: -1, key: '' });
      i++;
      continue;
    }
    if (c === 125 /* } */ || c === 93 /* ] */) {
      frames.pop();
      i++;
      if (frames.length === 0) return;
      continue;
    }
    if (c === 44 /* , */) {
      if (top && !top.isArray) top.key = '';
      i++;
      continue;
    }
    if (c === 58 /* : */) {
      i++;
      continue;
    }
    // a literal: number, true, false, null
    valueStart(i);
    while (i < n) {
      const d = text.charCodeAt(i);
      if (d === 44 || d === 125 || d === 93 || d === 32 || d === 10 || d === 13 || d === 9) break;
      i++;
    }
    if (!top) return;
  }

  function valueStart(at: number): void {
    const top = frames[frames.length - 1];
    if (top?.isArray) {
      top.index++;
      childPrefix = join(top, top.index);
      if (frames.length <= levels) record(childPrefix, at);
    }
    if (valueStarts && frames.length === levels) valueStarts.set(childPrefix, at);
  }
}

/** Index just past the object or array whose opening bracket is at `i`. */
function skipContainer(text: string, i: number, lc?: LineCount): number {
  let depth = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      i = skipString(text, i);
      continue;
    }
    if (c === 10) {
      if (lc) {
        lc.lines++;
        lc.lastNewline = i;
      }
    } else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  return n;
}

interface Frame {
  readonly isArray: boolean;
  key: string | number | undefined;
}

/** Reference index of every node's position down to POSITION_DEPTH, built with jsonc-parser (tests compare against it). */
export function indexJsonPositions(text: string): PositionTable {
  const table = new PositionTable(text);
  const frames: Frame[] = [];
  const path: Array<string | number> = [];

  // An array element starts: advance that array's index and record the element's position.
  const elementStart = (offset: number) => {
    const top = frames[frames.length - 1];
    if (top?.isArray) {
      top.key = top.key === undefined ? 0 : (top.key as number) + 1;
      if (frames.length <= POSITION_DEPTH) table.set([...path, top.key], offset);
    }
  };
  const enter = (offset: number, isArray: boolean): boolean => {
    elementStart(offset);
    const top = frames[frames.length - 1];
    if (top) path.push(top.key as string | number);
    frames.push({ isArray, key: undefined });
    return frames.length <= POSITION_DEPTH;
  };
  const leave = () => {
    frames.pop();
    if (frames.length > 0) path.pop();
  };
  table.set([], 0);
  jsonc().visit(
    text,
    {
      onObjectBegin: (offset) => enter(offset, false),
      onArrayBegin: (offset) => enter(offset, true),
      onObjectEnd: leave,
      onArrayEnd: leave,
      onObjectProperty: (property, offset) => {
        const top = frames[frames.length - 1];
        top.key = property;
        table.set([...path, property], offset);
      },
      onLiteralValue: (_value, offset) => elementStart(offset),
    },
    { disallowComments: true, allowTrailingComma: false },
  );
  return table;
}

function jsonSyntaxError(file: string, text: string): InputError {
  if (text.trim() === '') return new InputError(file, 'empty file');
  let first: { code: ParseErrorCode; offset: number } | undefined;
  jsonc().visit(
    text,
    {
      onError: (code, offset) => {
        first ??= { code, offset };
      },
    },
    { disallowComments: true, allowTrailingComma: false },
  );
  if (!first) return new InputError(file, 'invalid JSON');
  const pos = new LineIndex(text).position(first.offset);
  return new InputError(file, `invalid JSON: ${describeJsonError(first.code)}`, pos.line, pos.column);
}

function describeJsonError(code: ParseErrorCode): string {
  const name = jsonc().printParseErrorCode(code);
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
