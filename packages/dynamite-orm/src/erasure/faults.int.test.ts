import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  faultSeeds,
  type HttpFaultRule,
  reportFaultRun,
  startFaultProxy,
  uniqueName,
} from '@symval/local-services';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { localClientConfig } from '../../test/dynamo.js';
import { runErasureChild } from '../../test/erasure-child-run.js';
import {
  connectSocial,
  createSocialTables,
  seedSocial,
  snapshot,
  type TableNames,
} from '../../test/erasure-env.js';

const client = new DynamoDBClient(localClientConfig());
afterAll(() => client.destroy());

/** The faults of AWS that an erasure meets: throttling, 500s, resets before and after the write. */
const RULES: HttpFaultRule[] = [
  {
    match: 'TransactWriteItems',
    probability: 0.15,
    fault: { type: 'error', code: 'ProvisionedThroughputExceededException' },
  },
  // The transaction is applied and its answer lost: the retry finds the step already done.
  { match: 'TransactWriteItems', probability: 0.1, fault: { type: 'reset', at: 'response' } },
  {
    match: 'TransactWriteItems',
    probability: 0.05,
    fault: { type: 'error', code: 'InternalServerError' },
  },
  {
    match: ['Query', 'Scan', 'GetItem', 'BatchGetItem'],
    probability: 0.1,
    fault: { type: 'error', code: 'ThrottlingException' },
  },
  {
    match: ['Query', 'Scan', 'GetItem', 'BatchGetItem'],
    probability: 0.05,
    fault: { type: 'reset' },
  },
  {
    match: ['PutItem', 'UpdateItem', 'DeleteItem'],
    probability: 0.1,
    fault: { type: 'reset', at: 'response' },
  },
];

async function freshSocial(): Promise<TableNames> {
  const names = await createSocialTables(client, uniqueName('ef'));
  await seedSocial(client, names);
  return names;
}

/** The end state of erasing alice without faults or interruption: what every faulty run must reach. */
async function uninterrupted(): Promise<Awaited<ReturnType<typeof snapshot>>> {
  const names = await freshSocial();
  const { eraser } = connectSocial(client, names);
  const result = await eraser.executeErasure(await eraser.planErasure('alice'));
  expect(result.status).toBe('finished');
  return snapshot(client, names);
}

const TRANSIENT =
  /ThrottlingException|ProvisionedThroughputExceeded|InternalServerError|ECONNRESET|socket hang up/;

/** The name of an AWS error or connection failure a caller retries, or undefined for anything else. */
function transientName(error: unknown): string | undefined {
  const { name, code, message } = error as { name?: string; code?: string; message?: string };
  return [name, code, message].find((part) => part && TRANSIENT.test(part));
}

/** A step of the seeded schedule: which step to kill at, from the seed alone. */
const killStepOf = (seed: number) => 2 + (seed % 11);

describe('erasure under DynamoDB faults, killed and resumed', () => {
  it.each(faultSeeds([1, 2, 3]))('seed %i ends as an uninterrupted run does', async (seed) => {
    const expected = await uninterrupted();
    const names = await freshSocial();
    const proxy = await startFaultProxy({
      target: inject('dynamodb'),
      kind: 'dynamodb',
      seed,
      rules: RULES,
    });
    const faulty = new DynamoDBClient({ ...localClientConfig(), endpoint: proxy.endpoint });
    const caused: Record<string, number> = {};
    const count = (what: string) => {
      caused[what] = (caused[what] ?? 0) + 1;
    };
    try {
      const killAt = killStepOf(seed);
      // The child goes through the proxy too: it may die of a fault before it is killed.
      const first = await runErasureChild({
        fixture: 'social',
        clientConfig: { ...localClientConfig(), endpoint: proxy.endpoint },
        names,
        subject: 'alice',
        killAt,
      });
      count(first.ended === 'SIGKILL' ? 'killed' : 'crashed');
      // A crash must be a retryable AWS error that outlasted the SDK's attempts, never a bug.
      if (first.ended !== 'SIGKILL') {
        expect(first.stderr).toMatch(TRANSIENT);
      }

      // The operator's way back: resume what is pending (or start again if nothing was
      // stored), as many times as faults make a resume fail. Each failure is a retryable one.
      const { eraser } = connectSocial(faulty, names);
      let finished = false;
      for (let attempt = 0; attempt < 20 && !finished; attempt++) {
        try {
          const [pending] = await eraser.pendingErasures();
          const result = pending
            ? await eraser.resumeErasure(pending.planId, { batchSize: 2 })
            : await eraser.executeErasure(await eraser.planErasure('alice'), { batchSize: 2 });
          expect(result.status).toBe('finished');
          count(pending ? 'resumed' : 'restarted');
          finished = true;
        } catch (error) {
          expect(transientName(error), String(error)).toBeDefined();
          count(`resume failed: ${transientName(error)}`);
        }
      }
      expect(finished).toBe(true);
      if (first.planId) expect(caused.restarted ?? 0).toBe(0);

      expect(await snapshot(client, names)).toEqual(expected);
      expect(await connectSocial(client, names).eraser.pendingErasures()).toEqual([]);
      // The faults really happened: a schedule that injected nothing would prove nothing.
      expect(proxy.stats.injected).toBeGreaterThan(0);
      reportFaultRun({
        scenario: `erasure killed at step ${killAt}`,
        seed,
        injected: proxy.stats.byFault,
        caused,
      });
    } finally {
      faulty.destroy();
      await proxy.stop();
    }
  });
});
