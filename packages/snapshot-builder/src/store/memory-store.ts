import type { ObjectStore, PutOptions } from './object-store.js';

/** An object as the memory store keeps it. */
export interface MemoryObject {
  readonly body: string;
  readonly etag: string;
  readonly contentType: string;
  readonly cacheControl: string;
  readonly metadata: Readonly<Record<string, string>>;
}

/** An {@link ObjectStore} in memory, with S3's conditional semantics; `objects` is its content. */
export interface MemoryStore extends ObjectStore {
  readonly objects: ReadonlyMap<string, MemoryObject>;
}

const decoder = new TextDecoder();

/**
 * An {@link ObjectStore} in memory: atomic replace, If-Match / If-None-Match, ETags that
 * change with every write. For pure tests and benchmarks that measure the builder rather than
 * the network; behaviour S3 itself shows is tested against s3rver.
 */
export function createMemoryStore(): MemoryStore {
  const objects = new Map<string, MemoryObject>();
  let version = 0;
  const preconditionHolds = (key: string, options: PutOptions) => {
    const current = objects.get(key);
    if (options.ifNoneMatch && current) return false;
    if (options.ifMatch !== undefined && current?.etag !== options.ifMatch) return false;
    return true;
  };
  return {
    objects,
    async get(key) {
      const o = objects.get(key);
      return o ? { body: o.body, etag: o.etag } : undefined;
    },
    async head(key) {
      const o = objects.get(key);
      return o ? { etag: o.etag } : undefined;
    },
    async put(key, body, options) {
      if (!preconditionHolds(key, options)) return { status: 'precondition-failed' };
      const etag = `"m${++version}"`;
      objects.set(key, {
        body: typeof body === 'string' ? body : decoder.decode(body),
        etag,
        contentType: options.contentType,
        cacheControl: options.cacheControl,
        metadata: { ...options.metadata },
      });
      return { status: 'written', etag };
    },
    async copy(from, to, options) {
      const source = objects.get(from);
      if (!source) throw Object.assign(new Error(`NoSuchKey: ${from}`), { name: 'NoSuchKey' });
      if (options.ifSourceMatch !== undefined && source.etag !== options.ifSourceMatch)
        throw Object.assign(new Error('PreconditionFailed'), { name: 'PreconditionFailed' });
      objects.set(to, {
        body: source.body,
        etag: `"m${++version}"`,
        contentType: options.contentType,
        cacheControl: options.cacheControl,
        metadata: { ...options.metadata },
      });
    },
    async delete(keys) {
      for (const key of keys) objects.delete(key);
    },
  };
}
