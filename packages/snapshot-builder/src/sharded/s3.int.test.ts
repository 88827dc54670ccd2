// The sharded builder on s3rver with S3's semantics (startS3: atomic replace, conditional
// writes answering 412), and rebuilt from a DynamoDB Local table.
import { BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import { HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { type S3Local, startS3 } from '@symval/local-services';
import { connectRecords, serializeSnapshot } from '@symval/records';
import { readLayoutRecords } from '@symval/records/snapshot';
import { getS3ObjectText, s3LayoutFetch } from '@symval/records/snapshot/s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecordsTable, localClient } from '../../test/dynamo.js';
import { resolveLayout } from '../../test/layout-harness.js';
import { TableModel, type Write } from '../../test/stream-model.js';
import { rebuildFromTable } from '../rebuild/rebuild.js';
import { publicRecords } from '../state/state.js';
import type { ObjectStore } from '../store/object-store.js';
import { createS3Store } from '../store/s3-store.js';
import { createShardedBuilder } from './builder.js';

const bucket = 'site';
const SALT = 'fedcba9876543210fedcba9876543210';
let s3rver: S3Local;
let s3: S3Client;
let n = 0;

// Each test its own folders, so tests do not see each other's objects.
function location() {
  n++;
  return {
    indexKey: `t${n}/records/v1/index.json`,
    statePrefix: `t${n}/state/v2/`,
    wholeKey: `t${n}/records/domains.json`,
  };
}

beforeAll(async () => {
  s3rver = await startS3({ buckets: [bucket] });
  s3 = new S3Client(s3rver.clientConfig);
});
afterAll(async () => {
  s3.destroy();
  await s3rver.stop();
});

const upserts = (keys: number[]): Write[] =>
  keys.map((key) => ({ kind: 'upsert', key, time: key }));
const empty = async () => ({ kind: 'empty' as const });

function tableWith(writes: Write[], owners = 12): TableModel {
  const table = new TableModel({ owners });
  for (const w of writes) table.apply(w);
  return table;
}

async function keysUnder(prefix: string): Promise<string[]> {
  const out = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return (out.Contents ?? []).map((o) => o.Key!).sort();
}

describe('the sharded builder on s3rver', () => {
  it('publishes the layout and the whole file with each file its Cache-Control', async () => {
    const loc = location();
    const builder = createShardedBuilder({
      store: createS3Store(s3, bucket),
      ...loc,
      shape: { salt: SALT, leafBits: 1, fanoutBits: 1 },
    });
    const table = tableWith(upserts(Array.from({ length: 24 }, (_, i) => i)), 24);
    await builder.applyBatch(table.stream, { onMissingState: empty });
    const read = await readLayoutRecords(s3LayoutFetch(s3, { bucket, indexKey: loc.indexKey }));
    const expected = publicRecords(await rebuildFromTable(table.items.values()));
    expect(read?.records.map((r) => r.Hostname).sort()).toEqual(
      expected.map((r) => r.Hostname).sort(),
    );
    const whole = await getS3ObjectText(s3, { bucket, key: loc.wholeKey });
    expect(whole?.text).toBe(serializeSnapshot(expected));

    const cacheControl = async (key: string) =>
      (await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).CacheControl;
    const folder = loc.indexKey.replace('index.json', '');
    const [shard] = await keysUnder(`${folder}shards/`);
    const [node] = await keysUnder(`${folder}nodes/`);
    const [state] = await keysUnder(loc.statePrefix);
    expect([shard, node, state].every((k) => k !== undefined)).toBe(true);
    expect({
      index: await cacheControl(loc.indexKey),
      shard: await cacheControl(shard!),
      node: await cacheControl(node!),
      whole: await cacheControl(loc.wholeKey),
      state: await cacheControl(state!),
    }).toEqual({
      index: 'public, max-age=15',
      shard: 'public, max-age=31536000, immutable',
      node: 'public, max-age=31536000, immutable',
      whole: 'max-age=60',
      state: 'no-store',
    });
  });

  it('never lets a reader holding any index it read find a file missing, while batches replace shards', async () => {
    const loc = location();
    let now = Date.UTC(2025, 9, 16);
    const builder = createShardedBuilder({
      store: createS3Store(s3, bucket),
      ...loc,
      shape: { salt: SALT, leafBits: 1, fanoutBits: 1 },
      now: () => now,
      graceMs: 10 * 60_000,
    });
    const table = tableWith(upserts(Array.from({ length: 20 }, (_, i) => i)));
    await builder.applyBatch(table.stream, { onMissingState: empty });
    const fetch = s3LayoutFetch(s3, { bucket, indexKey: loc.indexKey });
    let writing = true;
    let reads = 0;
    const reader = (async () => {
      while (writing) {
        const read = await readLayoutRecords(fetch);
        expect(read?.rejected).toEqual([]);
        reads++;
      }
    })();
    let deleted = 0;
    for (let b = 0; b < 15; b++) {
      table.apply({ kind: b % 5 === 4 ? 'delete' : 'upsert', key: (b * 7) % 30, time: 100 + b });
      // A minute a batch: files replaced more than ten batches ago are collected.
      now += 60_000;
      deleted += (await builder.applyBatch(table.stream.slice(-1))).garbageDeleted;
    }
    writing = false;
    await reader;
    expect(reads).toBeGreaterThan(0);
    expect(deleted).toBeGreaterThan(0);
    const last = await readLayoutRecords(fetch);
    expect(last?.records).toHaveLength(table.items.size);
  });

  it('refuses, with If-Match on the root, a commit over one another writer made in between', async () => {
    const loc = location();
    const plain = createS3Store(s3, bucket);
    const table = tableWith(upserts([1, 2, 3]));
    const other = createShardedBuilder({ store: plain, ...loc });
    await other.applyBatch(table.stream, { onMissingState: empty });
    // The first builder's store lets the other writer commit right before the root is saved,
    // after the HEAD check passed: only S3's conditional write can catch it.
    let interleave: (() => Promise<unknown>) | undefined;
    const racing: ObjectStore = {
      ...plain,
      put: async (key, body, options) => {
        if (key.endsWith('state/v2/root.json') && interleave) {
          const run = interleave;
          interleave = undefined;
          await run();
        }
        return plain.put(key, body, options);
      },
    };
    const first = createShardedBuilder({ store: racing, ...loc });
    table.apply({ kind: 'upsert', key: 4, time: 4 });
    const mine = table.stream.slice(-1);
    table.apply({ kind: 'upsert', key: 5, time: 5 });
    const theirs = table.stream.slice(-1);
    interleave = () => other.applyBatch(theirs);
    await expect(first.applyBatch(mine)).rejects.toMatchObject({ code: 'publish.conflict' });
    // Applying again starts from the other writer's root and keeps both changes.
    const retried = await first.applyBatch(mine);
    expect(retried).toMatchObject({ applied: 1, committed: true });
    const read = await readLayoutRecords(s3LayoutFetch(s3, { bucket, indexKey: loc.indexKey }));
    expect(read?.records.map((r) => r.Hostname).sort()).toEqual([
      'h1.example',
      'h2.example',
      'h3.example',
      'h4.example',
      'h5.example',
    ]);
  });

  it('rebuilds from a DynamoDB Local scan to the layout the stream built', async () => {
    const client = localClient();
    try {
      const tableName = await createRecordsTable(client);
      const table = tableWith(
        [...upserts(Array.from({ length: 30 }, (_, i) => i)), { kind: 'delete', key: 4 }],
        9,
      );
      const items = [...table.items.values()];
      for (let i = 0; i < items.length; i += 25) {
        await client.send(
          new BatchWriteItemCommand({
            RequestItems: {
              [tableName]: items.slice(i, i + 25).map((r) => ({
                PutRequest: {
                  Item: {
                    pk: { S: r.groupId },
                    sk: { S: r.hostname },
                    Owner: { S: r.owner },
                    Type: { S: r.type },
                    ValidateTime: { S: r.validateTime.toISOString() },
                    Rev: { N: String(r.rev) },
                  },
                },
              })),
            },
          }),
        );
      }
      const shape = { salt: SALT, leafBits: 1, fanoutBits: 2 };
      const streamed = location();
      const streamStore = createS3Store(s3, bucket);
      await createShardedBuilder({ store: streamStore, ...streamed, shape }).applyBatch(
        table.stream,
        { onMissingState: empty },
      );
      const rebuilt = location();
      const rebuildStore = createS3Store(s3, bucket);
      const builder = createShardedBuilder({ store: rebuildStore, ...rebuilt, shape });
      const records = connectRecords(client, { tableName });
      const result = await builder.rebuild(
        records.asSystem('snapshot-rebuild').listAll({ segments: 2 }),
      );
      expect(result.records).toBe(29);
      expect(await builder.flush()).toBe(true);
      expect(await resolveLayout(rebuildStore, rebuilt.indexKey)).toEqual(
        await resolveLayout(streamStore, streamed.indexKey),
      );
      expect((await getS3ObjectText(s3, { bucket, key: rebuilt.wholeKey }))?.text).toBe(
        (await getS3ObjectText(s3, { bucket, key: streamed.wholeKey }))?.text,
      );
    } finally {
      client.destroy();
    }
  });
});
