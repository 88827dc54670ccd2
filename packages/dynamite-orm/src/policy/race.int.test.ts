// A write rule that depends on the stored item, raced by a concurrent owner change, against
// DynamoDB Local: what the rule checked must be what DynamoDB enforces.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTable, localClient } from '../../test/dynamo.js';
import { DynamiteError } from '../errors/dynamite-error.js';
import {
  allowSystem,
  attr,
  defineItem,
  defineTable,
  denyIf,
  fieldEqualsViewer,
  viewerType,
} from '../index.js';

const Doc = defineItem({
  docId: attr.string(),
  ownerId: attr.string(),
  locked: attr.boolean().optional(),
  // Every write appends to the log, so the log is the order DynamoDB applied the writes in.
  log: attr.list(attr.string()),
});

const docs = defineTable({
  name: 'race-docs',
  item: Doc,
  partitionKey: 'docId',
  viewer: viewerType<{ userId: string }>(),
  policies: {
    read: [allowSystem('flipper')],
    write: [
      allowSystem('flipper'),
      denyIf(async (_viewer, op) => (await op.current())?.locked === true, 'locked'),
      fieldEqualsViewer('ownerId', 'userId'),
    ],
  },
});

const client = localClient();
let db: ReturnType<typeof docs.connect>;
const quiet = { logger: () => {} };

beforeAll(async () => {
  db = docs.connect(client, { tableName: await createTable(client, docs), ...quiet });
});
afterAll(() => client.destroy());

/** Writes by alice that DynamoDB applied while the document was not hers. */
function wrongWrites(log: readonly string[], firstOwner: string): number {
  let owner = firstOwner;
  let wrong = 0;
  for (const entry of log) {
    if (entry.startsWith('owner:')) owner = entry.slice('owner:'.length);
    else if (entry.startsWith('lock:')) continue;
    else if (owner !== 'alice') wrong++;
  }
  return wrong;
}

describe('write rules raced by a concurrent change', () => {
  it('never apply a write of the old owner after the owner changed: 300 rounds, zero wrong writes', async () => {
    await db.asSystem('flipper').put({ docId: 'd1', ownerId: 'alice', log: [] });
    const alice = db.as({ userId: 'alice' });
    const flipper = db.asSystem('flipper');
    let applied = 0;
    let refused = 0;
    for (let round = 0; round < 300; round++) {
      const next = round % 2 === 0 ? 'bob' : 'alice';
      await Promise.all([
        alice.update({ docId: 'd1' }, { append: { log: [`alice-${round}`] } }).then(
          () => applied++,
          (error: unknown) => {
            if (!(error instanceof DynamiteError && error.code === 'policy.denied')) throw error;
            refused++;
          },
        ),
        flipper.update(
          { docId: 'd1' },
          { set: { ownerId: next }, append: { log: [`owner:${next}`] } },
        ),
      ]);
    }
    const stored = await flipper.get({ docId: 'd1' }, { consistentRead: true });
    const log = stored?.log ?? [];
    expect(wrongWrites(log, 'alice')).toBe(0);
    // Both outcomes happened, and every write reported as applied is in the log.
    expect(applied).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
    expect(log.filter((entry) => entry.startsWith('alice-')).length).toBe(applied);
  });

  it('hold a rule that read the stored item to what it read: 200 rounds, no write lands on a locked item', async () => {
    await db.asSystem('flipper').put({ docId: 'd2', ownerId: 'alice', log: [] });
    const alice = db.as({ userId: 'alice' });
    const flipper = db.asSystem('flipper');
    let applied = 0;
    let stopped = 0;
    for (let round = 0; round < 200; round++) {
      const locked = round % 2 === 0;
      await Promise.all([
        alice.update({ docId: 'd2' }, { append: { log: [`alice-${round}`] } }).then(
          () => applied++,
          (error: unknown) => {
            const expected =
              error instanceof DynamiteError &&
              (error.code === 'policy.denied' || error.code === 'condition.failed');
            if (!expected) throw error;
            stopped++;
          },
        ),
        flipper.update({ docId: 'd2' }, { set: { locked }, append: { log: [`lock:${locked}`] } }),
      ]);
    }
    const log = (await flipper.get({ docId: 'd2' }, { consistentRead: true }))?.log ?? [];
    let isLocked = false;
    let landedLocked = 0;
    for (const entry of log) {
      if (entry.startsWith('lock:')) isLocked = entry === 'lock:true';
      else if (isLocked) landedLocked++;
    }
    expect(landedLocked).toBe(0);
    expect(applied).toBeGreaterThan(0);
    expect(stopped).toBeGreaterThan(0);
    expect(log.filter((entry) => entry.startsWith('alice-')).length).toBe(applied);
  });
});
