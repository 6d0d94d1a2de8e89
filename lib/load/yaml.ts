import type * as YamlLibrary from 'yaml';
import type { Alias, Document, LineCounter, Node as YamlNode, ScalarTag, CollectionTag } from 'yaml';
import { InputError } from '../errors';
import { NodePath, PositionTable, SourceFile } from './source';

/** CloudFormation short-form tags and the long-form key each one stands for. */
const SHORT_FORMS: Record<string, string> = {
  Ref: 'Ref',
  Condition: 'Condition',
  Base64: 'Fn::Base64',
  Cidr: 'Fn::Cidr',
  And: 'Fn::And',
  Equals: 'Fn::Equals',
  Not: 'Fn::Not',
  Or: 'Fn::Or',
  If: 'Fn::If',
  FindInMap: 'Fn::FindInMap',
  GetAtt: 'Fn::GetAtt',
  GetAZs: 'Fn::GetAZs',
  ImportValue: 'Fn::ImportValue',
  Join: 'Fn::Join',
  Select: 'Fn::Select',
  Split: 'Fn::Split',
  Sub: 'Fn::Sub',
  Transform: 'Fn::Transform',
  ToJsonString: 'Fn::ToJsonString',
  Length: 'Fn::Length',
  // Rules-section functions (validate.ts accepts them only under Rules)
  Contains: 'Fn::Contains',
  EachMemberEquals: 'Fn::EachMemberEquals',
  EachMemberIn: 'Fn::EachMemberIn',
  RefAll: 'Fn::RefAll',
  ValueOf: 'Fn::ValueOf',
  ValueOfAll: 'Fn::ValueOfAll',
};

/**
 * Directives of the Rain packager (`rain pkg`), kept as one-key `Rain::…` mappings like their JSON form; lib/load/rain.ts
 * expands modules, and the resolver takes the other values for unknown until packaged.
 */
const RAIN_DIRECTIVES = ['Embed', 'Include', 'Env', 'S3Http', 'S3', 'Module', 'Constant'];

// Every tag is accepted on a scalar, a sequence and a mapping; the node is kept as it is and turned into the long
// form by `toData` below, which also records positions.
const CUSTOM_TAGS: Array<ScalarTag | CollectionTag> = [...Object.keys(SHORT_FORMS), ...RAIN_DIRECTIVES.map((d) => `Rain::${d}`)].flatMap((name) => [
  { tag: `!${name}`, resolve: (str: string) => str } as ScalarTag,
  { tag: `!${name}`, collection: 'seq', resolve: (node: unknown) => node } as unknown as CollectionTag,
  { tag: `!${name}`, collection: 'map', resolve: (node: unknown) => node } as unknown as CollectionTag,
]);

/**
 * The yaml library, loaded with the first YAML template (it is external to the bundles): CDK assemblies are JSON, and
 * loading yaml would be about half of the time `require('zonelint')` takes in every `cdk synth`.
 */
let Y: typeof YamlLibrary | undefined;

export function parseYaml(file: string, text: string): SourceFile {
  if (text.trim() === '') throw new InputError(file, 'empty file');
  Y ??= require('yaml') as typeof YamlLibrary;
  const { LineCounter, parseDocument } = Y;
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, {
      customTags: CUSTOM_TAGS,
      lineCounter,
      merge: true,
      prettyErrors: false,
      uniqueKeys: false, // checked in toData, in constant time per key
      strict: true,
    });
  } catch (e) {
    throw new InputError(file, `invalid YAML: ${(e as Error).message}`);
  }
  const error = doc.errors[0];
  if (error) {
    const pos = lineCounter.linePos(error.pos[0]);
    if (error.code === 'MULTIPLE_DOCS' && /^kind:/m.test(text) && /^apiVersion:/m.test(text)) {
      throw new InputError(file, 'not a CloudFormation template: several YAML documents (this looks like a Kubernetes manifest)', pos.line, pos.col);
    }
    const message = error.message.split('\n')[0];
    const reason = error.code === 'MULTIPLE_DOCS' ? 'several YAML documents in one file (a template is one document)' : /Maximum call stack/.test(message) ? 'document nested too deeply' : message;
    throw new InputError(file, `invalid YAML: ${reason}`, pos.line, pos.col);
  }
  const unknownTag = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (unknownTag) {
    const pos = lineCounter.linePos(unknownTag.pos[0]);
    throw new InputError(file, `unknown YAML tag: ${unknownTag.message.split('\n')[0]}`, pos.line, pos.col);
  }
  const table = new PositionTable(text);
  const data = toData(doc, doc.contents, [], table, file, lineCounter, 0, { nodes: text.length + 100_000 });
  return { file, format: 'yaml', data, positionOf: (path: NodePath) => table.lookup(path) };
}

