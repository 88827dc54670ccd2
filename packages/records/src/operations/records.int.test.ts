import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecordsTable, localClient } from '../../test/dynamo.js';
import { attestedGroup } from '../../test/groups.js';
import { RecordsError } from '../errors.js';
import { attestationViewer, publicViewer, reattestationViewer } from '../table/viewers.js';
import { connectRecords, type RecordsClient } from './records-client.js';

const client = localClient();
let tableName: string;
let records: RecordsClient;

beforeAll(async () => {
  tableName = await createRecordsTable(client);
  records = connectRecords(client, { tableName });
});
afterAll(() => client.destroy());

const OWNER = 'https://example.blog';
const mirror = attestedGroup(OWNER, 'e', ['me.example.com', 'com.example.me']);
const groupId = mirror[0]!.groupId;
const attester = () => records.as(attestationViewer({ status: 'valid', records: mirror }));

describe('upsertAttested', () => {
  it('writes every hostname of the group at Rev 1 in the Go item shape', async () => {
    const result = await attester().upsertAttested(mirror);
    expect(result).toEqual({
      status: 'updated',
      groupId,
      hostnames: ['me.example.com', 'com.example.me'],
    });
    const raw = await client.send(
      new GetItemCommand({
        TableName: tableName,
        Key: { pk: { S: groupId }, sk: { S: 'me.example.com' } },
        ConsistentRead: true,
      }),
    );
    expect(raw.Item).toEqual({
      pk: { S: groupId },
      sk: { S: 'me.example.com' },
      Owner: { S: OWNER },
      Type: { S: 'e' },
      ValidateTime: { S: '2025-10-15T12:34:56.789Z' },
      Rev: { N: '1' },
    });
  });

  it('adds one to Rev on each later upsert, setting the new validation time', async () => {
    const later = attestedGroup(
      OWNER,
      'e',
      ['me.example.com', 'com.example.me'],
      new Date('2025-11-01T00:00:00Z'),
    );
    await attester().upsertAttested(later);
    const group = await records.as(publicViewer()).listGroup(groupId);
    expect(group.map((r) => [r.hostname, r.rev, r.validateTime.toISOString()])).toEqual([
      ['com.example.me', 2, '2025-11-01T00:00:00.000Z'],
      ['me.example.com', 2, '2025-11-01T00:00:00.000Z'],
    ]);
  });

  it('never loses an increment when upserts of one group race', async () => {
    const racing = attestedGroup('https://race.example', 'a', ['zb.snus.suns.bz']);
    const ops = records.as(attestationViewer({ status: 'valid', records: racing }));
    const results = await Promise.all(
      Array.from({ length: 8 }, () => ops.upsertAttested(racing, { maxAttempts: 20 })),
    );
    const updated = results.filter((r) => r.status === 'updated').length;
    const [stored] = await records.as(publicViewer()).listGroup(racing[0]!.groupId);
    expect(stored?.rev).toBe(updated);
    expect(updated).toBeGreaterThan(0);
  });

  it('refuses records whose group ID does not match, writing nothing', async () => {
    const forged = attestedGroup(OWNER, 'a', ['ab.ba']).map((r) => ({
      ...r,
      owner: 'https://impostor.example',
    }));
    await expect(attester().upsertAttested(forged)).rejects.toThrow(RecordsError);
    expect(await records.as(publicViewer()).listByOwner('https://impostor.example')).toEqual([]);
  });
});

