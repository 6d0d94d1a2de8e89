import { visit, printParseErrorCode, ParseErrorCode } from 'jsonc-parser';
import { InputError } from '../errors';
import { LineIndex, NodePath, Position, PositionTable, SourceFile } from './source';

/**
 * Depth up to which positions are recorded: Resources/<Id>/Properties/<Name>/<Sub>/<index> covers every location a
 * rule reports (a property, a nested field, a list element). Deeper nodes resolve to their nearest recorded ancestor,
 * which keeps the table small on 100k-resource assemblies.
 */
const MAX_DEPTH = 6;

/** Decodes a JSON template. Data comes from the native JSON.parse; positions are indexed lazily on first use. */
export function parseJson(file: string, text: string): SourceFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw jsonSyntaxError(file, text);
  }
  let table: PositionTable | undefined;
  return {
    file,
    format: 'json',
    data,
    positionOf(path: NodePath): Position | undefined {
      table ??= indexJsonPositions(text);
      return table.lookup(path);
    },
  };
}

interface Frame {
  readonly isArray: boolean;
  key: string | number | undefined;
}

export function indexJsonPositions(text: string): PositionTable {
  const table = new PositionTable(text);
  const frames: Frame[] = [];
  const path: Array<string | number> = [];

  // An array element starts: advance that array's index and record the element's position.
  const elementStart = (offset: number) => {
    const top = frames[frames.length - 1];
    if (top?.isArray) {
      top.key = top.key === undefined ? 0 : (top.key as number) + 1;
      if (frames.length <= MAX_DEPTH) table.set([...path, top.key], offset);
    }
  };
  const enter = (offset: number, isArray: boolean): boolean => {
    elementStart(offset);
    const top = frames[frames.length - 1];
    if (top) path.push(top.key as string | number);
    frames.push({ isArray, key: undefined });
    return frames.length <= MAX_DEPTH;
  };
  const leave = () => {
    frames.pop();
    if (frames.length > 0) path.pop();
  };
  table.set([], 0);
  visit(
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
  visit(
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
  const name = printParseErrorCode(code);
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
