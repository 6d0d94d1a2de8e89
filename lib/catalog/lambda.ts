/** AWS Lambda functions (plain and SAM). */
import { lambdaOutsideVpc } from '../model/placement';
import type { RecordSpec } from './types';

const placement = { subnetProperties: ['VpcConfig.SubnetIds'], whenUnset: 'regional' as const, special: lambdaOutsideVpc };

export const LAMBDA: readonly RecordSpec[] = [
  { type: 'AWS::Lambda::Function', noun: 'Lambda function', role: 'compute', recovery: { down: 'manual-rebuild' }, placement, outage: { rules: ['ZL203'] }, live: { collector: 'lambda', records: 'functions' } },
  { type: 'AWS::Serverless::Function', noun: 'Lambda function', role: 'compute', recovery: { down: 'manual-rebuild' }, placement, outage: { rules: ['ZL203'] } },
];
