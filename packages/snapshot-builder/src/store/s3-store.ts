import {
  CopyObjectCommand,
  DeleteObjectsCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import {
  getS3ObjectText,
  isS3NotFound,
  isS3PreconditionFailure,
} from '@symval/records/snapshot/s3';
import type { ObjectStore } from './object-store.js';

/** A copy source: bucket and key, the key URL-encoded segment by segment. */
function copySource(bucket: string, key: string): string {
  return `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

/** S3 accepts at most this many keys per DeleteObjects request. */
const DELETE_BATCH = 1000;

/**
 * An {@link ObjectStore} on one S3 bucket (or s3rver: pass a client made with
 * `startS3(...).clientConfig`).
 *
 * @example
 * const store = createS3Store(new S3Client({}), 'symval-site');
 */
export function createS3Store(s3: S3Client, bucket: string): ObjectStore {
  return {
    async get(key) {
      const object = await getS3ObjectText(s3, { bucket, key });
      return object && { body: object.text, etag: object.etag };
    },
    async head(key) {
      try {
        const out = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return { etag: out.ETag };
      } catch (error) {
        if (isS3NotFound(error)) return undefined;
        throw error;
      }
    },
    async put(key, body, options) {
      try {
        const out = await s3.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: body,
            ContentType: options.contentType,
            CacheControl: options.cacheControl,
            ...(options.metadata ? { Metadata: { ...options.metadata } } : {}),
            ...(options.ifMatch !== undefined ? { IfMatch: options.ifMatch } : {}),
            ...(options.ifNoneMatch ? { IfNoneMatch: '*' } : {}),
          }),
        );
        return { status: 'written', etag: out.ETag };
      } catch (error) {
        const conditional = options.ifMatch !== undefined || options.ifNoneMatch === true;
        if (conditional && isS3PreconditionFailure(error)) return { status: 'precondition-failed' };
        throw error;
      }
    },
    async copy(from, to, options) {
      await s3.send(
        new CopyObjectCommand({
          Bucket: bucket,
          Key: to,
          CopySource: copySource(bucket, from),
          ...(options.ifSourceMatch ? { CopySourceIfMatch: options.ifSourceMatch } : {}),
          MetadataDirective: 'REPLACE',
          ContentType: options.contentType,
          CacheControl: options.cacheControl,
          ...(options.metadata ? { Metadata: { ...options.metadata } } : {}),
        }),
      );
    },
    async delete(keys) {
      for (let i = 0; i < keys.length; i += DELETE_BATCH) {
        const batch = keys.slice(i, i + DELETE_BATCH);
        const out = await s3.send(
          new DeleteObjectsCommand({
            Bucket: bucket,
            Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
          }),
        );
        const failed = (out.Errors ?? []).filter((e) => e.Code !== 'NoSuchKey');
        if (failed.length > 0) {
          const first = failed[0]!;
          throw new Error(
            `S3 refused to delete ${failed.length} of ${batch.length} keys, e.g. ${first.Key}: ${first.Code} ${first.Message ?? ''}`.trim(),
          );
        }
      }
    },
  };
}
