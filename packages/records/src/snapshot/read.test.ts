import { calculateGroupIdV1 } from '@symval/groupid';
import { describe, expect, it } from 'vitest';
import { RecordsError } from '../errors.js';
import { parseSnapshot } from './parse.js';
import { readSnapshot, readSnapshotDocument } from './read.js';

const PALINDROME_OWNER = 'https://example.net';
const PALINDROME = calculateGroupIdV1(PALINDROME_OWNER, 'a', ['ten.elpmaxe.example.net']);
const MIRROR_OWNER = 'https://me.example.org';
const MIRROR = calculateGroupIdV1(MIRROR_OWNER, 'e', ['me.example.org', 'org.example.me']);

// The shape of the existing club's published example: Go's MarshalIndent, no Rev, nanosecond
// times, and a last entry written by hand with a type name, an empty GroupID and no time.
const CLUB_SHAPED = `[
  {
    "Owner": "${PALINDROME_OWNER}",
    "Type": "a",
    "Hostname": "ten.elpmaxe.example.net",
    "GroupID": "${PALINDROME}",
    "ValidateTime": "2025-11-01T16:07:20.972821344Z"
  },
  {
    "Owner": "${MIRROR_OWNER}",
    "Type": "e",
    "Hostname": "me.example.org",
    "GroupID": "${MIRROR}",
    "ValidateTime": "2025-11-01T16:07:20.972821344Z"
  },
  {
    "Owner": "${MIRROR_OWNER}",
    "Type": "e",
    "Hostname": "org.example.me",
    "GroupID": "${MIRROR}",
    "ValidateTime": "2025-11-01T16:07:20.972821344Z"
  },
  {
    "Owner": "https://zq.suns.bz",
    "Type": "flip180",
    "Hostname": "zq.suns.bz",
    "GroupID": "",
    "ValidateTime": ""
  }
]`;

describe('readSnapshot', () => {
  it('reads a file in the existing club’s shape, leaving its one bad entry out and naming it', () => {
    const { records, rejected } = readSnapshot(CLUB_SHAPED);
    expect(records.map((r) => [r.Hostname, r.ValidateTime])).toEqual([
      ['ten.elpmaxe.example.net', '2025-11-01T16:07:20.972Z'],
      ['me.example.org', '2025-11-01T16:07:20.972Z'],
      ['org.example.me', '2025-11-01T16:07:20.972Z'],
    ]);
    expect(rejected).toEqual([
      {
        index: 3,
        field: 'Type',
        reason: 'must be a symmetry type code a..h, received "flip180"',
        message: 'snapshot record 3: Type must be a symmetry type code a..h, received "flip180"',
      },
    ]);
    // The strict parse refuses the same file for that entry.
    expect(() => parseSnapshot(CLUB_SHAPED)).toThrow(
      expect.objectContaining({ code: 'snapshot.invalid', index: 3, field: 'Type' }),
    );
  });

  it('reports an empty GroupID by field and reason', () => {
    const entry = {
      Owner: 'https://zq.suns.bz',
      Type: 'b',
      Hostname: 'zq.suns.bz',
      GroupID: '',
      ValidateTime: '2025-11-01T16:07:20Z',
    };
    expect(readSnapshotDocument([entry]).rejected).toEqual([
      expect.objectContaining({
        index: 0,
        field: 'GroupID',
        reason: 'must be a non-empty string, received ""',
      }),
    ]);
  });

  it('gives the strict parse’s records when nothing is wrong', () => {
    const good = CLUB_SHAPED.replace(/,\n {2}\{\n {4}"Owner": "https:\/\/zq[\s\S]*?\}/, '');
    expect(readSnapshot(good)).toEqual({ records: parseSnapshot(good), rejected: [] });
  });

  it('keeps the first of two entries with one GroupID and Hostname and reports the second', () => {
    const first = {
      Owner: PALINDROME_OWNER,
      Type: 'a',
      Hostname: 'ten.elpmaxe.example.net',
      GroupID: PALINDROME,
      ValidateTime: '2025-11-01T16:07:20Z',
      Rev: 1,
    };
    const { records, rejected } = readSnapshotDocument([first, { ...first, Rev: 9 }]);
    expect(records).toEqual([first]);
    expect(rejected).toEqual([
      expect.objectContaining({
        index: 1,
        field: 'Hostname',
        reason: expect.stringContaining('unique within its group'),
      }),
    ]);
  });

  it('names entries that are not objects without a field', () => {
    expect(
      readSnapshotDocument([null, 7]).rejected.map((p) => [p.index, p.field, p.message]),
    ).toEqual([
      [
        0,
        undefined,
        'snapshot record 0 must be an object {Owner, Type, Hostname, GroupID, ValidateTime, Rev?}, received null',
      ],
      [
        1,
        undefined,
        'snapshot record 1 must be an object {Owner, Type, Hostname, GroupID, ValidateTime, Rev?}, received 7',
      ],
    ]);
  });

  it('reads null as no entries and refuses a document that is not an array', () => {
    expect(readSnapshot('null')).toEqual({ records: [], rejected: [] });
    expect(() => readSnapshot('{"records": []}')).toThrow(RecordsError);
    expect(() => readSnapshotDocument({ records: [] })).toThrow(
      'the snapshot must be a JSON array of records, received object',
    );
    expect(() => readSnapshot('[{')).toThrow(expect.objectContaining({ code: 'snapshot.invalid' }));
  });
});
