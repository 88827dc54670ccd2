// Compile-time checks of entity erasure declarations: key functions take the entity's key
// fields, removals only its optional fields, and edges type the parent row from the parent.
import { describe, expect, it } from 'vitest';
import { Invoice, Order, Review, User } from '../../test/single-table-erasure.js';
import { allowAll, attr, deep, defineItem, defineTable, entityErasure, shallow } from '../index.js';

describe('entityErasure types', () => {
  it('types key functions by the entity, and the parent row by the parent entity', () => {
    const ok = entityErasure(Order, {
      kind: 'cascade',
      edges: [
        deep(User, {
          key: (user) => {
            const email: string = user.email; // the parent row is a user item
            return email ? { userId: user.userId, placedAt: { ge: new Date(0) } } : undefined;
          },
        }),
      ],
    });
    expect(ok.decision.kind).toBe('cascade');

    // @ts-expect-error: orderId alone is not Order's partition key (USER#{userId})
    entityErasure(Order, {
      kind: 'cascade',
      edges: [deep(User, { key: (user) => ({ orderId: user.userId }) })],
    });
    // Refused when compiled, and when run (for JavaScript callers).
    expect(() =>
      // @ts-expect-error: Invoice is in no index
      entityErasure(Invoice, {
        kind: 'subject',
        index: 'gsi1',
        key: (userId: string) => ({ userId }),
      }),
    ).toThrow('queries index "gsi1", which the table does not have');
    expect(() =>
      // @ts-expect-error: text is required, so it cannot be removed
      entityErasure(Review, {
        kind: 'cascade',
        edges: [
          shallow(User, { index: 'gsi1', key: (u) => ({ authorId: u.userId }), remove: ['text'] }),
        ],
      }),
    ).toThrow('removes text, which is required');
    expect(() =>
      entityErasure(User, {
        kind: 'none',
        justification: 'x',
        // @ts-expect-error: keeps names fields of the entity
        keeps: { phone: 'no such field' },
      }),
    ).toThrow('keeps "phone", which is not an attribute path');
    expect(ok.entity).toBe(Order);
  });

  it('lets a plain table cascade from an entity, typed by the entity item', () => {
    const audit = defineTable({
      name: 'audit',
      item: defineItem({ actorId: attr.string(), at: attr.string() }),
      partitionKey: 'actorId',
      sortKey: 'at',
      policies: allowAll(),
      erasure: {
        kind: 'cascade',
        edges: [deep(User, { key: (user) => ({ actorId: user.userId }) })],
      },
    });
    expect(audit.erasure?.kind).toBe('cascade');
    defineTable({
      name: 'audit2',
      item: defineItem({ actorId: attr.string(), at: attr.string() }),
      partitionKey: 'actorId',
      sortKey: 'at',
      policies: allowAll(),
      erasure: {
        kind: 'cascade',
        // @ts-expect-error: a user item has no ownerId
        edges: [deep(User, { key: (user) => ({ actorId: user.ownerId }) })],
      },
    });
  });
});
