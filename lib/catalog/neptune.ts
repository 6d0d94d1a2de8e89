/** Amazon Neptune clusters and their instances (the RDS cluster shape: storage over three zones, instances in one). */
import type { RecordSpec } from './types';
import { clusterFamily } from './rds';

export const NEPTUNE: readonly RecordSpec[] = clusterFamily('AWS::Neptune', 'Neptune');
