import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTable, localClient } from '../../test/dynamo.js';
import { messages, profiles, tester } from '../../test/fixtures.js';
import { DynamiteError } from '../errors/dynamite-error.js';

const client = localClient();
let rooms: ReturnType<typeof messages.connect>;
let people: ReturnType<typeof profiles.connect>;
const start = Date.UTC(2024, 0, 1);
const at = (minute: number) => new Date(start + minute * 60_000);

beforeAll(async () => {
  rooms = messages.connect(client, { tableName: await createTable(client, messages) });
  people = profiles.connect(client, { tableName: await createTable(client, profiles) });
  const operations = [];
  for (let i = 0; i < 60; i++) {
    operations.push({
      put: { roomId: 'lobby', sentAt: at(i), text: `m${i}`, likes: i % 5, authorId: `a${i % 3}` },
    });
  }
  for (let i = 0; i < 7; i++)
    operations.push({ put: { roomId: 'quiet', sentAt: at(i), text: `q${i}` } });
  await rooms.as(tester).batchWrite(operations);
  for (let i = 0; i < 40; i++) {
    await people.asSystem('fixture').put({
      userId: `p${String(i).padStart(2, '0')}`,
      email: `p${i}@example.com`,
      displayName: `Person ${i}`,
      bio: null,
      createdAt: at(i),
      tags: new Set(),
      ...(i % 2 ? { org: 'acme' } : {}),
    });
  }
});
afterAll(() => client.destroy());

describe('query', () => {
  it('returns a page in sort key order, newest first when descending', async () => {
    const page = await rooms.as(tester).query({ key: { roomId: 'quiet' } });
    expect(page.items.map((m) => m.text)).toEqual(['q0', 'q1', 'q2', 'q3', 'q4', 'q5', 'q6']);
    expect(page.cursor).toBeUndefined();
    const desc = await rooms
      .as(tester)
      .query({ key: { roomId: 'quiet' }, descending: true, limit: 2 });
    expect(desc.items.map((m) => m.text)).toEqual(['q6', 'q5']);
    expect(desc.items[0]?.sentAt).toEqual(at(6));
  });

  it('pages across requests with an opaque cursor, ending without one', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await rooms
        .as(tester)
        .query({ key: { roomId: 'lobby' }, limit: 25, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((m) => m.text));
      cursor = page.cursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 60 }, (_, i) => `m${i}`));
    // 25 + 25 + 10, and DynamoDB cannot know the third page is the last before reading it.
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it('fills a limited page through a filter by continuing requests', async () => {
    const page = await rooms.as(tester).query({
      key: { roomId: 'lobby' },
      filter: (c) => c.eq('likes', 4),
      limit: 5,
    });
    expect(page.items.map((m) => m.text)).toEqual(['m4', 'm9', 'm14', 'm19', 'm24']);
    const next = await rooms.as(tester).query({
      key: { roomId: 'lobby' },
      filter: (c) => c.eq('likes', 4),
      limit: 5,
      cursor: page.cursor!,
    });
    expect(next.items.map((m) => m.text)).toEqual(['m29', 'm34', 'm39', 'm44', 'm49']);
  });

  it('continues an index query exactly after the last item kept when a filtered page overshoots', async () => {
    const texts: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await rooms.as(tester).query({
        index: 'byAuthor',
        key: { authorId: 'a2' },
        filter: (c) => c.lt('likes', 2),
        limit: 3,
        ...(cursor ? { cursor } : {}),
      });
      expect(page.items.length).toBeLessThanOrEqual(3);
      texts.push(...page.items.map((m) => m.text));
      cursor = page.cursor;
    } while (cursor);
    const expected = Array.from({ length: 60 }, (_, i) => i)
      .filter((i) => i % 3 === 2 && i % 5 < 2)
      .map((i) => `m${i}`);
    expect(texts).toEqual(expected);
  });

  it('iterates every item across pages with an async iterator', async () => {
    const texts: string[] = [];
    for await (const message of rooms.as(tester).queryAll({
      key: { roomId: 'lobby', sentAt: { ge: at(10) } },
      limit: 45,
    })) {
      texts.push(message.text);
    }
    expect(texts).toEqual(Array.from({ length: 45 }, (_, i) => `m${i + 10}`));
  });

  it('applies every sort key condition', async () => {
    const q = async (sentAt: object) =>
      (await rooms.as(tester).query({ key: { roomId: 'quiet', sentAt } as never })).items.map(
        (m) => m.text,
      );
    expect(await q({ lt: at(2) })).toEqual(['q0', 'q1']);
    expect(await q({ le: at(2) })).toEqual(['q0', 'q1', 'q2']);
    expect(await q({ gt: at(5) })).toEqual(['q6']);
    expect(await q({ between: [at(2), at(3)] })).toEqual(['q2', 'q3']);
    expect(await q({ beginsWith: '2024-01-01T00:04' })).toEqual(['q4']);
    expect(
      (await rooms.as(tester).query({ key: { roomId: 'quiet', sentAt: at(3) } })).items,
    ).toHaveLength(1);
  });

  it('queries a global index', async () => {
    const page = await rooms
      .as(tester)
      .query({ index: 'byAuthor', key: { authorId: 'a1', sentAt: { lt: at(10) } } });
    expect(page.items.map((m) => m.text)).toEqual(['m1', 'm4', 'm7']);
  });

  it('reads projected index items without demanding the attributes left out', async () => {
    const keys = await people
      .as({ userId: 'x' })
      .query({ index: 'byEmail', key: { email: 'p3@example.com' } });
    expect(keys.items).toEqual([{ userId: 'p03', email: 'p3@example.com' }]);
    const included = await people
      .as({ userId: 'x' })
      .query({ index: 'byOrg', key: { org: 'acme' }, limit: 2 });
    expect(included.items).toEqual([
      { userId: 'p01', org: 'acme', createdAt: at(1), displayName: 'Person 1' },
      { userId: 'p03', org: 'acme', createdAt: at(3), displayName: 'Person 3' },
    ]);
  });

  it('refuses a cursor from another query', async () => {
    const page = await rooms.as(tester).query({ key: { roomId: 'lobby' }, limit: 1 });
    await expect(
      rooms.as(tester).query({ index: 'byAuthor', key: { authorId: 'a1' }, cursor: page.cursor! }),
    ).rejects.toSatisfy((e: unknown) => e instanceof DynamiteError && e.code === 'cursor.invalid');
  });
});

