import type { RuleMeta } from '../engine/types';

/** Where zonelint's source and rule docs are published; help links in SARIF, JUnit and Markdown point here. */
export const REPOSITORY_URL = 'https://github.com/zonelint/zonelint';
/** Branch the documentation links point at. */
export const DOCS_REF = 'main';

/** Path of a rule's doc inside the package and the repository. */
export function ruleDocPath(rule: Pick<RuleMeta, 'service' | 'slug'>): string {
  return `rules/${rule.service}/${rule.slug}/README.md`;
}

/** Browsable URL of a rule's doc. */
export function ruleDocUrl(rule: Pick<RuleMeta, 'service' | 'slug'>): string {
  return `${REPOSITORY_URL}/blob/${DOCS_REF}/${ruleDocPath(rule)}`;
}
