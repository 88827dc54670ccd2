import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expectTypeOf, it } from 'vitest';
import { type AppViewer, messages, type Profile, profiles, tester } from '../test/fixtures.js';
import {
  DynamiteError,
  type GetOptions,
  type InputOf,
  type ItemOf,
  isChecked,
  type KeyOf,
  type LenientItem,
  type Page,
  type PolicyDenial,
  type ReadIssue,
  readIssues,
  type StoredItem,
  type TableUpdateActions,
  type ViewerTable,
} from './index.js';

declare const client: DynamoDBClient;

/** Type-checked by `pnpm typecheck`, never run: the calls would need a server. */
function typeOnly(_check: () => void): void {}

describe('type inference', () => {
  it('infers the item type read back, with optional fields optional and nullable ones null', () => {
    type P = ItemOf<typeof Profile>;
    expectTypeOf<P['userId']>().toEqualTypeOf<string>();
    expectTypeOf<P['bio']>().toEqualTypeOf<string | null>();
    expectTypeOf<P['nickname']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<P['score']>().toEqualTypeOf<number>();
    expectTypeOf<P['balance']>().toEqualTypeOf<bigint>();
    expectTypeOf<P['role']>().toEqualTypeOf<'member' | 'moderator' | 'admin'>();
    expectTypeOf<P['level']>().toEqualTypeOf<1 | 2 | 3 | undefined>();
    expectTypeOf<P['createdAt']>().toEqualTypeOf<Date>();
    expectTypeOf<P['tags']>().toEqualTypeOf<Set<string>>();
    expectTypeOf<P['history']>().toEqualTypeOf<{ at: Date; action: string }[]>();
    expectTypeOf<P['avatar']>().toEqualTypeOf<Uint8Array | undefined>();
    expectTypeOf<NonNullable<P['address']>['geo']>().toEqualTypeOf<
      { lat: number; lon: number } | undefined
    >();
    // Optional keys are optional properties, required ones are not.
    expectTypeOf<{ userId: string }>().not.toExtend<P>();
    expectTypeOf<P>().toHaveProperty('nickname');
  });

  it('keeps field names in the types when savedAs renames the stored attribute', () => {
    type P = ItemOf<typeof profiles>;
    expectTypeOf<P>().toHaveProperty('userId');
    expectTypeOf<P>().not.toHaveProperty('pk');
    expectTypeOf<KeyOf<typeof messages>>().toEqualTypeOf<{ roomId: string; sentAt: Date }>();
    expectTypeOf<KeyOf<typeof profiles>>().toEqualTypeOf<{ userId: string }>();
  });

  it('lets defaults and the version be left out on write but not required fields', () => {
    type In = InputOf<typeof profiles>;
    const minimal: In = {
      userId: 'u1',
      email: 'a@example.com',
      displayName: 'Ada',
      bio: null,
      createdAt: new Date(),
      tags: new Set(),
    };
    expectTypeOf(minimal).toExtend<In>();
    expectTypeOf<In['version']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<In['score']>().toEqualTypeOf<number | undefined>();
    // @ts-expect-error displayName is required
    const missing: In = {
      userId: 'u1',
      email: 'x',
      bio: null,
      createdAt: new Date(),
      tags: new Set(),
    };
    void missing;
  });

  it('types the viewer: as() takes the declared viewer type', () => {
    typeOnly(() => {
      const db = profiles.connect(client);
      expectTypeOf(db.as).parameter(0).toEqualTypeOf<AppViewer>();
      expectTypeOf(db.as({ userId: 'u1' })).toEqualTypeOf<
        ViewerTable<(typeof profiles)['~shape']>
      >();
      // @ts-expect-error the viewer is required
      db.as();
    });
  });

  it('types get, put and update results as the item type', () => {
    typeOnly(() => {
      const table = profiles.connect(client).as({ userId: 'u1' });
      expectTypeOf(table.get({ userId: 'u1' })).resolves.toEqualTypeOf<
        ItemOf<typeof profiles> | undefined
      >();
      expectTypeOf(
        table.update({ userId: 'u1' }, { set: { displayName: 'x' } }, { expectedVersion: 1 }),
      ).resolves.toEqualTypeOf<
        { item: ItemOf<typeof profiles>; withheld: false } | { item: undefined; withheld: true }
      >();
      // @ts-expect-error a key has only key fields of the right type
      table.get({ userId: 1 });
    });
  });

  it('types update actions by path and refuses keys, the version and wrong kinds', () => {
    type Actions = TableUpdateActions<(typeof profiles)['~shape']>;
    const ok: Actions = {
      set: { displayName: 'Ada', 'address.city': 'Paris', bio: null, nickname: undefined },
      increment: { age: 1, balance: 5n },
      add: { tags: new Set(['x']), score: 1.5 },
      delete: { luckyNumbers: new Set([7]) },
      append: { history: [{ at: new Date(), action: 'login' }] },
      remove: ['nickname', 'address.zip'],
      setIfNotExists: { verified: true },
    };
    expectTypeOf(ok).toExtend<Actions>();
    // @ts-expect-error the partition key cannot be updated
    const key: Actions = { set: { userId: 'u2' } };
    // @ts-expect-error the version is managed
    const version: Actions = { set: { version: 3 } };
    // @ts-expect-error increment takes numbers only on number fields
    const wrongKind: Actions = { increment: { displayName: 1 } };
    // @ts-expect-error required fields cannot be removed
    const removeRequired: Actions = { remove: ['displayName'] };
    // @ts-expect-error values follow the schema
    const wrongValue: Actions = { set: { createdAt: '2024-01-01' } };
    void [key, version, wrongKind, removeRequired, wrongValue];
  });

  it('requires expectedVersion on versioned tables only', () => {
    typeOnly(() => {
      const versioned = profiles.connect(client).as({ userId: 'u1' });
      const plain = messages.connect(client).as(tester);
      // @ts-expect-error versioned tables need the options argument
      versioned.update({ userId: 'u1' }, { set: { displayName: 'x' } });
      versioned.update({ userId: 'u1' }, { set: { displayName: 'x' } }, { expectedVersion: 3 });
      plain.update({ roomId: 'r', sentAt: new Date() }, { increment: { likes: 1 } });
      plain.update(
        { roomId: 'r', sentAt: new Date() },
        { increment: { likes: 1 } },
        // @ts-expect-error unversioned tables have no version to expect
        { expectedVersion: 1 },
      );
    });
  });

  it('types query keys and results by index, including projections', () => {
    typeOnly(() => {
      const table = profiles.connect(client).as({ userId: 'u1' });
      type Item = ItemOf<typeof profiles>;
      expectTypeOf(table.query({ key: { userId: 'u1' } })).resolves.toEqualTypeOf<Page<Item>>();
      expectTypeOf(
        table.query({ index: 'byEmail', key: { email: 'a@example.com' } }),
      ).resolves.toEqualTypeOf<Page<{ userId: string; email: string }>>();
      expectTypeOf(
        table.query({ index: 'byOrg', key: { org: 'acme', createdAt: { gt: new Date() } } }),
      ).resolves.toEqualTypeOf<
        Page<{ userId: string; org?: string | undefined; createdAt: Date; displayName: string }>
      >();
      const room = messages.connect(client).as(tester);
      room.query({
        key: { roomId: 'r1', sentAt: { between: [new Date(0), new Date()] } },
        filter: (c) => c.and(c.gt('likes', 3), c.beginsWith('text', 'hi')),
        descending: true,
      });
      // @ts-expect-error the sort key condition takes the sort key's type
      room.query({ key: { roomId: 'r1', sentAt: { gt: 'yesterday' } } });
      // @ts-expect-error the index key is required
      table.query({ index: 'byEmail', key: { userId: 'u1' } });
    });
  });

  it('types conditions by path', () => {
    typeOnly(() => {
      const table = profiles.connect(client).as({ userId: 'u1' });
      table.put(
        {
          userId: 'u1',
          email: 'e',
          displayName: 'd',
          bio: null,
          createdAt: new Date(),
          tags: new Set(),
        },
        {
          if: (c) => c.or(c.notExists('userId'), c.contains('tags', 'x'), c.size('history').lt(10)),
        },
      );
      // @ts-expect-error the value of a comparison follows the path's type
      table.put({} as InputOf<typeof profiles>, { if: (c) => c.eq('age', 'old') });
      // @ts-expect-error unknown paths are refused
      table.put({} as InputOf<typeof profiles>, { if: (c) => c.exists('address.country') });
    });
  });

  it('types lenient reads as what they can be: the item, or an unchecked one with its issues', () => {
    type P = ItemOf<typeof profiles>;
    typeOnly(() => {
      const table = profiles.connect(client).as({ userId: 'u1' });
      expectTypeOf(table.get({ userId: 'u1' }, { validation: 'lenient' })).resolves.toEqualTypeOf<
        LenientItem<P> | undefined
      >();
      expectTypeOf(table.get({ userId: 'u1' }, { validation: 'strict' })).resolves.toEqualTypeOf<
        P | undefined
      >();
      // Options whose validation is not known when compiling may be lenient.
      const options: GetOptions = {};
      expectTypeOf(table.get({ userId: 'u1' }, options)).resolves.toEqualTypeOf<
        LenientItem<P> | undefined
      >();
      expectTypeOf(
        table.query({ key: { userId: 'u1' }, validation: 'lenient' }),
      ).resolves.toEqualTypeOf<Page<LenientItem<P>>>();
      expectTypeOf(table.batchGet([{ userId: 'u1' }], { validation: 'lenient' }))
        .resolves.toHaveProperty('items')
        .toEqualTypeOf<LenientItem<P>[]>();
      expectTypeOf(profiles.unmarshal({}, { validation: 'lenient' })).toEqualTypeOf<
        LenientItem<P>
      >();
      expectTypeOf(profiles.unmarshal({})).toEqualTypeOf<P>();
      const record = { eventName: 'INSERT', dynamodb: { Keys: {} } };
      expectTypeOf(
        profiles.decodeStreamRecord(record, { validation: 'lenient' }).newItem,
      ).toEqualTypeOf<LenientItem<P> | undefined>();
      expectTypeOf(profiles.decodeStreamRecord(record).newItem).toEqualTypeOf<P | undefined>();
      // What handlers declare their variables with stays the strict change.
      expectTypeOf<ReturnType<typeof profiles.decodeStreamRecord>['newItem']>().toEqualTypeOf<
        P | undefined
      >();
    });
    const item = {} as LenientItem<P>;
    if (isChecked(item)) {
      expectTypeOf(item.displayName).toEqualTypeOf<string>();
    } else {
      expectTypeOf(item.displayName).toEqualTypeOf<unknown>();
      expectTypeOf(item[readIssues]).toEqualTypeOf<readonly [ReadIssue, ...ReadIssue[]]>();
    }
  });

  it('types error payloads from the error code', () => {
    const error = new Error() as unknown;
    if (error instanceof DynamiteError) {
      expectTypeOf(error.item).toEqualTypeOf<StoredItem | undefined>();
      if (error.code === 'policy.denied') {
        expectTypeOf(error.denials).toEqualTypeOf<readonly PolicyDenial[]>();
      }
      if (error.code === 'schema.invalid') expectTypeOf(error.path).toEqualTypeOf<string>();
      if (error.code === 'version.conflict') {
        expectTypeOf(error.item).toEqualTypeOf<StoredItem | undefined>();
        expectTypeOf(error.expected).toEqualTypeOf<string>();
      }
      if (error.code === 'request.invalid') expectTypeOf(error.denials).toEqualTypeOf<undefined>();
    }
    // A code that carries facts needs them; one that carries none needs nothing.
    new DynamiteError('request.invalid', 'bad');
    // @ts-expect-error schema.invalid carries path, expected and received
    new DynamiteError('schema.invalid', 'bad');
  });
});
