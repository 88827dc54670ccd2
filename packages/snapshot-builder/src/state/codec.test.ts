import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TableModel, type Write } from '../../test/stream-model.js';
import { SnapshotBuilderError } from '../errors.js';
import { rebuildFromTable } from '../rebuild/rebuild.js';
import { applyStreamBatch } from '../stream/apply.js';
import { parseState, serializeState } from './codec.js';
import { emptyState } from './state.js';

const write: fc.Arbitrary<Write> = fc.oneof(
  fc.record({ kind: fc.constant('upsert' as const), key: fc.nat(8), time: fc.nat(1_000_000) }),
  fc.record({ kind: fc.constant('delete' as const), key: fc.nat(8) }),
);

describe('serializeState and parseState', () => {
  it('round-trip any state: records, sequence numbers, tombstones, clock and hash', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(write, { maxLength: 40 }),
        fc.nat(40),
        fc.option(fc.stringMatching(/^[0-9a-f]{64}$/)),
        async (writes, cut, hash) => {
          const table = new TableModel();
          for (const w of writes.slice(0, cut)) table.apply(w);
          const rebuilt = await rebuildFromTable(table.items.values());
          for (const w of writes.slice(cut)) table.apply(w);
          const applied = applyStreamBatch(rebuilt, table.stream).state;
          const state = { ...applied, publishedHash: hash ?? undefined };
          expect(parseState(serializeState(state))).toEqual(state);
        },
      ),
    );
  });

  it('round-trips the empty state', () => {
    expect(parseState(serializeState(emptyState()))).toEqual(emptyState());
  });

  it.each([
    ['not JSON', '{', /not JSON/],
    ['another format', JSON.stringify({ format: 'x', version: 1 }), /format must be/],
    [
      'a later version',
      JSON.stringify({ format: 'symval-snapshot-builder-state', version: 2 }),
      /version 2/,
    ],
    [
      'a tombstone without a sequence number',
      JSON.stringify({
        format: 'symval-snapshot-builder-state',
        version: 1,
        clock: 0,
        publishedHash: null,
        entries: [['g', 'h', null, 5]],
      }),
      /entry 0: a tombstone needs a sequence number/,
    ],
    [
      'a record with an invalid time',
      JSON.stringify({
        format: 'symval-snapshot-builder-state',
        version: 1,
        clock: 0,
        publishedHash: null,
        entries: [['g', 'h', '1', 'o', 'a', 'soon', 1]],
      }),
      /entry 0: ValidateTime/,
    ],
  ])('refuses %s with state.invalid', (_name, text, message) => {
    expect(() => parseState(text)).toThrow(SnapshotBuilderError);
    expect(() => parseState(text)).toThrow(message);
  });
});
