import { describe, expect, it } from 'vitest';
import { allowAll } from '../policy/rules.js';
import { attr } from '../schema/builders.js';
import { defineItem } from '../schema/item-schema.js';
import { defineSingleTable } from './define-single-table.js';

const table = () =>
  defineSingleTable({
    name: 'app',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: { gsi1: { partitionKey: 'g1pk' } },
  });
const item = defineItem({ userId: attr.string(), nick: attr.string().optional() });

// The messages a person meets for the common definition mistakes say what to write instead.
describe('entity definition errors', () => {
  it('refuses an optional field in the table key, naming it and the fix', () => {
    expect(() =>
      table().entity({
        name: 'user',
        item,
        key: { partitionKey: 'USER#{nick}', sortKey: 'X' } as never,
        policies: allowAll(),
      }),
    ).toThrow(
      'entity user of app, key.partitionKey: nick is optional, so a write could leave it out; make it required (drop .optional()) or build the key from required fields',
    );
  });

  it('lets an index key read an optional field (a sparse index)', () => {
    const User = table().entity({
      name: 'user',
      item,
      key: { partitionKey: 'USER#{userId}', sortKey: 'X' },
      indexes: { gsi1: { partitionKey: 'NICK#{nick}' } },
      policies: allowAll(),
    });
    expect(User.keys.indexes.get('gsi1')?.partitionKey.template.fields).toEqual(['nick']);
  });

  it('names the unknown field of a template and the fields there are', () => {
    expect(() =>
      table().entity({
        name: 'user',
        item,
        key: { partitionKey: 'USER#{usr}', sortKey: 'X' } as never,
        policies: allowAll(),
      }),
    ).toThrow(
      'entity user of app, key.partitionKey: "USER#{usr}" reads usr, which is not a field; fields are userId, nick',
    );
  });

  it('refuses a key built from a computed attribute or a timestamp, saying what to build it from', () => {
    const derived = defineItem({
      first: attr.string(),
      last: attr.string(),
      fullName: attr.string().computed(['first', 'last'], (p) => `${p.first} ${p.last}`),
      createdAt: attr.date().timestamp('created'),
    });
    expect(() =>
      table().entity({
        name: 'person',
        item: derived,
        key: { partitionKey: 'P#{fullName}', sortKey: 'X' },
        policies: allowAll(),
      }),
    ).toThrow(
      'entity person of app, key.partitionKey: "P#{fullName}" reads fullName, which dynamite computes on write; build the key from the fields fullName is computed from',
    );
    expect(() =>
      table().entity({
        name: 'person',
        item: derived,
        key: { partitionKey: 'P#{first}', sortKey: 'AT#{createdAt}' },
        policies: allowAll(),
      }),
    ).toThrow(
      'entity person of app, key.sortKey: "AT#{createdAt}" reads createdAt, a timestamp dynamite sets on write; give the time as an ordinary attr.date() field the writer sets',
    );
  });

  it("refuses an index named 'undefined' (the name the types give the table's own key)", () => {
    expect(() =>
      defineSingleTable({
        name: 'app',
        partitionKey: 'pk',
        indexes: { undefined: { partitionKey: 'x' } },
      }),
    ).toThrow("single table app: an index cannot be named 'undefined'");
  });
});
