import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTable, localClient } from '../../test/dynamo.js';
import { messages, tester } from '../../test/fixtures.js';
import { DynamiteError } from '../errors/dynamite-error.js';
import { attr, defineItem, defineTable } from '../index.js';

const client = localClient();
const Blob = defineItem({ id: attr.string(), body: attr.string() });
// Provisioned at 1 unit: real DynamoDB would throttle; DynamoDB Local ignores capacity.
const blobs = defineTable({
  name: 'blobs',
  item: Blob,
  partitionKey: 'id',
  billing: { mode: 'provisioned', read: 1, write: 1 },
});
let rooms: ReturnType<typeof messages.connect>;
let store: ReturnType<typeof blobs.connect>;
const big = 'x'.repeat(350_000);
const keys = Array.from({ length: 100 }, (_, i) => ({ id: `blob-${String(i).padStart(3, '0')}` }));

beforeAll(async () => {
  rooms = messages.connect(client, { tableName: await createTable(client, messages) });
  store = blobs.connect(client, { tableName: await createTable(client, blobs) });
  // 100 items of ~350 KB: 35 MB, more than one BatchGetItem response may carry (16 MB).
  const result = await store
    .asSystem('fixture')
    .batchWrite(keys.map((key) => ({ put: { ...key, body: big } })));
  expect(result).toEqual({ written: 100, requests: 4 });
});
afterAll(() => client.destroy());

describe('batchGet', () => {
  it('retries the keys DynamoDB leaves unprocessed until every item is read', async () => {
    const result = await store.asSystem('reader').batchGet(keys);
    expect(result.items.map((item) => item.id)).toEqual(keys.map((key) => key.id));
    expect(result.items.every((item) => item.body.length === 350_000)).toBe(true);
    expect(result.missing).toEqual([]);
    // DynamoDB Local caps a response at 16 MB, so 100 such items need at least 3 requests.
    expect(result.requests).toBeGreaterThanOrEqual(3);
  });

  it('gives up after the retry bound with the unprocessed keys and the items read so far', async () => {
    const error = await store
      .asSystem('reader')
      .batchGet(keys, { retry: { maxAttempts: 1 } })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(DynamiteError);
    const e = error as DynamiteError;
    expect(e.code).toBe('batch.unprocessed');
    expect(e.items!.length + e.unprocessed!.length).toBe(100);
    expect(e.items!.length).toBeGreaterThan(0);
    expect(e.unprocessed!.length).toBeGreaterThan(0);
    expect(e.unprocessed![0]).toHaveProperty('id');
  });

  it('returns found items in key order, reads duplicates once and lists missing keys', async () => {
    const sentAt = new Date('2024-02-02T00:00:00.000Z');
    await rooms
      .as(tester)
      .batchWrite(
        ['a', 'b', 'c'].map((roomId) => ({ put: { roomId, sentAt, text: `in ${roomId}` } })),
      );
    const result = await rooms.as(tester).batchGet([
      { roomId: 'c', sentAt },
      { roomId: 'zzz', sentAt },
      { roomId: 'a', sentAt },
      { roomId: 'c', sentAt },
    ]);
    expect(result.items.map((m) => m.text)).toEqual(['in c', 'in a']);
    expect(result.missing).toEqual([{ roomId: 'zzz', sentAt }]);
  });
});

describe('batchWrite', () => {
  it('writes and deletes more items than one request holds', async () => {
    const sentAt = (i: number) => new Date(Date.UTC(2024, 5, 1, 0, i));
    const puts = Array.from({ length: 60 }, (_, i) => ({
      put: { roomId: 'bulk', sentAt: sentAt(i), text: `t${i}` },
    }));
    expect(await rooms.as(tester).batchWrite(puts)).toEqual({ written: 60, requests: 3 });
    const deletes = Array.from({ length: 30 }, (_, i) => ({
      delete: { roomId: 'bulk', sentAt: sentAt(i * 2) },
    }));
    await rooms.as(tester).batchWrite(deletes);
    const left = [];
    for await (const m of rooms.as(tester).queryAll({ key: { roomId: 'bulk' } })) left.push(m.text);
    expect(left).toEqual(Array.from({ length: 30 }, (_, i) => `t${i * 2 + 1}`));
  });

  it('writes nothing when one operation is invalid', async () => {
    const sentAt = new Date(Date.UTC(2024, 6, 1));
    const ops = [
      { put: { roomId: 'atomic-check', sentAt, text: 'fine' } },
      { put: { roomId: 'atomic-check', sentAt: new Date(sentAt.getTime() + 1), text: null } },
    ];
    await expect(rooms.as(tester).batchWrite(ops as never)).rejects.toMatchObject({
      code: 'schema.invalid',
    });
    expect((await rooms.as(tester).query({ key: { roomId: 'atomic-check' } })).items).toEqual([]);
  });
});