const MAX_NESTING = 500;

function toData(
  doc: Document.Parsed,
  node: YamlNode | Alias | null | undefined,
  path: Array<string | number>,
  table: PositionTable,
  file: string,
  lines: LineCounter,
  depth: number,
  budget: { nodes: number },
): unknown {
  if (node === null || node === undefined) return null;
  const { isAlias, isMap, isPair, isScalar, isSeq } = Y!;
  if (--budget.nodes < 0) {
    // without aliases a node takes at least one character, so only alias expansion gets here ("billion laughs")
    const pos = node.range ? lines.linePos(node.range[0]) : undefined;
    throw new InputError(file, 'YAML aliases expand to more nodes than the file could hold (alias bomb)', pos?.line, pos?.col);
  }
  if (depth > MAX_NESTING) {
    const pos = node.range ? lines.linePos(node.range[0]) : undefined;
    throw new InputError(file, `document nested deeper than ${MAX_NESTING} levels`, pos?.line, pos?.col);
  }
  if (isAlias(node)) return toData(doc, node.resolve(doc) as YamlNode | undefined, path, table, file, lines, depth + 1, budget);
  if (node.range && !path.length) table.set(path, node.range[0]);
  let value: unknown;
  if (isScalar(node)) {
    value = node.value;
    if (typeof value === 'bigint') value = Number(value);
    if (value instanceof Date) value = node.source ?? value.toISOString();
  } else if (isSeq(node)) {
    value = node.items.map((item, i) => {
      const child = item as YamlNode;
      if (child?.range) table.set([...path, i], child.range[0]);
      return toData(doc, child, [...path, i], table, file, lines, depth + 1, budget);
    });
  } else if (isMap(node)) {
    const obj: Record<string, unknown> = {};
    let merged: Array<Record<string, unknown>> | undefined;
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YamlNode | null;
      if (isScalar(keyNode) && typeof keyNode.value === 'symbol') {
        // `<<: *base` (or a list of aliases): YAML merge key, applied below to keys this mapping does not set itself
        // (positions of merged keys fall back to this mapping: a throwaway table keeps the anchor's from overwriting)
        const v = toData(doc, pair.value as YamlNode, path, new PositionTable(''), file, lines, depth + 1, budget);
        for (const m of Array.isArray(v) ? v : [v]) if (m && typeof m === 'object' && !Array.isArray(m)) (merged ??= []).push(m as Record<string, unknown>);
        continue;
      }
      const key = isScalar(keyNode) ? String(keyNode.value) : String(toData(doc, keyNode, path, table, file, lines, depth + 1, budget));
      // Duplicate keys are found here in constant time (the parser's own uniqueKeys check is quadratic in the size of
      // a mapping: minutes for a Resources section of 100k entries).
      if (Object.prototype.hasOwnProperty.call(obj, key)) {
        const pos = keyNode?.range ? lines.linePos(keyNode.range[0]) : undefined;
        throw new InputError(file, `invalid YAML: Map keys must be unique (${key} is given twice)`, pos?.line, pos?.col);
      }
      if (keyNode?.range) table.set([...path, key], keyNode.range[0]);
      const v = toData(doc, pair.value as YamlNode, [...path, key], table, file, lines, depth + 1, budget);
      // a `__proto__` key is data like any other (an assignment would replace the object's prototype)
      if (key === '__proto__') Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
      else obj[key] = v;
    }
    // earlier merge sources win over later ones, and the mapping's own keys over all of them (YAML merge key spec)
    for (const m of merged ?? []) {
      for (const k of Object.keys(m)) {
        if (Object.prototype.hasOwnProperty.call(obj, k)) continue;
        if (k === '__proto__') Object.defineProperty(obj, k, { value: m[k], enumerable: true, writable: true, configurable: true });
        else obj[k] = m[k];
      }
    }
    value = obj;
  } else {
    value = null;
  }
  const tag = (node as { tag?: string }).tag;
  if (tag && tag.startsWith('!') && !tag.startsWith('!!')) {
    if (tag.startsWith('!Rain::')) return { [tag.slice(1)]: value };
    const fn = SHORT_FORMS[tag.slice(1)];
    if (!fn) {
      const pos = node.range ? lines.linePos(node.range[0]) : undefined;
      throw new InputError(file, `unknown CloudFormation tag ${tag}`, pos?.line, pos?.col);
    }
    if (fn === 'Fn::GetAtt' && typeof value === 'string') {
      const dot = value.indexOf('.');
      value = dot === -1 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
    }
    if (fn === 'Fn::GetAZs' && value === null) value = '';
    return { [fn]: value };
  }
  return value;
}
