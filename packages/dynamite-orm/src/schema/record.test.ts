import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DynamiteError } from '../errors/dynamite-error.js';
import { attr } from './builders.js';
import { defineItem } from './item-schema.js';

function caught(fn: () => unknown): DynamiteError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DynamiteError) return error;
    throw error;
  }
  throw new Error('expected a DynamiteError');
}

const Page = defineItem({
  id: attr.string(),
  counts: attr.record(attr.string(), attr.int()),
  titles: attr.record(attr.literal('en', 'fr', 'de'), attr.string()).optional(),
  flags: attr
    .record(
      attr.string().validate((k) => /^[a-z]+$/.test(k) || 'lowercase letters'),
      attr.boolean().nullable(),
    )
    .default({}),
  seen: attr.record(attr.string(), attr.date()).optional(),
});

describe('attr.record', () => {
  it('stores a map of the values under their own keys, as util-dynamodb would', () => {
    const item = { id: 'p', counts: { a: 1, 'b.c': 2, ' ': 3 }, flags: { on: true, off: null } };
    const stored = Page.marshal(item);
    expect(stored).toEqual(marshall(item));
    expect(Page.unmarshal(stored)).toEqual(unmarshall(stored));
    expect(Page.unmarshal(stored)).toEqual(item);
  });

  it('encodes and decodes each value with the value attribute', () => {
    const at = new Date('2024-05-06T07:08:09.000Z');
    const stored = Page.marshal({ id: 'p', counts: {}, seen: { home: at } });
    expect(stored.seen).toEqual({ M: { home: { S: '2024-05-06T07:08:09.000Z' } } });
    expect(stored.flags).toEqual({ M: {} });
    expect(Page.unmarshal(stored).seen?.home).toEqual(at);
  });

  it('leaves out keys whose value is undefined', () => {
    expect(Page.marshal({ id: 'p', counts: { a: 1, b: undefined } as never }).counts).toEqual({
      M: { a: { N: '1' } },
    });
  });

  it.each([
    [{ counts: { a: 1.5 } }, 'counts.a', 'a safe integer', 1.5],
    [{ counts: { 'x y': 'no' } }, 'counts["x y"]', 'a safe integer', 'no'],
    [
      { counts: { '': 1 } },
      'counts[""]',
      'a non-empty key (DynamoDB refuses empty attribute names)',
      1,
    ],
    [{ counts: [1, 2] }, 'counts', 'an object (a record)', [1, 2]],
    [{ titles: { es: 'hola' } }, 'titles.es', 'a key that is one of "en", "fr", "de"', 'es'],
    [{ flags: { Big: true } }, 'flags.Big', 'a key that is lowercase letters', 'Big'],
  ])('refuses %o, naming the key and what is allowed', (patch, path, expected, received) => {
    const error = caught(() => Page.marshal({ id: 'p', counts: {}, ...patch } as never));
    expect(error).toMatchObject({ code: 'schema.invalid', path, expected, received });
  });

  it('refuses an empty set as a value: dropping it would lose the key', () => {
    const Sets = defineItem({ s: attr.record(attr.string(), attr.stringSet()) });
    expect(caught(() => Sets.marshal({ s: { a: new Set() } }))).toMatchObject({
      path: 's.a',
      expected: 'a non-empty set (a record value cannot be absent)',
    });
  });

  it('checks stored keys and values on a strict read only', () => {
    const raw = {
      id: { S: 'p' },
      counts: { M: { a: { N: '0.5' } } },
      titles: { M: { xx: { S: 'x' } } },
    };
    expect(caught(() => Page.unmarshal(raw))).toMatchObject({ path: 'counts.a' });
    const fixed = { ...raw, counts: { M: {} } };
    expect(caught(() => Page.unmarshal(fixed))).toMatchObject({
      path: 'titles.xx',
      expected: 'a key that is one of "en", "fr", "de"',
    });
    expect(Page.unmarshal(raw, { validation: 'lenient' })).toMatchObject({
      counts: { a: 0.5 },
      titles: { xx: 'x' },
    });
  });

  it('keeps a __proto__ key as data, never as a prototype', () => {
    const counts = JSON.parse('{"__proto__": 5, "a": 1}') as Record<string, number>;
    const stored = Page.marshal({ id: 'p', counts });
    expect(Object.keys(stored.counts?.M ?? {})).toEqual(['__proto__', 'a']);
    const read = Page.unmarshal(stored);
    expect(Object.getPrototypeOf(read.counts)).toBe(Object.prototype);
    expect(Object.keys(read.counts)).toEqual(['__proto__', 'a']);
    expect(Object.getOwnPropertyDescriptor(read.counts, '__proto__')?.value).toBe(5);
  });

  it('checks its definition', () => {
    expect(() => attr.record(attr.int() as never, attr.string())).toThrow(
      /keys must be attr.string/,
    );
    expect(() => attr.record(attr.literal(1, 2) as never, attr.string())).toThrow(/keys must be/);
    expect(() => attr.record(attr.string().optional() as never, attr.string())).toThrow(
      /keys cannot use .optional/,
    );
    expect(() => attr.record(attr.string(), attr.string().default('x'))).toThrow(
      /values cannot use .default/,
    );
  });

  it('lists the fields of map values at path.* for tools', () => {
    const Contacts = defineItem({
      people: attr.record(
        attr.string(),
        attr.map({ email: attr.string().meta({ personalData: 'contact' }) }),
      ),
    });
    expect(Contacts.attributes.map((a) => [a.path, a.meta.personalData])).toEqual([
      ['people', undefined],
      ['people.*.email', 'contact'],
    ]);
  });
});

describe('record round trips (property)', () => {
  const Item = defineItem({
    id: attr.string(),
    counts: attr.record(attr.string(), attr.int()),
    nested: attr.record(attr.string(), attr.record(attr.string(), attr.list(attr.string()))),
    langs: attr.record(attr.enum(['en', 'fr']), attr.string().nullable()),
  });

  // DynamoDB refuses empty attribute names, so the codec does too (tested above).
  const key = fc.string({ minLength: 1 });

  it('reads back exactly what was written, stored as util-dynamodb stores it', () => {
    fc.assert(
      fc.property(
        fc.record({
          id: fc.string(),
          counts: fc.dictionary(key, fc.maxSafeInteger()),
          nested: fc.dictionary(key, fc.dictionary(key, fc.array(fc.string()), { maxKeys: 3 }), {
            maxKeys: 3,
          }),
          langs: fc.record(
            {
              en: fc.option(fc.string(), { nil: null }),
              fr: fc.option(fc.string(), { nil: null }),
            },
            { requiredKeys: [] },
          ),
        }),
        (item) => {
          const stored = Item.marshal(item);
          expect(Item.unmarshal(stored)).toEqual(item);
          // util-dynamodb drops a __proto__ key and refuses a constructor key (it reads
          // value.constructor); both are plain data here.
          if (!/"(__proto__|constructor)"/.test(JSON.stringify(item))) {
            expect(stored).toEqual(marshall(item));
          }
        },
      ),
    );
  });
});
