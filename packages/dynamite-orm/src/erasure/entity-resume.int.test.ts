import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { uniqueName } from '@symval/local-services';
import { afterAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../test/dynamo.js';
import { runErasureChild } from '../../test/erasure-child-run.js';
import {
  type AppNames,
  connectApp,
  createAppTables,
  seedApp,
  snapshotApp,
} from '../../test/single-table-erasure.js';

const client = new DynamoDBClient(localClientConfig());
afterAll(() => client.destroy());

async function fresh(): Promise<AppNames> {
  const names = await createAppTables(client, uniqueName('sr'));
  await seedApp(client, names);
  return names;
}

describe('a killed single-table erasure, resumed', () => {
  it.each([1, 4])('equals an uninterrupted run when killed after step %i', async (killAt) => {
    const reference = await fresh();
    const straight = connectApp(client, reference).eraser;
    expect((await straight.executeErasure(await straight.planErasure('ada'))).status).toBe(
      'finished',
    );
    const expected = await snapshotApp(client, reference);

    const names = await fresh();
    const { planId, ended, stderr } = await runErasureChild({
      fixture: 'app',
      clientConfig: localClientConfig(),
      names,
      subject: 'ada',
      killAt,
    });
    expect([ended, stderr]).toEqual(['SIGKILL', '']);
    const { eraser } = connectApp(client, names);
    const pending = await eraser.pendingErasures();
    expect(pending.map((p) => [p.planId, p.subjectId, p.done, p.total])).toEqual([
      [planId, 'ada', killAt, 6],
    ]);
    const result = await eraser.resumeErasure(planId!, { batchSize: 1 });
    expect([result.status, result.resumedFrom, result.done, result.transactions]).toEqual([
      'finished',
      killAt,
      6,
      6 - killAt,
    ]);
    expect(await snapshotApp(client, names)).toEqual(expected);
    expect(await eraser.pendingErasures()).toEqual([]);
  });
});
