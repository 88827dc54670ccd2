import { calculateGroupIdV1 } from '@symval/groupid';
import { describe, expect, it } from 'vitest';
import { serializeLayoutIndex, serializeLayoutNode, serializeLayoutShard } from './codec.js';
import { countOwners, sumCounts } from './counts.js';
import { ownerPageId } from './owner-id.js';
import { readLayoutPage } from './page.js';
import { nodeFile, shardFile } from './paths.js';
import type { LayoutChild, LayoutFetch, LayoutIndex, LayoutOwner } from './types.js';

const TYPES = ['a', 'b', 'e'] as const;

function owner(i: number): LayoutOwner {
  const name = `https://o${String(i).padStart(3, '0')}.example`;
  // Every owner a group of type `a`; every third one of `e` too.
  const types = i % 3 === 0 ? (['a', 'e'] as const) : (['a'] as const);
  return {
    id: ownerPageId(name),
    Owner: name,
    groups: types
      .map((type) => ({
        GroupID: calculateGroupIdV1(name, type, [`h${i}${type}.example`]),
        Type: type,
        hosts: [{ Hostname: `h${i}${type}.example`, ValidateTime: '2025-10-15T12:34:56Z' }],
      }))
      .sort((x, y) => (x.GroupID < y.GroupID ? -1 : 1)),
  };
}

/** 40 owners, 4 to a shard, 3 shards to a level-1 node, under a level-2 index. */
function layout() {
  const files = new Map<string, string>();
  const owners = Array.from({ length: 40 }, (_, i) => owner(i));
  const shards: LayoutChild[] = [];
  for (let i = 0; i < owners.length; i += 4) {
    const part = owners.slice(i, i + 4);
    const file = shardFile(`s${i}`);
    files.set(file, serializeLayoutShard({ owners: part }));
    shards.push({ file, first: part[0]!.Owner, ...countOwners(part) });
  }
  const nodes: LayoutChild[] = [];
  for (let i = 0; i < shards.length; i += 3) {
    const kids = shards.slice(i, i + 3);
    const file = nodeFile(`n${i}`);
    files.set(file, serializeLayoutNode({ level: 1, children: kids }));
    nodes.push({ file, first: kids[0]!.first, ...sumCounts(kids) });
  }
  const index: LayoutIndex = {
    generation: 1,
    totals: sumCounts(nodes),
    directory: { path: 'owners/', digits: 3 },
    wholeFile: '../domains.json',
    level: 2,
    children: nodes,
  };
  const fetched: string[] = [];
  const fetch: LayoutFetch = async (path) => {
    fetched.push(path);
    return files.get(path);
  };
  return { owners, index: JSON.parse(serializeLayoutIndex(index)) as LayoutIndex, fetch, fetched };
}

describe('readLayoutPage', () => {
  it('reads a page of owners from only the node and shards that hold it', async () => {
    const { owners, index, fetch, fetched } = layout();
    const page = await readLayoutPage(fetch, index, { offset: 13, limit: 6 });
    expect(page.owners.map((o) => o.Owner)).toEqual(owners.slice(13, 19).map((o) => o.Owner));
    expect(page.total).toBe(40);
    // Owners 13..18: shards 12-15 and 16-19, both under the node of shards 12..23.
    expect(fetched.sort()).toEqual(['nodes/n3.json', 'shards/s12.json', 'shards/s16.json']);
    expect(page.filesRead).toBe(3);
  });

  it('pages through the owners of one type, with their groups of that type', async () => {
    const { owners, index, fetch } = layout();
    const ofE = owners.filter((o) => o.groups.some((g) => g.Type === 'e'));
    const seen: string[] = [];
    let offset = 0;
    for (;;) {
      const page = await readLayoutPage(fetch, index, { offset, limit: 5, type: 'e' });
      expect(page.total).toBe(ofE.length);
      for (const o of page.owners) expect(o.groups.map((g) => g.Type)).toEqual(['e']);
      seen.push(...page.owners.map((o) => o.Owner));
      if (page.owners.length < 5) break;
      offset += 5;
    }
    expect(seen).toEqual(ofE.map((o) => o.Owner));
  });

  it('reads nothing past the end, and nothing for a type nobody has', async () => {
    const { index, fetch, fetched } = layout();
    expect((await readLayoutPage(fetch, index, { offset: 40 })).owners).toEqual([]);
    const none = await readLayoutPage(fetch, index, { type: TYPES[1] });
    expect(none).toMatchObject({ owners: [], total: 0, filesRead: 0 });
    expect(fetched).toEqual([]);
  });

  it('names the records of the shards it read that were left out', async () => {
    const { index, fetch } = layout();
    const broken: LayoutFetch = async (path) => {
      const text = await fetch(path);
      // The second owner of the first shard gets a hostname no record may have.
      return path === 'shards/s0.json' ? text?.replace('h1a.example', 'h1a example') : text;
    };
    const page = await readLayoutPage(broken, index, { offset: 0, limit: 2 });
    expect(page.rejected.map((r) => [r.file, r.field])).toEqual([['shards/s0.json', 'Hostname']]);
    expect(page.owners.map((o) => o.Owner)).toEqual([
      'https://o000.example',
      'https://o002.example',
    ]);
    const clean = await readLayoutPage(fetch, index, { offset: 0, limit: 2 });
    expect(clean.rejected).toEqual([]);
  });
});
