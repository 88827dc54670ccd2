// Read policies pushed into queries and scans, and tables that conceal denied reads, against
// DynamoDB Local (which reports the read units a request consumed).
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTable, localClient } from '../../test/dynamo.js';
import type { DeniedReadEvent } from '../access/gate.js';
import { DynamiteError } from '../errors/dynamite-error.js';
import {
  allowIf,
  allowSystem,
  allowWhere,
  attr,
  defineItem,
  defineTable,
  fieldEqualsViewer,
  viewerType,
} from '../index.js';

interface Member {
  userId: string;
}

const Note = defineItem({
  teamId: attr.string(),
  memberId: attr.string(),
  ownerId: attr.string(),
  body: attr.string(),
});

const common = {
  item: Note,
  partitionKey: 'teamId',
  sortKey: 'memberId',
  viewer: viewerType<Member>(),
} as const;
const write = [allowSystem('seed')];

/** Each member sees the note under their own sort key: the rule offers it as a key condition. */
const pushed = defineTable({
  ...common,
  name: 'reads-pushed',
  policies: { read: [allowSystem('seed'), fieldEqualsViewer('memberId', 'userId')], write },
});
/** The same rule as a predicate dynamite cannot look into. */
const opaque = defineTable({
  ...common,
  name: 'reads-opaque',
  policies: {
    read: [allowSystem('seed'), allowIf((m: Member, n) => n.memberId === m.userId)],
    write,
  },
});
/** Owners see their notes, wherever they sit in the partition: pushed as a filter. */
const byOwner = defineTable({
  ...common,
  name: 'reads-owner',
  policies: { read: [allowSystem('seed'), fieldEqualsViewer('ownerId', 'userId')], write },
});
/** Members see notes whose sort key starts with their id and a `#`. */
const byPrefix = defineTable({
  ...common,
  name: 'reads-prefix',
  policies: {
    read: [
      allowWhere<Member, { memberId: string }>((m, c) => c.beginsWith('memberId', `${m.userId}#`)),
    ],
    write,
  },
});

const Person = defineItem({
  personId: attr.string(),
  managerId: attr.string(),
  email: attr.string().meta({ personalData: 'contact' }),
});
const personPolicies = {
  read: [allowSystem('hr'), fieldEqualsViewer('managerId', 'userId')],
  write: [allowSystem('hr')],
};
/** Personal data: a denied read looks like a missing item, by default. */
const people = defineTable({
  name: 'reads-people',
  item: Person,
  partitionKey: 'personId',
  viewer: viewerType<Member>(),
  policies: personPolicies,
});
const peopleTold = defineTable({
  name: 'reads-people-told',
  item: Person,
  partitionKey: 'personId',
  viewer: viewerType<Member>(),
  policies: personPolicies,
  concealDenied: false,
});

/** A client that asks for, and adds up, the read units and items each request reads. */
function metered(base: DynamoDBClient) {
  const totals = { units: 0, scanned: 0, returned: 0 };
  base.middlewareStack.add(
    (next) => async (args) => {
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const out = await next(args);
      const output = out.output as {
        ConsumedCapacity?: { CapacityUnits?: number };
        ScannedCount?: number;
        Count?: number;
      };
      totals.units += output.ConsumedCapacity?.CapacityUnits ?? 0;
      totals.scanned += output.ScannedCount ?? 0;
      totals.returned += output.Count ?? 0;
      return out;
    },
    { step: 'initialize', name: 'meterReads' },
  );
  return {
    client: base,
    measure: async <T>(run: () => Promise<T>) => {
      const before = { ...totals };
      const result = await run();
      return {
        result,
        units: totals.units - before.units,
        scanned: totals.scanned - before.scanned,
        returned: totals.returned - before.returned,
      };
    },
  };
}

const meter = metered(localClient());
const quiet = { logger: () => {} };
const denials: DeniedReadEvent[] = [];
const connect = async <T extends typeof pushed>(table: T) =>
  table.connect(meter.client, {
    tableName: await createTable(meter.client, table),
    ...quiet,
    onDeniedRead: (event) => denials.push(event),
  });
let dbs: Record<'pushed' | 'opaque' | 'byOwner' | 'byPrefix', Awaited<ReturnType<typeof connect>>>;

beforeAll(async () => {
  dbs = {
    pushed: await connect(pushed),
    opaque: await connect(opaque),
    byOwner: await connect(byOwner as never),
    byPrefix: await connect(byPrefix as never),
  };
  const body = 'x'.repeat(300);
  for (const db of Object.values(dbs)) {
    await db.asSystem('seed').batchWrite(
      Array.from({ length: 100 }, (_, i) => ({
        put: {
          teamId: 't1',
          memberId: db === dbs.byPrefix ? `u${i % 10}#${i}` : `u${String(i).padStart(2, '0')}`,
          ownerId: `o${i % 10}`,
          body,
        },
      })),
    );
  }
});
afterAll(() => meter.client.destroy());

