import { randomBytes } from 'node:crypto';
import { type DomainRecord, toSnapshotRecord } from '@symval/records';
import {
  LAYOUT_INDEX_FILE,
  type LayoutCounts,
  type LayoutNode,
  nodeFile,
  OWNER_DIRECTORY_DIGITS,
  OWNER_DIRECTORY_PATH,
  ownerSortFold,
  parseLayoutIndex,
  parseLayoutNode,
  serializeLayoutIndex,
  sumCounts,
  WHOLE_FILE_FROM_LAYOUT,
} from '@symval/records/snapshot';
import { SnapshotBuilderError } from '../errors.js';
import { parseState } from '../state/codec.js';
import type { ObjectStore } from '../store/object-store.js';
import { DEFAULT_TOMBSTONE_RETENTION_MS } from '../stream/apply.js';
import { type DecodedChange, decodeStreamChange } from '../stream/decode.js';
import type { DecodeFailure, StreamRecordInput } from '../stream/types.js';
import { applyOps, type LeafOp, opsOf, WorkLeaf } from './apply-ops.js';
import { directoryText, ownerOfGroup, prepareDirectory, writeDirectory } from './directory.js';
import { type SortRow, sortRows } from './external-sort.js';
import { putLeaf, writeFreshShards } from './fresh.js';
import { collectGarbage, writeRetiredList } from './gc.js';
import {
  IMMUTABLE_CACHE_CONTROL,
  INDEX_CACHE_CONTROL,
  JSON_CONTENT_TYPE,
  PRIVATE_CACHE_CONTROL,
  WHOLE_FILE_CACHE_CONTROL,
} from './headers.js';
import { type ShardedKeys, shardedKeys } from './keys.js';
import { parseLeaf, serializeLeaf } from './leaf.js';
import { mapLimit } from './limit.js';
import { type LoadedLeaf, recutLeaves } from './recut.js';
import {
  type BuilderRoot,
  type LooseTombstone,
  parseRoot,
  serializeRoot,
  type WholeFileStatus,
} from './root.js';
import { DEFAULT_FANOUT_BITS, DEFAULT_LEAF_BITS, heightFunction, type TreeShape } from './shape.js';
import {
  buildTree,
  loadTree,
  type NewNode,
  nodeNames,
  publicChild,
  routeOwner,
  type Tree,
} from './tree.js';
import type {
  ApplyBatchOptions,
  ShardedBatchResult,
  ShardedBuilderOptions,
  ShardedRebuildResult,
  StateSource,
  WholeFileOutcome,
} from './types.js';
import { WholeFileCache } from './whole-file.js';

const STREAM_RETENTION_MS = 24 * 60 * 60 * 1000;
const ALL_BUCKETS = Array.from({ length: 16 ** OWNER_DIRECTORY_DIGITS }, (_, i) =>
  i.toString(16).padStart(OWNER_DIRECTORY_DIGITS, '0'),
);

interface LoadedRoot {
  readonly root: BuilderRoot;
  readonly etag: string | undefined;
}

function conflict(detail: string, cause?: unknown): SnapshotBuilderError {
  return new SnapshotBuilderError(
    'publish.conflict',
    `another writer changed the builder state since it was loaded (${detail}); apply the batch again on the new state`,
    cause === undefined ? undefined : { cause },
  );
}

/** The public index of a tree. */
function indexText(generation: number, tree: Tree): string {
  const level = tree.rootLevel;
  const top = tree.levels[level - 1]!;
  // The one shard of a club with no members is private: it only holds tombstones.
  const children = level === 1 && top.length === 1 && top[0]!.counts.owners === 0 ? [] : top;
  return serializeLayoutIndex({
    generation,
    totals: sumCounts(children.map((c) => c.counts)),
    directory: { path: OWNER_DIRECTORY_PATH, digits: OWNER_DIRECTORY_DIGITS },
    wholeFile: WHOLE_FILE_FROM_LAYOUT,
    level,
    children: children.map((c) => publicChild(level, c)),
  });
}

