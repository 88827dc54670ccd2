// Tables that adopt items written before they had a version attribute, on DynamoDB Local: the
// items are written raw (as the old writer did), then read and written through dynamite.
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTable, localClient } from '../../test/dynamo.js';
import { DynamiteError } from '../errors/dynamite-error.js';
import {
  allowAll,
  allowWhere,
  alwaysAllow,
  attr,
  defineItem,
  defineTable,
  transactWrite,
  viewerType,
} from '../index.js';

const Doc = defineItem({
  docId: attr.string().savedAs('pk'),
  title: attr.string(),
  status: attr.literal('draft', 'final'),
  rev: attr.int().savedAs('Rev'),
});
const base = {
  item: Doc,
  partitionKey: 'docId',
  version: 'rev',
  allowMissingVersion: true,
  viewer: viewerType<{ userId: string }>(),
} as const;
const adopted = defineTable({ ...base, name: 'adopted-docs', policies: allowAll() });
// Only items never versioned may be written, and only those are read: a policy whose
// conditions name the version, so DynamoDB must count an absent one as 0 too.
const unversionedOnly = defineTable({
  ...base,
  name: 'adopted-unversioned',
  policies: {
    read: [allowWhere((_viewer, c) => c.eq('rev', 0), 'never versioned')],
    write: [allowWhere((_viewer, c) => c.lt('rev', 1), 'never versioned')],
  },
  indexes: { byStatus: { partitionKey: 'status', projection: 'all' } },
});
const strict = defineTable({
  ...base,
  name: 'strict-docs',
  allowMissingVersion: false,
  policies: { read: [alwaysAllow()], write: [alwaysAllow()] },
});

const client = localClient();
const viewer = { userId: 'u1' };
let docs: ReturnType<typeof adopted.connect>;
let guarded: ReturnType<typeof unversionedOnly.connect>;
let strictDocs: ReturnType<typeof strict.connect>;

/** Writes an item as the writer from before the version attribute did: no version at all. */
async function putLegacy(tableName: string, docId: string, extra: Record<string, unknown> = {}) {
  await client.send(
    new PutItemCommand({
      TableName: tableName,
      Item: {
        pk: { S: docId },
        title: { S: `old ${docId}` },
        status: { S: 'draft' },
        ...(extra as Record<string, never>),
      },
    }),
  );
}

async function storedRev(tableName: string, docId: string): Promise<string | undefined> {
  const out = await client.send(
    new GetItemCommand({ TableName: tableName, Key: { pk: { S: docId } }, ConsistentRead: true }),
  );
  return out.Item?.Rev?.N;
}

async function rejection(promise: Promise<unknown>): Promise<DynamiteError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DynamiteError) return error;
    throw error;
  }
  throw new Error('expected a DynamiteError');
}

beforeAll(async () => {
  docs = adopted.connect(client, { tableName: await createTable(client, adopted) });
  guarded = unversionedOnly.connect(client, {
    tableName: await createTable(client, unversionedOnly),
  });
  strictDocs = strict.connect(client, { tableName: await createTable(client, strict) });
});
afterAll(() => client.destroy());

