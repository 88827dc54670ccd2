// The common mistakes and what dynamite answers: a type error where the types can tell, else a
// definition or request error that says what to write instead.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { defineTable } from './define-table.js';
import { DynamiteError } from './errors/dynamite-error.js';
import { fieldEqualsViewer } from './policy/field-rule.js';
import { alwaysAllow, alwaysDeny } from './policy/rules.js';
import { planDelete, planUpdate } from './requests/write.js';
import { attr } from './schema/builders.js';
import { defineItem } from './schema/item-schema.js';
import { defineSingleTable } from './single-table/define-single-table.js';
import { viewerType } from './table/config.js';

declare const client: DynamoDBClient;

/** Type-checked by `pnpm typecheck`, never run: the calls would need a server. */
function typeOnly(_check: () => void): void {}

const notes = defineTable({
  name: 'notes',
  item: defineItem({ noteId: attr.string(), text: attr.string(), version: attr.int() }),
  partitionKey: 'noteId',
  version: 'version',
  policies: { read: [alwaysAllow()], write: [alwaysAllow()] },
});

function definitionError(define: () => unknown): DynamiteError {
  try {
    define();
  } catch (error) {
    expect(error).toBeInstanceOf(DynamiteError);
    expect((error as DynamiteError).code).toBe('definition.invalid');
    return error as DynamiteError;
  }
  throw new Error('expected a definition error');
}

describe('missing expectedVersion', () => {
  it('is a type error on versioned tables and entities', () => {
    typeOnly(() => {
      const db = notes.connect(client).as({});
      // @ts-expect-error versioned tables need { expectedVersion }
      void db.update({ noteId: 'n' }, { set: { text: 'x' } });
      // @ts-expect-error Property 'expectedVersion' is missing
      void db.update({ noteId: 'n' }, { set: { text: 'x' } }, {});
      // @ts-expect-error delete too
      void db.delete({ noteId: 'n' });
      void db.update({ noteId: 'n' }, { set: { text: 'x' } }, { expectedVersion: 3 });
      void db.delete({ noteId: 'n' }, { expectedVersion: 'any' });
      const app = defineSingleTable({ name: 'app', partitionKey: 'pk', sortKey: 'sk' });
      const Doc = app.entity({
        name: 'doc',
        item: defineItem({ docId: attr.string(), v: attr.int() }),
        key: { partitionKey: 'DOC#{docId}', sortKey: 'DOC' },
        version: 'v',
        policies: { read: [alwaysAllow()], write: [alwaysAllow()] },
      });
      const docs = Doc.connect(client).as({});
      // @ts-expect-error versioned entities need { expectedVersion }
      void docs.delete({ docId: 'd' });
      void docs.delete({ docId: 'd' }, { expectedVersion: 1 });
    });
  });

  it('says what to pass when forced at run time', () => {
    const target = { model: notes.model, tableName: 'notes' };
    expect(() => planUpdate(target, { noteId: 'n' }, { set: { text: 'x' } })).toThrow(
      "update on versioned table notes needs the version that was read: pass { expectedVersion: item.version } (or expectedVersion: 'any' to change whatever is stored)",
    );
    expect(() => planDelete(target, { noteId: 'n' })).toThrow(
      /delete on versioned table notes needs the version that was read: pass \{ expectedVersion: item\.version \}/,
    );
    expect(() =>
      planUpdate(target, { noteId: 'n' }, { set: { text: 'x' } }, { expectedVersion: -1 }),
    ).toThrow('(a non-negative integer), got -1');
  });
});

describe('read-only policies', () => {
  const item = defineItem({ id: attr.string() });

  it('is a type error to leave write out, and alwaysDeny() makes a table read-only', () => {
    typeOnly(() => {
      defineTable({
        name: 'missing',
        item,
        partitionKey: 'id',
        // @ts-expect-error write is required: write: [alwaysDeny()] for a read-only table
        policies: { read: [alwaysAllow()] },
      });
    });
    const readOnly = defineTable({
      name: 'readonly',
      item,
      partitionKey: 'id',
      policies: { read: [alwaysAllow()], write: [alwaysDeny()] },
    });
    expect(readOnly.name).toBe('readonly');
  });

  it('says how to declare a read-only table when write is missing', () => {
    const error = definitionError(() =>
      defineTable({
        name: 'readonly',
        item,
        partitionKey: 'id',
        policies: { read: [alwaysAllow()] } as never,
      }),
    );
    expect(error.message).toBe(
      "table readonly: policies.write is missing. For a read-only table write `write: [alwaysDeny()]` (no one writes), or `write: [allowSystem('job')]` to let only named system jobs write",
    );
    const noRead = definitionError(() =>
      defineTable({
        name: 'writeonly',
        item,
        partitionKey: 'id',
        policies: { write: [] } as never,
      }),
    );
    expect(noRead.message).toContain('policies.read is missing');
    expect(noRead.message).toContain('`read: [alwaysAllow()]`');
  });
});

describe('TTL on a date not stored as epoch seconds', () => {
  it('names the storage to declare (run time: the date storage is not in the type)', () => {
    for (const expiresAt of [attr.date(), attr.date({ storage: 'epochMillis' })]) {
      const error = definitionError(() =>
        defineTable({
          name: 'sessions',
          item: defineItem({ id: attr.string(), expiresAt }),
          partitionKey: 'id',
          ttl: 'expiresAt',
          policies: { read: [alwaysAllow()], write: [alwaysAllow()] },
        }),
      );
      expect(error.message).toContain(
        "ttl expiresAt must be attr.date({ storage: 'epochSeconds' }) or attr.number()",
      );
    }
    typeOnly(() => {
      defineTable({
        name: 'sessions',
        item: defineItem({ id: attr.string(), note: attr.string() }),
        partitionKey: 'id',
        // @ts-expect-error a TTL field holds a date or a number
        ttl: 'note',
        policies: { read: [alwaysAllow()], write: [alwaysAllow()] },
      });
    });
  });
});

describe('fieldEqualsViewer names checked against the item and the viewer', () => {
  it('refuses an unknown field in a write policy, on tables and entities', () => {
    typeOnly(() => {
      const item = defineItem({ id: attr.string(), ownerId: attr.string() });
      defineTable({
        name: 'owned',
        item,
        partitionKey: 'id',
        viewer: viewerType<{ userId: string }>(),
        policies: {
          read: [fieldEqualsViewer('ownerId', 'userId')],
          // @ts-expect-error the item has no field `owner`
          write: [fieldEqualsViewer('owner', 'userId')],
        },
      });
      const app = defineSingleTable({ name: 'app', partitionKey: 'pk', sortKey: 'sk' });
      app.entity({
        name: 'owned',
        item,
        key: { partitionKey: 'OWNED#{id}', sortKey: 'OWNED' },
        viewer: viewerType<{ userId: string }>(),
        policies: {
          read: [fieldEqualsViewer('ownerId', 'userId')],
          // @ts-expect-error the item has no field `owner`
          write: [fieldEqualsViewer('owner', 'userId')],
        },
      });
      app.entity({
        name: 'owned2',
        item,
        key: { partitionKey: 'OWNED2#{id}', sortKey: 'OWNED' },
        viewer: viewerType<{ userId: string }>(),
        policies: {
          read: [fieldEqualsViewer('ownerId', 'userId')],
          // @ts-expect-error the viewer has no property `id`
          write: [fieldEqualsViewer('ownerId', 'id')],
        },
      });
    });
  });
});
