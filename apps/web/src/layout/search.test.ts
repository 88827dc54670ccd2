import { readLayoutIndex, readLayoutRecords } from '@symval/records/snapshot';
import { describe, expect, it } from 'vitest';
import { largeFixture } from '../../test/support/fixtures.js';
import { buildLayout } from '../../test/support/layout.js';
import { LayoutSearch } from './members.js';

describe('LayoutSearch', () => {
  it('fetches the next shards while one is searched and still finds every match in list order', async () => {
    const files = await buildLayout(largeFixture(2000));
    let inFlight = 0;
    let most = 0;
    const requested: string[] = [];
    const fetch = async (path: string) => {
      requested.push(path);
      inFlight++;
      most = Math.max(most, inFlight);
      // Answer after the caller has had its turn, as a network does.
      await new Promise<void>((resolve) => setImmediate(resolve));
      inFlight--;
      return files.get(`records/v1/${path}`);
    };
    const index = (await readLayoutIndex(fetch))!;
    const all = await readLayoutRecords(fetch);
    const expected = [
      ...new Set(all!.records.filter((r) => r.Hostname.includes('me3')).map((r) => r.Owner)),
    ];
    const shards = [...files.keys()].filter((k) => k.startsWith('records/v1/shards/'));
    expect(shards.length).toBeGreaterThan(10);

    requested.length = 0;
    most = 0;
    const progress: number[] = [];
    const search = new LayoutSearch(fetch, index, 'me3', '', null, (p) =>
      progress.push(p.ownersSearched),
    );
    expect(await search.more(10_000)).toBe(true);
    expect(search.progress.done).toBe(true);
    // In list order, as reading one shard at a time gave them.
    const order = new Map(all!.records.map((r, i) => [r.Owner, i]));
    const found = search.matches.map((m) => m.owner);
    expect([...found].sort((a, b) => order.get(a)! - order.get(b)!)).toEqual(found);
    expect(new Set(found)).toEqual(new Set(expected));
    expect(most).toBeGreaterThan(1);
    // Six ahead; a node's children go before siblings already being fetched, so at most twice that.
    expect(most).toBeLessThanOrEqual(12);
    // Every shard once, and progress after each.
    expect(requested.filter((p) => p.startsWith('shards/')).sort()).toEqual(
      shards.map((k) => k.slice('records/v1/'.length)).sort(),
    );
    expect(progress).toHaveLength(search.progress.shardsRead);
    expect(progress.at(-1)).toBe(index.totals.owners);
  });
});
