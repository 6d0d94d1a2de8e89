import * as fs from 'fs';
import * as path from 'path';
import { ALL_RULES } from '../../rules';
import { closeMatches } from '../engine/unused';
import type { Rule } from '../engine/types';
import { UsageError } from '../errors';
import { ruleDocPath, ruleDocUrl } from '../report/links';
import { EXIT_OK, useColor } from './common';

/** Finds a rule by id (`ZL301`, `zl301`, `zonelint::ZL301`) or slug; unknown → UsageError listing close matches. */
export function findRule(query: string, rules: readonly Rule[] = ALL_RULES): Rule {
  const q = query.trim().replace(/^zonelint::/i, '');
  const rule = rules.find((r) => r.id.toLowerCase() === q.toLowerCase() || r.slug === q.toLowerCase());
  if (rule) return rule;
  const close = [...new Set([...closeMatches(q, rules.map((r) => r.id)), ...closeMatches(q, rules.map((r) => r.slug)).map((slug) => rules.find((r) => r.slug === slug)!.id)])];
  throw new UsageError(`unknown rule "${query}"${close.length ? ` (did you mean ${close.join(', ')}?)` : ''}; run \`zonelint rules\` for the list`);
}

/**
 * The rule's doc as shipped in the package (`rules/<service>/<slug>/README.md`, listed in package.json `files`):
 * looked up from this module's directory upwards, which finds it both from the sources (lib/cli) and from the CLI
 * bundle (dist/).
 */
export function findRuleDoc(rule: Pick<Rule, 'service' | 'slug'>, from = __dirname): string | undefined {
  const rel = ruleDocPath(rule);
  let dir = from;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, rel);
    if (fs.existsSync(candidate)) return candidate;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

/** The text `zonelint explain` prints: the rule's README, or (if the package lacks it) a doc built from its metadata. */
export function explainText(rule: Rule, docFile = findRuleDoc(rule)): string {
  if (docFile) {
    const text = fs.readFileSync(docFile, 'utf8');
    return text.endsWith('\n') ? text : `${text}\n`;
  }
  return metadataDoc(rule);
}

/** A rule's doc built from its metadata alone (why, fix for CloudFormation and CDK, link to the full doc). */
export function metadataDoc(rule: Rule): string {
  return [
    `# ${rule.id} — ${rule.title}`,
    '',
    `Severity: ${rule.severity}. Resource types: ${rule.resourceTypes.join(', ')}.`,
    '',
    '## Why',
    rule.rationale,
    '',
    '## Fix',
    `CloudFormation: ${rule.fix.cloudformation}`,
    `CDK: ${rule.fix.cdk}`,
    '',
    `Documentation: ${ruleDocUrl(rule)}`,
    '',
  ].join('\n');
}

const STYLE = {
  bold: ['\u001b[1m', '\u001b[22m'],
  underline: ['\u001b[4m', '\u001b[24m'],
  dim: ['\u001b[2m', '\u001b[22m'],
  cyan: ['\u001b[36m', '\u001b[39m'],
} as const;

function paint(style: keyof typeof STYLE, s: string): string {
  return `${STYLE[style][0]}${s}${STYLE[style][1]}`;
}

/**
 * Light terminal formatting of Markdown: headings bold, code blocks indented in cyan without their fences, inline code
 * in cyan, emphasis markers removed. Used only on a TTY; piped output stays plain Markdown.
 */
export function formatMarkdownForTerminal(md: string): string {
  const out: string[] = [];
  let inCode = false;
  for (const line of md.replace(/\r\n/g, '\n').split('\n')) {
    if (/^\s*```/.test(line)) {
      inCode = !inCode;
      continue;
    }
    if (inCode) {
      out.push(`    ${paint('cyan', line)}`);
      continue;
    }
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    if (h) {
      out.push(h[1].length === 1 ? paint('bold', paint('underline', inline(h[2]))) : paint('bold', inline(h[2])));
      continue;
    }
    if (/^\|?\s*-{3,}/.test(line) && /\|/.test(line)) continue; // table separator row
    if (/^\s*<!--.*-->\s*$/.test(line)) continue; // generated-section markers
    out.push(inline(line));
  }
  return out.join('\n');
}

function inline(s: string): string {
  return s
    .replace(/`([^`]+)`/g, (_, c: string) => paint('cyan', c))
    .replace(/\*\*([^*]+)\*\*/g, (_, c: string) => paint('bold', c))
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, (_, t: string, u: string) => `${t} (${paint('dim', u)})`);
}

/** `zonelint explain <rule>`: the rule's doc, lightly formatted on a terminal, plain Markdown when piped. */
export function explain(id: string, opts: { color?: boolean }): number {
  const rule = findRule(id);
  const text = explainText(rule);
  process.stdout.write(useColor(opts.color, process.stdout) ? `${formatMarkdownForTerminal(text)}\n` : text);
  return EXIT_OK;
}
