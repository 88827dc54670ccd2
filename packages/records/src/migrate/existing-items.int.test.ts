// The existing club's items (no Rev, hostnames as submitted, extra attributes) on DynamoDB
// Local: read, written conditionally, given a Rev, and audited.
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecordsTable, localClient } from '../../test/dynamo.js';
import { existingGroup, putRaw } from '../../test/existing-club.js';
import { DynamiteError } from '../index.js';
import { connectRecords, type RecordsClient } from '../operations/records-client.js';
import { groupStoredRecords } from '../reattest/group-records.js';
import { storedRecordFromTable } from '../reattest/stored-record.js';
import { createReattestWriter } from '../reattest/writer.js';
import {
  attestationViewer,
  migrationViewer,
  publicViewer,
  reattestationViewer,
} from '../table/viewers.js';
import { approximateItemCount, auditStoredItems } from './scan-items.js';

const client = localClient();
let tableName: string;
let records: RecordsClient;
const OWNER = 'https://owner.example';

beforeAll(async () => {
  tableName = await createRecordsTable(client);
  records = connectRecords(client, { tableName });
});
afterAll(() => client.destroy());

async function storedRev(groupId: string, hostname: string): Promise<string | undefined> {
  const out = await client.send(
    new GetItemCommand({
      TableName: tableName,
      Key: { pk: { S: groupId }, sk: { S: hostname } },
      ConsistentRead: true,
    }),
  );
  return out.Item?.Rev?.N;
}

