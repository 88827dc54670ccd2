// The few object operations the sharded builder needs, so the same builder runs on S3, on
// s3rver (tests) and in memory (benchmarks that count bytes, not network time).

/** An object's text and the ETag conditional writes compare against. */
export interface StoredObject {
  readonly body: string;
  readonly etag: string | undefined;
}

/** Headers and conditions of a write. */
export interface PutOptions {
  readonly contentType: string;
  readonly cacheControl: string;
  /** Write only if the object still has this ETag (412 otherwise). */
  readonly ifMatch?: string;
  /** Write only if there is no such object yet (412 otherwise). */
  readonly ifNoneMatch?: boolean;
  readonly metadata?: Readonly<Record<string, string>>;
}

/** What a conditional write did. */
export type PutResult =
  | { readonly status: 'written'; readonly etag: string | undefined }
  | { readonly status: 'precondition-failed' };

/** Options of a server-side copy. */
export interface CopyOptions {
  readonly contentType: string;
  readonly cacheControl: string;
  /** Copy only if the source still has this ETag. */
  readonly ifSourceMatch?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

/**
 * Where the sharded builder keeps the public layout and its private state: S3 in production
 * (`createS3Store`), memory in benchmarks (`createMemoryStore`). Failures other than "not
 * found" and "precondition failed" are thrown.
 */
export interface ObjectStore {
  get(key: string): Promise<StoredObject | undefined>;
  head(key: string): Promise<{ readonly etag: string | undefined } | undefined>;
  put(key: string, body: string | Uint8Array, options: PutOptions): Promise<PutResult>;
  copy(from: string, to: string, options: CopyOptions): Promise<void>;
  /** Deletes keys (missing ones are fine). */
  delete(keys: readonly string[]): Promise<void>;
}
