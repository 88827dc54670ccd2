import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calculateGroupIdV1 } from '@symval/groupid';
import {
  countOwners,
  type LayoutOwner,
  ownerPageId,
  serializeLayoutIndex,
  serializeLayoutShard,
  serializeSnapshot,
  shardFile,
} from '@symval/records/snapshot';
import { afterEach, describe, expect, it } from 'vitest';
import { runSymval } from '../../test/run-cli.js';
import { layoutIndexBeside } from './layout.js';
import { describeSource, loadRecords, type RecordsSource, sourceJson } from './records-source.js';
import { loadSnapshot } from './snapshot.js';

const OWNER = 'https://example.blog';
const hosts = ['aa.example', 'ab.example'];

function owner(): LayoutOwner {
  return {
    id: ownerPageId(OWNER),
    Owner: OWNER,
    groups: hosts
      .map((h) => ({
        GroupID: calculateGroupIdV1(OWNER, 'a', [h]),
        Type: 'a' as const,
        hosts: [{ Hostname: h, ValidateTime: '2025-10-15T12:34:56Z', Rev: 3 }],
      }))
      .sort((x, y) => (x.GroupID < y.GroupID ? -1 : 1)),
  };
}

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('the CLI reading a snapshot', () => {
  it('finds the layout beside the whole file', () => {
    expect(layoutIndexBeside('records/domains.json')).toBe('records/v1/index.json');
    expect(layoutIndexBeside('/records/v1/index.json')).toBe('/records/v1/index.json');
    expect(layoutIndexBeside('domains.json')).toBe('v1/index.json');
  });

  it('reads the sharded layout beside the whole file, and the whole file when there is none', async () => {
    dir = await mkdtemp(join(tmpdir(), 'symval-cli-layout-'));
    const whole = join(dir, 'domains.json');
    // The whole file lags behind: one record, Rev 1.
    await writeFile(
      whole,
      serializeSnapshot([
        {
          Owner: OWNER,
          Type: 'a',
          Hostname: hosts[0]!,
          GroupID: calculateGroupIdV1(OWNER, 'a', [hosts[0]!]),
          ValidateTime: '2025-10-01T00:00:00Z',
          Rev: 1,
        },
      ]),
    );
    const env = {};
    const before = await loadSnapshot({ kind: 'file', path: whole }, env);
    expect(before.records.map((r) => [r.Hostname, r.Rev])).toEqual([[hosts[0], 1]]);
    expect(before.origin).toEqual({
      format: 'whole-file',
      location: { kind: 'file', path: whole },
    });

    await mkdir(join(dir, 'v1', 'shards'), { recursive: true });
    const shard = { owners: [owner()] };
    const file = shardFile('s1');
    await writeFile(join(dir, 'v1', file), serializeLayoutShard(shard));
    const counts = countOwners(shard.owners);
    await writeFile(
      join(dir, 'v1', 'index.json'),
      serializeLayoutIndex({
        generation: 1,
        totals: counts,
        directory: { path: 'owners/', digits: 3 },
        wholeFile: '../domains.json',
        level: 1,
        children: [{ file, first: OWNER, ...counts }],
      }),
    );
    const after = await loadSnapshot({ kind: 'file', path: whole }, env);
    expect(after.records.map((r) => [r.Hostname, r.Rev]).sort()).toEqual([
      ['aa.example', 3],
      ['ab.example', 3],
    ]);
    expect(after.rejected).toEqual([]);
    const index = join(dir, 'v1', 'index.json');
    expect(after.origin).toEqual({
      format: 'sharded-layout',
      location: { kind: 'file', path: index },
    });

    // The source the commands print is the layout's index, not the whole file given.
    const source: RecordsSource = { kind: 'snapshot', location: { kind: 'file', path: whole } };
    expect(await loadRecords(source, env)).toHaveLength(2);
    expect(describeSource(source)).toBe(`snapshot ${index} (sharded layout)`);
    expect(sourceJson(source)).toEqual({
      kind: 'snapshot',
      location: index,
      format: 'sharded-layout',
      rejected: [],
    });
    const text = await runSymval(['show', '--snapshot', whole]);
    expect(text.code).toBe(0);
    expect(text.stdout.trim().split('\n').at(-1)).toBe(
      `2 records in 2 groups (of 2 read from snapshot ${index} (sharded layout)).`,
    );
    const json = await runSymval(['show', '--snapshot', whole, '--json']);
    expect(JSON.parse(json.stdout).source).toEqual({
      kind: 'snapshot',
      location: index,
      format: 'sharded-layout',
      rejected: [],
    });
  });
});
