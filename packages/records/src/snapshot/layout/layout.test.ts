import { calculateGroupIdV1 } from '@symval/groupid';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecordsError } from '../../errors.js';
import {
  parseLayoutIndex,
  parseLayoutNode,
  parseOwnerDirectory,
  readLayoutShard,
  serializeLayoutIndex,
  serializeLayoutNode,
  serializeLayoutShard,
  serializeOwnerDirectory,
} from './codec.js';
import { countOwners, sumCounts } from './counts.js';
import { isOwnerPageId, ownerPageId, ownerPageIdOfGroupId } from './owner-id.js';
import { compareOwners, ownerSortFold } from './owner-order.js';
import { ownerDirectoryBucket, ownerDirectoryFile, shardFile } from './paths.js';
import { findLayoutOwner, listLayoutShards, readLayoutIndex, readLayoutRecords } from './read.js';
import type { LayoutChild, LayoutFetch, LayoutIndex, LayoutOwner } from './types.js';

function owner(name: string, hosts: string[], type: 'a' | 'b' = 'a'): LayoutOwner {
  return {
    id: ownerPageId(name),
    Owner: name,
    groups: hosts.map((host) => ({
      GroupID: calculateGroupIdV1(name, type, [host]),
      Type: type,
      hosts: [{ Hostname: host, ValidateTime: '2025-10-15T12:34:56Z', Rev: 1 }],
    })),
  };
}

/** A two-level layout in memory: an index, two nodes, three shards, the directory. */
function smallLayout() {
  const files = new Map<string, string>();
  const shards = [
    [owner('https://a.example', ['aa.example', 'ab.example'])],
    [owner('https://B.example', ['bb.example'], 'b'), owner('http://c.example', ['cc.example'])],
    [owner('https://d.example', ['dd.example'])],
  ];
  const children: LayoutChild[] = shards.map((owners, i) => {
    const file = shardFile(`s${i}`);
    files.set(file, serializeLayoutShard({ owners }));
    return { file, first: owners[0]!.Owner, ...countOwners(owners) };
  });
  const nodes: LayoutChild[] = [children.slice(0, 2), children.slice(2)].map((kids, i) => {
    const file = `nodes/n${i}.json`;
    files.set(file, serializeLayoutNode({ level: 1, children: kids }));
    return { file, first: kids[0]!.first, ...sumCounts(kids) };
  });
  const index: LayoutIndex = {
    generation: 7,
    totals: sumCounts(nodes),
    directory: { path: 'owners/', digits: 3 },
    wholeFile: '../domains.json',
    level: 2,
    children: nodes,
  };
  files.set('index.json', serializeLayoutIndex(index));
  const buckets = new Map<string, [string, string][]>();
  for (const o of shards.flat()) {
    const file = ownerDirectoryFile(o.id);
    buckets.set(file, [...(buckets.get(file) ?? []), [o.id, o.Owner]]);
  }
  for (const [file, owners] of buckets) files.set(file, serializeOwnerDirectory({ owners }));
  const fetched: string[] = [];
  const fetch: LayoutFetch = async (path) => {
    fetched.push(path);
    return files.get(path);
  };
  return { files, index, fetch, fetched };
}

describe('owner order and page ids', () => {
  it('sorts owners by name without the scheme, ASCII case folded, then exactly', () => {
    expect(ownerSortFold('https://Zq.Suns.bz')).toBe('zq.suns.bz');
    // Only ASCII letters fold, so every engine agrees.
    expect(ownerSortFold('ÉCOLE.example')).toBe('École.example');
    expect(
      ['https://b.example', 'http://A.example', 'https://a.example', 'a.example'].sort(
        compareOwners,
      ),
    ).toEqual(['a.example', 'http://A.example', 'https://a.example', 'https://b.example']);
  });

  it('is a total order: antisymmetric, and zero only for the same string', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const ab = compareOwners(a, b);
        expect(Math.sign(ab) + Math.sign(compareOwners(b, a))).toBe(0);
        expect(ab === 0).toBe(a === b);
      }),
    );
  });

  it('gives the owner hash of every v1 group ID, URL-safe, as the page id', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (name) => {
        const id = ownerPageId(name);
        expect(isOwnerPageId(id)).toBe(true);
        expect(ownerPageIdOfGroupId(calculateGroupIdV1(name, 'a', ['x.example']))).toBe(id);
      }),
    );
    expect(ownerPageId('https://example.blog')).toBe('DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk');
    expect(ownerPageIdOfGroupId('v1:a:nope:x')).toBeUndefined();
  });

  it('puts each page id in one of 4,096 directory buckets named by 3 hex digits', () => {
    expect(ownerDirectoryBucket('DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk')).toBe('0d4');
    expect(ownerDirectoryBucket(`${'_'.repeat(43)}`)).toBe('fff');
    expect(ownerDirectoryBucket(`${'A'.repeat(43)}`)).toBe('000');
    expect(ownerDirectoryFile('DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk')).toBe(
      'owners/0d4.json',
    );
  });
});

