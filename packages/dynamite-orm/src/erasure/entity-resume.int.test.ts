// A single-table erasure killed part-way (SIGKILL of the process running it) and resumed ends
// exactly where an uninterrupted run ends, whichever step it was killed after.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { uniqueName } from '@symval/local-services';
import { afterAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../test/dynamo.js';
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

/** Runs the erasure of ada in a child process and SIGKILLs it when it reports step `killAt`. */
async function runChildUntil(names: AppNames, killAt: number) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(new URL('../../test/single-table-erasure-child.ts', import.meta.url)),
    ],
    {
      env: {
        ...process.env,
        ERASURE_CLIENT_CONFIG: JSON.stringify(localClientConfig()),
        ERASURE_TABLE_NAMES: JSON.stringify(names),
        ERASURE_SUBJECT: 'ada',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let planId: string | undefined;
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line.startsWith('plan ')) planId = line.split(' ')[1];
    if (line === `progress ${killAt}`) child.kill('SIGKILL');
    else if (line.startsWith('progress ')) child.stdin.write('go\n');
  });
  const ended = await new Promise<string>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? `exit ${code}`)),
  );
  return { planId, ended, stderr };
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
    const { planId, ended, stderr } = await runChildUntil(names, killAt);
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
