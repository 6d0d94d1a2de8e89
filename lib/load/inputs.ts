import * as fs from 'fs';
import * as path from 'path';
import { InputError } from '../errors';
import { followNestedStacks, isCloudAssembly, loadAssembly, looksLikeAssemblyWithoutManifest } from './assembly';
import { LoadResult, StackInput } from './stack-input';
import { assertTemplate, cdkPathMetadata, describeFsError, displayPath, readSourceFile, TEMPLATE_EXTENSIONS } from './template';
import { SourceFile } from './source';
import { compareStrings } from '../util/compare';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

/** Other sources (e.g. a saved live-scan inventory) recognise their own files before they are read as templates. */
export interface SourcePlugin {
  /** Returns stacks (and loader notes) if `source` (a decoded JSON/YAML file) belongs to this plugin, else undefined. */
  load(source: SourceFile): StackInput[] | { stacks: StackInput[]; notes: string[] } | undefined;
}
const sourcePlugins: SourcePlugin[] = [];
export function registerSourcePlugin(plugin: SourcePlugin): void {
  sourcePlugins.push(plugin);
}

/**
 * Turns command-line inputs into stacks: a cloud assembly directory (cdk.out), a template file (JSON or YAML), or a
 * directory searched for both. Raises InputError (file + cause) for anything it cannot read.
 */
export function loadInputs(inputs: string[]): LoadResult {
  const result: LoadResult = { stacks: [], skipped: [], notes: [] };
  for (const input of inputs) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch (e) {
      throw new InputError(input, describeFsError(e));
    }
    if (stat.isDirectory()) loadDirectory(input, result, true);
    else loadFile(input, result, false);
  }
  const seen = new Map<string, string>();
  for (const s of result.stacks) {
    if (seen.has(s.id)) throw new InputError(s.source.file, `stack id ${s.id} is given twice (also from ${seen.get(s.id)})`);
    seen.set(s.id, s.source.file);
  }
  return result;
}

function loadDirectory(dir: string, result: LoadResult, top: boolean): void {
  if (isCloudAssembly(dir)) {
    loadAssembly(dir, result);
    return;
  }
  if (looksLikeAssemblyWithoutManifest(dir)) {
    throw new InputError(displayPath(dir), 'cloud assembly without manifest.json (run `cdk synth` again)');
  }
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    throw new InputError(displayPath(dir), describeFsError(e));
  }
  entries.sort((a, b) => compareStrings(a.name, b.name));
  const before = result.stacks.length;
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) loadDirectory(full, result, false);
    } else if (e.isFile() && TEMPLATE_EXTENSIONS.includes(path.extname(e.name).toLowerCase())) {
      loadFile(full, result, true);
    }
  }
  if (top && result.stacks.length === before) {
    throw new InputError(displayPath(dir), 'no CloudFormation templates or cloud assembly found in this directory');
  }
}

function loadFile(file: string, result: LoadResult, inDirectory: boolean): void {
  const display = displayPath(file);
  if (path.basename(file) === 'manifest.json' && isCloudAssembly(path.dirname(file))) {
    loadAssembly(path.dirname(file), result);
    return;
  }
  let source: SourceFile;
  try {
    source = readSourceFile(file, display);
  } catch (e) {
    // In a directory, a file that does not even parse is reported but does not stop the others from being linted
    // only when it clearly is not a template (no "Resources" in it); a broken template is an error.
    if (inDirectory && e instanceof InputError && (/^not a CloudFormation template/.test(e.detail) || !/Resources|AWSTemplateFormatVersion/.test(safeHead(file)))) {
      result.skipped.push({ file: display, reason: e.detail });
      return;
    }
    throw e;
  }
  for (const plugin of sourcePlugins) {
    const loaded = plugin.load(source);
    if (loaded) {
      if (Array.isArray(loaded)) result.stacks.push(...loaded);
      else {
        result.stacks.push(...loaded.stacks);
        result.notes.push(...loaded.notes);
      }
      return;
    }
  }
  let template: Record<string, unknown>;
  try {
    template = assertTemplate(source);
  } catch (e) {
    if (inDirectory && e instanceof InputError && /^not a CloudFormation template/.test(e.detail)) {
      result.skipped.push({ file: display, reason: e.detail });
      return;
    }
    throw e;
  }
  const stack: StackInput = {
    id: display,
    name: display,
    source,
    template,
    constructPaths: cdkPathMetadata(template),
    acknowledgements: [],
    origin: 'template',
  };
  result.stacks.push(stack);
  followNestedStacks(path.dirname(file), stack, undefined, result, undefined, 0);
}

function safeHead(file: string): string {
  try {
    const fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(65536);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    fs.closeSync(fd);
    return buf.subarray(0, n).toString('utf8');
  } catch {
    return '';
  }
}
