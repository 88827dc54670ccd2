import { SnapshotBuilderError } from '../errors.js';
import type { ObjectStore } from '../store/object-store.js';
import { JSON_CONTENT_TYPE, PRIVATE_CACHE_CONTROL } from './headers.js';
import type { ShardedKeys } from './keys.js';

/** The `format` of a retired list. */
const RETIRED_FORMAT = 'symval-snapshot-builder-retired';

/** Writes the list of keys a generation replaced, to delete once the grace period is over. */
export async function writeRetiredList(
  store: ObjectStore,
  keys: ShardedKeys,
  generation: number,
  retired: readonly string[],
): Promise<void> {
  await store.put(
    keys.retiredList(generation),
    JSON.stringify({ format: RETIRED_FORMAT, version: 2, generation, keys: retired }),
    { contentType: JSON_CONTENT_TYPE, cacheControl: PRIVATE_CACHE_CONTROL },
  );
}

/**
 * Deletes what generations replaced longer than `graceMs` ago (at most `maxLists` lists per
 * call, so a batch's work stays bounded) and answers which retired generations remain.
 */
export async function collectGarbage(
  store: ObjectStore,
  keys: ShardedKeys,
  retired: readonly (readonly [number, number])[],
  now: number,
  graceMs: number,
  maxLists = 8,
): Promise<{ remaining: (readonly [number, number])[]; deletedKeys: number }> {
  const due = retired.filter(([, at]) => at + graceMs <= now).slice(0, maxLists);
  let deletedKeys = 0;
  for (const [generation] of due) {
    const listKey = keys.retiredList(generation);
    const list = await store.get(listKey);
    let names: string[] = [];
    if (list) {
      const doc = JSON.parse(list.body) as { format?: string; keys?: unknown };
      if (doc.format !== RETIRED_FORMAT || !Array.isArray(doc.keys)) {
        throw new SnapshotBuilderError('state.invalid', `${listKey} is not a retired list`);
      }
      names = doc.keys as string[];
    }
    await store.delete([...names, listKey]);
    deletedKeys += names.length;
  }
  const done = new Set(due.map(([g]) => g));
  return { remaining: retired.filter(([g]) => !done.has(g)), deletedKeys };
}
