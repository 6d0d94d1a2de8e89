// Demo CDK app for `npx cdk synth` / `npm start` (cdk.json): the orders service in a fragile and a resilient version,
// checked by zonelint during synthesis.
//
// Context switches (`-c key=value`):
//   zonelint:entry   plugin (default): CDK's validation plugin, findings in CDK's validation report;
//                    aspect: ZonelintAspect, findings as construct annotations (any aws-cdk-lib from 2.93).
//   zonelint:failOn  none (default here) | info | warning | error: the severity that fails synthesis.
//
// The demo reports without failing (failOn none) so that `npm start` keeps the cloud assembly and goes on to
// `zonelint check cdk.out`, the CI gate. `-c zonelint:failOn=error` makes synthesis itself fail on the fragile stack.
import { App, Aspects, Validations } from 'aws-cdk-lib';
import { ZonelintAspect } from '../lib/cdk/aspect';
import { FailOn } from '../lib/cdk/options';
import { ZonelintPlugin } from '../lib/cdk/plugin';
import { buildDemo } from './demo/app';

const app = new App();
buildDemo(app);
const failOn = (app.node.tryGetContext('zonelint:failOn') ?? 'none') as FailOn;
const entry = app.node.tryGetContext('zonelint:entry') ?? 'plugin';
if (entry === 'aspect') Aspects.of(app).add(new ZonelintAspect({ failOn }));
else if (entry === 'plugin') Validations.of(app).addPlugins(new ZonelintPlugin({ failOn }));
else throw new Error(`zonelint:entry must be plugin or aspect, got ${JSON.stringify(entry)}`);
app.synth();
