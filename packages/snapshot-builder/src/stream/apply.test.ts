import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyOf, TableModel, type Write } from '../../test/stream-model.js';
import { rebuildFromTable } from '../rebuild/rebuild.js';
import { emptyState, publicRecords } from '../state/state.js';
import { applyStreamBatch } from './apply.js';
import { compareSequenceNumbers } from './sequence-number.js';

const write: fc.Arbitrary<Write> = fc.oneof(
  fc.record({ kind: fc.constant('upsert' as const), key: fc.nat(5), time: fc.nat(1_000_000) }),
  fc.record({ kind: fc.constant('validate' as const), key: fc.nat(5), time: fc.nat(1_000_000) }),
  fc.record({ kind: fc.constant('delete' as const), key: fc.nat(5) }),
);

function tableAfter(writes: readonly Write[]): TableModel {
  const table = new TableModel();
  for (const w of writes) table.apply(w);
  return table;
}

describe('compareSequenceNumbers', () => {
  it('orders decimal strings of any length as integers', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 40n }),
        fc.bigInt({ min: 0n, max: 10n ** 40n }),
        (a, b) => {
          expect(Math.sign(compareSequenceNumbers(a.toString(), b.toString()))).toBe(
            a < b ? -1 : a > b ? 1 : 0,
          );
        },
      ),
    );
    expect(compareSequenceNumbers('0099', '100')).toBeLessThan(0);
  });
});

