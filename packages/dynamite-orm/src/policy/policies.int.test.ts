// Read and write policies on every operation, against DynamoDB Local.
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTable, localClient } from '../../test/dynamo.js';
import type { SystemAccessEvent } from '../access/gate.js';
import { transactWrite } from '../client/transact.js';
import { DynamiteError } from '../errors/dynamite-error.js';
import {
  allowIf,
  allowSystem,
  attr,
  defineItem,
  defineTable,
  denyIf,
  fieldEqualsViewer,
  type ItemOf,
  viewerType,
} from '../index.js';

interface Viewer {
  userId: string;
  banned?: boolean;
}

const Doc = defineItem({
  docId: attr.string().savedAs('pk'),
  ownerId: attr.string(),
  title: attr.string(),
  shared: attr.stringSet(),
  archived: attr.boolean().default(false),
});
type DocItem = ItemOf<typeof Doc>;

/** Who owns a document is not in its key, so write rules must read the current item. */
const docs = defineTable({
  name: 'policy-docs',
  item: Doc,
  partitionKey: 'docId',
  viewer: viewerType<Viewer>(),
  indexes: { byOwner: { partitionKey: 'ownerId', sortKey: 'docId' } },
  policies: {
    read: [
      allowSystem('auditor'),
      fieldEqualsViewer('ownerId', 'userId'),
      // Async, as a rule that asks a sharing service would be.
      allowIf(async (viewer, doc) => doc.shared.has(viewer.userId), 'shared with the viewer'),
    ],
    write: [
      allowSystem('auditor'),
      denyIf((viewer) => viewer.banned === true, 'banned viewers cannot write'),
      denyIf(async (_viewer, op) => (await op.current())?.archived === true, 'archived is frozen'),
      fieldEqualsViewer('ownerId', 'userId'),
    ],
  },
});

const Letter = defineItem({
  recipientId: attr.string().savedAs('pk'),
  letterId: attr.string().savedAs('sk'),
  senderId: attr.string(),
  text: attr.string(),
  reads: attr.number().default(0),
});

/** A mailbox: anyone may drop letters in, only the recipient may read them. */
const letters = defineTable({
  name: 'policy-letters',
  item: Letter,
  partitionKey: 'recipientId',
  sortKey: 'letterId',
  viewer: viewerType<Viewer>(),
  policies: {
    read: [
      // Stands for a rule whose lookup fails (a directory that is down).
      (_viewer, letter) => {
        if (letter.text === 'boom') throw new Error('directory unavailable');
        return 'skip';
      },
      fieldEqualsViewer('recipientId', 'userId'),
    ],
    write: [allowIf((viewer, op) => op.type !== 'put' || op.item.senderId === viewer.userId)],
  },
});

/** A table that declares no policies: system jobs only. */
const Setting = defineItem({ key: attr.string(), value: attr.string() });
const settings = defineTable({ name: 'policy-settings', item: Setting, partitionKey: 'key' });

const client = localClient();
const events: SystemAccessEvent[] = [];
const logger = (event: SystemAccessEvent) => events.push(event);
let docsDb: ReturnType<typeof docs.connect>;
let lettersDb: ReturnType<typeof letters.connect>;
let settingsDb: ReturnType<typeof settings.connect>;

const ada: Viewer = { userId: 'ada' };
const bob: Viewer = { userId: 'bob' };
const doc = (docId: string, ownerId: string, extra: Partial<DocItem> = {}) => ({
  docId,
  ownerId,
  title: `${docId} by ${ownerId}`,
  shared: new Set<string>(),
  ...extra,
});

beforeAll(async () => {
  docsDb = docs.connect(client, { tableName: await createTable(client, docs), logger });
  lettersDb = letters.connect(client, { tableName: await createTable(client, letters), logger });
  settingsDb = settings.connect(client, { tableName: await createTable(client, settings), logger });
  // Seeded by a system job the read policy lets through.
  await docsDb.asSystem('auditor').batchWrite([
    ...Array.from({ length: 6 }, (_, i) => ({ put: doc(`a${i}`, 'ada') })),
    ...Array.from({ length: 6 }, (_, i) => ({
      put: doc(`b${i}`, 'bob', i === 2 ? { shared: new Set(['ada']) } : {}),
    })),
    { put: doc('frozen', 'ada', { archived: true }) },
  ]);
});
beforeEach(() => {
  events.length = 0;
});
afterAll(() => client.destroy());

async function refusal(promise: Promise<unknown>): Promise<DynamiteError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof DynamiteError) return error;
  throw new Error(`expected a DynamiteError, got ${String(error)}`);
}

/** What is stored, read by a job the policy lets through. */
const stored = (docId: string) =>
  docsDb.asSystem('auditor').get({ docId }, { consistentRead: true });

