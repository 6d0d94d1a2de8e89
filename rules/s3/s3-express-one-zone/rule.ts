import { defineRule } from '../../../lib/engine/types';
import { placementPhrase } from '../../../lib/model/describe';
import { asString } from '../../../lib/model/values';

export default defineRule({
  id: 'ZL411',
  slug: 's3-express-one-zone',
  service: 's3',
  title: 'S3 Express One Zone directory bucket: its objects live in one zone',
  severity: 'error',
  resourceTypes: ['AWS::S3Express::DirectoryBucket'],
  rationale:
    'A directory bucket stores its objects (S3 Express One Zone, or One Zone-IA in a Dedicated Local Zone) redundantly ' +
    'on devices of a single zone only. While that zone is down its objects can be neither read nor written, and if ' +
    'the zone is lost they are gone: unless the data can be rebuilt from a copy elsewhere, it is the only copy.',
  fix: {
    cloudformation: 'keep the source of truth in a general purpose AWS::S3::Bucket (regional, at least three zones) and use the directory bucket for data that can be rebuilt from it; suppress with the reason when the data is scratch or a cache',
    cdk: 'keep the source of truth in an s3.Bucket (regional) and write only rebuildable data (cache, shuffle, checkpoints copied elsewhere) to the CfnDirectoryBucket',
  },
  check(ctx) {
    for (const bucket of ctx.resources('AWS::S3Express::DirectoryBucket')) {
      const p = ctx.model.placement(bucket);
      if (p.kind !== 'zonal') continue; // LocationName unknown: never guessed
      const redundancy = asString(bucket.get('DataRedundancy'));
      const localZone = redundancy === 'SingleLocalZone';
      ctx.report({
        resource: bucket,
        path: 'Properties.LocationName',
        message:
          `S3 directory bucket ${bucket.label} stores its objects ${placementPhrase(p)} only (DataRedundancy ${redundancy ?? 'not set'}${localZone ? ', a Local Zone' : ''}): ` +
          `while that zone is down its objects can be neither read nor written, and if the zone is lost they are gone. ` +
          `Keep the only copy of anything you cannot rebuild in a regional S3 bucket.`,
      });
    }
  },
});
