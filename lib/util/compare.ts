/**
 * Orders strings by UTF-16 code units: the same order on every machine and locale (reports, baselines and SARIF must
 * not depend on the ICU data or LANG of the machine that ran the check), and far cheaper than `localeCompare`, whose
 * first call builds an ICU collator (~8 ms, a tenth of the CDK plugin's whole run on a 20-stack app).
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
