import { describe, expect, expectTypeOf, it } from 'vitest';
import { rooms, users } from '../../test/social.js';
import { attr, deep, defineItem, defineTable, type ItemOf, shallow } from '../index.js';

const Post = defineItem({
  postId: attr.string(),
  authorId: attr.string().optional(),
  body: attr.string(),
  views: attr.number(),
});
const indexes = { byAuthor: { partitionKey: 'authorId' as const } };

function define(erasure: unknown) {
  return () =>
    defineTable({
      name: 'posts',
      item: Post,
      partitionKey: 'postId',
      indexes,
      erasure: erasure as never,
    });
}

describe('erasure decisions at definition time', () => {
  it('keeps a checked decision on the table', () => {
    const posts = defineTable({
      name: 'posts',
      item: Post,
      partitionKey: 'postId',
      indexes,
      erasure: {
        kind: 'cascade',
        edges: [
          shallow(users, {
            index: 'byAuthor',
            key: (u) => ({ authorId: u.userId }),
            remove: ['authorId'],
          }),
        ],
      },
    });
    expect(posts.erasure).toMatchObject({
      kind: 'cascade',
      edges: [{ kind: 'shallow', parent: users, index: 'byAuthor', remove: ['authorId'] }],
    });
    expect(
      defineTable({ name: 'plain', item: Post, partitionKey: 'postId' }).erasure,
    ).toBeUndefined();
  });

  it.each([
    [{ kind: 'forget' }, "kind must be 'none', 'subject' or 'cascade', got \"forget\""],
    [{ kind: 'none', justification: '  ' }, "'none' needs a written justification"],
    [{ kind: 'none', justification: 'x', reason: 'y' }, 'unknown option "reason"'],
    [{ kind: 'subject', key: 'postId' }, "'subject' needs a key function"],
    [
      { kind: 'subject', index: 'byTitle', key: () => ({}) },
      'index "byTitle", which the table does not have; indexes: byAuthor',
    ],
    [{ kind: 'cascade', edges: [] }, "'cascade' needs at least one edge"],
    [{ kind: 'cascade', edges: [{ kind: 'deep' }] }, 'edge 0 needs a parent table'],
    [
      {
        kind: 'cascade',
        edges: [shallow(users, { key: (u) => ({ postId: u.userId }), remove: ['body'] })],
      },
      'edge 0 removes body, which is required',
    ],
    [
      {
        kind: 'cascade',
        edges: [shallow(users, { key: (u) => ({ postId: u.userId }), remove: ['title'] })],
      },
      'edge 0 removes "title", which is not an attribute path',
    ],
  ])('refuses %j', (erasure, message) => {
    expect(define(erasure)).toThrow(message);
    expect(define(erasure)).toThrowError(expect.objectContaining({ code: 'definition.invalid' }));
  });
});

/** Type-checked by `pnpm typecheck`, never run. */
function typeOnly(_check: () => void): void {}

describe('erasure decision types', () => {
  it('types key functions from the parent item and the subject id', () => {
    type UserItem = ItemOf<typeof users>;
    const edge = deep(users, { key: (user) => ({ roomId: user.userId }) });
    expectTypeOf(edge.key).parameter(0).toEqualTypeOf<UserItem>();
    expectTypeOf(edge.index).toEqualTypeOf<undefined>();
    const byHost = deep(users, { index: 'byHost', key: (user) => ({ hostId: user.userId }) });
    expectTypeOf(byHost.index).toEqualTypeOf<'byHost'>();
    const named = deep('users', { key: (user: UserItem) => ({ roomId: user.userId }) });
    expectTypeOf(named.key).parameter(0).toEqualTypeOf<UserItem>();
    typeOnly(() => {
      defineTable({
        name: 'posts',
        item: Post,
        partitionKey: 'postId',
        indexes,
        erasure: {
          kind: 'subject',
          index: 'byAuthor',
          key: (id) => {
            expectTypeOf(id).toEqualTypeOf<string>();
            return { authorId: id };
          },
        },
      });
    });
  });

  it('checks each edge against the child table: index, key query and removable fields', () => {
    typeOnly(() => {
      defineTable({
        name: 'posts',
        item: Post,
        partitionKey: 'postId',
        indexes,
        // @ts-expect-error the index does not exist
        erasure: {
          kind: 'cascade',
          edges: [deep(rooms, { index: 'byTitle', key: (r) => ({ title: r.title }) })],
        },
      });
      defineTable({
        name: 'posts',
        item: Post,
        partitionKey: 'postId',
        // @ts-expect-error the key query names a field that is not the partition key
        erasure: { kind: 'cascade', edges: [deep(rooms, { key: (r) => ({ postID: r.roomId }) })] },
      });
      defineTable({
        name: 'posts',
        item: Post,
        partitionKey: 'postId',
        // @ts-expect-error only optional fields can be removed
        erasure: {
          kind: 'cascade',
          edges: [shallow(users, { key: (u) => ({ postId: u.userId }), remove: ['body'] })],
        },
      });
      defineTable({
        name: 'posts',
        item: Post,
        partitionKey: 'views',
        // @ts-expect-error the subject id is a string; this key is a number
        erasure: { kind: 'subject', key: (id) => ({ views: id }) },
      });
      // @ts-expect-error none needs its justification
      defineTable({ name: 'posts', item: Post, partitionKey: 'postId', erasure: { kind: 'none' } });
    });
  });
});
