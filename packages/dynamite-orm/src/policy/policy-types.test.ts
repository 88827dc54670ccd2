import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  allOf,
  allowAll,
  allowIf,
  allowSystem,
  attr,
  defineItem,
  defineTable,
  denyIf,
  fieldEqualsViewer,
  firstOf,
  type ItemOf,
  type KeyOf,
  type ReadRule,
  viewerType,
  type WriteOperation,
  type WriteRule,
} from '../index.js';

declare const client: DynamoDBClient;

/** Type-checked by `pnpm typecheck`, never run: the calls would need a server. */
function typeOnly(_check: () => void): void {}

interface Viewer {
  userId: string;
  role: 'member' | 'admin';
}

const Doc = defineItem({
  ownerId: attr.string(),
  docId: attr.string(),
  title: attr.string(),
  shared: attr.stringSet(),
  archived: attr.boolean().default(false),
});
type DocItem = ItemOf<typeof Doc>;

describe('policy types', () => {
  it('types rule parameters from the table item and viewer', () => {
    const docs = defineTable({
      name: 'docs',
      item: Doc,
      partitionKey: 'docId',
      viewer: viewerType<Viewer>(),
      policies: {
        read: [
          (viewer, doc) => {
            expectTypeOf(viewer).toEqualTypeOf<Viewer>();
            expectTypeOf(doc).toEqualTypeOf<DocItem>();
            return doc.ownerId === viewer.userId ? 'allow' : 'skip';
          },
          allowIf((viewer, doc) => doc.shared.has(viewer.userId)),
          denyIf(async (_viewer, doc) => doc.archived),
        ],
        write: [
          (viewer, op) => {
            expectTypeOf(op.key).toEqualTypeOf<{ docId: string }>();
            expectTypeOf(op.current).returns.resolves.toEqualTypeOf<DocItem | undefined>();
            if (op.type === 'put') expectTypeOf(op.item).toEqualTypeOf<DocItem>();
            if (op.type === 'update') {
              expectTypeOf(op.changes.set?.title).toEqualTypeOf<string | undefined>();
            }
            return viewer.role === 'admin' ? 'allow' : 'skip';
          },
        ],
      },
    });
    expect(docs.name).toBe('docs');
  });

  it('checks library rules against the item and viewer types', () => {
    const ok = defineTable({
      name: 'docs',
      item: Doc,
      partitionKey: 'docId',
      viewer: viewerType<Viewer>(),
      policies: {
        read: [
          allowSystem('export'),
          firstOf(
            fieldEqualsViewer('ownerId', 'userId'),
            allowIf((viewer) => viewer.role === 'admin'),
          ),
        ],
        write: [
          allOf(
            fieldEqualsViewer('ownerId', 'userId'),
            denyIf((_v, op) => op.type === 'delete'),
          ),
        ],
      },
    });
    expect(ok.name).toBe('docs');
    defineTable({
      name: 'docs',
      item: Doc,
      partitionKey: 'docId',
      viewer: viewerType<Viewer>(),
      policies: {
        // @ts-expect-error the item has no field `owner`
        read: [fieldEqualsViewer('owner', 'userId')],
        // @ts-expect-error the viewer has no property `id`
        write: [fieldEqualsViewer('ownerId', 'id')],
      },
    });
  });

  it('refuses rules written for another item or viewer, and unknown decisions', () => {
    const forOtherItems: ReadRule<{ other: string }, Viewer> = () => 'allow';
    const forOtherViewers: WriteRule<DocItem, { tenant: number }> = () => 'allow';
    defineTable({
      name: 'docs',
      item: Doc,
      partitionKey: 'docId',
      viewer: viewerType<Viewer>(),
      policies: {
        // @ts-expect-error a rule for items without the table's fields
        read: [forOtherItems],
        // @ts-expect-error a rule for another viewer type
        write: [forOtherViewers],
      },
    });
    defineTable({
      name: 'docs',
      item: Doc,
      partitionKey: 'docId',
      policies: {
        // @ts-expect-error a rule returns 'allow', 'deny' or 'skip'
        read: [() => 'maybe'],
        write: [],
      },
    });
  });

  it('gives write operations their key, new item, changes and current item', () => {
    type Op = WriteOperation<DocItem, KeyOf<typeof docsTable>>;
    expectTypeOf<Extract<Op, { type: 'delete' }>>().not.toHaveProperty('item');
    expectTypeOf<Extract<Op, { type: 'put' }>['item']>().toEqualTypeOf<DocItem>();
    expectTypeOf<Op['type']>().toEqualTypeOf<'put' | 'update' | 'delete' | 'check'>();
  });

  it('makes every operation go through a viewer or a named system job', () => {
    typeOnly(() => {
      const db = docsTable.connect(client);
      // @ts-expect-error there are no operations without a viewer
      db.get({ docId: 'd1' });
      // @ts-expect-error the viewer is required
      db.as();
      // @ts-expect-error and must be of the declared type
      db.as(undefined);
      // @ts-expect-error a system job has a name
      db.asSystem();
      db.as({ userId: 'u1', role: 'member' }).get({ docId: 'd1' });
      db.asSystem('nightly-export').get({ docId: 'd1' });
    });
  });

  it('types denied counts and withheld write results', () => {
    typeOnly(() => {
      const me = docsTable.connect(client).as({ userId: 'u1', role: 'member' });
      expectTypeOf(me.query({ key: { docId: 'd1' } })).resolves.toHaveProperty('denied');
      expectTypeOf(me.batchGet([{ docId: 'd1' }])).resolves.toHaveProperty('denied');
      expectTypeOf(me.queryAll({ key: { docId: 'd1' } }).denied).toEqualTypeOf<number>();
      expectTypeOf(me.delete({ docId: 'd1' })).resolves.toEqualTypeOf<
        { item: DocItem | undefined; withheld: false } | { item: undefined; withheld: true }
      >();
    });
  });
});

const docsTable = defineTable({
  name: 'docs',
  item: Doc,
  partitionKey: 'docId',
  viewer: viewerType<Viewer>(),
  policies: allowAll(),
});
