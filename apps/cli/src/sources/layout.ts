// The sharded layout (records/v1/) beside a whole-file snapshot: read it first, so the CLI
// never needs the whole file, which above its size threshold is published only every few
// minutes. Any trouble reading the layout falls back to the whole file, whose errors are the
// ones worth showing.
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import {
  createHttpLayoutFetch,
  type LayoutFetch,
  readLayoutRecords,
  type SnapshotRead,
} from '@symval/records/snapshot';
import { s3LayoutFetch } from '@symval/records/snapshot/s3';
import { createS3Client } from '../aws/clients.js';
import type { Env } from '../cli/io.js';

const FETCH_TIMEOUT_MS = 30_000;

/** Where a snapshot is (the shape of `SnapshotLocation`, kept apart so neither module imports the other). */
export type LayoutLocation =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'url'; readonly url: string }
  | {
      readonly kind: 's3';
      readonly bucket: string;
      readonly key: string;
      readonly indexKey?: string;
    };

/** The index beside a whole file: `records/domains.json` -> `records/v1/index.json`. */
export function layoutIndexBeside(wholeFile: string): string {
  if (wholeFile.endsWith('index.json')) return wholeFile;
  const slash = wholeFile.lastIndexOf('/');
  return `${wholeFile.slice(0, slash + 1)}v1/index.json`;
}

function fileFetch(indexPath: string): LayoutFetch {
  const folder = dirname(resolve(indexPath));
  return async (path) => {
    try {
      return await readFile(join(folder, path), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  };
}

/** The records of a sharded layout and where its index was read. */
export interface LayoutRead extends SnapshotRead {
  /** The index read: the location's own kind, its path, URL or key being the index's. */
  readonly index: LayoutLocation;
}

/**
 * The records of the sharded layout at or beside `location`, with where its index is, or
 * `undefined` when there is none or it cannot be read (then the whole file is read instead).
 */
export async function loadLayoutBeside(
  location: LayoutLocation,
  env: Env,
): Promise<LayoutRead | undefined> {
  if (location.kind === 's3') {
    const s3 = createS3Client(env);
    try {
      const indexKey = location.indexKey ?? layoutIndexBeside(location.key);
      const read = await readQuietly(s3LayoutFetch(s3, { bucket: location.bucket, indexKey }));
      return read && { ...read, index: { kind: 's3', bucket: location.bucket, key: indexKey } };
    } finally {
      s3.destroy();
    }
  }
  if (location.kind === 'url') {
    const url = new URL(location.url);
    url.pathname = layoutIndexBeside(url.pathname);
    const read = await readQuietly(
      createHttpLayoutFetch(url.href, { init: { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) } }),
    );
    return read && { ...read, index: { kind: 'url', url: url.href } };
  }
  const path = layoutIndexBeside(location.path);
  const read = await readQuietly(fileFetch(path));
  return read && { ...read, index: { kind: 'file', path } };
}

async function readQuietly(fetch: LayoutFetch): Promise<SnapshotRead | undefined> {
  try {
    const read = await readLayoutRecords(fetch, { concurrency: 16 });
    if (!read || (read.records.length === 0 && read.rejected.length > 0)) return undefined;
    return { records: read.records, rejected: read.rejected };
  } catch {
    return undefined;
  }
}
