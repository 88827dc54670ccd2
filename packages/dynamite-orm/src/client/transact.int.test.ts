import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTable, localClient } from '../../test/dynamo.js';
import { messages, profiles, tester } from '../../test/fixtures.js';
import { DynamiteError } from '../errors/dynamite-error.js';
import { transactWrite } from './transact.js';

const client = localClient();
let rooms: ReturnType<typeof messages.connect>;
let people: ReturnType<typeof profiles.connect>;
const sentAt = new Date('2024-04-01T00:00:00.000Z');
const person = (userId: string) => ({
  userId,
  email: `${userId}@example.com`,
  displayName: userId,
  bio: null,
  createdAt: sentAt,
  tags: new Set<string>(),
});

beforeAll(async () => {
  rooms = messages.connect(client, { tableName: await createTable(client, messages) });
  people = profiles.connect(client, { tableName: await createTable(client, profiles) });
});
afterAll(() => client.destroy());

async function cancelled(promise: Promise<unknown>): Promise<DynamiteError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof DynamiteError) return error;
  throw new Error(`expected a DynamiteError, got ${String(error)}`);
}

describe('transactWrite', () => {
  it('applies puts, updates, deletes and checks across two tables atomically', async () => {
    const viewer = { userId: 'admin' };
    const { item: author } = await people.as(viewer).put(person('author'));
    await people.as(viewer).put(person('guard'));
    await rooms.as(tester).put({ roomId: 'old', sentAt, text: 'to delete' });
    const result = await transactWrite([
      rooms
        .as(tester)
        .tx.put({ roomId: 'news', sentAt, text: 'hello', authorId: 'author' }, { mode: 'create' }),
      people
        .as(viewer)
        .tx.update(
          { userId: 'author' },
          { increment: { score: 1 } },
          { expectedVersion: author.version },
        ),
      rooms.as(tester).tx.delete({ roomId: 'old', sentAt }),
      people.as(viewer).tx.check({ userId: 'guard' }, (c) => c.eq('role', 'member')),
    ]);
    expect(result).toEqual({ operations: 4 });
    expect((await rooms.as(tester).get({ roomId: 'news', sentAt }))?.text).toBe('hello');
    expect(await rooms.as(tester).get({ roomId: 'old', sentAt })).toBeUndefined();
    expect(await people.as(viewer).get({ userId: 'author' })).toMatchObject({
      score: 1,
      version: 2,
    });
  });

  it('checks a condition on an item it does not write', async () => {
    await people.as({ userId: 'x' }).put(person('checked'));
    await transactWrite([
      people.as({ userId: 'x' }).tx.check({ userId: 'checked' }, (c) => c.eq('role', 'member')),
      rooms.as(tester).tx.put({ roomId: 'after-check', sentAt, text: 'ok' }),
    ]);
    expect(await rooms.as(tester).get({ roomId: 'after-check', sentAt })).toBeDefined();
  });

  it('reports a reason per operation on cancellation and writes nothing', async () => {
    const viewer = { userId: 'admin' };
    const { item: target } = await people.as(viewer).put(person('target'));
    await rooms.as(tester).put({ roomId: 'taken', sentAt, text: 'already here' });
    const error = await cancelled(
      transactWrite([
        rooms.as(tester).tx.put({ roomId: 'fresh', sentAt, text: 'new' }),
        rooms.as(tester).tx.put({ roomId: 'taken', sentAt, text: 'clobber' }, { mode: 'create' }),
        people
          .as(viewer)
          .tx.update(
            { userId: 'target' },
            { set: { displayName: 'x' } },
            { expectedVersion: target.version + 5 },
          ),
        people.as(viewer).tx.check({ userId: 'checked-missing' }, (c) => c.exists('userId')),
      ]),
    );
    expect(error.code).toBe('transaction.cancelled');
    expect(error.reasons?.map((r) => [r.index, r.operation, r.code, r.versionConflict])).toEqual([
      [0, 'put', 'None', false],
      [1, 'put', 'ConditionalCheckFailed', false],
      [2, 'update', 'ConditionalCheckFailed', true],
      [3, 'check', 'ConditionalCheckFailed', false],
    ]);
    expect(error.reasons?.[1]?.item).toMatchObject({ roomId: 'taken', text: 'already here' });
    expect(error.reasons?.[2]?.item).toMatchObject({ userId: 'target', version: 1 });
    expect(error.reasons?.[3]?.item).toBeUndefined();
    expect(await rooms.as(tester).get({ roomId: 'fresh', sentAt })).toBeUndefined();
  });

  it('refuses operations from different clients before sending', async () => {
    const other = localClient();
    try {
      const error = await cancelled(
        transactWrite([
          rooms.as(tester).tx.put({ roomId: 'c1', sentAt, text: 'a' }),
          messages
            .connect(other, { tableName: rooms.tableName })
            .as(tester)
            .tx.put({ roomId: 'c2', sentAt, text: 'b' }),
        ]),
      );
      expect(error.code).toBe('request.invalid');
    } finally {
      other.destroy();
    }
    expect(await rooms.as(tester).get({ roomId: 'c1', sentAt })).toBeUndefined();
  });
});