describe('read rules pushed into the request', () => {
  it('read one item of a 100-item partition through the sort key, where the opaque rule reads all 100', async () => {
    const viewer = { userId: 'u42' };
    const a = await meter.measure(() => dbs.pushed.as(viewer).query({ key: { teamId: 't1' } }));
    const b = await meter.measure(() => dbs.opaque.as(viewer).query({ key: { teamId: 't1' } }));
    expect(a.result.items.map((n) => n.memberId)).toEqual(['u42']);
    expect(b.result.items).toEqual(a.result.items);
    expect([a.scanned, b.scanned]).toEqual([1, 100]);
    expect(a.result.denied).toBe(0);
    expect(b.result.denied).toBe(99);
    expect(a.units).toBe(0.5);
    expect(b.units).toBeGreaterThan(4);
  });

  it('filter on other attributes: the same read units, a tenth of the items sent back', async () => {
    const viewer = { userId: 'o3' };
    const all = dbs.byOwner.as(viewer).queryAll({ key: { teamId: 't1' } });
    const run = await meter.measure(async () => {
      const out = [];
      for await (const note of all) out.push(note);
      return out;
    });
    expect(run.result).toHaveLength(10);
    expect(run.result.every((n) => n.ownerId === 'o3')).toBe(true);
    expect([run.scanned, run.returned]).toEqual([100, 10]);
    expect(all.denied).toBe(0);
  });

  it('push a prefix rule into the key condition and still check every item read', async () => {
    const viewer = { userId: 'u7' };
    const page = await meter.measure(() =>
      dbs.byPrefix.as(viewer).query({ key: { teamId: 't1' }, limit: 4 }),
    );
    expect(page.result.items.map((n) => n.memberId)).toEqual(['u7#17', 'u7#27', 'u7#37', 'u7#47']);
    expect(page.scanned).toBe(4);
    const next = await dbs.byPrefix
      .as(viewer)
      .query({ key: { teamId: 't1' }, cursor: page.result.cursor });
    expect(next.items.map((n) => n.memberId)).toEqual([
      'u7#57',
      'u7#67',
      'u7#7',
      'u7#77',
      'u7#87',
      'u7#97',
    ]);
    // A caller who names the sort key keeps it; the rule still decides what is seen.
    const own = await dbs.byPrefix
      .as(viewer)
      .query({ key: { teamId: 't1', memberId: { beginsWith: 'u' } } });
    expect(own.items).toHaveLength(10);
    expect(own.denied).toBe(90);
  });

  it('push into scans as a filter, and show the request in the escape hatch', async () => {
    const scan = await meter.measure(() => dbs.pushed.as({ userId: 'u05' }).scan());
    expect(scan.result.items.map((n) => n.memberId)).toEqual(['u05']);
    expect(scan.returned).toBe(1);
    const input = dbs.pushed.as({ userId: 'u05' }).requests.query({ key: { teamId: 't1' } });
    expect(input.KeyConditionExpression).toBe('#n0 = :v0 AND #n1 = :v1');
    expect(input.ExpressionAttributeValues?.[':v1']).toEqual({ S: 'u05' });
    // A system job the policy lets through reads everything: nothing is pushed.
    const job = dbs.pushed.asSystem('seed').requests.query({ key: { teamId: 't1' } });
    expect(job.KeyConditionExpression).toBe('#n0 = :v0');
  });
});

describe('tables that conceal denied reads', () => {
  let hidden: ReturnType<typeof people.connect>;
  let told: ReturnType<typeof peopleTold.connect>;
  beforeAll(async () => {
    const options = { ...quiet, onDeniedRead: (e: DeniedReadEvent) => denials.push(e) };
    hidden = people.connect(meter.client, {
      tableName: await createTable(meter.client, people),
      ...options,
    });
    told = peopleTold.connect(meter.client, {
      tableName: await createTable(meter.client, peopleTold),
      ...options,
    });
    for (const db of [hidden, told]) {
      await db.asSystem('hr').put({ personId: 'p1', managerId: 'ada', email: 'p1@example.com' });
      await db.asSystem('hr').put({ personId: 'p2', managerId: 'bob', email: 'p2@example.com' });
    }
  });

  it('show a denied item to the viewer exactly as a missing one, and still report the denial', async () => {
    denials.length = 0;
    const bob = hidden.as({ userId: 'bob' });
    expect(await bob.get({ personId: 'p1' })).toBeUndefined();
    expect(await bob.get({ personId: 'nobody' })).toBeUndefined();
    const batch = await bob.batchGet([
      { personId: 'p1' },
      { personId: 'p2' },
      { personId: 'nobody' },
    ]);
    expect(batch.items.map((p) => p.personId)).toEqual(['p2']);
    expect(batch.missing).toEqual([{ personId: 'p1' }, { personId: 'nobody' }]);
    expect(batch.denied).toBe(0);
    const all = bob.scanAll();
    for await (const _ of all) {
      // drain
    }
    expect(all.denied).toBe(0);
    expect(denials.map((d) => [d.operation, d.denied, d.concealed, d.keys])).toEqual([
      ['get', 1, true, [{ personId: 'p1' }]],
      ['batchGet', 1, true, [{ personId: 'p1' }]],
    ]);
  });

  it('conceal by default only where personal data is kept, and never from system jobs', async () => {
    const error = await told
      .as({ userId: 'bob' })
      .get({ personId: 'p1' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DynamiteError);
    expect((error as DynamiteError).code).toBe('policy.denied');
    expect((error as DynamiteError<'policy.denied'>).denials).toMatchObject([
      { index: 0, operation: 'get', table: 'reads-people-told' },
    ]);
    const page = await hidden.asSystem('other-job').scan();
    expect(page).toMatchObject({ items: [], denied: 2 });
    expect(() =>
      defineTable({ ...common, name: 'bad-conceal', concealDenied: 'yes' as never }),
    ).toThrow(/concealDenied must be true or false/);
  });
});
