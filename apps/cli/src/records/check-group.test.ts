import { calculateGroupIdV1 } from '@symval/groupid';
import { groupStoredRecords, type StoredRecord } from '@symval/records';
import { describe, expect, it } from 'vitest';
import { checkStoredGroup } from './check-group.js';

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

describe('checkStoredGroup', () => {
  it('finds nothing wrong with a group stored as attestation stores it', () => {
    const [group] = groupStoredRecords(PAIR.map((hostname) => record(PAIR_ID, hostname)));
    expect(checkStoredGroup(group!)).toEqual([]);
  });

  it('reports a group ID that its owner, type and hostnames do not give', () => {
    const other = calculateGroupIdV1('https://someone.else', 'e', PAIR);
    const [group] = groupStoredRecords(PAIR.map((hostname) => record(other, hostname)));
    expect(checkStoredGroup(group!).map((p) => p.code)).toEqual(['id-mismatch']);
    expect(checkStoredGroup(group!)[0]!.message).toContain(`make ${PAIR_ID}`);
  });

  it('reports a half of a pair missing: the ID differs and the symmetry needs two hostnames', () => {
    const [group] = groupStoredRecords([record(PAIR_ID, 'me.example.com')]);
    expect(checkStoredGroup(group!).map((p) => p.code)).toEqual(['id-mismatch', 'symmetry-failed']);
  });

  it('reports records that disagree on the type', () => {
    const [group] = groupStoredRecords([
      record(PAIR_ID, 'me.example.com'),
      record(PAIR_ID, 'com.example.me', { type: 'a' }),
    ]);
    expect(checkStoredGroup(group!).map((p) => p.code)).toContain('mixed-type');
  });

  it('reports a stored hostname that is not a hostname at all', () => {
    const id = calculateGroupIdV1(OWNER, 'a', ['bad host']);
    const [group] = groupStoredRecords([record(id, 'bad host', { type: 'a' })]);
    const problems = checkStoredGroup(group!);
    expect(problems[0]).toMatchObject({ code: 'hostname-not-normal', hostname: 'bad host' });
  });
});

describe('checkStoredGroup on groups stored before input was normalised', () => {
  it('finds nothing wrong with uppercase and trailing-dot hostnames whose ID was made from those bytes', () => {
    const stored = ['Me.Example.COM.', 'com.example.me'];
    const id = calculateGroupIdV1(OWNER, 'e', stored);
    const [group] = groupStoredRecords(stored.map((hostname) => record(id, hostname)));
    expect(checkStoredGroup(group!)).toEqual([]);
  });

  it('finds nothing wrong either when the ID was made from the normal form of the stored hostnames', () => {
    const [group] = groupStoredRecords([
      record(calculateGroupIdV1(OWNER, 'b', ['zq.suns.bz']), 'ZQ.suns.bz', { type: 'b' }),
    ]);
    expect(checkStoredGroup(group!)).toEqual([]);
  });

  it('still reports such a group when its ID was made from other hostnames', () => {
    const [group] = groupStoredRecords([
      record(calculateGroupIdV1(OWNER, 'b', ['zq.suns.bz']), 'ZQ.SUNS.BZ.ZQ', { type: 'b' }),
    ]);
    expect(checkStoredGroup(group!).map((p) => p.code)).toContain('id-mismatch');
  });
});
