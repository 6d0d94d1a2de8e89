import * as fs from 'fs';
import * as path from 'path';
import { UsageError } from '../errors';
import { InputError } from '../errors';
import type { Report } from './result';
import type { RenderOptions, Renderer } from './index';

/** One output of a run: a format and where it goes (`undefined` = stdout). */
export interface OutputSpec {
  readonly format: string;
  readonly file?: string;
}

/**
 * Turns `--format` values and `-o` into outputs. A format is `NAME` or `NAME=FILE` (`--format sarif=zonelint.sarif`),
 * and `--format` can be repeated, so one run serves humans (text on stdout) and machines (SARIF, JUnit… in files).
 * `-o FILE` gives the file of the one format that has none. At most one output goes to stdout, two outputs never
 * share a file, and with no `--format` the output is text.
 */
export function planOutputs(formats: readonly string[] | undefined, output: string | undefined, known: readonly string[]): OutputSpec[] {
  const specs = (formats && formats.length ? formats : ['text']).map((f) => parseFormatSpec(f, known));
  const withoutFile = specs.filter((s) => s.file === undefined);
  if (output !== undefined) {
    if (withoutFile.length === 0) throw new UsageError(`-o ${output} has no format to take: every --format already names its file`);
    if (withoutFile.length > 1) {
      throw new UsageError(`-o ${output} is ambiguous with ${withoutFile.length} formats (${withoutFile.map((s) => s.format).join(', ')}); give each its file: --format ${withoutFile[1].format}=FILE`);
    }
  }
  const planned = specs.map((s) => (s.file === undefined && output !== undefined ? { format: s.format, file: output } : s)).map((s) => (s.file === '-' ? { format: s.format } : s));
  const toStdout = planned.filter((s) => s.file === undefined);
  if (toStdout.length > 1) {
    throw new UsageError(`only one output can go to stdout, got ${toStdout.map((s) => s.format).join(', ')}; give the others a file: --format ${toStdout[1].format}=FILE`);
  }
  const seen = new Map<string, string>();
  for (const s of planned) {
    if (!s.file) continue;
    const abs = path.resolve(s.file);
    if (seen.has(abs)) throw new UsageError(`${s.file} is the output of both ${seen.get(abs)} and ${s.format}`);
    seen.set(abs, s.format);
  }
  return planned;
}

export function parseFormatSpec(spec: string, known: readonly string[]): OutputSpec {
  const eq = spec.indexOf('=');
  const format = (eq === -1 ? spec : spec.slice(0, eq)).trim().toLowerCase();
  const file = eq === -1 ? undefined : spec.slice(eq + 1);
  if (!known.includes(format)) throw new UsageError(`unknown format "${format}" (formats: ${known.join(', ')})`);
  if (file !== undefined && file.trim() === '') throw new UsageError(`--format ${format}= needs a file name after "="`);
  return file === undefined ? { format } : { format, file };
}

export interface WriteOptions extends RenderOptions {
  /** Colors for the stdout output (files never get colors). */
  readonly colorStdout?: boolean;
  /** Where stdout output goes (default process.stdout). */
  readonly stdout?: { write(s: string): unknown };
}

/**
 * Renders the report in every planned format and writes each to its file (atomically: temp file + rename, so a
 * consumer never reads half a report) or to stdout. Used by `check` and `scan`.
 */
export function writeOutputs(report: Report, outputs: readonly OutputSpec[], formats: Readonly<Record<string, Renderer>>, options: WriteOptions = {}): void {
  const rendered = outputs.map((o) => {
    const render = formats[o.format];
    if (!render) throw new UsageError(`unknown format "${o.format}" (formats: ${Object.keys(formats).join(', ')})`);
    const renderOptions = { ...options, color: o.file === undefined ? (options.colorStdout ?? false) : false };
    // a streaming format is written chunk by chunk below (a large JSON report is never one string in memory)
    return { o, text: render.stream ? undefined : render(report, renderOptions), stream: render.stream, renderOptions };
  });
  for (const { o, text, stream, renderOptions } of rendered) {
    if (text === undefined) {
      if (o.file === undefined) {
        const out = options.stdout ?? process.stdout;
        stream!(report, renderOptions, (chunk) => out.write(chunk));
      } else writeFileAtomic(o.file, (write) => stream!(report, renderOptions, write));
    } else if (o.file === undefined) (options.stdout ?? process.stdout).write(text);
    else writeFileAtomic(o.file, text);
  }
}

/** Writes a file atomically (temp file + rename), creating its directory; errors name the file, one line. */
export function writeFileAtomic(file: string, text: string | ((write: (chunk: string) => void) => void)): void {
  const target = path.resolve(file);
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (typeof text === 'string') fs.writeFileSync(tmp, text);
    else {
      const fd = fs.openSync(tmp, 'w');
      try {
        text((chunk) => writeAll(fd, chunk));
      } finally {
        fs.closeSync(fd);
      }
    }
    fs.renameSync(tmp, target);
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // nothing left to clean
    }
    const err = e as NodeJS.ErrnoException;
    const cause = err.code === 'EACCES' || err.code === 'EPERM' ? 'permission denied' : err.code === 'EISDIR' ? 'is a directory' : err.message;
    throw new InputError(file, `cannot write output: ${cause}`);
  }
}

function writeAll(fd: number, chunk: string): void {
  const bytes = Buffer.from(chunk, 'utf8');
  let done = 0;
  while (done < bytes.length) done += fs.writeSync(fd, bytes, done, bytes.length - done);
}
