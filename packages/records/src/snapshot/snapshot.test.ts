import { readFileSync } from 'node:fs';
import { calculateGroupIdV1 } from '@symval/groupid';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecordsError } from '../errors.js';
import { SYMMETRY_CODES } from '../table/symmetry-code.js';
import { formatValidateTime } from '../time/rfc3339.js';
import { parseSnapshot } from './parse.js';
import { goJsonString, serializeSnapshot } from './serialize.js';
import type { SnapshotRecord } from './types.js';

const goFile = readFileSync(
  new URL('../../test/fixtures/go-domains.json', import.meta.url),
  'utf8',
);

const A =
  'v1:a:DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk=:jgvt4BDuPrTOIado+FqXJh2eMMF9invGPxf0gdonycM=';
const B =
  'v1:b:DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk=:AjlAANu+Rl8TYqK0CvGy+S6NIswJmRuEsYSn43MG+2s=';
const E =
  'v1:e:KjQYWRS/EiholC+8vt7bv2WYVKdo/pxb6uyfe01F+r4=:1blBS3bx4aVtlJZM8VJHLkRmbi5tWXZ1jA3TV3UBE9o=';
const MIRROR_OWNER = 'https://mirror.example/?a=1&b=<2>';

function record(overrides: Partial<SnapshotRecord> = {}): SnapshotRecord {
  return {
    Owner: 'https://example.blog',
    Type: 'a',
    Hostname: 'zb.snus.suns.bz',
    GroupID: A,
    ValidateTime: '2025-10-15T12:34:56.123Z',
    Rev: 3,
    ...overrides,
  };
}

describe('parseSnapshot owners', () => {
  it('reads any owner the engine accepts, spaces and all', () => {
    const text = serializeSnapshot([record({ Owner: 'My Blog, a place' })] as never);
    expect(parseSnapshot(text)[0]!.Owner).toBe('My Blog, a place');
  });
});

describe('parseSnapshot', () => {
  it('reads a file in the Go format: no Rev, nanoseconds, offsets, HTML escapes', () => {
    expect(parseSnapshot(goFile)).toEqual([
      {
        Owner: 'https://example.blog',
        Type: 'b',
        Hostname: 'zq.suns.bz',
        GroupID: B,
        ValidateTime: '2025-10-15T12:34:56Z',
      },
      {
        Owner: 'https://example.blog',
        Type: 'a',
        Hostname: 'zb.snus.suns.bz',
        GroupID: A,
        ValidateTime: '2025-10-15T12:34:56.123Z',
      },
      {
        Owner: MIRROR_OWNER,
        Type: 'e',
        Hostname: 'me.example.com',
        GroupID: E,
        ValidateTime: '2025-10-15T06:59:59.5Z',
      },
      {
        Owner: MIRROR_OWNER,
        Type: 'e',
        Hostname: 'com.example.me',
        GroupID: E,
        ValidateTime: '2025-10-15T06:59:59.5Z',
      },
    ]);
  });

  it('reads null (a Go nil slice) and [] as an empty snapshot', () => {
    expect(parseSnapshot('null')).toEqual([]);
    expect(parseSnapshot('[]')).toEqual([]);
  });

  it('keeps Rev when present and drops fields it does not know', () => {
    const [parsed] = parseSnapshot(JSON.stringify([{ ...record(), Extra: true }]));
    expect(parsed).toEqual(record());
    expect(Object.keys(parsed!)).toEqual([
      'Owner',
      'Type',
      'Hostname',
      'GroupID',
      'ValidateTime',
      'Rev',
    ]);
  });

  const cases: [string, unknown, number, string | undefined][] = [
    ['Owner missing', [record(), { ...record({ Hostname: 'x.y' }), Owner: undefined }], 1, 'Owner'],
    ['Owner empty', [record({ Owner: '' })], 0, 'Owner'],
    ['Type unknown', [record({ Type: 'z' as never })], 0, 'Type'],
    ['Type as a name', [record({ Type: 'palindrome' as never })], 0, 'Type'],
    ['Hostname a number', [record({ Hostname: 7 as never })], 0, 'Hostname'],
    ['Hostname too long', [record({ Hostname: `${'a'.repeat(250)}.com` })], 0, 'Hostname'],
    ['GroupID not an ID', [record({ GroupID: 'v1:a:nope:nope' })], 0, 'GroupID'],
    ['GroupID of another type', [record({ Type: 'b' })], 0, 'GroupID'],
    ['ValidateTime not RFC 3339', [record({ ValidateTime: 'October 15 2025' })], 0, 'ValidateTime'],
    ['ValidateTime a number', [record({ ValidateTime: 1 as never })], 0, 'ValidateTime'],
    ['Rev negative', [record({ Rev: -1 })], 0, 'Rev'],
    ['Rev a string', [record({ Rev: '3' as never })], 0, 'Rev'],
    ['Rev fractional', [record({ Rev: 1.5 })], 0, 'Rev'],
    ['a duplicate key', [record(), record({ Rev: 4 })], 1, 'Hostname'],
    ['an entry that is not an object', [record(), 'x'], 1, undefined],
  ];
  it.each(cases)('refuses %s, naming the index and the field', (_name, document, index, field) => {
    let error: unknown;
    try {
      parseSnapshot(JSON.stringify(document));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RecordsError);
    expect(error).toMatchObject({ code: 'snapshot.invalid', index, field });
    expect((error as Error).message).toContain(`snapshot record ${index}`);
    if (field) expect((error as Error).message).toContain(field);
  });

  it('refuses text that is not a JSON array', () => {
    expect(() => parseSnapshot('{"a":1}')).toThrow(/must be a JSON array/);
    expect(() => parseSnapshot('[{')).toThrow(
      expect.objectContaining({ code: 'snapshot.invalid' }),
    );
  });
});

