import * as fs from 'fs';
import * as path from 'path';
import { InputError } from '../errors';
import { parseJson } from './json';
import { parseYaml } from './yaml';
import { SourceFile } from './source';
import { expandRain, usesRain } from './rain';

/** Largest file zonelint reads. CloudFormation itself stops at 1 MB; generated test assemblies go far beyond. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

export const TEMPLATE_EXTENSIONS = ['.json', '.yaml', '.yml', '.template', '.cfn'];

/**
 * Reads and decodes a JSON or YAML file, with positions. Raises InputError for anything unreadable. A Rain source
 * template comes back as `rain pkg` would package it (lib/load/rain.ts), with a note naming what was not expanded.
 */
export function readSourceFile(file: string, display = displayPath(file)): SourceFile {
  const { source, rainText } = readRawSourceFile(file, display);
  // the text test keeps the walk off the (large, generated) templates that never mention Rain
  const data = source.data as Record<string, unknown> | null;
  const sections = data !== null && typeof data === 'object' && ('Rain' in data || 'Modules' in data);
  if (!(rainText || sections) || !usesRain(source.data)) return source;
  const { source: packaged, note } = expandRain(source, file, (module) => readRawSourceFile(module).source);
  return note ? { ...packaged, notes: [note] } : packaged;
}

/** A file decoded as it is (Rain directives left in place), and whether its text mentions a Rain directive. */
function readRawSourceFile(file: string, display = displayPath(file)): { source: SourceFile; rainText: boolean } {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    throw new InputError(display, describeFsError(e));
  }
  if (stat.isDirectory()) throw new InputError(display, 'is a directory, expected a file');
  if (stat.size > MAX_FILE_BYTES) {
    throw new InputError(display, `file too large (${Math.round(stat.size / 1048576)} MB; zonelint reads files up to ${MAX_FILE_BYTES / 1048576} MB)`);
  }
  let text: string;
  try {
    // decoded while read (no Buffer: inside `cdk synth`, allocating one per template costs more than reading it)
    text = readUtf8(file);
  } catch (e) {
    throw new InputError(display, describeFsError(e));
  }
  // a NUL byte decodes to U+0000 (invalid UTF-8 elsewhere becomes U+FFFD, never U+0000)
  if (text.includes('\u0000')) throw new InputError(display, 'binary file, expected a JSON or YAML template');
  const rainText = text.includes('Rain::');
  return { source: parseText(display, text, () => readUtf8(file)), rainText };
}

/** A file's text, decoded as UTF-8, without a byte order mark. */
function readUtf8(file: string): string {
  const text = fs.readFileSync(file, 'utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Decodes a template's text; `reload` reads the same text again (lets a JSON source release its text, see parseJson). */
export function parseText(display: string, text: string, reload?: () => string): SourceFile {
  const ext = path.extname(display).toLowerCase();
  const looksJson = /^\s*[{[]/.test(text);
  let source: SourceFile;
  try {
    source = ext === '.json' || (looksJson && ext !== '.yaml' && ext !== '.yml') ? parseJson(display, text, reload) : parseYaml(display, text);
  } catch (e) {
    // A README or a licence text passed by mistake: say what it is rather than only where the YAML parser gave up.
    if (e instanceof InputError && ext && !TEMPLATE_EXTENSIONS.includes(ext) && /^invalid (JSON|YAML)/.test(e.detail)) {
      throw new InputError(e.file, `not a CloudFormation template: a ${ext} file that is not JSON or YAML (${e.detail})`, e.line, e.column);
    }
    throw e;
  }
  return source;
}

/**
 * Checks that a decoded file is a CloudFormation template: a mapping with a Resources mapping whose entries each have
 * a Type. The message says what the file looks like instead, so that a test event or a Kubernetes manifest passed by
 * mistake gets a useful answer.
 */
export function assertTemplate(source: SourceFile): Record<string, unknown> {
  const data = source.data;
  const fail = (detail: string, at: Array<string | number> = []) => {
    const pos = source.positionOf(at);
    return new InputError(source.file, detail, at.length ? pos?.line : undefined, at.length ? pos?.column : undefined);
  };
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw fail(`not a CloudFormation template: the document is ${describe(data)}, expected a mapping with a Resources section`);
  }
  const doc = data as Record<string, unknown>;
  if (!('Resources' in doc)) {
    const hint = 'apiVersion' in doc && 'kind' in doc ? ' (this looks like a Kubernetes manifest)' : '';
    throw fail(`not a CloudFormation template: no Resources section${hint}`);
  }
  const resources = doc.Resources;
  if (resources === null || typeof resources !== 'object' || Array.isArray(resources)) {
    throw fail(`Resources must be a mapping of logical ids to resources, found ${describe(resources)}`, ['Resources']);
  }
  for (const id in resources as Record<string, unknown>) {
    const res = (resources as Record<string, unknown>)[id];
    if (id.startsWith('Fn::ForEach::')) continue; // AWS::LanguageExtensions loop, expanded by CloudFormation
    if (res === null || typeof res !== 'object' || Array.isArray(res)) {
      throw fail(`resource ${id} must be a mapping, found ${describe(res)}`, ['Resources', id]);
    }
    const type = (res as Record<string, unknown>).Type;
    if (typeof type !== 'string' || type === '') {
      throw fail(`resource ${id} has no Type`, ['Resources', id]);
    }
  }
  return doc;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value} (${JSON.stringify(value).slice(0, 40)})`;
}

export function describeFsError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, expected a file';
    default:
      return err.message ?? String(e);
  }
}

/** Path relative to the working directory when it is below it, so that output stays short and clickable. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** Construct paths from `aws:cdk:path` resource metadata, for a CDK template read on its own. */
export function cdkPathMetadata(template: Record<string, unknown>): Map<string, string> {
  const out = new Map<string, string>();
  const resources = template.Resources as Record<string, Record<string, unknown>>;
  for (const id in resources) {
    const p = (resources[id]?.Metadata as Record<string, unknown> | undefined)?.['aws:cdk:path'];
    if (typeof p === 'string') out.set(id, p);
  }
  return out;
}

