import { type DomainRecord, serializeSnapshot } from '@symval/records';
import {
  findLayoutOwner,
  ownerPageId,
  readLayoutIndex,
  readLayoutRecords,
} from '@symval/records/snapshot';
import { describe, expect, it } from 'vitest';
import { directoryOwners, resolveLayout, storeFetch } from '../../test/layout-harness.js';
import { TableModel, type Write } from '../../test/stream-model.js';
import { serializeState } from '../state/codec.js';
import { emptyState, publicRecords } from '../state/state.js';
import { countingStore } from '../store/counting-store.js';
import { createMemoryStore } from '../store/memory-store.js';
import { applyStreamBatch } from '../stream/apply.js';
import { createShardedBuilder } from './builder.js';
import type { ShardedBuilderOptions } from './types.js';

const SALT = '0123456789abcdef0123456789abcdef';
const location = {
  indexKey: 'records/v1/index.json',
  statePrefix: 'state/v2/',
  wholeKey: 'records/domains.json',
  legacyStateKey: 'state/snapshot-state.json',
};
const empty = async () => ({ kind: 'empty' as const });

function setup(options: Partial<ShardedBuilderOptions> = {}) {
  const memory = createMemoryStore();
  const store = countingStore(memory);
  let now = Date.UTC(2025, 9, 16);
  const builder = createShardedBuilder({
    store,
    ...location,
    shape: { salt: SALT, leafBits: 1, fanoutBits: 1 },
    now: () => now,
    ...options,
  });
  const objects = memory.objects;
  return {
    store,
    memory,
    builder,
    advance: (ms: number) => {
      now += ms;
    },
    objects,
  };
}

function tableWith(writes: Write[], owners = 12): TableModel {
  const table = new TableModel({ owners });
  for (const w of writes) table.apply(w);
  return table;
}

const upserts = (keys: number[]): Write[] =>
  keys.map((key) => ({ kind: 'upsert', key, time: key }));

async function wholeFile(store: ReturnType<typeof setup>['store']) {
  return (await store.get(location.wholeKey))?.body;
}

