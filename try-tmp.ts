import { lintPaths } from './lib/lint';
const r = lintPaths([process.argv[2]]);
for (const f of r.findings.filter(f => f.ruleId === 'ZL904')) console.log(f.resource.logicalId, '|', f.message);
