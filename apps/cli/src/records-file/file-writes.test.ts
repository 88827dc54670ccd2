import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calculateGroupIdV1 } from '@symval/groupid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliError } from '../cli/errors.js';
import { applyFileWrites, upsertAttestedInFile } from './file-writes.js';
import { readRecordsFile } from './records-file.js';

const OWNER = 'https://me.example';
const ID = calculateGroupIdV1(OWNER, 'b', ['zq.suns.bz']);
const TIME = new Date('2025-10-15T12:34:56.789Z');

let dir: string;
let path: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'symval-records-file-'));
  path = join(dir, 'nested', 'records.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const attested = (time = TIME) => [
  { owner: OWNER, type: 'b' as const, hostname: 'zq.suns.bz', groupId: ID, validateTime: time },
];

describe('upsertAttestedInFile', () => {
  it('creates the file (and its folder) in the Go format, then raises Rev on the next write', async () => {
    expect(await upsertAttestedInFile(path, attested())).toEqual({
      created: true,
      records: [{ hostname: 'zq.suns.bz', rev: 1, created: true }],
    });
    expect(await readFile(path, 'utf8')).toBe(
      `[\n  {\n    "Owner": "${OWNER}",\n    "Type": "b",\n    "Hostname": "zq.suns.bz",\n    "GroupID": "${ID}",\n    "ValidateTime": "2025-10-15T12:34:56.789Z",\n    "Rev": 1\n  }\n]\n`,
    );
    const second = await upsertAttestedInFile(path, attested(new Date('2025-10-16T00:00:00Z')));
    expect(second.records).toEqual([{ hostname: 'zq.suns.bz', rev: 2, created: false }]);
    const file = await readRecordsFile(path, { mustExist: true });
    expect(file.records.map((r) => [r.rev, r.validateTime.toISOString()])).toEqual([
      [2, '2025-10-16T00:00:00.000Z'],
    ]);
  });

  it('refuses records that are not one attested group, writing nothing', async () => {
    const forged = [
      { ...attested()[0]!, groupId: calculateGroupIdV1('https://x', 'b', ['zq.suns.bz']) },
    ];
    await expect(upsertAttestedInFile(path, forged)).rejects.toMatchObject({
      code: 'input.invalid',
    });
    await expect(readFile(path, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses to write while another run holds the lock, and leaves the file as it was', async () => {
    await upsertAttestedInFile(path, attested());
    const before = await readFile(path, 'utf8');
    await writeFile(`${path}.lock`, '12345\n');
    const error = await upsertAttestedInFile(path, attested()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect(error).toMatchObject({ code: 'file.locked', exitCode: 3 });
    expect(await readFile(path, 'utf8')).toBe(before);
  });
});

describe('applyFileWrites', () => {
  it('writes only records whose Rev is still the one read; others are conflict or missing', async () => {
    await upsertAttestedInFile(path, attested());
    const read = await readRecordsFile(path, { mustExist: true });
    const record = read.records[0]!;
    // Someone attests again after our read: Rev 2 in the file, 1 in hand.
    await upsertAttestedInFile(path, attested());
    const later = new Date('2025-11-01T00:00:00Z');
    expect(
      await applyFileWrites(path, [
        { record, kind: 'refresh', time: later },
        { record: { ...record, hostname: 'gone.example' }, kind: 'delete' },
      ]),
    ).toEqual([{ status: 'conflict', currentRev: 2 }, { status: 'missing' }]);
    const fresh = (await readRecordsFile(path, { mustExist: true })).records[0]!;
    expect(await applyFileWrites(path, [{ record: fresh, kind: 'refresh', time: later }])).toEqual([
      { status: 'updated' },
    ]);
    const after = (await readRecordsFile(path, { mustExist: true })).records[0]!;
    expect([after.rev, after.validateTime.toISOString()]).toEqual([3, later.toISOString()]);
    expect(await applyFileWrites(path, [{ record: after, kind: 'delete' }])).toEqual([
      { status: 'deleted' },
    ]);
    expect(await readFile(path, 'utf8')).toBe('[]\n');
  });

  it('treats a record without Rev as never versioned: the write needs it still absent and sets Rev 1', async () => {
    const entry = {
      Owner: OWNER,
      Type: 'b',
      Hostname: 'zq.suns.bz',
      GroupID: ID,
      ValidateTime: '2025-10-01T00:00:00Z',
    };
    await writeFile(path.replace('nested/', ''), JSON.stringify([entry]));
    const flat = path.replace('nested/', '');
    const record = (await readRecordsFile(flat, { mustExist: true })).records[0]!;
    expect(record.rev).toBeUndefined();
    expect(await applyFileWrites(flat, [{ record, kind: 'refresh', time: TIME }])).toEqual([
      { status: 'updated' },
    ]);
    expect(JSON.parse(await readFile(flat, 'utf8'))).toEqual([
      { ...entry, ValidateTime: '2025-10-15T12:34:56.789Z', Rev: 1 },
    ]);
    // The read copy still says "no Rev", which no longer holds.
    expect(await applyFileWrites(flat, [{ record, kind: 'delete' }])).toEqual([
      { status: 'conflict', currentRev: 1 },
    ]);
  });

  it('keeps unreadable entries, unknown fields and untouched records exactly as they were', async () => {
    const flat = join(dir, 'kept.json');
    const other = calculateGroupIdV1(OWNER, 'a', ['zb.snus.suns.bz']);
    const entries = [
      {
        Owner: OWNER,
        Type: 'a',
        Hostname: 'zb.snus.suns.bz',
        GroupID: other,
        ValidateTime: '2025-10-01T14:00:00.123456789+02:00',
        Rev: 7,
      },
      {
        Owner: OWNER,
        Type: 'a',
        Hostname: 'bad.example',
        GroupID: '',
        ValidateTime: '2025-10-01T00:00:00Z',
      },
      {
        Owner: OWNER,
        Type: 'b',
        Hostname: 'zq.suns.bz',
        GroupID: ID,
        ValidateTime: '2025-10-01T00:00:00Z',
        Rev: 1,
        Note: 'mine',
      },
    ];
    await writeFile(flat, JSON.stringify(entries, null, 2));
    const file = await readRecordsFile(flat, { mustExist: true });
    expect(file.rejected.map((p) => [p.index, p.field])).toEqual([[1, 'GroupID']]);
    const target = file.records.find((r) => r.groupId === ID)!;
    await applyFileWrites(flat, [{ record: target, kind: 'refresh', time: TIME }]);
    expect(JSON.parse(await readFile(flat, 'utf8'))).toEqual([
      entries[0],
      entries[1],
      { ...entries[2], ValidateTime: '2025-10-15T12:34:56.789Z', Rev: 2 },
    ]);
  });
});

describe('readRecordsFile', () => {
  it('reads an empty file or null as no records, and refuses what is not an array', async () => {
    const flat = join(dir, 'r.json');
    for (const text of ['', '  \n', 'null']) {
      await writeFile(flat, text);
      expect((await readRecordsFile(flat, { mustExist: true })).records).toEqual([]);
    }
    await writeFile(flat, '{"Owner":"x"}');
    await expect(readRecordsFile(flat, { mustExist: true })).rejects.toMatchObject({
      code: 'file.invalid',
      exitCode: 2,
    });
    await expect(
      readRecordsFile(join(dir, 'none.json'), { mustExist: true }),
    ).rejects.toMatchObject({ code: 'file.not-found', exitCode: 2 });
  });
});
