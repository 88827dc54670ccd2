import type { SymmetryCode } from '@symval/records';
import { countOwners, ownerDirectoryBucket, serializeLayoutShard } from '@symval/records/snapshot';
import type { ObjectStore } from '../store/object-store.js';
import type { SortRow } from './external-sort.js';
import { IMMUTABLE_CACHE_CONTROL, JSON_CONTENT_TYPE, PRIVATE_CACHE_CONTROL } from './headers.js';
import type { ShardedKeys } from './keys.js';
import {
  EMPTY_LEAF,
  type Leaf,
  type LeafItem,
  type LeafOwner,
  publicShard,
  serializeLeaf,
} from './leaf.js';
import type { TreeEntry } from './root.js';
import { objectName, pageIdOf } from './shape.js';

/** What writing a fresh set of shards needs. */
export interface FreshContext {
  readonly store: ObjectStore;
  readonly keys: ShardedKeys;
  readonly height: (owner: string) => number;
  readonly generation: number;
  readonly concurrency: number;
}

/** The shards written, in order, and the owner directory they make. */
export interface FreshShards {
  readonly leaves: TreeEntry[];
  readonly directory: Map<string, [string, string][]>;
  readonly records: number;
  /** The keys written (public and private), to retire if the commit fails. */
  readonly written: string[];
}

/** Writes a shard's two objects: the public projection and the private state. */
export async function putLeaf(
  store: ObjectStore,
  keys: ShardedKeys,
  name: string,
  stateText: string,
  publicText: string,
): Promise<void> {
  await Promise.all([
    store.put(keys.publicShard(name), publicText, {
      contentType: JSON_CONTENT_TYPE,
      cacheControl: IMMUTABLE_CACHE_CONTROL,
    }),
    store.put(keys.stateShard(name), stateText, {
      contentType: JSON_CONTENT_TYPE,
      cacheControl: PRIVATE_CACHE_CONTROL,
    }),
  ]);
}

/**
 * Writes the shards of rows sorted in owner order (`sortRows`), cutting where owners' heights
 * say, with at most `concurrency` writes in flight; only the current shard is held in memory.
 */
export async function writeFreshShards(
  ctx: FreshContext,
  rows: AsyncIterable<SortRow>,
): Promise<FreshShards> {
  const leaves: TreeEntry[] = [];
  const directory = new Map<string, [string, string][]>();
  const written: string[] = [];
  const inFlight = new Set<Promise<void>>();
  let records = 0;
  let failure: unknown;

  const flush = async (leaf: Leaf) => {
    const stateText = serializeLeaf(leaf);
    const shard = publicShard(leaf);
    const name = objectName(ctx.generation, stateText);
    leaves.push({ name, first: leaf.owners[0]?.owner ?? '', counts: countOwners(shard.owners) });
    written.push(ctx.keys.publicShard(name), ctx.keys.stateShard(name));
    const write = putLeaf(ctx.store, ctx.keys, name, stateText, serializeLayoutShard(shard)).then(
      () => void inFlight.delete(write),
      (error) => {
        failure ??= error;
        inFlight.delete(write);
      },
    );
    inFlight.add(write);
    while (inFlight.size >= ctx.concurrency) await Promise.race(inFlight);
    if (failure) throw failure;
  };

  let owners: LeafOwner[] = [];
  let owner: { owner: string; id: string; items: LeafItem[] } | undefined;
  let lastKey = '';
  const endOwner = async () => {
    if (!owner) return;
    const bucket = ownerDirectoryBucket(owner.id);
    const list = directory.get(bucket);
    if (list) list.push([owner.id, owner.owner]);
    else directory.set(bucket, [[owner.id, owner.owner]]);
    if (owners.length > 0 && ctx.height(owner.owner) >= 1) {
      await flush({ owners, tombstones: [] });
      owners = [];
    }
    owners.push(owner);
    owner = undefined;
  };
  for await (const [, name, groupId, hostname, type, validateTime, rev, seq] of rows) {
    if (owner?.owner !== name) {
      await endOwner();
      owner = { owner: name, id: pageIdOf(name), items: [] };
      lastKey = '';
    }
    const key = `${groupId}\n${hostname}`;
    if (key === lastKey) continue;
    lastKey = key;
    owner.items.push({
      groupId,
      hostname,
      seq: seq ?? undefined,
      type: type as SymmetryCode,
      validateTime,
      rev,
    });
    records++;
  }
  await endOwner();
  await flush(owners.length > 0 ? { owners, tombstones: [] } : EMPTY_LEAF);
  await Promise.all(inFlight);
  if (failure) throw failure;
  return { leaves, directory, records, written };
}