function rowOf(record: DomainRecord, seq?: string): SortRow {
  const r = toSnapshotRecord(record);
  return [
    ownerSortFold(r.Owner),
    r.Owner,
    r.GroupID,
    r.Hostname,
    r.Type,
    r.ValidateTime,
    r.Rev,
    seq ?? null,
  ];
}

/**
 * Keeps the sharded layout (`records/v1/`) and the whole file (`records/domains.json`) in
 * step with the DomainRecord table, loading and saving only the shards a batch touches. One
 * instance per process: it keeps the index, recent shards and the whole file's entries in
 * memory between batches, checked against the stored root's ETag before each use.
 */
export class ShardedBuilder {
  readonly #store: ObjectStore;
  readonly #keys: ShardedKeys;
  readonly #options: ShardedBuilderOptions;
  readonly #now: () => number;
  readonly #concurrency: number;
  readonly #retention: number;
  #tree: { etag: string | undefined; tree: Tree } | undefined;
  readonly #nodes = new Map<string, LayoutNode>();
  readonly #leaves = new Map<string, LoadedLeaf>();
  #whole: { etag: string | undefined; cache: WholeFileCache } | undefined;
  /** Objects written by attempts that did not commit: retired with the next commit. */
  #orphans: string[] = [];
  #heights: { salt: string; height: (owner: string) => number } | undefined;

  constructor(options: ShardedBuilderOptions) {
    this.#options = options;
    this.#store = options.store;
    this.#keys = shardedKeys(options);
    this.#now = options.now ?? Date.now;
    this.#concurrency = options.concurrency ?? 32;
    this.#retention = options.tombstoneRetentionMs ?? DEFAULT_TOMBSTONE_RETENTION_MS;
    if (!Number.isFinite(this.#retention) || this.#retention < STREAM_RETENTION_MS) {
      throw new SnapshotBuilderError(
        'options.invalid',
        `tombstoneRetentionMs must be at least the stream's 24 hours (${STREAM_RETENTION_MS}), received ${this.#retention}`,
      );
    }
    for (const [name, value] of [
      ['wholeFileThresholdBytes', options.wholeFileThresholdBytes],
      ['wholeFileIntervalMs', options.wholeFileIntervalMs],
      ['graceMs', options.graceMs],
    ] as const) {
      if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
        throw new SnapshotBuilderError(
          'options.invalid',
          `${name} must be a number >= 0, received ${value}`,
        );
      }
    }
  }

  /** The keys this builder writes (for logs and tests). */
  get keys(): ShardedKeys {
    return this.#keys;
  }