describe('read policies', () => {
  it('get returns an allowed item and refuses a denied one with policy.denied', async () => {
    expect((await docsDb.as(ada).get({ docId: 'a1' }))?.ownerId).toBe('ada');
    expect((await docsDb.as(ada).get({ docId: 'b2' }))?.title).toBe('b2 by bob');
    const error = await refusal(docsDb.as(ada).get({ docId: 'b1' }));
    expect(error.code).toBe('policy.denied');
    expect(error.message).toBe('get on policy-docs refused: no rule allowed it (all 3 skipped)');
    expect(await docsDb.as(ada).get({ docId: 'nothing' })).toBeUndefined();
  });

  it('query and scan leave denied items out and say how many', async () => {
    const own = await docsDb.as(ada).query({ index: 'byOwner', key: { ownerId: 'bob' } });
    expect(own.items.map((d) => d.docId)).toEqual(['b2']);
    expect(own.denied).toBe(5);
    const scan = await docsDb.as(bob).scan();
    expect(scan.items.map((d) => d.docId).sort()).toEqual(['b0', 'b1', 'b2', 'b3', 'b4', 'b5']);
    expect(scan.denied).toBe(7);
  });

  it('fills a limited page with allowed items and continues after the last one kept', async () => {
    const seen: string[] = [];
    let denied = 0;
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await docsDb.as(ada).query({
        index: 'byOwner',
        key: { ownerId: 'bob' },
        limit: 1,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...page.items.map((d) => d.docId));
      denied += page.denied;
      cursor = page.cursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(['b2']);
    expect(denied).toBe(5);
    const first = await docsDb.as(bob).scan({ limit: 4 });
    const rest = await docsDb.as(bob).scan({ cursor: first.cursor! });
    expect(first.items).toHaveLength(4);
    expect([...first.items, ...rest.items].map((d) => d.docId).sort()).toEqual([
      'b0',
      'b1',
      'b2',
      'b3',
      'b4',
      'b5',
    ]);
    expect(first.denied + rest.denied).toBe(7);
  });

  it('queryAll and scanAll count what they withheld', async () => {
    const query = docsDb.as(ada).queryAll({ index: 'byOwner', key: { ownerId: 'bob' } });
    const ids: string[] = [];
    for await (const d of query) ids.push(d.docId);
    expect(ids).toEqual(['b2']);
    expect(query.denied).toBe(5);
    const scan = docsDb.as(ada).scanAll({ segments: 3 });
    let count = 0;
    for await (const _ of scan) count++;
    expect(count).toBe(8);
    expect(scan.denied).toBe(5);
    const manual = docsDb.as(bob).scanAll();
    let step = await manual.next();
    while (!step.done) step = await manual.next();
    expect(step.value).toEqual({ denied: 7 });
  });

  it('batchGet leaves denied items out, counts them and keeps missing keys apart', async () => {
    const result = await docsDb
      .as(ada)
      .batchGet([{ docId: 'a0' }, { docId: 'b0' }, { docId: 'b2' }, { docId: 'none' }]);
    expect(result.items.map((d) => d.docId)).toEqual(['a0', 'b2']);
    expect(result.denied).toBe(1);
    expect(result.missing).toEqual([{ docId: 'none' }]);
  });
});

describe('write policies', () => {
  it('put: a viewer cannot take over another viewer’s item; nothing is written', async () => {
    const error = await refusal(docsDb.as(ada).put(doc('b3', 'ada', { title: 'mine now' })));
    expect(error.code).toBe('policy.denied');
    // The owner of the stored item is checked by DynamoDB, in the put's condition.
    expect(error.message).toBe(
      'put on policy-docs refused: no rule allowed it (all 4 skipped), for the item stored when the write was made',
    );
    expect(error.denials).toMatchObject([{ index: 0, operation: 'put', table: 'policy-docs' }]);
    expect(await stored('b3')).toMatchObject({ ownerId: 'bob', title: 'b3 by bob' });
    const { item } = await docsDb.as(ada).put(doc('a-new', 'ada'));
    expect((await stored('a-new'))?.title).toBe(item.title);
  });

  it('update and delete of another viewer’s item are refused and change nothing', async () => {
    const update = await refusal(docsDb.as(ada).update({ docId: 'b4' }, { set: { title: 'x' } }));
    expect(update.code).toBe('policy.denied');
    const del = await refusal(docsDb.as(ada).delete({ docId: 'b4' }));
    expect(del.code).toBe('policy.denied');
    expect(await stored('b4')).toMatchObject({ ownerId: 'bob', title: 'b4 by bob' });
    const { item, withheld } = await docsDb
      .as(bob)
      .update({ docId: 'b4' }, { set: { title: 'renamed' } });
    expect(withheld).toBe(false);
    expect(item?.title).toBe('renamed');
  });

  it('runs rules that read the current item, and rules that look at the viewer only', async () => {
    const frozen = await refusal(
      docsDb.as(ada).update({ docId: 'frozen' }, { set: { title: 'thawed' } }),
    );
    expect(frozen.message).toBe(
      'update on policy-docs refused: denied by write rule 2 of policy-docs (denyIf(archived is frozen))',
    );
    const banned = await refusal(docsDb.as({ userId: 'ada', banned: true }).put(doc('a9', 'ada')));
    expect(banned.message).toContain('denyIf(banned viewers cannot write)');
    expect(await stored('a9')).toBeUndefined();
    expect((await stored('frozen'))?.title).toBe('frozen by ada');
  });

  it('batchWrite with one denied operation writes nothing and lists the denial', async () => {
    const letter = (letterId: string, senderId: string) => ({
      recipientId: 'bob',
      letterId,
      senderId,
      text: 'hi',
    });
    const error = await refusal(
      lettersDb
        .as(ada)
        .batchWrite([
          { put: letter('l-batch-1', 'ada') },
          { put: letter('l-batch-2', 'bob') },
          { put: letter('l-batch-3', 'ada') },
        ]),
    );
    expect(error.code).toBe('policy.denied');
    expect(error.message).toMatch(
      /^1 of 3 writes refused, nothing was written: #1 put on policy-letters/,
    );
    expect(error.denials).toMatchObject([
      {
        index: 1,
        reason: 'no rule allowed it (all 1 skipped)',
        write: { type: 'put', key: { recipientId: 'bob', letterId: 'l-batch-2' } },
      },
    ]);
    const { items } = await lettersDb.asSystem('mail-audit').scan();
    expect(items.map((l) => l.letterId)).not.toContain('l-batch-1');
  });

  it('batchWrite refuses writes the policy allows only on the stored item, which it cannot send', async () => {
    // BatchWriteItem takes no condition, so DynamoDB could not hold these writes to the owner
    // the policy checks: each is refused, with the stored item's own verdict where it has one.
    const error = await refusal(
      docsDb.as(ada).batchWrite([{ put: doc('a-batch-1', 'ada') }, { delete: { docId: 'b5' } }]),
    );
    expect(error.code).toBe('policy.denied');
    expect(error.denials?.map((d) => [d.index, d.reason])).toEqual([
      [
        0,
        'the write policy allows it only on a condition on the stored item, and batchWrite cannot send one (BatchWriteItem takes no conditions); write it with put, update, delete or transactWrite',
      ],
      [1, 'no rule allowed it (all 4 skipped), for the item stored when the write was made'],
    ]);
    expect(await stored('a-batch-1')).toBeUndefined();
    expect(await stored('b5')).toBeDefined();
  });

  it('transactWrite across tables with denied operations writes nothing and lists each', async () => {
    const error = await refusal(
      transactWrite([
        docsDb.as(ada).tx.put(doc('a-tx', 'ada')),
        lettersDb
          .as(ada)
          .tx.put({ recipientId: 'bob', letterId: 'l-tx', senderId: 'bob', text: 'forged' }),
        docsDb.as(ada).tx.update({ docId: 'b0' }, { set: { title: 'x' } }),
      ]),
    );
    expect(error.code).toBe('policy.denied');
    // The forged letter is refused before anything is sent; the update of bob's document is
    // allowed only where DynamoDB finds ada the owner, so it is refused when sent.
    expect(error.denials?.map((d) => d.index)).toEqual([1]);
    const sent = await refusal(
      transactWrite([
        docsDb.as(ada).tx.put(doc('a-tx', 'ada')),
        docsDb.as(ada).tx.update({ docId: 'b0' }, { set: { title: 'x' } }),
      ]),
    );
    expect(sent.code).toBe('policy.denied');
    expect(sent.denials).toMatchObject([{ index: 1, operation: 'update' }]);
    expect(sent.message).toMatch(/^1 of 2 writes refused, nothing was written: #1 update/);
    expect((await stored('b0'))?.title).toBe('b0 by bob');
    expect(await stored('a-tx')).toBeUndefined();
    expect(await lettersDb.asSystem('mail-audit').scan()).toMatchObject({ items: [], denied: 0 });
    const ok = await transactWrite([
      docsDb.as(ada).tx.put(doc('a-tx', 'ada')),
      docsDb.as(ada).tx.check({ docId: 'a0' }, (c) => c.exists('title')),
    ]);
    expect(ok).toEqual({ operations: 2 });
  });
});

describe('items returned by writes', () => {
  const key = { recipientId: 'bob', letterId: 'l1' };

  it('withholds an update’s or a delete’s item the viewer may not read; the write stands', async () => {
    const { item: put } = await lettersDb
      .as(ada)
      .put({ ...key, senderId: 'ada', text: 'hello bob' });
    expect(put.text).toBe('hello bob');
    const updated = await lettersDb.as(ada).update(key, { increment: { reads: 1 } });
    expect(updated).toEqual({ item: undefined, withheld: true });
    expect((await lettersDb.as(bob).get(key))?.reads).toBe(1);
    const deleted = await lettersDb.as(ada).delete(key);
    expect(deleted).toEqual({ item: undefined, withheld: true });
    expect(await lettersDb.as(bob).get(key)).toBeUndefined();
  });

  it('withholds the item when a read rule fails after the write, and never throws', async () => {
    await lettersDb.as(ada).put({ ...key, senderId: 'ada', text: 'hello' });
    const result = await lettersDb.as(bob).update(key, { set: { text: 'boom' } });
    expect(result).toEqual({ item: undefined, withheld: true });
    await expect(lettersDb.as(bob).get(key)).rejects.toThrow('directory unavailable');
    const raw = await client.send(new GetItemCommand(lettersDb.as(bob).requests.get(key)));
    expect(letters.unmarshal(raw.Item!).text).toBe('boom');
    await lettersDb.as(bob).delete(key);
  });

  it('keeps a denied item out of condition errors and transaction cancellations', async () => {
    await lettersDb.as(ada).put({ ...key, senderId: 'ada', text: 'secret for bob' });
    const failed = await refusal(
      lettersDb.as(ada).update(key, { set: { text: 'x' } }, { if: (c) => c.eq('reads', 5) }),
    );
    expect(failed.code).toBe('condition.failed');
    expect(failed.item).toBeUndefined();
    expect(failed.message).toContain('withheld');
    const asBob = await refusal(
      lettersDb.as(bob).update(key, { set: { text: 'x' } }, { if: (c) => c.eq('reads', 5) }),
    );
    expect(asBob.item).toMatchObject({ text: 'secret for bob' });
    const cancelled = await refusal(
      transactWrite([
        lettersDb.as(ada).tx.update(key, { set: { text: 'y' } }, { if: (c) => c.eq('reads', 5) }),
        docsDb.as(ada).tx.put(doc('a-cancel', 'ada')),
      ]),
    );
    expect(cancelled.code).toBe('transaction.cancelled');
    expect(cancelled.reasons?.[0]).toMatchObject({ code: 'ConditionalCheckFailed' });
    expect(cancelled.reasons?.[0]).not.toHaveProperty('item');
  });
});

describe('the system viewer', () => {
  it('logs every operation of a named job with the table, operation and job name', async () => {
    const job = docsDb.asSystem('auditor');
    await job.get({ docId: 'a0' });
    await job.query({ key: { docId: 'a0' } });
    for await (const _ of job.scanAll({ limit: 1 })) break;
    await job.update({ docId: 'a0' }, { set: { title: 'audited' } });
    await docsDb.as(ada).get({ docId: 'a0' });
    await transactWrite([job.tx.update({ docId: 'a1' }, { set: { title: 'audited' } })]);
    expect(events).toEqual(
      ['get', 'query', 'scanAll', 'update', 'transactWrite'].map((operation) => ({
        table: 'policy-docs',
        tableName: docsDb.tableName,
        operation,
        system: 'auditor',
      })),
    );
  });

  it('passes only where a policy lets it: an unnamed job is refused and still logged', async () => {
    const error = await refusal(docsDb.asSystem('intruder').get({ docId: 'a0' }));
    expect(error.code).toBe('policy.denied');
    const write = await refusal(docsDb.asSystem('intruder').delete({ docId: 'a0' }));
    expect(write.code).toBe('policy.denied');
    expect(events.map((e) => `${e.system} ${e.operation}`)).toEqual([
      'intruder get',
      'intruder delete',
    ]);
    expect(await stored('a0')).toBeDefined();
  });

  it('is the only way into a table that declares no policies', async () => {
    await settingsDb.asSystem('deploy').put({ key: 'motd', value: 'hi' });
    expect((await settingsDb.asSystem('deploy').get({ key: 'motd' }))?.value).toBe('hi');
    const error = await refusal(settingsDb.as({ userId: 'ada' }).get({ key: 'motd' }));
    expect(error.code).toBe('policy.denied');
    expect(error.message).toContain('declares no policies');
  });

  it('cannot be made without a name, nor a viewer handle without a viewer', () => {
    expect(() => docsDb.asSystem('')).toThrow(DynamiteError);
    expect(() => docsDb.as(undefined as never)).toThrow(/as needs a viewer/);
    expect(() => docsDb.as(null as never)).toThrow(/asSystem/);
  });
});