describe('scan', () => {
  it('pages through the whole table with a cursor', async () => {
    const seen = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await people
        .asSystem('audit')
        .scan({ limit: 15, ...(cursor ? { cursor } : {}) });
      for (const p of page.items) seen.add(p.userId);
      cursor = page.cursor;
    } while (cursor);
    expect(seen.size).toBe(40);
  });

  it('scans segments in parallel and sees every item exactly once', async () => {
    const seen: string[] = [];
    for await (const p of people.asSystem('audit').scanAll({ segments: 4 })) seen.push(p.userId);
    expect(seen).toHaveLength(40);
    expect(new Set(seen).size).toBe(40);
    const perSegment = await Promise.all(
      [0, 1, 2, 3].map(async (index) => {
        const items = [];
        let cursor: string | undefined;
        do {
          const page = await people
            .asSystem('audit')
            .scan({ segment: { index, total: 4 }, ...(cursor ? { cursor } : {}) });
          items.push(...page.items);
          cursor = page.cursor;
        } while (cursor);
        return items.length;
      }),
    );
    expect(perSegment.reduce((a, b) => a + b, 0)).toBe(40);
  });

  it('filters and stops at the limit', async () => {
    const found: string[] = [];
    for await (const m of rooms
      .as(tester)
      .scanAll({ filter: (c) => c.eq('roomId', 'quiet'), limit: 3, segments: 2 })) {
      found.push(m.text);
    }
    expect(found).toHaveLength(3);
    expect(found.every((t) => t.startsWith('q'))).toBe(true);
  });
});