describe('serializeSnapshot', () => {
  it('writes what Go json.MarshalIndent writes, sorted by GroupID then Hostname', () => {
    const records = parseSnapshot(goFile);
    expect(serializeSnapshot(records)).toBe(
      `[
  {
    "Owner": "https://example.blog",
    "Type": "a",
    "Hostname": "zb.snus.suns.bz",
    "GroupID": "${A}",
    "ValidateTime": "2025-10-15T12:34:56.123Z"
  },
  {
    "Owner": "https://example.blog",
    "Type": "b",
    "Hostname": "zq.suns.bz",
    "GroupID": "${B}",
    "ValidateTime": "2025-10-15T12:34:56Z"
  },
  {
    "Owner": "https://mirror.example/?a=1\\u0026b=\\u003c2\\u003e",
    "Type": "e",
    "Hostname": "com.example.me",
    "GroupID": "${E}",
    "ValidateTime": "2025-10-15T06:59:59.5Z"
  },
  {
    "Owner": "https://mirror.example/?a=1\\u0026b=\\u003c2\\u003e",
    "Type": "e",
    "Hostname": "me.example.com",
    "GroupID": "${E}",
    "ValidateTime": "2025-10-15T06:59:59.5Z"
  }
]`,
    );
  });

  it('gives the Go file back byte for byte when its records are sorted and times in Go UTC form', () => {
    const sortedGo = serializeSnapshot(parseSnapshot(goFile));
    expect(serializeSnapshot(parseSnapshot(sortedGo))).toBe(sortedGo);
  });

  it('writes Rev last, as a number, and [] for no records', () => {
    expect(serializeSnapshot([record()])).toContain(
      '"ValidateTime": "2025-10-15T12:34:56.123Z",\n    "Rev": 3\n  }',
    );
    expect(serializeSnapshot([])).toBe('[]');
  });

  it('escapes like Go: <, >, & and the line separators, besides what JSON requires', () => {
    expect(goJsonString('a<b>&c\u2028\u2029"\\\n')).toBe(
      '"a\\u003cb\\u003e\\u0026c\\u2028\\u2029\\"\\\\\\n"',
    );
  });

  const snapshotRecord = fc
    .record({
      owner: fc.constantFrom(
        'https://a.example',
        'https://b.example/?x=1&y=<2>',
        'mailto:me@example.org',
      ),
      type: fc.constantFrom(...SYMMETRY_CODES),
      hostnames: fc.uniqueArray(fc.stringMatching(/^[a-z0-9]{1,8}(\.[a-z]{2,4}){1,2}$/), {
        minLength: 1,
        maxLength: 2,
      }),
      time: fc.date({
        min: new Date('2020-01-01Z'),
        max: new Date('2030-01-01Z'),
        noInvalidDate: true,
      }),
      rev: fc.integer({ min: 1, max: 1_000_000 }),
    })
    .map(({ owner, type, hostnames, time, rev }) => {
      const GroupID = calculateGroupIdV1(owner, type, hostnames);
      return hostnames.map(
        (Hostname): SnapshotRecord => ({
          Owner: owner,
          Type: type,
          Hostname,
          GroupID,
          ValidateTime: formatValidateTime(time),
          Rev: rev,
        }),
      );
    });
  const snapshot = fc.array(snapshotRecord, { maxLength: 12 }).map((groups) => {
    const byKey = new Map<string, SnapshotRecord>();
    for (const r of groups.flat()) byKey.set(`${r.GroupID}\n${r.Hostname}`, r);
    return [...byKey.values()];
  });

  it('is deterministic: any order of the same records gives the same bytes', () => {
    fc.assert(
      fc.property(
        snapshot.chain((records) =>
          fc.tuple(
            fc.constant(records),
            fc.shuffledSubarray(records, { minLength: records.length, maxLength: records.length }),
          ),
        ),
        ([records, shuffled]) => {
          expect(serializeSnapshot(shuffled)).toBe(serializeSnapshot(records));
        },
      ),
    );
  });

  it('round-trips through parseSnapshot and is valid JSON with the same records', () => {
    fc.assert(
      fc.property(snapshot, (records) => {
        const text = serializeSnapshot(records);
        const sorted = [...records].sort((a, b) =>
          a.GroupID === b.GroupID
            ? a.Hostname < b.Hostname
              ? -1
              : 1
            : a.GroupID < b.GroupID
              ? -1
              : 1,
        );
        expect(parseSnapshot(text)).toEqual(sorted);
        expect(JSON.parse(text)).toEqual(sorted);
        expect(text).toBe(
          JSON.stringify(sorted, null, 2)
            .replace(/&/g, '\\u0026')
            .replace(/</g, '\\u003c')
            .replace(/>/g, '\\u003e'),
        );
      }),
    );
  });

  it('does not reorder the array it is given', () => {
    const records = [record({ Hostname: 'b.example', GroupID: B, Type: 'b' }), record()];
    const before = [...records];
    serializeSnapshot(records);
    expect(records).toEqual(before);
  });
});
