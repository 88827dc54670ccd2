import {
  ownerDirectoryBucket,
  ownerPageIdOfGroupId,
  parseOwnerDirectory,
  serializeOwnerDirectory,
} from '@symval/records/snapshot';
import { SnapshotBuilderError } from '../errors.js';
import type { ObjectStore } from '../store/object-store.js';
import { INDEX_CACHE_CONTROL, JSON_CONTENT_TYPE } from './headers.js';
import type { ShardedKeys } from './keys.js';

/** A directory bucket ready to write: `etag` is what it had when read (`undefined`: new). */
export interface DirectoryWrite {
  readonly key: string;
  readonly text: string;
  readonly etag: string | undefined;
}

const byId = (a: readonly [string, string], b: readonly [string, string]) =>
  a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;

/** The bucket text of some owners, sorted by page id. */
export function directoryText(owners: (readonly [string, string])[]): string {
  return serializeOwnerDirectory({ owners: owners.sort(byId) });
}

/**
 * Reads the buckets that owners joining or leaving the club change, and prepares their new
 * text. A bucket is written only when its content changes.
 */
export async function prepareDirectory(
  store: ObjectStore,
  keys: ShardedKeys,
  added: readonly (readonly [id: string, owner: string])[],
  removed: readonly (readonly [id: string, owner: string])[],
): Promise<DirectoryWrite[]> {
  const buckets = new Map<string, { add: (readonly [string, string])[]; remove: Set<string> }>();
  const bucketOf = (id: string) => {
    const b = ownerDirectoryBucket(id);
    let entry = buckets.get(b);
    if (!entry) {
      entry = { add: [], remove: new Set() };
      buckets.set(b, entry);
    }
    return entry;
  };
  for (const [id, owner] of removed) bucketOf(id).remove.add(`${id}\n${owner}`);
  for (const pair of added) bucketOf(pair[0]).add.push(pair);
  const writes: DirectoryWrite[] = [];
  await Promise.all(
    [...buckets].map(async ([bucket, change]) => {
      const key = keys.directory(bucket);
      const object = await store.get(key);
      const owners = object ? [...parseOwnerDirectory(object.body, key).owners] : [];
      const kept = owners.filter(([id, owner]) => !change.remove.has(`${id}\n${owner}`));
      const known = new Set(kept.map(([id, owner]) => `${id}\n${owner}`));
      for (const pair of change.add) if (!known.has(`${pair[0]}\n${pair[1]}`)) kept.push(pair);
      const text = directoryText(kept);
      if (object?.body === text) return;
      writes.push({ key, text, etag: object?.etag });
    }),
  );
  return writes;
}

/**
 * Writes prepared buckets, each conditional on what it was when read: a bucket another writer
 * changed meanwhile refuses, and the batch fails with `publish.conflict`.
 */
export async function writeDirectory(
  store: ObjectStore,
  writes: readonly DirectoryWrite[],
): Promise<void> {
  await Promise.all(
    writes.map(async (w) => {
      const result = await store.put(w.key, w.text, {
        contentType: JSON_CONTENT_TYPE,
        cacheControl: INDEX_CACHE_CONTROL,
        ...(w.etag === undefined ? { ifNoneMatch: true } : { ifMatch: w.etag }),
      });
      if (result.status !== 'written') {
        throw new SnapshotBuilderError(
          'publish.conflict',
          `another writer changed the owner directory ${w.key} since it was read; apply the batch again`,
        );
      }
    }),
  );
}

/**
 * The owner of a group, from the directory (for a REMOVE that arrives without its old image):
 * the name listed under the group ID's owner hash, if exactly one is.
 */
export async function ownerOfGroup(
  store: ObjectStore,
  keys: ShardedKeys,
  groupId: string,
): Promise<string | undefined> {
  const id = ownerPageIdOfGroupId(groupId);
  if (id === undefined) return undefined;
  const key = keys.directory(ownerDirectoryBucket(id));
  const object = await store.get(key);
  if (!object) return undefined;
  const names = parseOwnerDirectory(object.body, key).owners.filter(([entry]) => entry === id);
  return names.length === 1 ? names[0]![1] : undefined;
}