describe('layout files', () => {
  it('round-trip: index, node, shard and directory read back as written', () => {
    const { files, index } = smallLayout();
    expect(parseLayoutIndex(files.get('index.json')!)).toEqual(index);
    const node = parseLayoutNode(files.get('nodes/n0.json')!, 'nodes/n0.json');
    expect(node.level).toBe(1);
    expect(node.children.map((c) => [c.file, c.first, c.owners])).toEqual([
      ['shards/s0.json', 'https://a.example', 1],
      ['shards/s1.json', 'https://B.example', 2],
    ]);
    const shard = readLayoutShard(files.get('shards/s1.json')!, 'shards/s1.json');
    expect(shard.rejected).toEqual([]);
    expect(shard.owners.map((o) => o.Owner)).toEqual(['https://B.example', 'http://c.example']);
    expect(shard.records.map((r) => [r.Owner, r.Hostname, r.Type, r.Rev])).toEqual([
      ['https://B.example', 'bb.example', 'b', 1],
      ['http://c.example', 'cc.example', 'a', 1],
    ]);
    const file = ownerDirectoryFile(ownerPageId('https://a.example'));
    expect(parseOwnerDirectory(files.get(file)!, file).owners).toContainEqual([
      ownerPageId('https://a.example'),
      'https://a.example',
    ]);
  });

  it('counts owners, groups and hostnames per type, and sums disjoint parts', () => {
    const counts = countOwners([owner('o1', ['x', 'y']), owner('o2', ['z'], 'b')]);
    expect(counts).toEqual({
      owners: 2,
      groups: 3,
      records: 3,
      types: { a: [1, 2, 2], b: [1, 1, 1] },
    });
    expect(sumCounts([counts, counts])).toEqual({
      owners: 4,
      groups: 6,
      records: 6,
      types: { a: [2, 4, 4], b: [2, 2, 2] },
    });
  });

  it.each([
    ['not JSON', '{', /is not JSON/],
    [
      'another format',
      JSON.stringify({ format: 'symval-records-node', version: 1 }),
      /format must be "symval-records-index"/,
    ],
    [
      'a later version',
      JSON.stringify({ format: 'symval-records-index', version: 2 }),
      /version must be 1, received 2/,
    ],
  ])('refuses an index that is %s with layout.invalid', (_name, text, message) => {
    expect(() => parseLayoutIndex(text)).toThrow(RecordsError);
    expect(() => parseLayoutIndex(text)).toThrow(message);
  });

  it('refuses a node that sends a reader outside the layout', () => {
    const text = serializeLayoutNode({
      level: 1,
      children: [
        { file: '../../private.json', first: 'x', owners: 1, groups: 1, records: 1, types: {} },
      ],
    });
    const error = (() => {
      try {
        parseLayoutNode(text, 'nodes/x.json');
      } catch (caught) {
        return caught as RecordsError;
      }
    })();
    expect(error).toMatchObject({
      code: 'layout.invalid',
      file: 'nodes/x.json',
      field: 'children[0].file',
    });
    expect(error?.message).toBe(
      'nodes/x.json: children[0].file must be a path shards/<name>.json, received "../../private.json"',
    );
  });

  it('reads a shard tolerantly: a bad record is left out and named with its shard', () => {
    const good = owner('https://a.example', ['aa.example']);
    const text = serializeLayoutShard({
      owners: [
        {
          ...good,
          groups: [
            ...good.groups,
            {
              GroupID: 'v1:a:bad',
              Type: 'a',
              hosts: [{ Hostname: 'b.example', ValidateTime: 'soon' }],
            },
          ],
        },
      ],
    });
    const read = readLayoutShard(text, 'shards/s.json');
    expect(read.records.map((r) => r.Hostname)).toEqual(['aa.example']);
    expect(read.rejected).toEqual([
      expect.objectContaining({ index: 1, field: 'GroupID', file: 'shards/s.json' }),
    ]);
    expect(read.rejected[0]!.message).toMatch(
      /^shards\/s\.json: snapshot record 1: GroupID must be a v1 group ID/,
    );
  });
});

describe('reading a layout', () => {
  it('reads every record in owner order, fetching each file once', async () => {
    const { fetch, fetched } = smallLayout();
    const read = await readLayoutRecords(fetch);
    expect(read?.index.totals).toMatchObject({ owners: 4, groups: 5, records: 5 });
    expect(read?.records.map((r) => r.Hostname)).toEqual([
      'aa.example',
      'ab.example',
      'bb.example',
      'cc.example',
      'dd.example',
    ]);
    expect(fetched.sort()).toEqual(
      [
        'index.json',
        'nodes/n0.json',
        'nodes/n1.json',
        'shards/s0.json',
        'shards/s1.json',
        'shards/s2.json',
      ].sort(),
    );
  });

  it('skips the subtrees the counts exclude, without fetching them', async () => {
    const { fetch, fetched, index } = smallLayout();
    const shards = await listLayoutShards(fetch, index, {
      include: (c) => (c.types.b?.[0] ?? 0) > 0,
    });
    expect(shards.map((s) => s.file)).toEqual(['shards/s1.json']);
    expect(fetched).toEqual(['nodes/n0.json']);
  });

  it('finds one owner by page id through the directory and the index', async () => {
    const { fetch, fetched } = smallLayout();
    const found = await findLayoutOwner(fetch, ownerPageId('http://c.example'));
    expect(found?.owner.Owner).toBe('http://c.example');
    expect(found?.records.map((r) => r.Hostname)).toEqual(['cc.example']);
    expect(found?.file).toBe('shards/s1.json');
    expect(fetched).toEqual([
      ownerDirectoryFile(ownerPageId('http://c.example')),
      'index.json',
      'nodes/n0.json',
      'shards/s1.json',
    ]);
    expect(await findLayoutOwner(fetch, ownerPageId('https://nobody.example'))).toBeUndefined();
  });

  it('says there is no layout when there is no index, and names a file the index lists but lacks', async () => {
    expect(await readLayoutIndex(async () => undefined)).toBeUndefined();
    const { files, fetch } = smallLayout();
    files.delete('shards/s2.json');
    await expect(readLayoutRecords(fetch)).rejects.toMatchObject({
      code: 'layout.missing',
      file: 'shards/s2.json',
    });
  });
});
