import { describe, expect, it } from 'vitest';
import { messages, settings, users } from '../../test/social.js';
import { allowAll, attr, defineItem, defineSingleTable, defineTable, shallow } from '../index.js';
import { csvField, toCsv } from './csv.js';
import { DATA_MAP_COLUMNS, toDataMap } from './data-map.js';

/** An RFC 4180 reader, written apart from the writer, to read the CSV back. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      i++;
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else field += text[i++];
      }
    } else if (text[i] === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (text.startsWith('\r\n', i)) {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else field += text[i++];
  }
  expect(field).toBe(''); // every record ends with CRLF
  return rows;
}

const profiles = defineTable({
  name: 'profiles',
  description: 'Public profiles, "as shown", one per user',
  item: defineItem({
    userId: attr.string().savedAs('pk'),
    bio: attr
      .string()
      .optional()
      .meta({ personalData: 'profile', purpose: 'shown to others,\nwhen public' }),
    address: attr
      .map({
        city: attr.string().meta({ personalData: 'location' }),
        street: attr.string().savedAs('st').optional().meta({ personalData: 'location' }),
      })
      .savedAs('addr')
      .optional(),
    history: attr.list(
      attr.map({ at: attr.date(), ip: attr.string().meta({ personalData: 'network' }) }),
    ),
  }),
  partitionKey: 'userId',
  erasure: {
    kind: 'cascade',
    edges: [shallow(users, { key: (u) => ({ userId: u.userId }), remove: ['address', 'bio'] })],
  },
});

describe('toDataMap', () => {
  it('lists every attribute with stored names, types, personal data, purpose and erasure', () => {
    const map = toDataMap([users, messages, settings, profiles]);
    expect(map.entries.filter((e) => e.table === 'profiles')).toEqual([
      {
        table: 'profiles',
        tableDescription: 'Public profiles, "as shown", one per user',
        field: 'userId',
        attribute: 'pk',
        dynamoType: 'S',
        key: 'partition',
        personalData: '',
        purpose: '',
        description: '',
        erasure: 'cascade',
        erasedBy: 'nothing',
        erasureDetail: 'shallow from users by key: removes address, bio',
        entity: '',
        keyTemplate: '',
      },
      expect.objectContaining({
        field: 'bio',
        attribute: 'bio',
        personalData: 'profile',
        erasedBy: 'removal',
      }),
      expect.objectContaining({
        field: 'address',
        attribute: 'addr',
        dynamoType: 'M',
        erasedBy: 'removal',
      }),
      expect.objectContaining({
        field: 'address.city',
        attribute: 'addr.city',
        personalData: 'location',
        erasedBy: 'removal',
      }),
      expect.objectContaining({
        field: 'address.street',
        attribute: 'addr.st',
        erasedBy: 'removal',
      }),
      expect.objectContaining({
        field: 'history',
        attribute: 'history',
        dynamoType: 'L',
        erasedBy: 'nothing',
      }),
      expect.objectContaining({
        field: 'history[].at',
        attribute: 'history[].at',
        dynamoType: 'S',
      }),
      expect.objectContaining({
        field: 'history[].ip',
        personalData: 'network',
        erasedBy: 'nothing',
      }),
    ]);
    // Without rooms in the set, messages are reached only by the shallow edge from users.
    expect(map.entries.find((e) => e.table === 'messages' && e.field === 'authorId')).toMatchObject(
      {
        key: 'index:byAuthor',
        personalData: 'identifier',
        purpose: 'authorship',
        erasure: 'cascade',
        erasedBy: 'removal',
      },
    );
    expect(map.entries.find((e) => e.table === 'settings')).toMatchObject({
      erasure: 'none',
      erasedBy: 'nothing',
      erasureDetail: 'Feature flags and limits: no data about a person.',
    });
  });

  it('writes JSON grouped by table', () => {
    const document = JSON.parse(toDataMap([settings, users]).json);
    expect(document).toEqual({
      format: 'dynamite-data-map@1',
      tables: [
        {
          table: 'settings',
          description: '',
          erasure: {
            decision: 'none',
            detail: ['Feature flags and limits: no data about a person.'],
          },
          attributes: [
            {
              field: 'key',
              attribute: 'key',
              dynamoType: 'S',
              key: 'partition',
              personalData: '',
              purpose: '',
              description: '',
              erasedBy: 'nothing',
            },
            {
              field: 'value',
              attribute: 'value',
              dynamoType: 'S',
              key: '',
              personalData: '',
              purpose: '',
              description: '',
              erasedBy: 'nothing',
            },
          ],
        },
        {
          table: 'users',
          description: '',
          erasure: { decision: 'subject', detail: ['rows found from the subject id by key'] },
          attributes: [
            {
              field: 'userId',
              attribute: 'userId',
              dynamoType: 'S',
              key: 'partition',
              personalData: 'identifier',
              purpose: 'account',
              description: '',
              erasedBy: 'delete',
            },
            {
              field: 'name',
              attribute: 'name',
              dynamoType: 'S',
              key: '',
              personalData: 'name',
              purpose: 'profile',
              description: '',
              erasedBy: 'delete',
            },
            {
              field: 'email',
              attribute: 'email',
              dynamoType: 'S',
              key: '',
              personalData: 'contact',
              purpose: 'sign-in',
              description: '',
              erasedBy: 'delete',
            },
            {
              field: 'phone',
              attribute: 'phone',
              dynamoType: 'S',
              key: '',
              personalData: 'contact',
              purpose: 'two-factor sign-in',
              description: '',
              erasedBy: 'delete',
            },
          ],
        },
      ],
    });
  });

  it('writes RFC 4180 CSV: CRLF records, quoted fields with doubled quotes', () => {
    const { csv, entries } = toDataMap([users, profiles]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(DATA_MAP_COLUMNS.join(','));
    expect(lines[1]).toBe(
      'profiles,userId,pk,S,partition,,,,cascade,nothing,"shallow from users by key: removes address, bio",,',
    );
    expect(csv).toContain(
      'profiles,bio,bio,S,,profile,"shown to others,\nwhen public",,cascade,removal,"shallow from users by key: removes address, bio",,\r\n',
    );
    const rows = readCsv(csv);
    expect(rows).toHaveLength(entries.length + 1);
    expect(rows.every((r) => r.length === DATA_MAP_COLUMNS.length)).toBe(true);
    expect(rows[2]).toEqual([
      'profiles',
      'bio',
      'bio',
      'S',
      '',
      'profile',
      'shown to others,\nwhen public',
      '',
      'cascade',
      'removal',
      'shallow from users by key: removes address, bio',
      '',
      '',
    ]);
  });

  it('quotes only the fields that need it', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('cr\rlf')).toBe('"cr\rlf"');
    expect(toCsv(['a', 'b'], [['1', '']])).toBe('a,b\r\n1,\r\n');
  });
});

describe('data map of unions and records', () => {
  it('lists the fields inside records, unions and variants, at the paths table.attributes uses', () => {
    const contacts = defineTable({
      name: 'contacts',
      item: defineItem({
        contactId: attr.string(),
        channel: attr.discriminated('kind', {
          mail: { address: attr.string().meta({ personalData: 'contact' }) },
          phone: {
            number: attr.string().savedAs('n').meta({ personalData: 'contact' }),
            note: attr.string(),
          },
          fax: { number: attr.string().savedAs('n'), note: attr.string() },
        }),
        aliases: attr.record(
          attr.string(),
          attr.map({ name: attr.string().meta({ personalData: 'name' }) }),
        ),
        extra: attr.anyOf(
          attr.string(),
          attr.list(attr.map({ email: attr.string().meta({ personalData: 'contact' }) })),
        ),
      }),
      partitionKey: 'contactId',
      erasure: { kind: 'subject', key: (contactId) => ({ contactId }) },
    });
    const rows = toDataMap([contacts]).entries.map(
      (e) => `${e.field} ${e.attribute} ${e.personalData} ${e.erasedBy}`,
    );
    expect(rows).toEqual([
      'contactId contactId  delete',
      'channel channel  delete',
      'channel.address channel.address contact delete',
      'channel.number channel.n contact delete',
      'channel.note channel.note  delete',
      'aliases aliases  delete',
      'aliases.*.name aliases.*.name name delete',
      'extra extra  delete',
      'extra[].email extra[].email contact delete',
    ]);
    expect(contacts.attributes.map((a) => a.path)).toEqual(
      expect.arrayContaining(['channel.address', 'aliases.*.name', 'extra[].email']),
    );
  });
});

describe('toDataMap of a single table', () => {
  const shop = defineSingleTable({
    name: 'shop',
    description: 'Users and their orders',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: { gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } },
    entityAttribute: 'kind',
  });
  shop.entity({
    name: 'user',
    item: defineItem({
      userId: attr.string().meta({ personalData: 'identifier' }),
      email: attr.string().meta({ personalData: 'contact', purpose: 'sign-in' }),
    }),
    key: { partitionKey: 'USER#{userId}', sortKey: 'PROFILE' },
    indexes: { gsi1: { partitionKey: 'EMAIL#{email}', sortKey: 'USER' } },
    policies: allowAll(),
  });
  shop.entity({
    name: 'order',
    item: defineItem({
      userId: attr.string().meta({ personalData: 'identifier' }),
      orderId: attr.string(),
      lines: attr.list(attr.map({ sku: attr.string(), qty: attr.int() })),
    }),
    key: { partitionKey: 'USER#{userId}', sortKey: 'ORDER#{orderId}' },
    policies: allowAll(),
  });

  it('lists each entity: stored keys with their templates, the type attribute, its own fields', () => {
    const map = toDataMap([users, shop]);
    const rows = map.entries.filter((e) => e.table === 'shop');
    expect(rows.map((r) => [r.entity, r.field, r.attribute, r.key, r.keyTemplate])).toEqual([
      ['user', '', 'pk', 'partition', 'USER#{userId}'],
      ['user', '', 'sk', 'sort', 'PROFILE'],
      ['user', '', 'gsi1pk', 'index:gsi1', 'EMAIL#{email}'],
      ['user', '', 'gsi1sk', 'index:gsi1', 'USER'],
      ['user', '', 'kind', '', ''],
      ['user', 'userId', 'userId', 'partition', ''],
      ['user', 'email', 'email', 'index:gsi1', ''],
      ['order', '', 'pk', 'partition', 'USER#{userId}'],
      ['order', '', 'sk', 'sort', 'ORDER#{orderId}'],
      ['order', '', 'kind', '', ''],
      ['order', 'userId', 'userId', 'partition', ''],
      ['order', 'orderId', 'orderId', 'sort', ''],
      ['order', 'lines', 'lines', '', ''],
      ['order', 'lines[].sku', 'lines[].sku', '', ''],
      ['order', 'lines[].qty', 'lines[].qty', '', ''],
    ]);
    expect(rows.some((r) => r.field.startsWith('$') || r.attribute.startsWith('$'))).toBe(false);
    // A key built from a personal field holds that data too.
    expect(rows.find((r) => r.entity === 'user' && r.attribute === 'gsi1pk')).toMatchObject({
      personalData: 'contact',
      description: 'built from email',
    });
    expect(rows.find((r) => r.entity === 'user' && r.field === 'email')).toMatchObject({
      personalData: 'contact',
      purpose: 'sign-in',
      dynamoType: 'S',
    });
    // No erasure decision on entities yet: reported, never shown as covered.
    expect(new Set(rows.map((r) => `${r.erasure}/${r.erasedBy}`))).toEqual(
      new Set(['missing/nothing']),
    );
    expect(map.entries.find((e) => e.table === 'users')).toMatchObject({ entity: '' });
  });

  it('writes one JSON document per entity with its key templates', () => {
    const document = JSON.parse(toDataMap([shop]).json);
    expect(
      document.tables.map((t: { entity: string; keys: unknown }) => [t.entity, t.keys]),
    ).toEqual([
      ['user', { pk: 'USER#{userId}', sk: 'PROFILE', gsi1pk: 'EMAIL#{email}', gsi1sk: 'USER' }],
      ['order', { pk: 'USER#{userId}', sk: 'ORDER#{orderId}' }],
    ]);
    expect(document.tables[0]).toMatchObject({ table: 'shop', description: 'entity user of shop' });
    const csv = readCsv(toDataMap([shop]).csv);
    expect(csv[1]).toEqual([
      'shop',
      '',
      'pk',
      'S',
      'partition',
      'identifier',
      '',
      'built from userId',
      'missing',
      'nothing',
      expect.stringContaining('no erasure decision'),
      'user',
      'USER#{userId}',
    ]);
  });
});
