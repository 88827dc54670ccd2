// The invariant of the sharded builder: whatever the batching, duplicates and redeliveries,
// the layout and the whole file end exactly as a rebuild from the final table makes them.
import { serializeSnapshot } from '@symval/records';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { directoryOwners, resolveLayout } from '../../test/layout-harness.js';
import { TableModel, type Write } from '../../test/stream-model.js';
import { rebuildFromTable } from '../rebuild/rebuild.js';
import { publicRecords } from '../state/state.js';
import { createMemoryStore } from '../store/memory-store.js';
import { createShardedBuilder } from './builder.js';

const location = {
  indexKey: 'records/v1/index.json',
  statePrefix: 'state/v2/',
  wholeKey: 'records/domains.json',
};

const write: fc.Arbitrary<Write> = fc.oneof(
  fc.record({ kind: fc.constant('upsert' as const), key: fc.nat(24), time: fc.nat(1_000_000) }),
  fc.record({ kind: fc.constant('validate' as const), key: fc.nat(24), time: fc.nat(1_000_000) }),
  fc.record({ kind: fc.constant('delete' as const), key: fc.nat(24) }),
);

const delivery = fc.record({
  writes: fc.array(write, { minLength: 5, maxLength: 120, size: 'max' }),
  owners: fc.integer({ min: 1, max: 16 }),
  leafBits: fc.integer({ min: 0, max: 2 }),
  fanoutBits: fc.integer({ min: 1, max: 2 }),
  salt: fc.stringMatching(/^[0-9a-f]{32}$/),
  sizes: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 8 }),
  // Per batch: redeliver it from this index after it was applied (a retry), or not.
  retries: fc.array(fc.option(fc.nat(12), { nil: undefined }), { minLength: 1, maxLength: 8 }),
  // Records delivered before, slipped into later batches: [which earlier record, where, batch].
  duplicates: fc.array(fc.tuple(fc.nat(1000), fc.nat(12), fc.nat(20)), {
    maxLength: 30,
    size: 'max',
  }),
  // Whether the whole file is throttled (then flushed at the end).
  throttle: fc.boolean(),
});

describe('the sharded builder under at-least-once delivery', () => {
  it('ends with the layout, the directory and the whole file of a rebuild of the final table', async () => {
    await fc.assert(
      fc.asyncProperty(delivery, async (d) => {
        const shape = { salt: d.salt, leafBits: d.leafBits, fanoutBits: d.fanoutBits };
        const table = new TableModel({ owners: d.owners });
        for (const w of d.writes) table.apply(w);
        const stream = table.stream;
        const store = createMemoryStore();
        let now = Date.UTC(2025, 9, 16);
        const builder = createShardedBuilder({
          store,
          ...location,
          shape,
          now: () => now,
          // A short grace: replaced files are deleted while the run goes on.
          graceMs: 3 * 60_000,
          ...(d.throttle ? { wholeFileThresholdBytes: 0, wholeFileIntervalMs: 10 * 60_000 } : {}),
        });
        const empty = async () => ({ kind: 'empty' as const });
        let pos = 0;
        for (let b = 0; pos < stream.length; b++) {
          const batch = stream.slice(pos, pos + d.sizes[b % d.sizes.length]!);
          const delivered = [...batch];
          if (pos > 0) {
            for (const [which, at, inBatch] of d.duplicates) {
              if (inBatch === b)
                delivered.splice(at % (delivered.length + 1), 0, stream[which % pos]!);
            }
          }
          await builder.applyBatch(delivered, { onMissingState: empty });
          now += 60_000;
          const retry = d.retries[b % d.retries.length];
          if (retry !== undefined) await builder.applyBatch(batch.slice(retry % batch.length));
          pos += batch.length;
        }
        if (stream.length === 0) await builder.applyBatch([], { onMissingState: empty });
        now += 60 * 60_000;
        await builder.flush();

        const fresh = createMemoryStore();
        const rebuilt = createShardedBuilder({ store: fresh, ...location, shape });
        await rebuilt.rebuild(table.items.values());
        await rebuilt.flush();

        const expected = serializeSnapshot(
          publicRecords(await rebuildFromTable(table.items.values())),
        );
        expect(store.objects.get(location.wholeKey)?.body).toBe(expected);
        expect(fresh.objects.get(location.wholeKey)?.body).toBe(expected);
        expect(await resolveLayout(store, location.indexKey)).toEqual(
          await resolveLayout(fresh, location.indexKey),
        );
        expect(await directoryOwners(store, location.indexKey)).toEqual(
          await directoryOwners(fresh, location.indexKey),
        );
      }),
      { numRuns: 250, verbose: false },
    );
  });
});
