// The sharded layout (records/v1/) of a set of records, written by the real writer: the
// sharded builder's rebuild, into an in-memory store.
import { createMemoryStore, createShardedBuilder } from '@symval/snapshot-builder';
import type { RawRecord } from './fixtures.js';

/** The public files the builder wrote, by key (`records/v1/index.json`, `records/domains.json`, …). */
export async function buildLayout(records: Iterable<RawRecord>): Promise<Map<string, string>> {
  const store = createMemoryStore();
  const builder = createShardedBuilder({
    store,
    indexKey: 'records/v1/index.json',
    statePrefix: 'state/v2/',
    wholeKey: 'records/domains.json',
    // A fixed salt, so a test's shards are the same on every run.
    shape: { salt: '5e6e5e6e5e6e5e6e5e6e5e6e5e6e5e6e' },
  });
  await builder.rebuild(
    (function* () {
      for (const r of records) {
        yield {
          groupId: r.GroupID,
          hostname: r.Hostname,
          owner: r.Owner,
          type: r.Type as 'a',
          validateTime: new Date(r.ValidateTime),
          rev: r.Rev ?? 0,
        };
      }
    })(),
  );
  const files = new Map<string, string>();
  for (const [key, object] of store.objects) {
    if (key.startsWith('records/')) files.set(key, object.body);
  }
  return files;
}
