import { describe, expect, it } from 'vitest';
import { parseRecord, parseSnapshot } from './parse.js';

const good = {
  Owner: 'https://example.blog',
  Type: 'a',
  Hostname: 'Aba.Example',
  GroupID: 'v1:a:x:y',
  ValidateTime: '2025-10-17T12:00:00.123456789+02:00',
  Rev: 3,
  Extra: 'ignored',
};

describe('parseSnapshot', () => {
  it('reads records, tolerating Rev and unknown fields, lowercasing hostname and type', () => {
    const result = parseSnapshot([good, { ...good, Type: 'B', ValidateTime: undefined }]);
    expect(result).toEqual({
      ok: true,
      skipped: 0,
      records: [
        {
          owner: 'https://example.blog',
          typeCode: 'a',
          hostname: 'aba.example',
          groupId: 'v1:a:x:y',
          validatedAt: new Date('2025-10-17T10:00:00.123Z'),
        },
        {
          owner: 'https://example.blog',
          typeCode: 'b',
          hostname: 'aba.example',
          groupId: 'v1:a:x:y',
          validatedAt: null,
        },
      ],
    });
  });

  it('skips entries that are not usable records and counts them', () => {
    const result = parseSnapshot([
      null,
      7,
      'x',
      [],
      { ...good, Owner: 5 },
      { ...good, Hostname: '' },
      { ...good, GroupID: undefined },
      { ...good, Type: 'x'.repeat(17) },
      { ...good, Owner: 'o'.repeat(2049) },
      good,
    ]);
    expect(result.ok && result.skipped).toBe(9);
    expect(result.ok && result.records.length).toBe(1);
  });

  it.each([
    [{}, 'an object'],
    [null, 'null'],
    ['[]', 'string'],
    [3, 'number'],
  ])('refuses %j, which is not an array', (data, kind) => {
    expect(parseSnapshot(data)).toEqual({
      ok: false,
      message: `the member list should be a JSON array, but it is ${kind}`,
    });
  });
});

describe('parseRecord', () => {
  it('keeps a bad ValidateTime as unknown rather than dropping the record', () => {
    expect(parseRecord({ ...good, ValidateTime: 'yesterday' })?.validatedAt).toBeNull();
  });
});