  #height(shape: TreeShape): (owner: string) => number {
    if (this.#heights?.salt !== shape.salt) {
      this.#heights = { salt: shape.salt, height: heightFunction(shape) };
    }
    return this.#heights.height;
  }

  async #loadRoot(): Promise<LoadedRoot | undefined> {
    const object = await this.#store.get(this.#keys.stateRoot);
    return object && { root: parseRoot(object.body), etag: object.etag };
  }

  async #fetchNode(name: string): Promise<LayoutNode | undefined> {
    const known = this.#nodes.get(name);
    if (known) return known;
    const file = nodeFile(name);
    const object = await this.#store.get(this.#keys.node(name));
    if (!object) return undefined;
    const node = parseLayoutNode(object.body, file);
    this.#nodes.set(name, node);
    return node;
  }

  /** How many shard states this builder keeps in memory: the live shards it has read or written. */
  get cachedShardCount(): number {
    return this.#leaves.size;
  }

  async #treeOf(loaded: LoadedRoot): Promise<Tree> {
    if (this.#tree && this.#tree.etag === loaded.etag && loaded.etag !== undefined)
      return this.#tree.tree;
    const tree = await loadTree(
      loaded.root.tree,
      (name) => this.#fetchNode(name),
      this.#concurrency,
    );
    const names = nodeNames(tree);
    for (const name of this.#nodes.keys()) if (!names.has(name)) this.#nodes.delete(name);
    this.#tree = { etag: loaded.etag, tree };
    return tree;
  }

  async #loadLeaf(name: string): Promise<LoadedLeaf> {
    const known = this.#leaves.get(name);
    if (known) {
      this.#leaves.delete(name);
      this.#leaves.set(name, known);
      return known;
    }
    const object = await this.#store.get(this.#keys.stateShard(name));
    if (!object) {
      throw new SnapshotBuilderError(
        'state.invalid',
        `the builder state names shard ${name}, but ${this.#keys.stateShard(name)} is missing`,
      );
    }
    const loaded = { leaf: parseLeaf(object.body, name), text: object.body };
    this.#remember(name, loaded);
    return loaded;
  }

  #remember(name: string, loaded: LoadedLeaf): void {
    this.#leaves.set(name, loaded);
    const cap = this.#options.leafCacheSize ?? 1024;
    while (this.#leaves.size > cap) this.#leaves.delete(this.#leaves.keys().next().value!);
  }

  /**
   * Applies a batch of stream records and publishes what changed: the shards it touches (and
   * their neighbours when owners join or leave), the nodes above them, `index.json`, the owner
   * directory, and the whole file when it is due. Idempotent: records not newer than what
   * the state holds are skipped, and a batch that changes nothing writes nothing.
   *
   * @throws SnapshotBuilderError `publish.conflict` when another writer committed since the
   *   state was loaded (apply again), `state.missing` when there is no state and no
   *   `onMissingState`; S3 failures as thrown (retry the batch).
   * @example
   * const builder = createShardedBuilder({ store, indexKey: 'records/v1/index.json', statePrefix: 'state/v2/', wholeKey: 'records/domains.json' });
   * const result = await builder.applyBatch(event.Records, { onMissingState: async () => ({ kind: 'rebuild', records: scan }) });
   */
  async applyBatch(
    records: readonly StreamRecordInput[],
    options: ApplyBatchOptions = {},
  ): Promise<ShardedBatchResult> {
    let loaded = await this.#loadRoot();
    let source: StateSource = 'stored';
    if (!loaded) {
      source = await this.#initialize(options);
      loaded = await this.#loadRoot();
      if (!loaded)
        throw new SnapshotBuilderError(
          'state.invalid',
          'the builder root vanished right after it was written',
        );
    }
    try {
      return await this.#apply(loaded, records, source);
    } catch (error) {
      // What this attempt applied to the caches may not be what is committed.
      this.#whole = undefined;
      throw error;
    }
  }

  async #apply(
    loaded: LoadedRoot,
    records: readonly StreamRecordInput[],
    source: StateSource,
  ): Promise<ShardedBatchResult> {
    const { root, etag } = loaded;
    const tree = await this.#treeOf(loaded);
    const height = this.#height(root);
    const now = this.#now();

    // Decode, in order; a REMOVE without its old image asks the directory for its owner.
    const failures: DecodeFailure[] = [];
    const changes: { change: DecodedChange; index: number }[] = [];
    records.forEach((record, index) => {
      const decoded = decodeStreamChange(record, index);
      if ('failure' in decoded) failures.push(decoded.failure);
      else changes.push({ change: decoded.change, index });
    });
    const askOwner = [
      ...new Set(
        changes
          .filter((c) => c.change.kind === 'remove' && !c.change.oldItem)
          .map((c) => c.change.groupId),
      ),
    ];
    const owners = new Map(
      await mapLimit(
        askOwner,
        this.#concurrency,
        async (groupId) => [groupId, await ownerOfGroup(this.#store, this.#keys, groupId)] as const,
      ),
    );
    let clock = root.clock;
    const ops: LeafOp[] = [];
    for (const { change, index } of changes) {
      if (change.time !== undefined && change.time > clock) clock = change.time;
      const found = opsOf(change, clock, owners.get(change.groupId));
      if (found.length === 0) {
        failures.push({
          index,
          sequenceNumber: change.seq,
          eventId: records[index]?.eventID,
          error: new Error(
            `REMOVE of ${change.groupId} ${change.hostname} without OldImage, and the owner directory names no owner for that group ID: the stream must carry old images`,
          ),
        });
      }
      for (const op of found) ops.push(op);
    }
    failures.sort((a, b) => a.index - b.index);

    // Load the shards the ops route to, and apply.
    const leaves = tree.levels[0]!;
    const routed = ops.map((op) => ({ op, index: routeOwner(leaves, op.owner) }));
    const touched = [...new Set(routed.map((r) => r.index))];
    const loadedLeaves = new Map<number, LoadedLeaf>();
    await mapLimit(touched, this.#concurrency, async (i) => {
      loadedLeaves.set(i, await this.#loadLeaf(leaves[i]!.name));
    });
    const work = new Map(touched.map((i) => [i, new WorkLeaf(loadedLeaves.get(i)!.leaf)]));
    const loose = new Map(root.looseTombstones.map((t) => [`${t[0]}\n${t[1]}`, t]));
    const outcome = applyOps(
      routed.map((r) => ({ op: r.op, leaf: work.get(r.index)! })),
      loose,
    );
    const horizon = clock - this.#retention;
    let expiredTombstones = 0;
    const changed = new Map<number, ReturnType<WorkLeaf['freeze']>['leaf']>();
    const joined: [string, string][] = [];
    const left: [string, string][] = [];
    for (const [i, w] of work) {
      const { leaf, expired } = w.freeze(horizon);
      expiredTombstones += expired;
      const after = new Set(leaf.owners.map((o) => o.owner));
      for (const o of leaf.owners) if (!w.ownersBefore.has(o.owner)) joined.push([o.id, o.owner]);
      for (const name of w.ownersBefore) if (!after.has(name)) left.push([w.ids.get(name)!, name]);
      if (serializeLeaf(leaf) !== loadedLeaves.get(i)!.text) changed.set(i, leaf);
    }
    const looseKept: LooseTombstone[] = [];
    for (const t of loose.values()) {
      if (t[3] < horizon) expiredTombstones++;
      else looseKept.push(t);
    }

    // Re-cut the changed shards and rebuild the nodes above them.
    const generation = root.generation + 1;
    const recut =
      changed.size > 0
        ? await recutLeaves({
            entries: leaves,
            changed,
            loaded: loadedLeaves,
            load: async (i) => this.#loadLeaf(leaves[i]!.name),
            height,
            generation,
          })
        : undefined;
    const layoutChanged =
      recut !== undefined && (recut.written.length > 0 || recut.retired.length > 0);
    const built = layoutChanged
      ? buildTree(recut.entries, tree.nodes, height, generation)
      : undefined;
    const nextTree = built?.tree ?? tree;

    // The whole file.
    const recordsChanged = outcome.records.size > 0;
    const dirty = root.whole.dirty || recordsChanged;
    const threshold = this.#options.wholeFileThresholdBytes ?? 4 * 2 ** 20;
    const interval = this.#options.wholeFileIntervalMs ?? 5 * 60_000;
    const wholeDue =
      dirty &&
      (root.whole.publishedAt === 0 ||
        root.whole.bytes <= threshold ||
        now - root.whole.publishedAt >= interval);
    const grace = this.#options.graceMs ?? 3_600_000;
    const gcDue = root.retired.some(([, at]) => at + grace <= now);
    const looseChanged = looseKept.length !== root.looseTombstones.length;

    const nothing =
      !layoutChanged &&
      !wholeDue &&
      !gcDue &&
      !looseChanged &&
      clock === root.clock &&
      dirty === root.whole.dirty;
    if (nothing) {
      return this.#result({
        outcome,
        failures,
        expiredTombstones,
        source,
        root,
        tree,
        committed: false,
        touched: touched.length,
      });
    }

    // 1. Immutable objects: shards and nodes. Uniquely named, so no reader sees them yet.
    const writtenKeys: string[] = [];
    try {
      const leafWrites = recut?.written ?? [];
      const nodeWrites: NewNode[] = built?.written ?? [];
      for (const w of leafWrites)
        writtenKeys.push(this.#keys.publicShard(w.name), this.#keys.stateShard(w.name));
      for (const n of nodeWrites) writtenKeys.push(this.#keys.node(n.name));
      await mapLimit(leafWrites, this.#concurrency, (w) =>
        putLeaf(this.#store, this.#keys, w.name, w.stateText, w.publicText),
      );
      await mapLimit(nodeWrites, this.#concurrency, (n) =>
        this.#store.put(this.#keys.node(n.name), n.text, {
          contentType: JSON_CONTENT_TYPE,
          cacheControl: IMMUTABLE_CACHE_CONTROL,
        }),
      );
      // The owner directory is read before anything public changes.
      const directory = layoutChanged
        ? await prepareDirectory(this.#store, this.#keys, joined, left)
        : [];

      // 2. Nobody committed since the load (S3's If-Match on the root closes the rest).
      const head = await this.#store.head(this.#keys.stateRoot);
      if (head?.etag !== etag)
        throw conflict(`root ETag ${head?.etag ?? 'none'} where ${etag ?? 'none'} was loaded`);

      // 3. The whole file, when due.
      let whole: WholeFileStatus = { ...root.whole, dirty };
      let wholePublished = false;
      if (this.#whole && this.#whole.etag === etag) this.#whole.cache.apply(outcome.records);
      else this.#whole = undefined;
      if (wholeDue) {
        const cache = this.#whole?.cache ?? (await this.#cacheFor(nextTree, recut?.written ?? []));
        this.#whole = { etag, cache };
        const body = cache.build();
        await this.#publishWhole(body.body, body.hash);
        whole = { dirty: false, bytes: body.bytes, publishedAt: now, hash: body.hash };
        wholePublished = true;
      }

      // 4. The index, then the directory: readers now see the new shards.
      const nextGeneration = layoutChanged ? generation : root.generation;
      if (layoutChanged) {
        await this.#store.put(this.#keys.index, indexText(nextGeneration, nextTree), {
          contentType: JSON_CONTENT_TYPE,
          cacheControl: INDEX_CACHE_CONTROL,
        });
        await writeDirectory(this.#store, directory);
      }

      // 5. What this generation replaced, and what is past its grace period.
      let retired = [...root.retired];
      if (layoutChanged) {
        const replaced = [...this.#orphans];
        for (const name of recut!.retired)
          replaced.push(this.#keys.publicShard(name), this.#keys.stateShard(name));
        const kept = nodeNames(nextTree);
        for (const name of nodeNames(tree))
          if (!kept.has(name)) replaced.push(this.#keys.node(name));
        if (replaced.length > 0) {
          await writeRetiredList(this.#store, this.#keys, nextGeneration, replaced);
          retired.push([nextGeneration, now]);
        }
      }
      let garbageDeleted = 0;
      if (gcDue) {
        const gc = await collectGarbage(this.#store, this.#keys, retired, now, grace);
        retired = gc.remaining;
        garbageDeleted = gc.deletedKeys;
      }

      // 6. The commit.
      const next: BuilderRoot = {
        ...root,
        generation: nextGeneration,
        clock,
        tree: { level: nextTree.rootLevel, children: nextTree.levels[nextTree.rootLevel - 1]! },
        whole,
        retired,
        looseTombstones: looseKept,
      };
      const saved = await this.#store.put(this.#keys.stateRoot, serializeRoot(next), {
        contentType: JSON_CONTENT_TYPE,
        cacheControl: PRIVATE_CACHE_CONTROL,
        ...(etag === undefined ? { ifNoneMatch: true } : { ifMatch: etag }),
      });
      if (saved.status !== 'written') throw conflict('conditional save of the root refused');
      if (layoutChanged) this.#orphans = [];

      // The caches follow the commit.
      this.#tree = { etag: saved.etag, tree: nextTree };
      if (this.#whole) this.#whole = { etag: saved.etag, cache: this.#whole.cache };
      // A replaced shard is never read again (names are content-addressed), so it leaves the
      // cache with the commit that replaced it: the cache holds live shards only.
      for (const name of recut?.retired ?? []) this.#leaves.delete(name);
      for (const w of recut?.written ?? [])
        this.#remember(w.name, { leaf: w.leaf, text: w.stateText });
      for (const n of built?.written ?? []) this.#nodes.set(n.name, n.node);
      const wholeFile: WholeFileOutcome = {
        published: wholePublished,
        bytes: whole.bytes,
        dirty: whole.dirty,
      };
      return {
        ...this.#result({
          outcome,
          failures,
          expiredTombstones,
          source,
          root: next,
          tree: nextTree,
          committed: true,
          touched: touched.length,
        }),
        shardsWritten: recut?.written.length ?? 0,
        nodesWritten: built?.written.length ?? 0,
        directoryWritten: directory.length,
        wholeFile,
        garbageDeleted,
      };
    } catch (error) {
      for (const key of writtenKeys) this.#orphans.push(key);
      throw error;
    }
  }

  #result(p: {
    outcome: { applied: number; skipped: number };
    failures: readonly DecodeFailure[];
    expiredTombstones: number;
    source: StateSource;
    root: BuilderRoot;
    tree: Tree;
    committed: boolean;
    touched: number;
  }): ShardedBatchResult {
    const top = p.tree.levels[p.tree.rootLevel - 1]!;
    return {
      applied: p.outcome.applied,
      skipped: p.outcome.skipped,
      failures: p.failures,
      expiredTombstones: p.expiredTombstones,
      stateSource: p.source,
      generation: p.root.generation,
      committed: p.committed,
      shardsWritten: 0,
      nodesWritten: 0,
      directoryWritten: 0,
      wholeFile: { published: false, bytes: p.root.whole.bytes, dirty: p.root.whole.dirty },
      garbageDeleted: 0,
      totals: sumCounts(top.map((c) => c.counts)),
      touchedShards: p.touched,
    };
  }

  /** The whole file's entries from every shard of a tree (those just written are in memory). */
  async #cacheFor(
    tree: Tree,
    fresh: readonly { name: string; leaf: LoadedLeaf['leaf'] }[],
  ): Promise<WholeFileCache> {
    const inMemory = new Map(fresh.map((w) => [w.name, w.leaf]));
    const leaves = await mapLimit(tree.levels[0]!, this.#concurrency, async (entry) => {
      const known = inMemory.get(entry.name) ?? this.#leaves.get(entry.name)?.leaf;
      if (known) return known;
      const object = await this.#store.get(this.#keys.stateShard(entry.name));
      if (!object)
        throw new SnapshotBuilderError('state.invalid', `shard ${entry.name} is missing`);
      return parseLeaf(object.body, entry.name);
    });
    return WholeFileCache.fromLeaves(leaves);
  }

  async #publishWhole(body: Buffer, hash: string): Promise<void> {
    const headers = {
      contentType: JSON_CONTENT_TYPE,
      cacheControl: WHOLE_FILE_CACHE_CONTROL,
      metadata: { 'content-sha256': hash },
    };
    const temp = await this.#store.put(this.#keys.wholeTemp, body, headers);
    await this.#store.copy(this.#keys.wholeTemp, this.#keys.whole, {
      ...headers,
      ...(temp.status === 'written' && temp.etag ? { ifSourceMatch: temp.etag } : {}),
    });
    await this.#store.delete([this.#keys.wholeTemp]);
  }

  /**
   * Publishes the whole file now if records changed since it was last published and it is due
   * (for a scheduled call when the stream is quiet); commits the new status.
   *
   * @returns whether it published.
   */
  async flush(): Promise<boolean> {
    const loaded = await this.#loadRoot();
    if (!loaded) return false;
    try {
      return (await this.#apply(loaded, [], 'stored')).wholeFile.published;
    } catch (error) {
      this.#whole = undefined;
      throw error;
    }
  }

  async #initialize(options: ApplyBatchOptions): Promise<StateSource> {
    if (this.#keys.legacyState) {
      const legacy = await this.#store.get(this.#keys.legacyState);
      if (legacy) {
        const state = parseState(legacy.body);
        const rows: SortRow[] = [];
        const loose: LooseTombstone[] = [];
        for (const [key, entry] of state.entries) {
          const r = entry.record;
          if (r)
            rows.push([
              ownerSortFold(r.Owner),
              r.Owner,
              r.GroupID,
              r.Hostname,
              r.Type,
              r.ValidateTime,
              r.Rev,
              entry.seq ?? null,
            ]);
          else {
            const at = key.indexOf('\n');
            loose.push([
              key.slice(0, at),
              key.slice(at + 1),
              entry.seq!,
              entry.removedAt ?? state.clock,
            ]);
          }
        }
        await this.#writeFresh(sortRows(rows), undefined, { clock: state.clock, loose });
        // Kept under another name, so a rollback to the whole-file builder rebuilds instead of
        // applying new batches to a stale state.
        await this.#store.copy(this.#keys.legacyState, `${this.#keys.legacyState}.migrated`, {
          contentType: JSON_CONTENT_TYPE,
          cacheControl: PRIVATE_CACHE_CONTROL,
        });
        await this.#store.delete([this.#keys.legacyState]);
        return 'migrated';
      }
    }
    if (!options.onMissingState) {
      throw new SnapshotBuilderError(
        'state.missing',
        `there is no builder state at ${this.#keys.stateRoot}: rebuild it from the table or start empty (onMissingState)`,
      );
    }
    const plan = await options.onMissingState();
    if (plan.kind === 'rebuild') {
      await this.rebuild(plan.records);
      return 'rebuilt';
    }
    await this.#writeFresh(sortRows([]), undefined, { clock: 0, loose: [] });
    return 'empty';
  }

  /**
   * Replaces the state and the layout with those of a full scan of the table (bootstrapping,
   * drift repair), streaming: the scan is sorted into owner order in bounded runs spilled to
   * temporary files, and each shard is written as soon as it is complete. The previous
   * layout's files are retired (deleted after the grace period). The whole file is marked
   * changed and published by the next batch or `flush` that finds it due.
   *
   * @example
   * await builder.rebuild(records.asSystem('snapshot-rebuild').listAll({ segments: 4 }));
   */
  async rebuild(
    records: AsyncIterable<DomainRecord> | Iterable<DomainRecord>,
  ): Promise<ShardedRebuildResult> {
    const previous = await this.#loadRoot();
    async function* rows() {
      for await (const record of records) yield rowOf(record);
    }
    return this.#writeFresh(sortRows(rows(), this.#options.rebuild), previous, {
      clock: previous?.root.clock ?? 0,
      loose: [],
    });
  }

  async #writeFresh(
    rows: AsyncIterable<SortRow>,
    previous: LoadedRoot | undefined,
    start: { clock: number; loose: LooseTombstone[] },
  ): Promise<ShardedRebuildResult> {
    const now = this.#now();
    const publicGeneration = await this.#publicGeneration();
    const generation = Math.max(previous?.root.generation ?? 0, publicGeneration) + 1;
    const shape: TreeShape = previous?.root ?? {
      salt: this.#options.shape?.salt ?? randomBytes(16).toString('hex'),
      leafBits: this.#options.shape?.leafBits ?? DEFAULT_LEAF_BITS,
      fanoutBits: this.#options.shape?.fanoutBits ?? DEFAULT_FANOUT_BITS,
    };
    if (!/^[0-9a-f]{32}$/.test(shape.salt)) {
      throw new SnapshotBuilderError(
        'options.invalid',
        `shape.salt must be 32 hex digits, received ${JSON.stringify(shape.salt)}`,
      );
    }
    const height = this.#height(shape);
    const fresh = await writeFreshShards(
      { store: this.#store, keys: this.#keys, height, generation, concurrency: this.#concurrency },
      rows,
    );
    const { tree, written } = buildTree(fresh.leaves, new Map(), height, generation);
    await mapLimit(written, this.#concurrency, (n) =>
      this.#store.put(this.#keys.node(n.name), n.text, {
        contentType: JSON_CONTENT_TYPE,
        cacheControl: IMMUTABLE_CACHE_CONTROL,
      }),
    );
    if (previous) {
      const head = await this.#store.head(this.#keys.stateRoot);
      if (head?.etag !== previous.etag) throw conflict('the root changed during the rebuild');
    }
    await this.#store.put(this.#keys.index, indexText(generation, tree), {
      contentType: JSON_CONTENT_TYPE,
      cacheControl: INDEX_CACHE_CONTROL,
    });
    // Every bucket: the owners it lists now, and no stale ones.
    await mapLimit([...fresh.directory], this.#concurrency, ([bucket, owners]) =>
      this.#store.put(this.#keys.directory(bucket), directoryText(owners), {
        contentType: JSON_CONTENT_TYPE,
        cacheControl: INDEX_CACHE_CONTROL,
      }),
    );
    await this.#store.delete(
      ALL_BUCKETS.filter((b) => !fresh.directory.has(b)).map((b) => this.#keys.directory(b)),
    );
    const retired: (readonly [number, number])[] = [...(previous?.root.retired ?? [])];
    if (previous) {
      const old = await this.#treeOf(previous);
      const replaced = [...this.#orphans];
      for (const e of old.levels[0]!)
        replaced.push(this.#keys.publicShard(e.name), this.#keys.stateShard(e.name));
      for (const name of nodeNames(old)) replaced.push(this.#keys.node(name));
      await writeRetiredList(this.#store, this.#keys, generation, replaced);
      retired.push([generation, now]);
    }
    const root: BuilderRoot = {
      ...shape,
      generation,
      clock: start.clock,
      tree: { level: tree.rootLevel, children: tree.levels[tree.rootLevel - 1]! },
      whole: {
        dirty: true,
        bytes: previous?.root.whole.bytes ?? 0,
        publishedAt: previous?.root.whole.publishedAt ?? 0,
        hash: previous?.root.whole.hash,
      },
      retired,
      looseTombstones: start.loose,
    };
    const saved = await this.#store.put(this.#keys.stateRoot, serializeRoot(root), {
      contentType: JSON_CONTENT_TYPE,
      cacheControl: PRIVATE_CACHE_CONTROL,
      ...(previous?.etag === undefined ? { ifNoneMatch: true } : { ifMatch: previous.etag }),
    });
    if (saved.status !== 'written') {
      // One at a time: a rebuild of a large club writes more shards than a spread can pass.
      for (const key of fresh.written) this.#orphans.push(key);
      for (const n of written) this.#orphans.push(this.#keys.node(n.name));
      throw conflict('another writer saved a root during the rebuild');
    }
    this.#orphans = [];
    this.#tree = { etag: saved.etag, tree };
    this.#whole = undefined;
    for (const n of written) this.#nodes.set(n.name, n.node);
    const totals: LayoutCounts = sumCounts(tree.levels[tree.rootLevel - 1]!.map((c) => c.counts));
    return {
      generation,
      records: fresh.records,
      shards: fresh.leaves.length,
      nodes: written.length,
      totals,
    };
  }

  /** The generation of the public index, so a rebuilt state never reuses its names. */
  async #publicGeneration(): Promise<number> {
    const object = await this.#store.get(this.#keys.index);
    if (!object) return 0;
    try {
      return parseLayoutIndex(object.body, LAYOUT_INDEX_FILE).generation;
    } catch {
      return 0;
    }
  }
}

/**
 * The sharded builder (see {@link ShardedBuilder}).
 *
 * @example
 * const builder = createShardedBuilder({
 *   store: createS3Store(s3, 'symval-site'),
 *   indexKey: 'records/v1/index.json',
 *   statePrefix: 'state/v2/',
 *   wholeKey: 'records/domains.json',
 *   legacyStateKey: 'state/snapshot-state.json',
 * });
 */
export function createShardedBuilder(options: ShardedBuilderOptions): ShardedBuilder {
  return new ShardedBuilder(options);
}
