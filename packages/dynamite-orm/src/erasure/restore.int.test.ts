// Erasure after data comes back from a backup, against DynamoDB Local. DynamoDB Local has no
// point-in-time recovery, so a restore is played by writing the rows of a snapshot back as
// stored items (what a restored table holds), without going through the mapper's policies.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { uniqueName } from '@symval/local-services';
import { afterAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../test/dynamo.js';
import {
  connectSocial,
  createSocialTables,
  restoreSnapshot,
  seedSocial,
  snapshot,
  type TableNames,
} from '../../test/erasure-env.js';
import { seed } from '../../test/social.js';

const client = new DynamoDBClient(localClientConfig());
afterAll(() => client.destroy());

const restore = (names: TableNames, rows: Awaited<ReturnType<typeof snapshot>>) =>
  restoreSnapshot(client, names, rows);

async function fresh() {
  const names = await createSocialTables(client, uniqueName('r'));
  await seedSocial(client, names);
  return { names, ...connectSocial(client, names), backup: await snapshot(client, names) };
}

/** What the fixture holds after erasing alice (as in the erasure tests). */
function afterAlice() {
  const rows = structuredClone(seed);
  return {
    users: rows.users.filter((u) => u.userId !== 'alice'),
    rooms: [{ roomId: 'r-bob', hostId: 'bob', title: 'Bob room', version: 1 }],
    topics: [{ roomId: 'r-bob', topicId: 't1', title: 'sports' }],
    follows: [rows.follows[3]],
    messages: [
      { roomId: 'r-bob', messageId: 'm1', text: 'hi bob' },
      rows.messages[1],
      { roomId: 'r-bob', messageId: 'm3', text: 'no name given' },
      rows.messages[3],
    ],
    settings: rows.settings,
  };
}

describe('erasure after a restore from backup', () => {
  it('acts on the restored rows when asked again, though they are the rows it erased before', async () => {
    const { names, eraser, backup } = await fresh();
    const first = await eraser.planErasure('alice');
    expect(await eraser.executeErasure(first)).toMatchObject({ status: 'finished', done: 15 });
    expect(await snapshot(client, names)).toEqual(afterAlice());

    await restore(names, backup);
    expect(await snapshot(client, names)).toEqual(backup);
    // The same rows give the same steps, but a new request is a new plan: it runs.
    const again = await eraser.planErasure('alice');
    expect(again.steps).toEqual(first.steps);
    expect(again.id).not.toBe(first.id);
    const result = await eraser.executeErasure(again);
    expect(result).toMatchObject({ status: 'finished', done: 15, resumedFrom: 0 });
    expect(result.transactions).toBeGreaterThan(0);
    expect(await snapshot(client, names)).toEqual(afterAlice());
    // Running the first plan again is the same request again: it writes nothing.
    expect(await eraser.executeErasure(first)).toMatchObject({
      status: 'finished',
      transactions: 0,
    });
  });

  it('re-applies every erasure since the restore point, and only those, from the ledger', async () => {
    const { names, eraser, backup } = await fresh();
    await eraser.executeErasure(await eraser.planErasure('carol'));
    const [carol] = await eraser.erasureLedger();
    expect(carol).toMatchObject({ subjectId: 'carol', erasures: 1 });
    // The restore point: after carol's erasure, before alice's.
    const since = new Date(carol!.lastErasedAt.getTime() + 1);
    await eraser.executeErasure(await eraser.planErasure('alice'));
    expect((await eraser.erasureLedger({ since })).map((e) => e.subjectId)).toEqual(['alice']);
    expect((await eraser.erasureLedger()).map((e) => e.subjectId)).toEqual(['carol', 'alice']);

    // Every table comes back as it was before both erasures.
    await restore(names, backup);
    const planned = await eraser.reapplyErasures({ since, dryRun: true });
    expect(planned).toMatchObject({ status: 'planned', notReached: [] });
    expect(planned.subjects.map((s) => [s.subjectId, s.steps, s.result])).toEqual([
      ['alice', 15, undefined],
    ]);
    expect(await snapshot(client, names)).toEqual(backup);

    const seen: string[] = [];
    const reapplied = await eraser.reapplyErasures({
      since,
      onSubject: (outcome) => {
        seen.push(outcome.subjectId);
      },
    });
    expect(reapplied.status).toBe('done');
    expect(seen).toEqual(['alice']);
    expect(reapplied.subjects[0]?.result).toMatchObject({ status: 'finished', done: 15 });
    // Alice is erased again; carol, erased before the restore point, is as the backup has her.
    expect(await snapshot(client, names)).toEqual(afterAlice());
    const ledger = await eraser.erasureLedger();
    expect(ledger.find((e) => e.subjectId === 'alice')).toMatchObject({ erasures: 2 });
  });

  it('refuses a restore point that is not a date', async () => {
    const { eraser } = await fresh();
    await expect(eraser.reapplyErasures({ since: new Date('nope') })).rejects.toThrow(
      /needs since: the Date the data was restored to/,
    );
  });
});
