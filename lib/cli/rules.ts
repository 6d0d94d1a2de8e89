// `zonelint rules`: every rule, as a table or as JSON (id, severity, title, resource types, options, fix, doc).
import { ALL_RULES } from '../../rules';
import { EXIT_OK } from './common';

export function listRules(format: string): number {
  if (format === 'json') {
    const rules = ALL_RULES.map((r) => ({
      id: r.id,
      slug: r.slug,
      service: r.service,
      severity: r.severity,
      title: r.title,
      resourceTypes: r.resourceTypes,
      options: r.options ?? {},
      fix: r.fix,
      docs: `rules/${r.service}/${r.slug}/README.md`,
    }));
    process.stdout.write(`${JSON.stringify(rules, null, 2)}\n`);
    return EXIT_OK;
  }
  const idW = 6;
  const sevW = Math.max(...ALL_RULES.map((r) => r.severity.length));
  const lines = ALL_RULES.map((r) => `${r.id.padEnd(idW)}  ${r.severity.padEnd(sevW)}  ${r.title}`);
  process.stdout.write(`${lines.join('\n')}\n${ALL_RULES.length} rules; \`zonelint rules --format json\` for options and fixes.\n`);
  return EXIT_OK;
}
