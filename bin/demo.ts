// Demo CDK app for `npx cdk synth` / `npm start` (cdk.json): the orders service in a fragile and a resilient version,
// checked by zonelint's CDK validation plugin during synthesis.
//
// The plugin reports but does not fail synthesis here (failOn: 'none'), so that `npm start` keeps the cloud assembly
// and goes on to `zonelint check cdk.out`, the CI gate, whose exit code is the verdict. Pass
// `-c zonelint:failOn=error` to let synthesis itself fail on the fragile stack's errors.
import { App, Validations } from 'aws-cdk-lib';
import { ZonelintPlugin } from '../lib/cdk/plugin';
import type { Severity } from '../lib/engine/types';
import { buildDemo } from './demo/app';

const app = new App();
buildDemo(app);
const failOn = (app.node.tryGetContext('zonelint:failOn') ?? 'none') as Severity | 'none';
Validations.of(app).addPlugins(new ZonelintPlugin({ failOn }));
app.synth();