describe('applyStreamBatch', () => {
  it('sets items on INSERT and MODIFY and removes them on REMOVE', () => {
    const table = tableAfter([
      { kind: 'upsert', key: 1, time: 10 },
      { kind: 'upsert', key: 2, time: 20 },
      { kind: 'validate', key: 1, time: 30 },
      { kind: 'delete', key: 2 },
    ]);
    const { state, applied, skipped, failures } = applyStreamBatch(emptyState(), table.stream);
    expect({ applied, skipped, failures }).toEqual({ applied: 4, skipped: 0, failures: [] });
    const k1 = keyOf(1);
    expect(publicRecords(state)).toEqual([
      {
        Owner: k1.owner,
        Type: k1.type,
        Hostname: k1.hostname,
        GroupID: k1.groupId,
        ValidateTime: '2025-01-01T00:00:30Z',
        Rev: 2,
      },
    ]);
    expect(state.entries.size).toBe(2); // one tombstone
  });

  it('changes nothing, and returns the same state, when the same batch comes again', () => {
    const table = tableAfter([
      { kind: 'upsert', key: 1, time: 1 },
      { kind: 'upsert', key: 1, time: 2 },
    ]);
    const once = applyStreamBatch(emptyState(), table.stream).state;
    const again = applyStreamBatch(once, table.stream);
    expect(again.state).toBe(once);
    expect(again).toMatchObject({ applied: 0, skipped: 2 });
  });

  it('does not let a late duplicate of a write bring back a removed item', () => {
    const table = tableAfter([
      { kind: 'upsert', key: 1, time: 1 },
      { kind: 'delete', key: 1 },
    ]);
    const [insert] = table.stream;
    const state = applyStreamBatch(emptyState(), table.stream).state;
    const after = applyStreamBatch(state, [insert!]);
    expect(publicRecords(after.state)).toEqual([]);
    expect(after.skipped).toBe(1);
  });

  it('does not change the state it was given', () => {
    const table = tableAfter([{ kind: 'upsert', key: 1, time: 1 }]);
    const start = emptyState();
    applyStreamBatch(start, table.stream);
    expect(start.entries.size).toBe(0);
  });

  it('reports a record it cannot decode and still applies the ones after it', () => {
    const table = tableAfter([
      { kind: 'upsert', key: 1, time: 1 },
      { kind: 'upsert', key: 2, time: 2 },
    ]);
    const broken = structuredClone(table.stream[0]!);
    broken.dynamodb!.NewImage!.Type = { S: 'z' };
    const noSeq = structuredClone(table.stream[1]!);
    delete noSeq.dynamodb!.SequenceNumber;
    const result = applyStreamBatch(emptyState(), [
      broken,
      { eventName: 'BOGUS' },
      noSeq,
      table.stream[1]!,
    ]);
    expect(result.failures.map((f) => [f.index, f.sequenceNumber])).toEqual([
      [0, broken.dynamodb!.SequenceNumber],
      [1, undefined],
      [2, undefined],
    ]);
    expect(result.failures[0]!.error.message).toContain('received "z"');
    expect(result.applied).toBe(1);
    expect(publicRecords(result.state).map((r) => r.Hostname)).toEqual([keyOf(2).hostname]);
  });

  it('drops tombstones once the stream clock is past the retention, not before', () => {
    const table = tableAfter([
      { kind: 'upsert', key: 1, time: 1 },
      { kind: 'delete', key: 1 },
    ]);
    const state = applyStreamBatch(emptyState(), table.stream).state;
    const later = (hours: number) => {
      const t = tableAfter([{ kind: 'upsert', key: 3, time: 1 }]).stream[0]!;
      t.dynamodb!.ApproximateCreationDateTime = (state.clock + hours * 3_600_000) / 1000;
      t.dynamodb!.SequenceNumber = `9${'0'.repeat(30)}${hours}`;
      return t;
    };
    expect(applyStreamBatch(state, [later(24)]).state.entries.size).toBe(2);
    const expired = applyStreamBatch(state, [later(26)]);
    expect(expired.expiredTombstones).toBe(1);
    expect(expired.state.entries.size).toBe(1);
  });

  it('after a rebuild, skips replayed writes and removals older than the rebuilt Rev', async () => {
    // Rev 1, 2, removed, then Rev 1, 2, 3 of a new life: the rebuild sees Rev 3.
    const table = tableAfter([
      { kind: 'upsert', key: 1, time: 1 },
      { kind: 'upsert', key: 1, time: 2 },
      { kind: 'delete', key: 1 },
      { kind: 'upsert', key: 1, time: 3 },
      { kind: 'upsert', key: 1, time: 4 },
      { kind: 'upsert', key: 1, time: 5 },
    ]);
    const rebuilt = await rebuildFromTable(table.items.values());
    const [first, second, , , , last] = table.stream;
    // Stale writes (Rev 1, 2) are skipped: the published record does not go back in time.
    const stale = applyStreamBatch(rebuilt, [first!, second!]);
    expect(stale).toMatchObject({ applied: 0, skipped: 2 });
    expect(publicRecords(stale.state)).toEqual(publicRecords(rebuilt));
    // The write the rebuild already holds is skipped too; nothing regresses.
    expect(applyStreamBatch(rebuilt, [last!]).skipped).toBe(1);
    // A removal of an older Rev is skipped; a removal of the rebuilt Rev applies.
    const removeOld = structuredClone(table.stream[2]!);
    expect(applyStreamBatch(rebuilt, [removeOld]).skipped).toBe(1);
    table.apply({ kind: 'delete', key: 1 });
    const removed = applyStreamBatch(rebuilt, [table.stream.at(-1)!]);
    expect(removed.applied).toBe(1);
    expect(publicRecords(removed.state)).toEqual([]);
  });

  it('refuses a tombstone retention shorter than the stream retention', () => {
    expect(() => applyStreamBatch(emptyState(), [], { tombstoneRetentionMs: 3_600_000 })).toThrow(
      /24 hours/,
    );
  });

  // The invariant of the whole builder: at-least-once delivery in any batching converges.
  const delivery = fc.record({
    writes: fc.array(write, { maxLength: 60 }),
    sizes: fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 10 }),
    // Per batch: redeliver it from this index after it was applied (a retry), or not.
    retries: fc.array(fc.option(fc.nat(10), { nil: undefined }), { minLength: 1, maxLength: 10 }),
    // Records delivered before, slipped into later batches: [which earlier record, where].
    duplicates: fc.array(fc.tuple(fc.nat(1000), fc.nat(10), fc.nat(20)), { maxLength: 30 }),
  });

  it('converges to exactly the rebuild of the final table under duplicates and retried batches', async () => {
    await fc.assert(
      fc.asyncProperty(delivery, async ({ writes, sizes, retries, duplicates }) => {
        const table = tableAfter(writes);
        const stream = table.stream;
        let state = emptyState();
        let pos = 0;
        for (let b = 0; pos < stream.length; b++) {
          const batch = stream.slice(pos, pos + sizes[b % sizes.length]!);
          const delivered = [...batch];
          if (pos > 0) {
            for (const [which, at, inBatch] of duplicates) {
              if (inBatch === b)
                delivered.splice(at % (delivered.length + 1), 0, stream[which % pos]!);
            }
          }
          state = applyStreamBatch(state, delivered).state;
          const retry = retries[b % retries.length];
          if (retry !== undefined)
            state = applyStreamBatch(state, batch.slice(retry % batch.length)).state;
          pos += batch.length;
        }
        const rebuilt = await rebuildFromTable(table.items.values());
        expect(publicRecords(state)).toEqual(publicRecords(rebuilt));
      }),
      { numRuns: 300 },
    );
  });

  it('converges after a rebuild taken at any point, with the whole stream replayed over it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(write, { maxLength: 60 }), fc.nat(60), async (writes, at) => {
        const cut = Math.min(at, writes.length);
        const table = tableAfter(writes.slice(0, cut));
        const rebuilt = await rebuildFromTable([...table.items.values()]);
        for (const w of writes.slice(cut)) table.apply(w);
        const replayed = applyStreamBatch(rebuilt, table.stream).state;
        const expected = await rebuildFromTable(table.items.values());
        expect(publicRecords(replayed)).toEqual(publicRecords(expected));
      }),
    );
  });
});
