import { describe, expect, it } from 'vitest';
import type { BuilderEntry } from './entry.js';
import { SortedEntries } from './sorted-entries.js';

// Tombstones: the smallest entries there are.
const entry = (i: number): BuilderEntry => ({ seq: String(i), record: undefined, removedAt: 0 });

describe('SortedEntries.from', () => {
  it('sorts 1,000,000 pairs given out of order, keeping the last of a repeated key', () => {
    const n = 1_000_000;
    // Keys in a scrambled order (a multiplier coprime with n), and key 0 again at the end.
    const pairs: [string, BuilderEntry][] = [];
    for (let i = 0; i < n; i++) {
      const k = (i * 7919) % n;
      pairs.push([`k${String(k).padStart(7, '0')}`, entry(k)]);
    }
    pairs.push(['k0000000', entry(-1)]);
    const entries = SortedEntries.from(pairs);
    expect(entries.size).toBe(n);
    const keys = [...entries.keys()];
    expect(keys[0]).toBe('k0000000');
    expect(keys.at(-1)).toBe('k0999999');
    expect(keys.every((k, i) => i === 0 || keys[i - 1]! < k)).toBe(true);
    expect(entries.get('k0000000')?.seq).toBe('-1');
    expect(entries.get('k0123456')?.seq).toBe('123456');
  });
});
