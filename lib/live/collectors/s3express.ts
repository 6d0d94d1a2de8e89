/** S3 Express One Zone directory buckets: the zone each keeps its objects in (the `--<zone id>--x-s3` name suffix). */
import { S3Client, paginateListDirectoryBuckets } from '@aws-sdk/client-s3';
import type { DirectoryBucketRecord } from '../../load/inventory-types';
import { CollectContext, attempt, iso } from './context';

/** The largest page ListDirectoryBuckets takes (MaxDirectoryBuckets). */
export const DIRECTORY_BUCKET_PAGE = 1000;

/** `data--use1-az4--x-s3` → `use1-az4`: a directory bucket's name ends with its location (AZ id or Local Zone id). */
export function directoryBucketZone(name: string): string | undefined {
  return /--([a-z0-9-]+?)--x-s3$/.exec(name)?.[1];
}

export async function collectS3Express(ctx: CollectContext): Promise<void> {
  // the regional S3 Express control endpoint, signed as s3express; its IAM action is s3express:ListAllMyDirectoryBuckets
  const client = ctx.clients.client('s3express', 's3express', (c) => new S3Client(c));
  await attempt(ctx, 's3express', 'ListDirectoryBuckets', async () => {
    const out: DirectoryBucketRecord[] = [];
    for await (const page of paginateListDirectoryBuckets({ client, pageSize: DIRECTORY_BUCKET_PAGE }, {})) {
      for (const b of page.Buckets ?? []) {
        // every directory bucket name ends with --<zone id>--x-s3 (a general purpose bucket cannot): anything else is
        // not one (an emulator without S3 Express answers this call as ListBuckets)
        if (!b.Name || !directoryBucketZone(b.Name)) continue;
        out.push({ name: b.Name, arn: b.BucketArn, zoneId: directoryBucketZone(b.Name), created: iso(b.CreationDate) });
      }
    }
    ctx.data.directoryBuckets = out;
  });
}