describe('a table that allows a missing version, on DynamoDB Local', () => {
  it('reads items without the version as version 0 in gets, queries, scans and batches', async () => {
    await putLegacy(docs.tableName, 'r1');
    await putLegacy(docs.tableName, 'r2');
    const me = docs.as(viewer);
    expect(await me.get({ docId: 'r1' }, { consistentRead: true })).toEqual({
      docId: 'r1',
      title: 'old r1',
      status: 'draft',
      rev: 0,
    });
    const scanned = [];
    for await (const item of me.scanAll({ consistentRead: true })) scanned.push(item);
    expect(scanned.filter((d) => d.docId.startsWith('r')).map((d) => d.rev)).toEqual([0, 0]);
    const { items } = await me.batchGet([{ docId: 'r1' }, { docId: 'r2' }]);
    expect(items.map((d) => d.rev)).toEqual([0, 0]);
  });

  it('updates an item never versioned when 0 is expected, storing 1; 0 again is a conflict', async () => {
    await putLegacy(docs.tableName, 'u1');
    const me = docs.as(viewer);
    const { item } = await me.update(
      { docId: 'u1' },
      { set: { title: 'adopted' } },
      { expectedVersion: 0 },
    );
    expect(item).toMatchObject({ title: 'adopted', rev: 1 });
    expect(await storedRev(docs.tableName, 'u1')).toBe('1');
    const stale = await rejection(
      me.update({ docId: 'u1' }, { set: { title: 'lost' } }, { expectedVersion: 0 }),
    );
    expect(stale).toMatchObject({ code: 'version.conflict', expected: '0', received: 1 });
    expect((stale.item as { title: string }).title).toBe('adopted');
  });

  it('does not create an item when 0 is expected and nothing is stored', async () => {
    const me = docs.as(viewer);
    const update = await rejection(
      me.update({ docId: 'nothing-1' }, { set: { title: 'x' } }, { expectedVersion: 0 }),
    );
    expect(update.code).toBe('version.conflict');
    expect(update.message).toContain('the item no longer exists');
    expect((await rejection(me.delete({ docId: 'nothing-1' }, { expectedVersion: 0 }))).code).toBe(
      'version.conflict',
    );
    const put = await rejection(
      me.put({ docId: 'nothing-1', title: 'x', status: 'draft', rev: 0 }),
    );
    expect(put.code).toBe('version.conflict');
    expect(await me.get({ docId: 'nothing-1' }, { consistentRead: true })).toBeUndefined();
  });

  it('replaces an item read with version 0 by a put, and deletes one with 0 expected', async () => {
    await putLegacy(docs.tableName, 'p1');
    await putLegacy(docs.tableName, 'd1');
    const me = docs.as(viewer);
    const read = (await me.get({ docId: 'p1' }, { consistentRead: true }))!;
    const { item } = await me.put({ ...read, title: 'replaced' });
    expect(item).toMatchObject({ title: 'replaced', rev: 1 });
    const { item: deleted } = await me.delete({ docId: 'd1' }, { expectedVersion: 0 });
    expect(deleted).toMatchObject({ docId: 'd1', rev: 0 });
    expect(await me.get({ docId: 'd1' }, { consistentRead: true })).toBeUndefined();
  });

  it("adds one to an absent version with expectedVersion 'any'", async () => {
    await putLegacy(docs.tableName, 'a1');
    const { item } = await docs
      .as(viewer)
      .update({ docId: 'a1' }, { set: { status: 'final' } }, { expectedVersion: 'any' });
    expect(item?.rev).toBe(1);
  });

  it('takes a stored version 0, written by someone else, as never versioned too', async () => {
    await putLegacy(docs.tableName, 'z1', { Rev: { N: '0' } });
    const { item } = await docs
      .as(viewer)
      .update({ docId: 'z1' }, { set: { title: 'z' } }, { expectedVersion: 0 });
    expect(item?.rev).toBe(1);
  });

  it('holds transactions to an absent version, and names the conflict when it is not', async () => {
    await putLegacy(docs.tableName, 't1');
    await putLegacy(docs.tableName, 't2');
    const me = docs.as(viewer);
    await transactWrite([
      me.tx.update({ docId: 't1' }, { set: { title: 'in tx' } }, { expectedVersion: 0 }),
      me.tx.delete({ docId: 't2' }, { expectedVersion: 0 }),
    ]);
    expect(await storedRev(docs.tableName, 't1')).toBe('1');
    expect(await me.get({ docId: 't2' }, { consistentRead: true })).toBeUndefined();
    const error = await rejection(
      transactWrite([
        me.tx.update({ docId: 't1' }, { set: { title: 'stale' } }, { expectedVersion: 0 }),
      ]),
    );
    expect(error.code).toBe('transaction.cancelled');
    expect(error.reasons?.[0]).toMatchObject({
      code: 'ConditionalCheckFailed',
      versionConflict: true,
    });
  });

  it('lets DynamoDB count an absent version as 0 in conditions a policy adds', async () => {
    await putLegacy(guarded.tableName, 'g1');
    await putLegacy(guarded.tableName, 'g2');
    const me = guarded.as(viewer);
    // The write rule's condition (rev < 1) goes into the request; an absent Rev passes it.
    const { item } = await me.update(
      { docId: 'g1' },
      { set: { title: 'adopted' } },
      { expectedVersion: 'any' },
    );
    expect(item).toBeUndefined(); // now at version 1: the read rule withholds it
    expect(await storedRev(guarded.tableName, 'g1')).toBe('1');
    // At version 1 the stored item fails the same condition, checked by DynamoDB.
    const denied = await rejection(
      me.update({ docId: 'g1' }, { set: { title: 'again' } }, { expectedVersion: 'any' }),
    );
    expect(denied.code).toBe('policy.denied');
    // The read rule (rev = 0) is pushed into the query's filter: DynamoDB keeps g2 (no Rev)
    // and drops g1 (Rev 1), so the filter counts an absent version as 0 as the rule does.
    const page = await me.query({ index: 'byStatus', key: { status: 'draft' } });
    expect(page.items.map((d) => d.docId)).toEqual(['g2']);
    expect(page.denied).toBe(0);
  });

  it('leaves a table without the option strict: an item without its version is refused', async () => {
    await putLegacy(strictDocs.tableName, 's1');
    const error = await rejection(strictDocs.as(viewer).get({ docId: 's1' }));
    expect(error).toMatchObject({ code: 'schema.invalid', path: 'rev' });
  });
});
