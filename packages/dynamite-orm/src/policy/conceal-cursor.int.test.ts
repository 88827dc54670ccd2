// What a page's cursor tells a viewer on a table that conceals denied reads, against DynamoDB
// Local. The cursor is the key DynamoDB stopped at (LastEvaluatedKey), base64url JSON that any
// caller can decode; when DynamoDB stops at an item the viewer may not see (its 1 MB page ends
// there), that item's key reaches the viewer. (A rule pushed as a filter has the same gap on
// DynamoDB, whose 1 MB is counted before filtering; DynamoDB Local counts it after, so it is
// not shown here.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTable, localClient } from '../../test/dynamo.js';
import type { DeniedReadEvent } from '../access/gate.js';
import { allowIf, allowSystem, attr, defineItem, defineTable, viewerType } from '../index.js';

interface Member {
  userId: string;
}

// The sort key is personal data: a key that reaches the viewer is a person's address.
const Report = defineItem({
  teamId: attr.string(),
  email: attr.string().meta({ personalData: 'contact' }),
  managerId: attr.string(),
  body: attr.string(),
});
const common = {
  item: Report,
  partitionKey: 'teamId',
  sortKey: 'email',
  viewer: viewerType<Member>(),
} as const;
const opaque = defineTable({
  ...common,
  name: 'cursor-opaque',
  policies: {
    read: [
      allowSystem('hr'),
      allowIf((m: Member, r: { managerId: string }) => r.managerId === m.userId),
    ],
    write: [allowSystem('hr')],
  },
});

const client = localClient();
const denials: DeniedReadEvent[] = [];
const quiet = { logger: () => {}, onDeniedRead: (e: DeniedReadEvent) => denials.push(e) };
// Five items of 300 KB: DynamoDB ends the first page after about 1 MB, on someone else's item.
const emails = [
  'a@example.com',
  'b@example.com',
  'c@example.com',
  'd@example.com',
  'e@example.com',
];
const body = 'x'.repeat(300_000);
let db: ReturnType<typeof opaque.connect>;

beforeAll(async () => {
  db = opaque.connect(client, { tableName: await createTable(client, opaque), ...quiet });
  for (const [i, email] of emails.entries()) {
    // bob manages the first report only.
    await db.asSystem('hr').put({ teamId: 't1', email, managerId: i === 0 ? 'bob' : 'ada', body });
  }
});
afterAll(() => client.destroy());

describe('cursors on a table that conceals denied reads', () => {
  it('end a page early (1 MB) on a hidden item: only what the viewer may see, a cursor, nothing after', async () => {
    const bob = db.as({ userId: 'bob' });
    denials.length = 0;
    const page = await bob.query({ key: { teamId: 't1' } });
    expect(page.items.map((r) => r.email)).toEqual(['a@example.com']);
    expect(page.denied).toBe(0);
    expect(page.cursor).toBeDefined();
    // The withheld reports are still logged, with their keys, for the operator.
    expect(denials).toHaveLength(1);
    expect(denials[0]).toMatchObject({ operation: 'query', concealed: true });
    const logged = denials[0]!.keys.map((k) => k.email);
    expect(logged.length).toBeGreaterThan(0);
    expect(emails.slice(1)).toEqual(expect.arrayContaining(logged));
    const rest = await bob.query({ key: { teamId: 't1' }, cursor: page.cursor! });
    expect(rest).toMatchObject({ items: [], denied: 0 });
  });

  // Known gap (issue 14, "look for the rest of their kind"): the cursor carries the key of the
  // last item DynamoDB evaluated, here someone else's report, so its email reaches bob.
  // `it.fails` records it and turns into a failure once the cursor stops naming such an item;
  // then make it a plain `it`.
  it.fails("a page's cursor does not name an item the viewer may not see", async () => {
    const page = await db.as({ userId: 'bob' }).query({ key: { teamId: 't1' } });
    const text = Buffer.from(page.cursor!, 'base64url').toString('utf8');
    for (const hidden of emails.slice(1)) expect(text).not.toContain(hidden);
  });
});
