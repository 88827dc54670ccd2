// The send boundary against DynamoDB Local: hooks see every request with its input, the
// capacity DynamoDB reports and the duration; an AbortSignal ends an operation, even one whose
// request DynamoDB never answers (held by the fault proxy).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startFaultProxy } from '@symval/local-services';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTable, localClient, localClientConfig } from '../../test/dynamo.js';
import { defineTable } from '../define-table.js';
import { DynamiteError } from '../errors/dynamite-error.js';
import { allowAll } from '../policy/rules.js';
import { attr } from '../schema/builders.js';
import { defineItem } from '../schema/item-schema.js';
import type { ReceiveEvent, SendEvent } from './send.js';

const notes = defineTable({
  name: 'notes',
  item: defineItem({ id: attr.string(), text: attr.string() }),
  partitionKey: 'id',
  policies: allowAll(),
  erasure: { kind: 'none', justification: 'test notes' },
});

const client = localClient();
let tableName: string;
beforeAll(async () => {
  tableName = await createTable(client, notes);
});
afterAll(() => client.destroy());

async function rejection(promise: Promise<unknown>): Promise<DynamiteError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DynamiteError) return error;
    throw error;
  }
  throw new Error('expected a DynamiteError');
}

describe('operation hooks and consumed capacity', () => {
  it('tells the hooks each request, its exact input, the capacity consumed and the duration', async () => {
    const sent: SendEvent[] = [];
    const received: ReceiveEvent[] = [];
    const db = notes
      .connect(client, {
        tableName,
        returnConsumedCapacity: 'TOTAL',
        hooks: { beforeSend: (e) => sent.push(e), afterReceive: (e) => received.push(e) },
      })
      .asSystem('test');
    await db.put({ id: 'n1', text: 'hello' });
    expect(await db.get({ id: 'n1' })).toEqual({ id: 'n1', text: 'hello' });
    const page = await db.query({ key: { id: 'n1' } });
    expect(page.items).toHaveLength(1);
    expect(sent.map((e) => e.operation)).toEqual(['PutItem', 'GetItem', 'Query']);
    expect(sent.every((e) => e.table === tableName)).toBe(true);
    expect(sent[1]!.input).toMatchObject({
      TableName: tableName,
      Key: { id: { S: 'n1' } },
      ReturnConsumedCapacity: 'TOTAL',
    });
    expect(received.map((e) => e.operation)).toEqual(['PutItem', 'GetItem', 'Query']);
    for (const e of received) {
      expect(e.error).toBeUndefined();
      expect(e.durationMs).toBeGreaterThan(0);
      expect(e.consumedCapacity).toHaveLength(1);
      expect(e.consumedCapacity[0]!.TableName).toBe(tableName);
      expect(e.consumedCapacity[0]!.CapacityUnits).toBeGreaterThan(0);
    }
    // A write of a small item costs one write unit; an eventually consistent get half a read unit.
    expect(received[0]!.consumedCapacity[0]!.CapacityUnits).toBe(1);
    expect(received[1]!.consumedCapacity[0]!.CapacityUnits).toBe(0.5);
  });

  it('reports a failed request to afterReceive with its error, and still throws it', async () => {
    const received: ReceiveEvent[] = [];
    const db = notes
      .connect(client, { tableName, hooks: { afterReceive: (e) => received.push(e) } })
      .asSystem('test');
    const error = await rejection(db.put({ id: 'n1', text: 'again' }, { mode: 'create' }));
    expect(error.code).toBe('condition.failed');
    expect(received).toHaveLength(1);
    expect(received[0]!.operation).toBe('PutItem');
    expect((received[0]!.error as Error).name).toBe('ConditionalCheckFailedException');
    expect(received[0]!.consumedCapacity).toEqual([]);
  });

  it('refuses a returnConsumedCapacity DynamoDB does not take', () => {
    expect(() =>
      notes.connect(client, { tableName, returnConsumedCapacity: 'ALL' as never }),
    ).toThrow(/returnConsumedCapacity must be 'TOTAL' or 'INDEXES', got ALL/);
  });
});

describe('AbortSignal', () => {
  it('sends nothing once the signal is aborted', async () => {
    const sent: SendEvent[] = [];
    const db = notes
      .connect(client, { tableName, hooks: { beforeSend: (e) => sent.push(e) } })
      .asSystem('test');
    const controller = new AbortController();
    controller.abort(new Error('user left'));
    const error = await rejection(db.withSignal(controller.signal).get({ id: 'n1' }));
    expect(error.code).toBe('request.aborted');
    expect(error.message).toBe(`GetItem on ${tableName} was aborted by its signal: user left`);
    expect(sent).toEqual([]);
    // The table's other operations are not affected.
    expect(await db.get({ id: 'n1' })).toEqual({ id: 'n1', text: 'hello' });
  });

  it('ends an operation whose request DynamoDB never answers', async () => {
    const proxy = await startFaultProxy({
      target: inject('dynamodb'),
      kind: 'dynamodb',
      rules: [{ match: 'Query', probability: 1, fault: { type: 'timeout' } }],
    });
    const held = new DynamoDBClient({ ...localClientConfig(), endpoint: proxy.endpoint });
    try {
      const controller = new AbortController();
      const db = notes
        .connect(held, {
          tableName,
          // Abort once the request is on its way; only the signal can end it.
          hooks: { beforeSend: () => setImmediate(() => controller.abort()) },
        })
        .asSystem('test');
      const error = await rejection(db.withSignal(controller.signal).query({ key: { id: 'n1' } }));
      expect(error.code).toBe('request.aborted');
    } finally {
      held.destroy();
      await proxy.stop();
    }
  });
});
