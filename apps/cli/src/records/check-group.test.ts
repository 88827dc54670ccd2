import { calculateGroupIdV1 } from '@symval/groupid';
import { groupStoredRecords, type StoredRecord } from '@symval/records';
import { describe, expect, it } from 'vitest';
import { checkStoredGroup, isDroppable } from './check-group.js';

const OWNER = 'https://me.example';
const TIME = new Date('2025-10-01T00:00:00Z');

function record(
  groupId: string,
  hostname: string,
  overrides: Partial<StoredRecord> = {},
): StoredRecord {
  return { groupId, hostname, owner: OWNER, type: 'e', validateTime: TIME, rev: 1, ...overrides };
}

const PAIR = ['me.example.com', 'com.example.me'];
const PAIR_ID = calculateGroupIdV1(OWNER, 'e', PAIR);

const codes = (group: Parameters<typeof checkStoredGroup>[0]) => {
  const check = checkStoredGroup(group);
  return { problems: check.problems.map((p) => p.code), notes: check.notes.map((n) => n.code) };
};

describe('checkStoredGroup', () => {
  it('finds nothing wrong with a group stored as attestation stores it', () => {
    const [group] = groupStoredRecords(PAIR.map((hostname) => record(PAIR_ID, hostname)));
    expect(checkStoredGroup(group!)).toEqual({ problems: [], notes: [] });
  });

  it('reports a group ID that its owner, type and hostnames do not give', () => {
    const other = calculateGroupIdV1('https://someone.else', 'e', PAIR);
    const [group] = groupStoredRecords(PAIR.map((hostname) => record(other, hostname)));
    expect(codes(group!)).toEqual({ problems: ['id-mismatch'], notes: [] });
    expect(checkStoredGroup(group!).problems[0]!.message).toContain(`make ${PAIR_ID}`);
  });

  it('notes, without a problem, hostnames stored as submitted with the ID made from those bytes', () => {
    const stored = ['Me.Example.COM.', 'com.example.me'];
    const id = calculateGroupIdV1(OWNER, 'e', stored);
    const [group] = groupStoredRecords(stored.map((hostname) => record(id, hostname)));
    expect(codes(group!)).toEqual({
      problems: [],
      notes: ['hostname-not-normal', 'id-from-stored-bytes'],
    });
    expect(checkStoredGroup(group!).notes[0]).toMatchObject({ hostname: 'Me.Example.COM.' });
    expect(isDroppable(checkStoredGroup(group!), true)).toBe(false);
  });

  it('accepts the normalised ID for hostnames not in normal form', () => {
    const [group] = groupStoredRecords([
      record(PAIR_ID, 'ME.example.com'),
      record(PAIR_ID, 'com.example.me'),
    ]);
    expect(codes(group!)).toEqual({ problems: [], notes: ['hostname-not-normal'] });
  });

  it('reports a half of a pair missing: the ID differs and the symmetry needs two hostnames', () => {
    const [group] = groupStoredRecords([record(PAIR_ID, 'me.example.com')]);
    expect(codes(group!).problems).toEqual(['id-mismatch', 'symmetry-failed']);
  });

  it('reports records that disagree on the type', () => {
    const [group] = groupStoredRecords([
      record(PAIR_ID, 'me.example.com'),
      record(PAIR_ID, 'com.example.me', { type: 'a' }),
    ]);
    expect(codes(group!).problems).toContain('mixed-type');
  });

  it('reports a stored hostname that is not a hostname at all', () => {
    const id = calculateGroupIdV1(OWNER, 'a', ['bad host']);
    const [group] = groupStoredRecords([record(id, 'bad host', { type: 'a' })]);
    const { problems } = checkStoredGroup(group!);
    expect(problems[0]).toMatchObject({ code: 'hostname-invalid', hostname: 'bad host' });
  });
});

describe('isDroppable', () => {
  it('drops invalid groups, but one whose ID its records do not make only when asked', () => {
    const other = calculateGroupIdV1('https://someone.else', 'e', PAIR);
    const [misfiled] = groupStoredRecords(PAIR.map((hostname) => record(other, hostname)));
    const [asymmetric] = groupStoredRecords([
      record(calculateGroupIdV1(OWNER, 'a', ['ab.example']), 'ab.example', { type: 'a' }),
    ]);
    expect(isDroppable(checkStoredGroup(misfiled!), false)).toBe(false);
    expect(isDroppable(checkStoredGroup(misfiled!), true)).toBe(true);
    expect(isDroppable(checkStoredGroup(asymmetric!), false)).toBe(true);
  });
});

describe('checkStoredGroup on groups stored before input was normalised', () => {
  it('finds nothing wrong with uppercase and trailing-dot hostnames whose ID was made from those bytes', () => {
    const stored = ['Me.Example.COM.', 'com.example.me'];
    const id = calculateGroupIdV1(OWNER, 'e', stored);
    const [group] = groupStoredRecords(stored.map((hostname) => record(id, hostname)));
    expect(checkStoredGroup(group!).problems).toEqual([]);
    expect(checkStoredGroup(group!).notes.map((n) => n.code)).toEqual([
      'hostname-not-normal',
      'id-from-stored-bytes',
    ]);
  });

  it('finds nothing wrong either when the ID was made from the normal form of the stored hostnames', () => {
    const [group] = groupStoredRecords([
      record(calculateGroupIdV1(OWNER, 'b', ['zq.suns.bz']), 'ZQ.suns.bz', { type: 'b' }),
    ]);
    expect(checkStoredGroup(group!)).toMatchObject({
      problems: [],
      notes: [{ code: 'hostname-not-normal', hostname: 'ZQ.suns.bz' }],
    });
  });

  it('still reports such a group when its ID was made from other hostnames', () => {
    const [group] = groupStoredRecords([
      record(calculateGroupIdV1(OWNER, 'b', ['zq.suns.bz']), 'ZQ.SUNS.BZ.ZQ', { type: 'b' }),
    ]);
    expect(checkStoredGroup(group!).problems.map((p) => p.code)).toContain('id-mismatch');
  });
});