describe('the sharded builder', () => {
  it('publishes the layout and the whole file with the records of the batch', async () => {
    const { store, builder } = setup();
    const table = tableWith(upserts([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]));
    const result = await builder.applyBatch(table.stream, { onMissingState: empty });
    expect(result).toMatchObject({
      applied: 14,
      skipped: 0,
      stateSource: 'empty',
      committed: true,
    });
    const expected = publicRecords(applyStreamBatch(emptyState(), table.stream).state);
    const read = await readLayoutRecords(storeFetch(store, location.indexKey));
    expect(read?.rejected).toEqual([]);
    expect(
      [...read!.records].sort((a, b) => (a.GroupID + a.Hostname < b.GroupID + b.Hostname ? -1 : 1)),
    ).toEqual(expected);
    expect(read?.index.totals).toMatchObject({ owners: 12, groups: 14, records: 14 });
    // leafBits 1: about two owners a shard, so several shards and levels of nodes.
    expect(result.shardsWritten).toBeGreaterThan(2);
    expect(read!.index.level).toBeGreaterThan(1);
    expect(await wholeFile(store)).toBe(serializeSnapshot(expected));
    expect(result.wholeFile).toMatchObject({ published: true, dirty: false });
  });

  it('sets each kind of file its headers: immutable shards and nodes, a short-lived index', async () => {
    const { builder, objects } = setup();
    await builder.applyBatch(tableWith(upserts([1, 2, 3, 4, 5, 6])).stream, {
      onMissingState: empty,
    });
    const headers = new Map<string, string>();
    for (const [key, o] of objects) {
      const kind = key === location.indexKey ? 'index' : key.replace(/\/[^/]+\.json$/, '/*');
      headers.set(kind, `${o.contentType}; ${o.cacheControl}`);
    }
    expect(Object.fromEntries(headers)).toEqual({
      index: 'application/json; public, max-age=15',
      'records/v1/shards/*': 'application/json; public, max-age=31536000, immutable',
      'records/v1/nodes/*': 'application/json; public, max-age=31536000, immutable',
      'records/v1/owners/*': 'application/json; public, max-age=15',
      'records/*': 'application/json; max-age=60',
      'state/v2/*': 'application/json; no-store',
      'state/v2/shards/*': 'application/json; no-store',
      'state/v2/retired/*': 'application/json; no-store',
    });
  });

  it('writes nothing for a batch it has already applied, and only what a change touches', async () => {
    const { store, builder } = setup({ shape: { salt: SALT, leafBits: 2, fanoutBits: 1 } });
    const table = tableWith(upserts(Array.from({ length: 60 }, (_, i) => i)), 30);
    await builder.applyBatch(table.stream, { onMissingState: empty });
    store.reset();
    const again = await builder.applyBatch(table.stream);
    expect(again).toMatchObject({ applied: 0, skipped: 60, committed: false });
    expect(store.counts).toMatchObject({ puts: 0, copies: 0, deletedKeys: 0 });
    // Only the root is read: the index and the shards come from memory.
    expect(store.counts.gets).toBe(1);
    table.apply({ kind: 'validate', key: 7, time: 99 });
    store.reset();
    const one = await builder.applyBatch(table.stream.slice(-1));
    expect(one).toMatchObject({ applied: 1, shardsWritten: 1 });
    // A shard (public + private), the nodes above it, the index, the whole file (temp + copy),
    // the retired list and the root.
    expect(store.counts.puts).toBe(2 + one.nodesWritten + 1 + 1 + 1 + 1);
    // One node a level on the changed shard's path (of two or more a level), the others kept;
    // the same for a builder that has just loaded the tree from the store.
    const index = await readLayoutIndex(storeFetch(store, location.indexKey));
    expect(index!.level).toBeGreaterThanOrEqual(3);
    expect(one.nodesWritten).toBe(index!.level - 1);
    const cold = createShardedBuilder({ store, ...location, now: () => Date.UTC(2025, 9, 17) });
    table.apply({ kind: 'validate', key: 31, time: 100 });
    const next = await cold.applyBatch(table.stream.slice(-1));
    expect(next).toMatchObject({ applied: 1, shardsWritten: 1, nodesWritten: index!.level - 1 });
  });

  it('keeps the directory listing every owner, and finds one by page id', async () => {
    const { store, memory, builder } = setup();
    const table = tableWith(upserts([1, 2, 3, 4, 5]), 5);
    await builder.applyBatch(table.stream, { onMissingState: empty });
    const names = [...new Set([...table.items.values()].map((r) => r.owner))];
    expect(await directoryOwners(memory, location.indexKey)).toEqual(
      names.map((o) => `${ownerPageId(o)} ${o}`).sort(),
    );
    const fetch = storeFetch(store, location.indexKey);
    const found = await findLayoutOwner(fetch, ownerPageId('https://owner3.example'));
    expect(found?.records.map((r) => r.Hostname)).toEqual(['h3.example']);
    table.apply({ kind: 'delete', key: 3 });
    await builder.applyBatch(table.stream.slice(-1));
    expect(await findLayoutOwner(fetch, ownerPageId('https://owner3.example'))).toBeUndefined();
    expect(await directoryOwners(memory, location.indexKey)).toHaveLength(4);
  });

  it('finds the owner of a REMOVE that came without its old image through the directory', async () => {
    const { store, builder } = setup();
    const table = tableWith(upserts([1, 2, 3]), 3);
    await builder.applyBatch(table.stream, { onMissingState: empty });
    table.apply({ kind: 'delete', key: 2 });
    const remove = structuredClone(table.stream.at(-1)!);
    delete remove.dynamodb!.OldImage;
    const result = await builder.applyBatch([remove]);
    expect(result).toMatchObject({ applied: 1, failures: [] });
    const read = await readLayoutRecords(storeFetch(store, location.indexKey));
    expect(read?.records.map((r) => r.Hostname).sort()).toEqual(['h1.example', 'h3.example']);
  });

  it('publishes a whole file above the size threshold at most once per interval, and flush catches up', async () => {
    const { store, builder, advance } = setup({
      wholeFileThresholdBytes: 0,
      wholeFileIntervalMs: 600_000,
    });
    const table = tableWith(upserts([1, 2, 3]));
    const first = await builder.applyBatch(table.stream, { onMissingState: empty });
    expect(first.wholeFile.published).toBe(true);
    table.apply({ kind: 'upsert', key: 4, time: 4 });
    advance(60_000);
    const second = await builder.applyBatch(table.stream.slice(-1));
    expect(second.wholeFile).toMatchObject({ published: false, dirty: true });
    expect(await wholeFile(store)).not.toContain('h4.example');
    expect(await builder.flush()).toBe(false);
    advance(600_000);
    expect(await builder.flush()).toBe(true);
    expect(await wholeFile(store)).toBe(serializeSnapshot([...table.items.values()].map(toRecord)));
    expect(await builder.flush()).toBe(false);
  });

  it('keeps only live shards in memory: a shard replaced by a batch leaves the cache', async () => {
    const { builder } = setup();
    const table = tableWith(upserts([1, 2, 3, 4, 5, 6]));
    await builder.applyBatch(table.stream, { onMissingState: empty });
    const live = builder.cachedShardCount;
    expect(live).toBeGreaterThan(0);
    for (let time = 50; time < 90; time++) {
      table.apply({ kind: 'upsert', key: 1 + (time % 6), time });
      const batch = await builder.applyBatch(table.stream.slice(-1));
      expect(batch).toMatchObject({ applied: 1, shardsWritten: 1 });
    }
    // Forty batches replaced shards forty times; the cache still holds one state per live shard.
    expect(builder.cachedShardCount).toBe(live);
  });

  it('deletes replaced shards and nodes only after the grace period', async () => {
    const { store, builder, advance, objects } = setup({ graceMs: 3_600_000 });
    const table = tableWith(upserts([1, 2, 3, 4, 5, 6]));
    await builder.applyBatch(table.stream, { onMissingState: empty });
    const firstIndex = (await store.get(location.indexKey))!.body;
    const before = new Set(objects.keys());
    table.apply({ kind: 'upsert', key: 1, time: 50 });
    advance(1000);
    await builder.applyBatch(table.stream.slice(-1));
    // The old index's files are all still there.
    const oldFetch = storeFetch(store, location.indexKey);
    const files = [...before].filter(
      (k) => k.startsWith('records/v1/shards/') || k.startsWith('records/v1/nodes/'),
    );
    for (const key of files) expect(await store.get(key)).toBeDefined();
    advance(3_600_000);
    table.apply({ kind: 'upsert', key: 2, time: 51 });
    const later = await builder.applyBatch(table.stream.slice(-1));
    expect(later.garbageDeleted).toBeGreaterThan(0);
    const gone = files.filter((k) => !objects.has(k));
    expect(gone.length).toBeGreaterThan(0);
    // Each public shard has a private twin, deleted with it.
    expect(later.garbageDeleted).toBeGreaterThan(gone.length);
    // What the current index names is all there.
    const read = await readLayoutRecords(oldFetch);
    expect(read?.records).toHaveLength(6);
    expect(firstIndex).not.toBe((await store.get(location.indexKey))!.body);
  });

  it('migrates the whole-file builder state, keeping sequence numbers and tombstones', async () => {
    const { store, builder } = setup();
    const table = tableWith([...upserts([1, 2, 3, 4]), { kind: 'delete', key: 2 }]);
    const v1 = applyStreamBatch(emptyState(), table.stream).state;
    await store.put(location.legacyStateKey, serializeState(v1), {
      contentType: 'application/json',
      cacheControl: 'no-store',
    });
    // A late duplicate of the deleted item's insert must not bring it back.
    const late = table.stream.find(
      (r) => r.eventName === 'INSERT' && r.dynamodb?.Keys?.sk?.S === 'h2.example',
    )!;
    const result = await builder.applyBatch([late]);
    expect(result).toMatchObject({ stateSource: 'migrated', applied: 0, skipped: 1 });
    expect(await store.get(location.legacyStateKey)).toBeUndefined();
    expect(await store.get(`${location.legacyStateKey}.migrated`)).toBeDefined();
    const read = await readLayoutRecords(storeFetch(store, location.indexKey));
    expect(read?.records.map((r) => r.Hostname).sort()).toEqual([
      'h1.example',
      'h3.example',
      'h4.example',
    ]);
  });

  it('refuses to commit over a root another writer committed since it was loaded', async () => {
    const shared = setup();
    const table = tableWith(upserts([1, 2, 3]));
    await shared.builder.applyBatch(table.stream, { onMissingState: empty });
    const other = createShardedBuilder({ store: shared.store, ...location, now: () => Date.now() });
    // Both have loaded the same root: the other commits first.
    await shared.builder.applyBatch([]);
    table.apply({ kind: 'upsert', key: 4, time: 4 });
    await other.applyBatch(table.stream.slice(-1));
    table.apply({ kind: 'upsert', key: 5, time: 5 });
    // The first builder's tree cache is stale; it reloads the root, so no conflict here.
    const ok = await shared.builder.applyBatch(table.stream.slice(-1));
    expect(ok.committed).toBe(true);
    const read = await readLayoutRecords(storeFetch(shared.store, location.indexKey));
    expect(read?.records).toHaveLength(5);
  });

  it('throws state.missing without a state and without a plan', async () => {
    const { builder } = setup({ legacyStateKey: undefined });
    await expect(builder.applyBatch([])).rejects.toMatchObject({ code: 'state.missing' });
  });

  it('rebuilds from a scan and matches the layout the batches made, file for file in content', async () => {
    const a = setup();
    const table = tableWith(upserts(Array.from({ length: 40 }, (_, i) => i)), 25);
    await a.builder.applyBatch(table.stream, { onMissingState: empty });
    const b = setup();
    await b.builder.rebuild(table.items.values() as Iterable<DomainRecord>);
    expect(await b.builder.flush()).toBe(true);
    expect(await resolveLayout(b.store, location.indexKey)).toEqual(
      await resolveLayout(a.store, location.indexKey),
    );
    expect(await wholeFile(b.store)).toBe(await wholeFile(a.store));
    expect((await readLayoutIndex(storeFetch(b.store, location.indexKey)))?.totals.records).toBe(
      40,
    );
  });
});

function toRecord(r: DomainRecord) {
  return {
    Owner: r.owner,
    Type: r.type,
    Hostname: r.hostname,
    GroupID: r.groupId,
    ValidateTime: r.validateTime.toISOString().replace('.000Z', 'Z'),
    Rev: r.rev,
  };
}
