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

  it('writes the exact bytes of serializeSnapshot for multi-byte and Go-escaped text as the file grows past its buffer and shrinks', () => {
    const owners = [
      'https://é.example',
      'https://a<b>&c.example',
      'https://😀.example',
      'https://x\u2028y.example',
    ];
    const at = (i: number, rev = 1): SnapshotRecord => {
      const owner = owners[i % owners.length]!;
      const hostname = `h${i}.ü.example`;
      return {
        Owner: owner,
        Type: 'b',
        Hostname: hostname,
        GroupID: groupIdOf(owner, 'b', [hostname]),
        ValidateTime: '2025-10-15T12:34:56.5Z',
        Rev: rev,
      };
    };
    const cache = WholeFileCache.fromLeaves([]);
    const live = new Map<string, SnapshotRecord>();
    const change = (records: SnapshotRecord[], remove = false) => {
      const changes = new Map(
        records.map((r) => [itemKey(r.GroupID, r.Hostname), remove ? null : r]),
      );
      cache.apply(changes);
      for (const [key, r] of changes) {
        if (r) live.set(key, r);
        else live.delete(key);
      }
      const built = cache.build();
      const expected = Buffer.from(serializeSnapshot([...live.values()]), 'utf8');
      expect(built.body.equals(expected)).toBe(true);
      expect(built.bytes).toBe(expected.length);
    };
    change(Array.from({ length: 10 }, (_, k) => at(k)));
    // Each step outgrows the buffer kept from the last one.
    change(Array.from({ length: 400 }, (_, k) => at(10 + k)));
    change(Array.from({ length: 2000 }, (_, k) => at(410 + k)));
    // Longer entries in place, then the file shrinks inside the kept buffer.
    change(Array.from({ length: 500 }, (_, k) => at(k * 3, 1_000_000)));
    change(
      Array.from({ length: 2300 }, (_, k) => at(k + 50)),
      true,
    );
    expect(cache.size).toBe(110);
  });
});