describe('items the existing club wrote, on DynamoDB Local', () => {
  it('are listed, grouped and read by key, Rev 0 and hostnames exactly as stored', async () => {
    const upper = existingGroup(OWNER, 'b', ['ZQ.suns.bz'], { shape: 'dto' });
    const dotted = existingGroup(OWNER, 'a', ['zb.snus.suns.bz.'], { shape: 'first' });
    await putRaw(client, tableName, [...upper, ...dotted]);
    const reader = records.as(publicViewer());
    expect(await reader.listGroup(upper[0]!.groupId)).toEqual([
      {
        groupId: upper[0]!.groupId,
        hostname: 'ZQ.suns.bz',
        owner: OWNER,
        type: 'b',
        validateTime: new Date('2025-10-15T12:34:56.123Z'),
        rev: 0,
      },
    ]);
    const all = [];
    for await (const record of records.asSystem('snapshot-rebuild').listAll({ segments: 2 })) {
      all.push(record);
    }
    const ours = all.filter((r) => r.owner === OWNER).map((r) => `${r.hostname} ${r.rev}`);
    expect(ours.sort()).toEqual(['ZQ.suns.bz 0', 'zb.snus.suns.bz. 0']);
    expect(
      (await reader.get({ groupId: dotted[0]!.groupId, hostname: 'zb.snus.suns.bz.' }))?.rev,
    ).toBe(0);
  });

  it('are refreshed and deleted by re-attestation with Rev 0 expected, which then is 1', async () => {
    const [kept] = existingGroup(OWNER, 'b', ['ZQ.SU.NS.bz'], { shape: 'dto' }).map((i) => i);
    const doomed = existingGroup(
      'https://gone.example',
      'e',
      ['Me.Example.com', 'com.example.me'],
      {
        shape: 'first',
      },
    );
    await putRaw(client, tableName, [kept!, ...doomed]);
    const [keptGroup, doomedGroup] = await Promise.all(
      [kept!.groupId, doomed[0]!.groupId].map(async (id) =>
        groupStoredRecords(
          (await records.as(publicViewer()).listGroup(id)).map(storedRecordFromTable),
        ),
      ),
    );
    const writer = createReattestWriter(records.as(reattestationViewer()), { concurrency: 2 });
    const time = new Date('2026-12-01T00:00:00.000Z');
    expect(await writer.applyGroup(keptGroup![0]!, 'refresh', time)).toEqual([
      { status: 'updated' },
    ]);
    expect(await storedRev(kept!.groupId, kept!.hostname)).toBe('1');
    // The same Rev 0 again: the record has Rev 1 now, so nothing is written.
    expect(await writer.applyGroup(keptGroup![0]!, 'refresh', time)).toEqual([
      { status: 'conflict', currentRev: 1 },
    ]);
    expect(await writer.applyGroup(doomedGroup![0]!, 'delete')).toEqual([
      { status: 'deleted' },
      { status: 'deleted' },
    ]);
    expect(await records.as(publicViewer()).listGroup(doomed[0]!.groupId)).toEqual([]);
  });

  it('are written by a new attestation of the same group, Rev then 1', async () => {
    const [item] = existingGroup(OWNER, 'b', ['zq.zq.suns.bz'], { shape: 'dto' });
    await putRaw(client, tableName, [item!]);
    const attested = [
      {
        owner: OWNER,
        type: 'b' as const,
        hostname: item!.hostname,
        groupId: item!.groupId,
        validateTime: new Date(),
      },
    ];
    const result = await records
      .as(attestationViewer({ status: 'valid', records: attested }))
      .upsertAttested(attested);
    expect(result.status).toBe('updated');
    expect(await storedRev(item!.groupId, item!.hostname)).toBe('1');
  });

  it('get a Rev from the migration viewer, only where they have none', async () => {
    const items = existingGroup(OWNER, 'e', ['me.mig.com', 'com.mig.me'], { shape: 'first' });
    const versioned = existingGroup(OWNER, 'b', ['zq.mig.bz'], { shape: 'rev', rev: 4 });
    await putRaw(client, tableName, [...items, ...versioned]);
    const migrate = records.as(migrationViewer());
    const added = await migrate.addMissingRev({
      groupId: items[0]!.groupId,
      hostname: 'me.mig.com',
    });
    expect(added).toMatchObject({ status: 'added', record: { hostname: 'me.mig.com', rev: 1 } });
    expect(
      await migrate.addMissingRev({ groupId: items[0]!.groupId, hostname: 'me.mig.com' }),
    ).toMatchObject({
      status: 'versioned',
      currentRev: 1,
    });
    expect(
      await migrate.addMissingRev({ groupId: versioned[0]!.groupId, hostname: 'zq.mig.bz' }),
    ).toMatchObject({ status: 'versioned', currentRev: 4 });
    expect(
      await migrate.addMissingRev({ groupId: items[0]!.groupId, hostname: 'nope.example' }),
    ).toEqual({
      status: 'missing',
    });
    // Nothing else changed: owner, type, time and the old writer's extra attributes stay.
    const raw = await client.send(
      new GetItemCommand({
        TableName: tableName,
        Key: { pk: { S: items[0]!.groupId }, sk: { S: 'me.mig.com' } },
        ConsistentRead: true,
      }),
    );
    expect(raw.Item).toEqual({ ...items[0]!.item, Rev: { N: '1' } });
    // Other viewers may not do it.
    const refused = await records
      .as(publicViewer())
      .addMissingRev({ groupId: items[1]!.groupId, hostname: 'com.mig.me' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DynamiteError);
    expect((refused as DynamiteError).code).toBe('policy.denied');
    expect(await storedRev(items[1]!.groupId, 'com.mig.me')).toBeUndefined();
  });
});

describe('auditStoredItems', () => {
  it('reports every item, the ones the schema refuses included, with what is amiss', async () => {
    const audited = connectRecords(client, { tableName: await createRecordsTable(client) });
    const name = audited.db.tableName;
    const good = existingGroup(OWNER, 'e', ['Me.Audit.com', 'com.audit.me'], { shape: 'first' });
    const versioned = existingGroup(OWNER, 'b', ['zq.audit.bz'], { shape: 'rev', rev: 2 });
    const unknown = existingGroup(OWNER, 'x', ['odd.audit.example'], { shape: 'dto' });
    await putRaw(client, name, [...good, ...versioned, ...unknown]);
    const items = [];
    for await (const item of auditStoredItems(audited, { pageSize: 2 })) items.push(item);
    const byHost = new Map(items.map((item) => [item.hostname, item]));
    expect(items).toHaveLength(4);
    expect(byHost.get('Me.Audit.com')).toMatchObject({
      revMissing: true,
      issues: [],
      extraAttributes: ['GroupID', 'Hostname'],
      record: { hostname: 'Me.Audit.com', rev: 0 },
    });
    expect(byHost.get('zq.audit.bz')).toMatchObject({ revMissing: false, record: { rev: 2 } });
    expect(byHost.get('odd.audit.example')).toMatchObject({
      record: undefined,
      type: 'x',
      owner: OWNER,
      revMissing: true,
      issues: [{ path: 'type', received: 'x' }],
    });
    expect(await approximateItemCount(audited)).toBe(4);
  });
});
