import type { S3Client } from '@aws-sdk/client-s3';
import { readSnapshot } from '../read.js';
import type { SnapshotRead } from '../types.js';
import { getS3ObjectText, type S3ObjectLocation } from './get-text.js';

/** A snapshot read from S3, tolerantly, with the object's ETag. */
export interface LoadedSnapshot extends SnapshotRead {
  readonly etag: string | undefined;
}

/**
 * Reads the snapshot at `location` with {@link readSnapshot}: the good entries and a report of
 * the bad ones. `undefined` when there is no such key.
 *
 * @throws RecordsError `snapshot.invalid` when the object is not a JSON array; S3 failures
 *   other than "not found" as the SDK threw them.
 * @example
 * const loaded = await loadSnapshotFromS3(s3, { bucket: 'site', key: 'records/domains.json' });
 * for (const problem of loaded?.rejected ?? []) console.warn(problem.message);
 */
export async function loadSnapshotFromS3(
  s3: S3Client,
  location: S3ObjectLocation,
): Promise<LoadedSnapshot | undefined> {
  const object = await getS3ObjectText(s3, location);
  if (object === undefined) return undefined;
  return { ...readSnapshot(object.text), etag: object.etag };
}
