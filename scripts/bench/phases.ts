// Where `zonelint check` spends its time on one input, phase by phase, in CPU time (steadier than wall time on a shared
// machine) and live heap after each phase: `node --expose-gc --import tsx scripts/bench/phases.ts <cdk.out>`.
// Prints one JSON line (scripts/bench.mjs shows it as a table).
import { computeBlastRadius } from '../../lib/analysis/blast-radius';
import { resolveConfig } from '../../lib/engine/config';
import { checkSuppressions, runRules } from '../../lib/engine/engine';
import type { Finding } from '../../lib/engine/finding';
import { loadInputs } from '../../lib/load/inputs';
import { buildModel } from '../../lib/model/model';
import { FORMATS, toReport } from '../../lib/report';
import { ALL_RULES } from '../../rules';

const input = process.argv[2];
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const heapMiB = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1048576;
};
const phases: Array<{ phase: string; cpuMs: number; heapMiB: number }> = [];
let mark = cpu();
const lap = (phase: string) => {
  const now = cpu();
  const heap = heapMiB();
  phases.push({ phase, cpuMs: now - mark, heapMiB: heap });
  mark = cpu();
};

const load = loadInputs([input]);
lap('load (read, parse, assembly metadata)');
const model = buildModel(load);
checkSuppressions(model);
lap('model (validate, suppressions)');
for (const r of model.resources) void r.properties;
lap('resolve every resource');
for (const r of model.resources) model.placement(r);
lap('placement of every resource');
const rules: Array<{ id: string; cpuMs: number }> = [];
const findings: Finding[] = [];
for (const rule of resolveConfig(ALL_RULES, {})) {
  const start = cpu();
  for (const f of runRules(model, [rule])) findings.push(f);
  rules.push({ id: rule.rule.id, cpuMs: cpu() - start });
}
lap('rules');
const blastRadius = computeBlastRadius(model);
lap('blast radius');
// streamed in chunks as the CLI writes it (lib/report/render.ts): only its length is kept
let reportChars = 0;
FORMATS.json.stream!(toReport({ load, model, rules: [], findings, catalog: ALL_RULES }, blastRadius), {}, (chunk) => {
  reportChars += chunk.length;
});
lap('JSON report');
rules.sort((a, b) => b.cpuMs - a.cpuMs);
process.stdout.write(`${JSON.stringify({ resources: model.resources.length, findings: findings.length, reportMiB: reportChars / 1048576, phases, rules })}\n`);
