// The stub is the send boundary itself: what it records and answers is what dynamite sent and
// decoded, so these tests need no database.
import { describe, expect, it } from 'vitest';
import { defineTable } from '../define-table.js';
import { DynamiteError } from '../errors/dynamite-error.js';
import { fieldEqualsViewer } from '../policy/field-rule.js';
import { attr } from '../schema/builders.js';
import { defineItem } from '../schema/item-schema.js';
import { viewerType } from '../table/config.js';
import { stubClient } from './stub-client.js';

const notes = defineTable({
  name: 'notes',
  item: defineItem({ id: attr.string(), owner: attr.string(), at: attr.date() }),
  partitionKey: 'id',
  viewer: viewerType<{ userId: string }>(),
  policies: {
    read: [fieldEqualsViewer('owner', 'userId')],
    write: [fieldEqualsViewer('owner', 'userId')],
  },
  erasure: { kind: 'none', justification: 'test notes' },
});

describe('stubClient', () => {
  it('answers with its handler and records the exact request', async () => {
    const client = stubClient({
      GetItem: () => ({
        Item: { id: { S: 'n1' }, owner: { S: 'ada' }, at: { S: '2024-01-02T00:00:00.000Z' } },
      }),
    });
    const note = await notes.connect(client).as({ userId: 'ada' }).get({ id: 'n1' });
    expect(note).toEqual({ id: 'n1', owner: 'ada', at: new Date('2024-01-02T00:00:00.000Z') });
    expect(client.calls).toEqual([
      { operation: 'GetItem', input: { TableName: 'notes', Key: { id: { S: 'n1' } } } },
    ]);
  });

  it('runs the real policies: another viewer is refused the stubbed item', async () => {
    const client = stubClient({
      GetItem: () => ({
        Item: { id: { S: 'n1' }, owner: { S: 'ada' }, at: { S: '2024-01-02T00:00:00.000Z' } },
      }),
    });
    await expect(
      notes.connect(client).as({ userId: 'bob' }).get({ id: 'n1' }),
    ).rejects.toMatchObject({
      code: 'policy.denied',
    });
  });

  it('sends a write the policy allows, encoded as DynamoDB gets it', async () => {
    const client = stubClient({ PutItem: () => ({}) });
    await notes
      .connect(client)
      .as({ userId: 'ada' })
      .put({ id: 'n2', owner: 'ada', at: new Date('2024-05-06T00:00:00.000Z') });
    expect(client.calls).toHaveLength(1);
    expect(client.calls[0]!.operation).toBe('PutItem');
    expect(client.calls[0]!.input.Item).toEqual({
      id: { S: 'n2' },
      owner: { S: 'ada' },
      at: { S: '2024-05-06T00:00:00.000Z' },
    });
  });

  it('fails an operation it has no handler for, naming it', async () => {
    const client = stubClient();
    const error = await notes
      .connect(client)
      .as({ userId: 'ada' })
      .query({ key: { id: 'n1' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DynamiteError);
    expect((error as DynamiteError).message).toBe(
      'stubClient: no handler for Query; give one, e.g. stubClient({ Query: (input) => ({ ... }) })',
    );
    expect(client.calls.map((c) => c.operation)).toEqual(['Query']);
  });
});
