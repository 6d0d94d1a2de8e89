import { App, AppProps } from 'aws-cdk-lib';

/**
 * A CDK App for tests, with aws-cdk-lib's built-in CloudFormation validation off unless `props` turns it on. That
 * validation is aws-cdk-lib's own feature (a WebAssembly validator, `cdk synth --no-validation` turns it off too) and
 * takes most of every synthesis: with it on, the test suite takes more than twice as long. Tests of zonelint's own
 * behaviour leave it off. The demo test (the real `cdk synth`) and the main plugin test keep it on, so the plugin is
 * still tested next to it, as users run it.
 */
export function testApp(props: AppProps = {}): App {
  return new App({ builtinCloudFormationValidation: false, ...props });
}
