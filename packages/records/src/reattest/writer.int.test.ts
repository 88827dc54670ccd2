import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecordsTable, localClient } from '../../test/dynamo.js';
import { attestedGroup } from '../../test/groups.js';
import { connectRecords, type RecordsClient } from '../operations/records-client.js';
import { attestationViewer, publicViewer, reattestationViewer } from '../table/viewers.js';
import { groupStoredRecords } from './group-records.js';
import { storedRecordFromTable } from './stored-record.js';
import { createReattestWriter } from './writer.js';

const client = localClient();
let records: RecordsClient;

beforeAll(async () => {
  records = connectRecords(client, { tableName: await createRecordsTable(client) });
});
afterAll(() => client.destroy());

async function stored(owner: string, hostnames: string[]) {
  const attested = attestedGroup(owner, 'e', hostnames);
  await records
    .as(attestationViewer({ status: 'valid', records: attested }))
    .upsertAttested(attested);
  const read = await records.as(publicViewer()).listGroup(attested[0]!.groupId);
  return groupStoredRecords(read.map(storedRecordFromTable))[0]!;
}

describe('createReattestWriter on DynamoDB Local', () => {
  it('refreshes and deletes records whose Rev is unchanged, and leaves the rest alone', async () => {
    const fresh = await stored('https://a.example', ['me.a.com', 'com.a.me']);
    const doomed = await stored('https://b.example', ['me.b.com', 'com.b.me']);
    // Attested again since it was read: its Rev moved on to 2.
    await stored('https://b.example', ['me.b.com', 'com.b.me']);
    // The other one is gone already.
    await records
      .as(reattestationViewer())
      .deleteIfUnchanged({ groupId: fresh.groupId, hostname: fresh.records[1]!.hostname }, 1);

    const written: string[] = [];
    const writer = createReattestWriter(records.as(reattestationViewer()), {
      concurrency: 4,
      onWrite: (record, kind, outcome) =>
        written.push(`${kind} ${record.hostname} ${outcome.status}`),
    });
    const time = new Date('2026-02-03T04:05:06.000Z');
    const [refreshed, deleted] = await Promise.all([
      writer.applyGroup(fresh, 'refresh', time),
      writer.applyGroup(doomed, 'delete', time),
    ]);
    expect(refreshed).toEqual([{ status: 'updated' }, { status: 'missing' }]);
    expect(deleted).toEqual([
      { status: 'conflict', currentRev: 2 },
      { status: 'conflict', currentRev: 2 },
    ]);
    expect(written).toHaveLength(4);

    const after = await records
      .as(publicViewer())
      .get({ groupId: fresh.groupId, hostname: fresh.records[0]!.hostname });
    expect(after).toMatchObject({ rev: 2, validateTime: time });
    expect(await records.as(publicViewer()).listGroup(doomed.groupId)).toHaveLength(2);
  });

  it('deletes a group read at its current Rev', async () => {
    const group = await stored('https://c.example', ['me.c.com', 'com.c.me']);
    const writer = createReattestWriter(records.as(reattestationViewer()), { concurrency: 1 });
    expect(await writer.applyGroup(group, 'delete', new Date())).toEqual([
      { status: 'deleted' },
      { status: 'deleted' },
    ]);
    expect(await records.as(publicViewer()).listGroup(group.groupId)).toEqual([]);
  });
});
