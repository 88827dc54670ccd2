import type { ObjectStore } from './object-store.js';

/** Requests and bytes a store was asked for. */
export interface StoreCounts {
  gets: number;
  heads: number;
  puts: number;
  copies: number;
  /** Keys deleted (S3 deletes up to 1,000 per request). */
  deletedKeys: number;
  bytesRead: number;
  bytesWritten: number;
}

/** A store that counts what passes through it (`counts`, reset with `reset()`). */
export interface CountingStore extends ObjectStore {
  readonly counts: StoreCounts;
  reset(): void;
}

const size = (body: string | Uint8Array) => Buffer.byteLength(body);

/** Wraps a store to count requests and bytes, for logs and benchmarks. */
export function countingStore(inner: ObjectStore): CountingStore {
  const counts: StoreCounts = {
    gets: 0,
    heads: 0,
    puts: 0,
    copies: 0,
    deletedKeys: 0,
    bytesRead: 0,
    bytesWritten: 0,
  };
  return {
    counts,
    reset() {
      for (const key of Object.keys(counts) as (keyof StoreCounts)[]) counts[key] = 0;
    },
    async get(key) {
      counts.gets++;
      const out = await inner.get(key);
      if (out) counts.bytesRead += size(out.body);
      return out;
    },
    async head(key) {
      counts.heads++;
      return inner.head(key);
    },
    async put(key, body, options) {
      counts.puts++;
      counts.bytesWritten += size(body);
      return inner.put(key, body, options);
    },
    async copy(from, to, options) {
      counts.copies++;
      return inner.copy(from, to, options);
    },
    async delete(keys) {
      counts.deletedKeys += keys.length;
      return inner.delete(keys);
    },
  };
}
