import { lintPaths } from './lib/lint';
import { computeBlastRadius } from './lib/analysis/blast-radius';
const r = lintPaths([process.argv[2]]);
const br = computeBlastRadius(r.model);
for (const z of br.zones) { console.log('ZONE', z.zone); for (const i of [...z.down, ...z.degraded, ...z.egressLost]) console.log(' ', i.status, i.label, '|', JSON.stringify(i.recovery.rtoSeconds), i.recovery.rpoSeconds, '|', i.recovery.mode, '|', i.recovery.basis); }
for (const w of br.wherever) { console.log('WHEREVER', w.label); for (const i of [...w.down, ...w.degraded]) console.log(' ', i.status, i.label, '|', JSON.stringify(i.recovery.rtoSeconds), i.recovery.rpoSeconds, '|', i.recovery.mode, '|', i.recovery.basis); }
