import { createHash } from 'node:crypto';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { serializeSnapshot } from '@symval/records';
import {
  getS3ObjectText,
  isS3NotFound,
  isS3PreconditionFailure,
} from '@symval/records/snapshot/s3';
import { SnapshotBuilderError } from '../errors.js';
import { parseState, serializeState } from '../state/codec.js';
import { type BuilderState, publicRecords } from '../state/state.js';

/** Where the snapshot and the builder state live. */
export interface SnapshotLocation {
  readonly bucket: string;
  /** The public snapshot, e.g. `records/domains.json`. */
  readonly key: string;
  /** The builder's private state, e.g. `state/snapshot-state.json`. */
  readonly stateKey: string;
  /** Where the document is uploaded before it is copied to `key`. Default `${stateKey}.tmp`. */
  readonly tempKey?: string;
}

/** A state as loaded from S3, with the ETag that later conditional writes compare against. */
export interface LoadedState {
  /** `undefined` when there was no state object. */
  readonly state: BuilderState | undefined;
  readonly etag: string | undefined;
}

/** Options of {@link publishSnapshot}. */
export interface PublishSnapshotOptions extends SnapshotLocation {
  /** The state to publish (after `applyStreamBatch`). */
  readonly state: BuilderState;
  /** What {@link loadState} returned at the start of this batch. */
  readonly loaded: LoadedState;
}

/** Result of {@link publishSnapshot}. */
export interface PublishSnapshotResult {
  /** The state as saved (its `publishedHash` set). */
  readonly state: BuilderState;
  /** The ETag of the saved state object (the loaded one when nothing was saved). */
  readonly etag: string | undefined;
  /** Whether the public document was written (false when its content was unchanged). */
  readonly published: boolean;
  /** Whether the state object was written. */
  readonly stateSaved: boolean;
  /** Size of the public document in bytes. */
  readonly bytes: number;
  /** SHA-256 (hex) of the public document. */
  readonly hash: string;
}

/** Headers of the public document, as the Go implementation set them. */
export const SNAPSHOT_CONTENT_TYPE = 'application/json';
export const SNAPSHOT_CACHE_CONTROL = 'max-age=60';

/**
 * Reads the builder state; `{ state: undefined }` when there is none yet. A state that cannot
 * be read throws `state.invalid`; any S3 failure other than a missing key is thrown as is
 * (a missing bucket too: it is a wrong setting, not an empty one).
 *
 * @example
 * const loaded = await loadState(s3, { bucket, stateKey: 'state/snapshot-state.json' });
 */
export async function loadState(
  s3: S3Client,
  location: Pick<SnapshotLocation, 'bucket' | 'stateKey'>,
): Promise<LoadedState> {
  const object = await getS3ObjectText(s3, { bucket: location.bucket, key: location.stateKey });
  if (object === undefined) return { state: undefined, etag: undefined };
  return { state: parseState(object.text), etag: object.etag };
}

/** Whether an object exists (HeadObject); other failures are thrown. */
export async function objectExists(s3: S3Client, bucket: string, key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (error) {
    if (isS3NotFound(error)) return false;
    throw error;
  }
}

function conflict(stateKey: string, detail: string, cause?: unknown): SnapshotBuilderError {
  return new SnapshotBuilderError(
    'publish.conflict',
    `another writer changed the builder state ${stateKey} since it was loaded (${detail}); apply the batch again on the new state`,
    cause === undefined ? undefined : { cause },
  );
}

/** A copy source: bucket and key, the key URL-encoded segment by segment. */
function copySource(bucket: string, key: string): string {
  return `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * Publishes the state's public records and saves the state, unless nothing changed.
 *
 * 1. The document is serialised (`serializeSnapshot`) and hashed; the write is skipped when
 *    the hash is the one the state last published.
 * 2. The state object must still have the ETag it was loaded with (a HEAD), or another
 *    writer is at work and `publish.conflict` is thrown before anything is written.
 * 3. The document goes to the temporary key, is copied server-side to the public key
 *    (`Content-Type: application/json`, `Cache-Control: max-age=60`; the copy is conditional
 *    on the temporary object being the one just uploaded), and the temporary key is deleted.
 * 4. The state is saved with `If-Match` on the loaded ETag (`If-None-Match: *` when there was
 *    none): if another writer saved in between, S3 refuses and `publish.conflict` is thrown.
 *
 * Any S3 failure throws, so the batch is retried; a retry recomputes everything from the
 * stored state, so a public write whose state save failed is simply written again.
 *
 * @example
 * const loaded = await loadState(s3, location);
 * const { state } = applyStreamBatch(loaded.state ?? emptyState(), event.Records);
 * const result = await publishSnapshot(s3, { ...location, state, loaded });
 */
export async function publishSnapshot(
  s3: S3Client,
  options: PublishSnapshotOptions,
): Promise<PublishSnapshotResult> {
  const { bucket, key, stateKey, state, loaded } = options;
  const tempKey = options.tempKey ?? `${stateKey}.tmp`;
  if (new Set([key, stateKey, tempKey]).size !== 3) {
    throw new SnapshotBuilderError(
      'options.invalid',
      `key, stateKey and tempKey must differ, received ${JSON.stringify({ key, stateKey, tempKey })}`,
    );
  }
  const body = serializeSnapshot(publicRecords(state));
  const hash = createHash('sha256').update(body).digest('hex');
  const bytes = Buffer.byteLength(body);
  const publish = hash !== state.publishedHash;
  if (!publish && state === loaded.state) {
    return { state, etag: loaded.etag, published: false, stateSaved: false, bytes, hash };
  }

  await assertStateUnchanged(s3, bucket, stateKey, loaded.etag);
  if (publish) {
    const headers = {
      ContentType: SNAPSHOT_CONTENT_TYPE,
      CacheControl: SNAPSHOT_CACHE_CONTROL,
      Metadata: { 'content-sha256': hash },
    };
    const temp = await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: tempKey, Body: body, ...headers }),
    );
    await s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: key,
        CopySource: copySource(bucket, tempKey),
        ...(temp.ETag ? { CopySourceIfMatch: temp.ETag } : {}),
        MetadataDirective: 'REPLACE',
        ...headers,
      }),
    );
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: tempKey }));
  }

  const next: BuilderState = { ...state, publishedHash: hash };
  try {
    const saved = await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: stateKey,
        Body: serializeState(next),
        ContentType: 'application/json',
        CacheControl: 'no-store',
        ...(loaded.etag === undefined ? { IfNoneMatch: '*' } : { IfMatch: loaded.etag }),
      }),
    );
    return { state: next, etag: saved.ETag, published: publish, stateSaved: true, bytes, hash };
  } catch (error) {
    if (isS3PreconditionFailure(error)) throw conflict(stateKey, 'conditional save refused', error);
    throw error;
  }
}

/**
 * The check that also works where conditional writes are not supported (s3rver): compare
 * the state object's current ETag with the loaded one. It narrows the window; the
 * conditional save closes it on S3.
 */
async function assertStateUnchanged(
  s3: S3Client,
  bucket: string,
  stateKey: string,
  etag: string | undefined,
): Promise<void> {
  let current: string | undefined;
  try {
    current = (await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: stateKey }))).ETag;
  } catch (error) {
    if (!isS3NotFound(error)) throw error;
    current = undefined;
  }
  if (current !== etag) {
    throw conflict(stateKey, `ETag ${current ?? 'none'} where ${etag ?? 'none'} was loaded`);
  }
}
