// reapplyErasures and unfinished runs, against DynamoDB Local: an unfinished run is planned
// again from the data as it is now, and its old run is marked superseded (its plan slices
// deleted), so pendingErasures no longer lists it.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { uniqueName } from '@symval/local-services';
import { afterAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../test/dynamo.js';
import { connectSocial, createSocialTables, seedSocial } from '../../test/erasure-env.js';

const client = new DynamoDBClient(localClientConfig());
afterAll(() => client.destroy());

describe('reapplyErasures over an unfinished run', () => {
  it('supersedes the old run once the new plan has run', async () => {
    const names = await createSocialTables(client, uniqueName('s'));
    await seedSocial(client, names);
    const { eraser, checkpoints } = connectSocial(client, names);
    const plan = await eraser.planErasure('alice');
    const stop = new AbortController();
    const stopped = await eraser.executeErasure(plan, {
      batchSize: 1,
      signal: stop.signal,
      onProgress: () => stop.abort(),
    });
    expect(stopped).toMatchObject({ status: 'stopped', done: 1 });
    expect((await eraser.pendingErasures()).map((p) => p.planId)).toEqual([plan.id]);

    const result = await eraser.reapplyErasures({ since: new Date() });
    expect(result.status).toBe('done');
    const [alice] = result.subjects;
    expect(alice).toMatchObject({ subjectId: 'alice', superseded: [plan.id] });
    expect(alice!.planId).not.toBe(plan.id);
    expect(alice!.result).toMatchObject({ status: 'finished' });
    expect(await eraser.pendingErasures()).toEqual([]);

    const cp = checkpoints.asSystem('test');
    const old = await cp.get({ planId: plan.id, part: 0 }, { consistentRead: true });
    expect(old).toMatchObject({ status: 'superseded', supersededBy: alice!.planId });
    expect(old!.expiresAt).toBeInstanceOf(Date);
    // Its plan slices (the erased values) are gone: no resume reads them now.
    const slices = await cp.query({
      key: { planId: plan.id, part: { ge: 1 } },
      consistentRead: true,
    });
    expect(slices.items).toEqual([]);
    // Resuming the superseded run is refused rather than run on a deleted plan, naming the
    // plan that replaced it; so is re-planning its skips.
    const refused = {
      code: 'request.invalid',
      message: `erasure plan ${plan.id} was superseded by plan ${alice!.planId}, which reapplyErasures made from the data as it is now; resume or inspect that plan instead`,
    };
    await expect(eraser.resumeErasure(plan.id)).rejects.toMatchObject(refused);
    await expect(eraser.replanSkipped(plan.id)).rejects.toMatchObject(refused);
  });
});
