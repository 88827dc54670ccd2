import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamiteError, verifyErasure } from '@symval/dynamite-orm';
import { uniqueName } from '@symval/local-services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecordsTable, localClient } from '../../test/dynamo.js';
import { attestedGroup } from '../../test/groups.js';
import {
  checkpointTableInputs,
  createOwnerEraser,
  verifyRecordsErasure,
} from '../erasure/erase-owner.js';
import { connectRecords, type RecordsClient } from '../operations/records-client.js';
import { domainRecords } from './domain-records.js';
import { attestationViewer, publicViewer, reattestationViewer } from './viewers.js';

const client = localClient();
let records: RecordsClient;
let tableName: string;

beforeAll(async () => {
  tableName = await createRecordsTable(client);
  records = connectRecords(client, { tableName });
});
afterAll(() => client.destroy());

const mine = attestedGroup('https://mine.example', 'a', ['zb.snus.suns.bz']);
const theirs = attestedGroup('https://theirs.example', 'b', ['zq.suns.bz']);

async function denial(promise: Promise<unknown>): Promise<DynamiteError> {
  const error: unknown = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DynamiteError);
  expect((error as DynamiteError).code).toBe('policy.denied');
  return error as DynamiteError;
}

describe('write policies', () => {
  it('let an attestation viewer write the hostnames of its valid result, and nothing else', async () => {
    const viewer = attestationViewer({ status: 'valid', records: mine });
    expect((await records.as(viewer).upsertAttested(mine)).status).toBe('updated');
    await denial(records.as(viewer).upsertAttested(theirs));
    await denial(
      records.as(attestationViewer({ status: 'invalid', records: theirs })).upsertAttested(theirs),
    );
    await denial(records.as(viewer).deleteIfUnchanged(mine[0]!, 1));
    expect(await records.as(publicViewer()).listGroup(theirs[0]!.groupId)).toEqual([]);
  });

  it('let a re-attestation viewer only refresh ValidateTime or delete, conditionally on Rev', async () => {
    const reattest = records.as(reattestationViewer());
    await denial(reattest.upsertAttested(mine));
    const result = await reattest.setValidationIfUnchanged(mine[0]!, 1, new Date('2026-01-01Z'));
    expect(result.status).toBe('updated');
    await denial(
      records.db
        .as(reattestationViewer())
        .update(
          { groupId: mine[0]!.groupId, hostname: mine[0]!.hostname },
          { set: { owner: 'https://x.example' } },
          { expectedVersion: 2 },
        ),
    );
    expect(await reattest.deleteIfUnchanged(mine[0]!, 2)).toMatchObject({ status: 'deleted' });
  });

  it('let everyone read, and deny writes to other viewers and system jobs', async () => {
    await records
      .as(attestationViewer({ status: 'valid', records: theirs }))
      .upsertAttested(theirs);
    expect(await records.as(publicViewer()).listGroup(theirs[0]!.groupId)).toHaveLength(1);
    expect(await records.asSystem('snapshot-rebuild').listGroup(theirs[0]!.groupId)).toHaveLength(
      1,
    );
    await denial(records.as(publicViewer()).deleteIfUnchanged(theirs[0]!, 1));
    await denial(records.asSystem('snapshot-rebuild').deleteIfUnchanged(theirs[0]!, 1));
  });
});

describe('erasure', () => {
  it('passes verifyErasure: the owner is the subject, reached through byOwner', () => {
    const report = verifyRecordsErasure();
    expect(report.status).toBe('pass');
    expect(verifyErasure([domainRecords]).status).toBe('pass');
    // dynamite's checkpoint table has a `none` decision: a person reviews it.
    expect(verifyRecordsErasure({ withCheckpoints: true }).status).toBe('review');
    expect(report.findings.filter((f) => f.severity !== 'note')).toEqual([]);
  });

  it('erases every record of an owner and no one else’s', async () => {
    const owner = 'https://erase-me.example';
    const groups = [
      attestedGroup(owner, 'a', ['abba.example']),
      attestedGroup(owner, 'e', ['me.example.com', 'com.example.me']),
    ];
    const keep = attestedGroup('https://keep.example', 'a', ['abba.example']);
    for (const g of [...groups, keep]) {
      await records.as(attestationViewer({ status: 'valid', records: g })).upsertAttested(g);
    }
    const checkpointsName = uniqueName('erasure-checkpoints');
    await client.send(new CreateTableCommand(checkpointTableInputs(checkpointsName).create));
    const eraser = createOwnerEraser(client, {
      tableName,
      checkpointTableName: checkpointsName,
      logger: () => {},
    });
    const plan = await eraser.planErasure(owner);
    expect(plan.steps.map((s) => s.action)).toEqual(['delete', 'delete', 'delete']);
    const result = await eraser.executeErasure(plan);
    expect(result.status).toBe('finished');
    expect(await records.as(publicViewer()).listByOwner(owner)).toEqual([]);
    for (const g of groups)
      expect(await records.as(publicViewer()).listGroup(g[0]!.groupId)).toEqual([]);
    expect(await records.as(publicViewer()).listGroup(keep[0]!.groupId)).toHaveLength(1);
  });
});
