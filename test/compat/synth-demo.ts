// Synthesizes the demo app with ZonelintAspect on whichever aws-cdk-lib `require` resolves to (test/compat/alias.js
// points it at test/compat/<version>), and prints what the aspect found and annotated, as JSON on stdout.
// Usage: ZONELINT_CDK_DIR=test/compat/cdk-2.93 node -r ./test/compat/alias.js -r tsx/cjs test/compat/synth-demo.ts <outdir>
import { App, Aspects } from 'aws-cdk-lib';
import { ZonelintAspect } from '../../lib/cdk/aspect';
import { buildDemo } from '../../bin/demo/app';
import { DEMO_CONTEXT } from '../../bin/demo/orders';

const outdir = process.argv[2];
const app = new App({ outdir, context: DEMO_CONTEXT });
buildDemo(app);
const aspect = new ZonelintAspect();
Aspects.of(app).add(aspect);
const assembly = app.synth();
const messages = assembly.stacksRecursively.flatMap((s) => s.messages.map((m) => ({ level: m.level, path: m.id, text: String(m.entry.data) })));
process.stdout.write(
  JSON.stringify({
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    version: (require('aws-cdk-lib/package.json') as { version: string }).version,
    findings: aspect.lastResult!.findings.map((f) => ({ ruleId: f.ruleId, constructPath: f.resource.constructPath, fingerprint: f.fingerprint, suppressed: f.suppressed })),
    messages,
  }),
);
