/** A decoded template file: its data, and where each node of it stands in the text. */

export interface Position {
  line: number; // 1-based
  column: number; // 1-based
}

/** Path of a node in the template, e.g. ['Resources', 'Db', 'Properties', 'MultiAZ']. */
export type NodePath = ReadonlyArray<string | number>;

export interface SourceFile {
  /** Path as the user gave it (relative to the working directory when possible). */
  readonly file: string;
  readonly format: 'json' | 'yaml';
  /** The decoded document: plain JSON data, CloudFormation short-form tags already turned into long form. */
  readonly data: unknown;
  /** Position of the node at `path`, or of its nearest ancestor that has one. */
  positionOf(path: NodePath): Position | undefined;
  /** Frees the text and position index held for positionOf (a later positionOf reads the file again), if it can. */
  release?(): void;
  /** What the loader could not follow in this file (a Rain module it did not expand…), one line each. */
  readonly notes?: readonly string[];
}

export const PATH_SEP = '\u001f';

export function pathKey(path: NodePath): string {
  return path.join(PATH_SEP);
}

/** Maps character offsets to line/column with a table of line starts (binary search). */
export class LineIndex {
  private readonly starts: number[];

  constructor(text: string) {
    const starts = [0];
    let i = text.indexOf('\n');
    while (i !== -1) {
      starts.push(i + 1);
      i = text.indexOf('\n', i + 1);
    }
    this.starts = starts;
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
}

/**
 * Positions keyed by node path. Lookups fall back to the nearest ancestor, so a finding on a property that a
 * template does not set (e.g. a missing MultiAZ) points at the resource's Properties, or at the resource itself.
 */
export class PositionTable {
  private readonly offsets = new Map<string, number>();
  private readonly lines: LineIndex;

  constructor(text: string) {
    this.lines = new LineIndex(text);
  }

  set(path: NodePath, offset: number): void {
    this.offsets.set(pathKey(path), offset);
  }

  setKey(key: string, offset: number): void {
    this.offsets.set(key, offset);
  }

  lookup(path: NodePath): Position | undefined {
    for (let n = path.length; n >= 0; n--) {
      const offset = this.offsets.get(pathKey(path.slice(0, n)));
      if (offset !== undefined) return this.lines.position(offset);
    }
    return undefined;
  }
}
