// fieldEqualsViewer on writes promises that the item is the viewer's before and after the
// write. Against DynamoDB Local, with every update action that can change a number field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTable, localClient } from '../../test/dynamo.js';
import { DynamiteError } from '../errors/dynamite-error.js';
import {
  allowSystem,
  attr,
  defineItem,
  defineTable,
  fieldEqualsViewer,
  viewerType,
} from '../index.js';

// The owner is a number (an account number), so increment and add apply to it.
const Ledger = defineItem({
  ledgerId: attr.string(),
  ownerId: attr.int(),
  note: attr.string().optional(),
});
const ledgers = defineTable({
  name: 'owner-actions',
  item: Ledger,
  partitionKey: 'ledgerId',
  viewer: viewerType<{ accountId: number }>(),
  policies: {
    read: [allowSystem('check'), fieldEqualsViewer('ownerId', 'accountId')],
    write: [allowSystem('check'), fieldEqualsViewer('ownerId', 'accountId')],
  },
});

const client = localClient();
let db: ReturnType<typeof ledgers.connect>;

beforeAll(async () => {
  db = ledgers.connect(client, { tableName: await createTable(client, ledgers), logger: () => {} });
});
afterAll(() => client.destroy());

const refusal = (run: Promise<unknown>) =>
  run.then(
    () => 'written',
    (e: unknown) => (e instanceof DynamiteError ? e.code : String(e)),
  );

describe("fieldEqualsViewer on a number owner: the item is the viewer's before and after", () => {
  it("lets the owner change other fields, and refuses setting the owner to someone else's", async () => {
    await db.asSystem('check').put({ ledgerId: 'l1', ownerId: 7 });
    const owner = db.as({ accountId: 7 });
    expect(await refusal(owner.update({ ledgerId: 'l1' }, { set: { note: 'mine' } }))).toBe(
      'written',
    );
    expect(await refusal(owner.update({ ledgerId: 'l1' }, { set: { ownerId: 8 } }))).toBe(
      'policy.denied',
    );
    expect(await db.asSystem('check').get({ ledgerId: 'l1' })).toEqual({
      ledgerId: 'l1',
      ownerId: 7,
      note: 'mine',
    });
  });

  // `increment` and `add` compute the owner in DynamoDB, so the rule cannot know it is still
  // the viewer afterwards: they are refused, as allowWhere refuses any action on a field it reads.
  for (const changes of [{ increment: { ownerId: 1 } }, { add: { ownerId: 1 } }] as const) {
    it(`refuses ${Object.keys(changes)[0]} on the owner field`, async () => {
      const id = `l-${Object.keys(changes)[0]}`;
      await db.asSystem('check').put({ ledgerId: id, ownerId: 7 });
      const outcome = await refusal(db.as({ accountId: 7 }).update({ ledgerId: id }, changes));
      const stored = await db.asSystem('check').get({ ledgerId: id }, { consistentRead: true });
      expect({ outcome, owner: stored?.ownerId }).toEqual({ outcome: 'policy.denied', owner: 7 });
    });
  }
});
