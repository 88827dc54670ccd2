// What a page's cursor tells a viewer on a table that conceals denied reads, against DynamoDB
// Local. A cursor is readable base64url JSON of a key; DynamoDB may stop (its 1 MB page ends)
// at an item the viewer may not see, so on such a table the page ends at the last item the
// viewer was given and the cursor names that one. (A rule pushed as a filter stops the same
// way on DynamoDB, whose 1 MB is counted before filtering; the same rule covers it.)
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
    // bob manages the first report only, carol the last.
    const managerId = i === 0 ? 'bob' : i === 4 ? 'carol' : 'ada';
    await db.asSystem('hr').put({ teamId: 't1', email, managerId, body });
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

  // DynamoDB stops on someone else's report; the cursor resumes after bob's own instead.
  it("a page's cursor does not name an item the viewer may not see", async () => {
    const page = await db.as({ userId: 'bob' }).query({ key: { teamId: 't1' } });
    const text = Buffer.from(page.cursor!, 'base64url').toString('utf8');
    for (const hidden of emails.slice(1)) expect(text).not.toContain(hidden);
    expect(text).toContain('a@example.com');
  });

  it('read past hidden items until the viewer is given one, and never skip a visible one', async () => {
    const carol = db.as({ userId: 'carol' });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await carol.query({ key: { teamId: 't1' }, ...(cursor ? { cursor } : {}) });
      pages++;
      seen.push(...page.items.map((r) => r.email));
      if (page.cursor) {
        const text = Buffer.from(page.cursor, 'base64url').toString('utf8');
        for (const hidden of emails.slice(0, 4)) expect(text).not.toContain(hidden);
      }
      cursor = page.cursor;
    } while (cursor);
    expect(seen).toEqual(['e@example.com']);
    expect(pages).toBeLessThanOrEqual(2);
    // ada's three reports come back whole across pages, in order.
    const ada = db.as({ userId: 'ada' });
    const got: string[] = [];
    let next: string | undefined;
    for (;;) {
      const page: { items: { email: string }[]; cursor?: string } = await ada.query({
        key: { teamId: 't1' },
        ...(next ? { cursor: next } : {}),
      });
      got.push(...page.items.map((r) => r.email));
      if (!page.cursor) break;
      next = page.cursor;
    }
    expect(got).toEqual(['b@example.com', 'c@example.com', 'd@example.com']);
  });
});
