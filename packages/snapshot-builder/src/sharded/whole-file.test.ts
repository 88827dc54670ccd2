import { type SnapshotRecord, serializeSnapshot } from '@symval/records';
import { describe, expect, it } from 'vitest';
import { groupIdOf } from '../../test/stream-model.js';
import { itemKey } from './leaf.js';
import { WholeFileCache } from './whole-file.js';

function record(i: number, rev = 1): SnapshotRecord {
  const owner = `https://o${i % 37}.example`;
  const hostname = `h${i}.example`;
  return {
    Owner: owner,
    Type: 'a',
    Hostname: hostname,
    GroupID: groupIdOf(owner, 'a', [hostname]),
    ValidateTime: '2025-10-15T12:34:56Z',
    Rev: rev,
  };
}

describe('WholeFileCache', () => {
  it('builds the bytes serializeSnapshot writes through inserts, updates and removals that split and empty its blocks', () => {
    const cache = WholeFileCache.fromLeaves([]);
    const live = new Map<string, SnapshotRecord>();
    const change = (changes: Map<string, SnapshotRecord | null>) => {
      cache.apply(changes);
      for (const [key, r] of changes) {
        if (r) live.set(key, r);
        else live.delete(key);
      }
      expect(cache.build().body.toString('utf8')).toBe(serializeSnapshot([...live.values()]));
      expect(cache.size).toBe(live.size);
    };
    const of = (records: SnapshotRecord[], remove = false) =>
      new Map(records.map((r) => [itemKey(r.GroupID, r.Hostname), remove ? null : r]));
    // 5,000 records in three batches: blocks fill and split.
    for (let b = 0; b < 3; b++)
      change(of(Array.from({ length: 1700 }, (_, k) => record(b + 3 * k))));
    change(of(Array.from({ length: 300 }, (_, k) => record(k * 11, 2))));
    // Remove nearly everything, then all: blocks empty and go.
    change(
      of(
        Array.from({ length: 5090 }, (_, k) => record(k)),
        true,
      ),
    );
    change(
      of(
        Array.from({ length: 5100 }, (_, k) => record(k)),
        true,
      ),
    );
    expect(cache.build().body.toString('utf8')).toBe('[]');
    change(of([record(7)]));
  });
});
