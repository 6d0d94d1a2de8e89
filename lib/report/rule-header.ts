import type { RuleMeta } from '../engine/types';

/** Markers around the header table of a rule's README, which `npm run build` (scripts/gen-docs.mjs) regenerates. */
export const RULE_HEADER_START = '<!-- rule-header:start -->';
export const RULE_HEADER_END = '<!-- rule-header:end -->';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** The header table of a rule's README, from its metadata: severity, resource types, options with defaults, live only. */
export function ruleHeaderTable(rule: RuleMeta): string {
  const options = Object.entries(rule.options ?? {}).map(([k, o]) => `\`${k}\` (default \`${JSON.stringify(o.default)}\`): ${cell(o.description)}`);
  const rows = [
    '| | |',
    '|---|---|',
    `| Severity | ${rule.severity} |`,
    `| Resource types | ${[...new Set(rule.resourceTypes)].map((t) => `\`${t}\``).join(', ')} |`,
    `| Options | ${options.length ? options.join('; ') : 'none'} |`,
    ...(rule.liveOnly ? ['| Live only | yes: needs facts only a live scan has (`zonelint scan`, or `zonelint check` of a saved inventory) |'] : []),
  ];
  return rows.join('\n');
}

/**
 * The README with its header table (between the markers) regenerated from the rule's metadata; a README without the
 * markers gets them after its title line.
 */
export function withRuleHeader(readme: string, rule: RuleMeta): string {
  const block = `${RULE_HEADER_START}\n${ruleHeaderTable(rule)}\n${RULE_HEADER_END}`;
  const i = readme.indexOf(RULE_HEADER_START);
  const j = readme.indexOf(RULE_HEADER_END);
  if (i !== -1 && j > i) return `${readme.slice(0, i)}${block}${readme.slice(j + RULE_HEADER_END.length)}`;
  const eol = readme.indexOf('\n');
  return eol === -1 ? `${readme}\n\n${block}\n` : `${readme.slice(0, eol + 1)}\n${block}\n${readme.slice(eol + 1)}`;
}
