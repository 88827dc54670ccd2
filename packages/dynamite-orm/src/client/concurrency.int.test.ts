import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTable, localClient } from '../../test/dynamo.js';
import { DynamiteError } from '../errors/dynamite-error.js';
import { attr, defineItem, defineTable } from '../index.js';

const client = localClient();
const Counter = defineItem({ id: attr.string(), count: attr.int(), version: attr.int() });
const counters = defineTable({
  name: 'counters',
  item: Counter,
  partitionKey: 'id',
  version: 'version',
});
let db: ReturnType<typeof counters.connect>;

beforeAll(async () => {
  db = counters.connect(client, { tableName: await createTable(client, counters) });
});
afterAll(() => client.destroy());

describe('optimistic locking under concurrency', () => {
  it('1,000 concurrent read-increment-write calls leave the counter equal to the successes', async () => {
    const table = db.asSystem('counter-test');
    await table.put({ id: 'hits', count: 0 });
    const outcomes = await Promise.all(
      Array.from({ length: 1000 }, async () => {
        const current = await table.get({ id: 'hits' }, { consistentRead: true });
        try {
          await table.put({ ...current!, count: current!.count + 1 });
          return 'ok';
        } catch (error) {
          if (error instanceof DynamiteError && error.code === 'version.conflict')
            return 'conflict';
          throw error;
        }
      }),
    );
    const successes = outcomes.filter((o) => o === 'ok').length;
    const final = await table.get({ id: 'hits' }, { consistentRead: true });
    expect(successes).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o === 'conflict').length).toBe(1000 - successes);
    expect(final?.count).toBe(successes);
    expect(final?.version).toBe(successes + 1);
  });

  it('1,000 concurrent updates with the version read agree with their own reports', async () => {
    const table = db.asSystem('counter-test');
    await table.put({ id: 'updates', count: 0 });
    const outcomes = await Promise.all(
      Array.from({ length: 1000 }, async () => {
        const current = await table.get({ id: 'updates' }, { consistentRead: true });
        return table
          .update(
            { id: 'updates' },
            { increment: { count: 1 } },
            { expectedVersion: current!.version },
          )
          .then(
            () => 1,
            (error: unknown) => {
              if (error instanceof DynamiteError && error.code === 'version.conflict') return 0;
              throw error;
            },
          );
      }),
    );
    const successes = outcomes.reduce<number>((a, b) => a + b, 0);
    expect((await table.get({ id: 'updates' }, { consistentRead: true }))?.count).toBe(successes);
  });
});
