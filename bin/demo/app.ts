// The demo app's shape, shared by bin/demo.ts (`npx cdk synth`) and the tests that synthesize it in-process.
import { App, Stage } from 'aws-cdk-lib';
import { DEMO_ENV, FragileOrdersStack, ResilientOrdersStack } from './orders';

export interface DemoApp {
  readonly app: App;
  /** `OrdersLegacy`: the fragile stack (top-level, so plain `cdk synth` shows its findings), with a nested stack. */
  readonly fragile: FragileOrdersStack;
  /** `Prod`: a Stage (its own cloud sub-assembly) holding the resilient stack. */
  readonly prod: Stage;
  /** `Prod/Orders`: the resilient stack, which must produce no finding at all. */
  readonly resilient: ResilientOrdersStack;
}

/** Adds the demo's stacks to `app`. */
export function buildDemo(app: App): DemoApp {
  const fragile = new FragileOrdersStack(app, 'OrdersLegacy', {
    env: DEMO_ENV,
    description: 'orders service, 2011 style: state and traffic in one Availability Zone, backups an afterthought',
  });
  const prod = new Stage(app, 'Prod', { env: DEMO_ENV });
  const resilient = new ResilientOrdersStack(prod, 'Orders', {
    env: DEMO_ENV,
    description: 'orders service built to lose any one Availability Zone',
  });
  return { app, fragile, prod, resilient };
}
