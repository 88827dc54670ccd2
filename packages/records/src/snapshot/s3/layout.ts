import type { S3Client } from '@aws-sdk/client-s3';
import { LAYOUT_INDEX_FILE } from '../layout/paths.js';
import {
  type LayoutRecordsRead,
  type LayoutWalkOptions,
  readLayoutRecords,
} from '../layout/read.js';
import type { LayoutFetch } from '../layout/types.js';
import { getS3ObjectText } from './get-text.js';

/** Where a sharded layout is in S3: the bucket and its index's key (`records/v1/index.json`). */
export interface S3LayoutLocation {
  readonly bucket: string;
  readonly indexKey: string;
}

/** The folder of the index's key, with its trailing slash (`records/v1/`), or `''`. */
export function layoutFolder(indexKey: string): string {
  const slash = indexKey.lastIndexOf('/');
  return slash < 0 ? '' : indexKey.slice(0, slash + 1);
}

/**
 * A {@link LayoutFetch} reading the layout's files from S3, beside the index's key. A missing
 * key reads as "no such file"; other S3 failures (a missing bucket, access denied) are thrown.
 *
 * @example
 * const fetch = s3LayoutFetch(s3, { bucket: 'site', indexKey: 'records/v1/index.json' });
 * const read = await readLayoutRecords(fetch, { concurrency: 32 });
 */
export function s3LayoutFetch(s3: S3Client, location: S3LayoutLocation): LayoutFetch {
  const folder = layoutFolder(location.indexKey);
  return async (path) => {
    const key = path === LAYOUT_INDEX_FILE ? location.indexKey : `${folder}${path}`;
    return (await getS3ObjectText(s3, { bucket: location.bucket, key }))?.text;
  };
}

/**
 * Reads every record of the sharded layout from S3 (see `readLayoutRecords`); `undefined`
 * when there is no index.
 */
export async function loadLayoutFromS3(
  s3: S3Client,
  location: S3LayoutLocation,
  options: LayoutWalkOptions = {},
): Promise<LayoutRecordsRead | undefined> {
  return readLayoutRecords(s3LayoutFetch(s3, location), { concurrency: 32, ...options });
}
