import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { isS3NotFound } from './errors.js';

/** Where an object is. */
export interface S3ObjectLocation {
  readonly bucket: string;
  readonly key: string;
}

/** An object's text and the ETag a conditional write can compare against. */
export interface S3ObjectText {
  readonly text: string;
  readonly etag: string | undefined;
}

/**
 * Reads an object as UTF-8 text; `undefined` when there is no such key. Any other S3 failure
 * (no bucket, access denied, network) is thrown as the SDK threw it.
 *
 * @example
 * const object = await getS3ObjectText(s3, { bucket: 'site', key: 'records/domains.json' });
 * object?.etag;
 */
export async function getS3ObjectText(
  s3: S3Client,
  location: S3ObjectLocation,
): Promise<S3ObjectText | undefined> {
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: location.bucket, Key: location.key }));
    return { text: (await out.Body?.transformToString('utf-8')) ?? '', etag: out.ETag };
  } catch (error) {
    if (isS3NotFound(error)) return undefined;
    throw error;
  }
}
