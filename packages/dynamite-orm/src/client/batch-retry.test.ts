import type { DynamoDBClient, WriteRequest } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { messages, tester } from '../../test/fixtures.js';
import { DynamiteError } from '../errors/dynamite-error.js';
import { backoffCeiling, drainBatch } from './batch-retry.js';

describe('drainBatch', () => {
  it('resends only what was left unprocessed, sleeping below a doubling ceiling', async () => {
    const sent: number[][] = [];
    const sleeps: number[] = [];
    const result = await drainBatch(
      [1, 2, 3, 4],
      async (pending) => {
        sent.push(pending);
        return pending.slice(1);
      },
      { baseDelayMs: 10, maxDelayMs: 25 },
      async (ms) => {
        sleeps.push(ms);
      },
    );
    expect(sent).toEqual([[1, 2, 3, 4], [2, 3, 4], [3, 4], [4]]);
    expect(result).toEqual({ unprocessed: [], requests: 4 });
    expect(sleeps).toHaveLength(3);
    sleeps.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThanOrEqual(backoffCeiling(i, { baseDelayMs: 10, maxDelayMs: 25 }));
    });
    expect([0, 1, 2, 3].map((i) => backoffCeiling(i, { baseDelayMs: 10, maxDelayMs: 25 }))).toEqual(
      [10, 20, 25, 25],
    );
  });

  it('stops after maxAttempts and returns what is still unprocessed', async () => {
    let calls = 0;
    const result = await drainBatch(
      ['a', 'b'],
      async (pending) => {
        calls++;
        return pending;
      },
      { maxAttempts: 3, baseDelayMs: 0 },
    );
    expect(calls).toBe(3);
    expect(result).toEqual({ unprocessed: ['a', 'b'], requests: 3 });
  });
});

// DynamoDB Local never leaves BatchWriteItem requests unprocessed (it ignores provisioned
// capacity), so this one path is shown with a stand-in client that answers like throttled
// DynamoDB. The shared retry loop is shown against the real server by batchGet.
function throttlingClient(failFirst: number) {
  const requests: WriteRequest[][] = [];
  let calls = 0;
  const client = {
    send: async (command: { input: { RequestItems: Record<string, WriteRequest[]> } }) => {
      const [table, items] = Object.entries(command.input.RequestItems)[0]!;
      requests.push(items);
      calls++;
      const unprocessed = calls <= failFirst ? items.slice(items.length - 5) : [];
      return { UnprocessedItems: unprocessed.length ? { [table]: unprocessed } : {} };
    },
  };
  return { client: client as unknown as DynamoDBClient, requests };
}

describe('batchWrite retries', () => {
  const sentAt = (i: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, i));
  const ops = Array.from({ length: 30 }, (_, i) => ({
    put: { roomId: 'r', sentAt: sentAt(i), text: `t${i}` },
  }));

  it('resends exactly the unprocessed items', async () => {
    const { client, requests } = throttlingClient(1);
    const result = await messages
      .connect(client)
      .as(tester)
      .batchWrite(ops, { retry: { baseDelayMs: 1 } });
    expect(result).toEqual({ written: 30, requests: 3 });
    expect(requests.map((r) => r.length)).toEqual([25, 5, 5]);
    expect(requests[1]).toEqual(requests[0]!.slice(20));
  });

  it('reports unwritten operations as typed operations when the bound is reached', async () => {
    const { client } = throttlingClient(100);
    const error = await messages
      .connect(client)
      .as(tester)
      .batchWrite(ops, { retry: { maxAttempts: 2, baseDelayMs: 1 } })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(DynamiteError);
    const e = error as DynamiteError;
    expect(e.code).toBe('batch.unprocessed');
    // 5 left of the first chunk, and the 5 of the second chunk that was never sent.
    expect(e.unprocessed).toHaveLength(10);
    expect(e.unprocessed![0]).toEqual({
      put: { roomId: 'r', sentAt: sentAt(20), text: 't20', likes: 0 },
    });
  });
});