describe('setValidationIfUnchanged', () => {
  const key = { groupId, hostname: 'me.example.com' };

  it('updates ValidateTime and Rev when Rev is the snapshot Rev', async () => {
    const before = await records.as(publicViewer()).get(key);
    const result = await records
      .as(reattestationViewer())
      .setValidationIfUnchanged(key, before!.rev, new Date('2025-12-01T00:00:00Z'));
    expect(result).toEqual({
      status: 'updated',
      record: { ...before, rev: before!.rev + 1, validateTime: new Date('2025-12-01T00:00:00Z') },
    });
  });

  it('reports a conflict with the stored Rev and changes nothing when Rev moved', async () => {
    const before = await records.as(publicViewer()).get(key);
    const result = await records
      .as(reattestationViewer())
      .setValidationIfUnchanged(key, before!.rev - 1, new Date('2030-01-01Z'));
    expect(result).toEqual({ status: 'conflict', currentRev: before!.rev, record: before });
    expect(await records.as(publicViewer()).get(key)).toEqual(before);
  });

  it('reports a missing record as missing', async () => {
    const result = await records
      .as(reattestationViewer())
      .setValidationIfUnchanged({ groupId, hostname: 'gone.example' }, 1, new Date());
    expect(result).toEqual({ status: 'missing' });
  });

  it('refuses a Rev that is not a non-negative integer', async () => {
    await expect(
      records.as(reattestationViewer()).setValidationIfUnchanged(key, 1.5, new Date()),
    ).rejects.toMatchObject({
      code: 'input.invalid',
      field: 'Rev',
    });
  });
});

describe('deleteIfUnchanged', () => {
  it('keeps a record whose Rev moved, then deletes it at its current Rev, then finds it missing', async () => {
    const key = { groupId, hostname: 'com.example.me' };
    const stored = (await records.as(publicViewer()).get(key))!;
    const stale = await records.as(reattestationViewer()).deleteIfUnchanged(key, stored.rev + 5);
    expect(stale).toEqual({ status: 'conflict', currentRev: stored.rev, record: stored });
    expect(await records.as(reattestationViewer()).deleteIfUnchanged(key, stored.rev)).toEqual({
      status: 'deleted',
      record: stored,
    });
    expect(await records.as(reattestationViewer()).deleteIfUnchanged(key, stored.rev)).toEqual({
      status: 'missing',
    });
    expect(await records.as(publicViewer()).get(key)).toBeUndefined();
  });
});

describe('listing', () => {
  const owner = 'https://lister.example';
  const groups = [
    attestedGroup(owner, 'a', ['zb.snus.suns.bz']),
    attestedGroup(owner, 'e', ['ab.example.ba', 'ba.example.ab']),
    attestedGroup(owner, 'b', ['zq.suns.bz']),
  ];

  beforeAll(async () => {
    for (const group of groups) {
      await records
        .as(attestationViewer({ status: 'valid', records: group }))
        .upsertAttested(group);
    }
  });

  it('lists an owner’s records through the byOwner index, sorted by group ID and hostname', async () => {
    const listed = await records.as(publicViewer()).listByOwner(owner);
    const expected = groups
      .flat()
      .map((r) => [r.groupId, r.hostname])
      .sort((a, b) => (a.join('\n') < b.join('\n') ? -1 : 1));
    expect(listed.map((r) => [r.groupId, r.hostname])).toEqual(expected);
    expect(listed.every((r) => r.owner === owner && r.rev === 1)).toBe(true);
  });

  it('lists every record of the table with a parallel scan', async () => {
    const all = [];
    for await (const r of records.asSystem('test-export').listAll({ segments: 3 })) all.push(r);
    const keys = all.map((r) => `${r.groupId} ${r.hostname}`);
    for (const r of groups.flat()) expect(keys).toContain(`${r.groupId} ${r.hostname}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('items written by the Go implementation', () => {
  it.each([
    ['2025-10-15T12:34:56.123456789Z', '2025-10-15T12:34:56.123Z'],
    ['2025-10-15T14:34:56+02:00', '2025-10-15T12:34:56.000Z'],
    ['2025-10-15T04:04:56.999999999-08:30', '2025-10-15T12:34:56.999Z'],
  ])('reads ValidateTime %s as the instant %s', async (stored, instant) => {
    const [r] = attestedGroup('https://go.example', 'a', [
      `go${stored.length}${stored.slice(-3).replace(/\W/g, '')}.example`,
    ]);
    await client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: {
          pk: { S: r!.groupId },
          sk: { S: r!.hostname },
          Owner: { S: r!.owner },
          Type: { S: 'a' },
          ValidateTime: { S: stored },
          Rev: { N: '7' },
        },
      }),
    );
    const read = await records
      .as(publicViewer())
      .get({ groupId: r!.groupId, hostname: r!.hostname });
    expect(read?.validateTime.toISOString()).toBe(instant);
    expect(read?.rev).toBe(7);
  });
});
