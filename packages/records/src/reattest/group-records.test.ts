import { describe, expect, it } from 'vitest';
import { groupStoredRecords } from './group-records.js';
import { previewGroupWrites } from './outcomes.js';
import { type StoredRecord, storedRecordFromSnapshot } from './stored-record.js';

const TIME = new Date('2025-10-01T00:00:00Z');

function record(
  groupId: string,
  hostname: string,
  extra: Partial<StoredRecord> = {},
): StoredRecord {
  return {
    groupId,
    hostname,
    owner: 'https://me.example',
    type: 'e',
    validateTime: TIME,
    rev: 1,
    ...extra,
  };
}

describe('groupStoredRecords', () => {
  it('groups by ID in ID order, hostnames sorted, with the oldest ValidateTime', () => {
    const older = new Date('2025-01-01T00:00:00Z');
    const groups = groupStoredRecords([
      record('v1:e:y', 'b.example'),
      record('v1:e:x', 'z.example'),
      record('v1:e:y', 'a.example', { validateTime: older }),
    ]);
    expect(groups.map((g) => [g.groupId, g.hostnames, g.oldestValidateTime])).toEqual([
      ['v1:e:x', ['z.example'], TIME],
      ['v1:e:y', ['a.example', 'b.example'], older],
    ]);
    expect(groups[1]!.records.map((r) => r.hostname)).toEqual(['a.example', 'b.example']);
  });

  it('keeps the stored bytes: hostnames are not normalised and nothing is dropped', () => {
    const [group] = groupStoredRecords([
      record('v1:b:x', 'ZQ.suns.bz.'),
      record('v1:b:x', 'zq.suns.bz'),
    ]);
    expect(group!.hostnames).toEqual(['ZQ.suns.bz.', 'zq.suns.bz']);
    expect(group!.records).toHaveLength(2);
  });

  it('takes owner and type from the first record and lists every one the records name', () => {
    const [group] = groupStoredRecords([
      record('v1:e:x', 'b.example', { owner: 'https://b.example', type: 'a' }),
      record('v1:e:x', 'a.example'),
    ]);
    expect(group).toMatchObject({
      owner: 'https://me.example',
      type: 'e',
      owners: ['https://me.example', 'https://b.example'],
      types: ['e', 'a'],
    });
  });

  it('passes extra record fields through', () => {
    const [group] = groupStoredRecords([{ ...record('v1:e:x', 'a.example'), source: 'state' }]);
    expect(group!.records[0]!.source).toBe('state');
  });
});

describe('previewGroupWrites', () => {
  const group = {
    records: [record('g', 'a.example'), record('g', 'b.example', { rev: undefined })],
  };

  it('says what a write would do, and that a record without Rev would not be written', () => {
    expect(previewGroupWrites(group, 'refresh').map((o) => o.status)).toEqual([
      'would-update',
      'no-rev',
    ]);
    expect(previewGroupWrites(group, 'delete').map((o) => o.status)).toEqual([
      'would-delete',
      'no-rev',
    ]);
  });

  it('keeps every record of a kept group, Rev or not', () => {
    expect(previewGroupWrites(group, 'keep').map((o) => o.status)).toEqual(['kept', 'kept']);
  });
});

describe('storedRecordFromSnapshot', () => {
  it("reads an entry without Rev (the existing club's file) as never versioned, and keeps the bytes", () => {
    const entry = {
      Owner: 'https://me.example',
      Type: 'b' as const,
      Hostname: 'ZQ.suns.bz.',
      GroupID: 'v1:b:x',
      ValidateTime: '2025-11-01T16:07:20.972Z',
    };
    expect(storedRecordFromSnapshot(entry)).toEqual({
      groupId: 'v1:b:x',
      hostname: 'ZQ.suns.bz.',
      owner: 'https://me.example',
      type: 'b',
      validateTime: new Date('2025-11-01T16:07:20.972Z'),
      rev: 0,
    });
    expect(storedRecordFromSnapshot({ ...entry, Rev: 4 }).rev).toBe(4);
  });
});
