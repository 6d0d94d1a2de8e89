/** Amazon Data Lifecycle Manager: lifecycle policies snapshot volumes and instances by tag; not placed themselves. */
import type { RecordSpec } from './types';

export const DLM: readonly RecordSpec[] = [{ type: 'AWS::DLM::LifecyclePolicy', noun: 'DLM lifecycle policy', role: 'config' }];
