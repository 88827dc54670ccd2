// pnpm bench: the snapshot builder's figures on this machine.
//  1. Apply a 100-event batch to a 100,000-record state and serialise the public JSON, against
//     JSON.parse + JSON.stringify of the same document in the same run (target: <= 2x).
//  2. Peak memory of (1) against the document size (target: <= 3x), in a child process.
//  3. A full rebuild of 100,000 records from DynamoDB Local (parallel scan), records/s, against
//     a raw paginated Scan of the same table.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DynamoDBClient,
  ScanCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { dynamoDbClientConfig, startDynamoDbLocal } from '@symval/local-services';
import { connectRecords, recordsTableInput, serializeSnapshot } from '@symval/records';
import { applyStreamBatch, publicRecords, rebuildFromTable } from '../src/index.js';
import { syntheticBatch, syntheticRecord, syntheticState } from './workload.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const N = 100_000;
const cpus = os.cpus();
console.log(
  `machine: ${cpus.length} x ${cpus[0]?.model ?? 'unknown cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median times of several operations, measured in alternation so load on the machine hits all alike. */
function timeTogether(runs: (() => unknown)[], rounds = 11): number[] {
  for (const run of runs) run(); // warm up
  const samples = runs.map(() => [] as number[]);
  for (let i = 0; i < rounds; i++) {
    runs.forEach((run, k) => {
      const start = performance.now();
      run();
      samples[k]!.push(performance.now() - start);
    });
  }
  return samples.map(median);
}

// 1. Apply + serialise vs JSON.parse + JSON.stringify.
const state = syntheticState(N);
const batch = syntheticBatch(N, 100);
const doc = serializeSnapshot(publicRecords(state));
const applied = applyStreamBatch(state, batch);
if (applied.applied !== 100 || applied.failures.length)
  throw new Error('the batch did not apply cleanly');
const [builderMs, floorMs, applyMs] = timeTogether([
  () => serializeSnapshot(publicRecords(applyStreamBatch(state, batch).state)),
  () => JSON.stringify(JSON.parse(doc), null, 2),
  () => applyStreamBatch(state, batch),
]) as [number, number, number];
console.log(
  `\n1. apply 100 events to ${N.toLocaleString('en')} records + serialise (${(Buffer.byteLength(doc) / 2 ** 20).toFixed(1)} MiB)`,
);
console.log(
  `   builder (apply + serialise):        ${builderMs.toFixed(1)} ms (apply alone ${applyMs.toFixed(1)} ms)`,
);
console.log(`   floor JSON.parse + JSON.stringify:  ${floorMs.toFixed(1)} ms`);
console.log(
  `   ratio ${(builderMs / floorMs).toFixed(2)}x (target <= 2x) ${builderMs <= 2 * floorMs ? 'OK' : 'MISSED'}`,
);

// 2. Memory, in a child process (see bench/memory.ts for the method).
const memory = JSON.parse(
  execFileSync(
    process.execPath,
    [
      '--expose-gc',
      '--max-semi-space-size=1',
      '--initial-old-space-size=4096',
      '--import',
      'tsx',
      fileURLToPath(new URL('./memory.ts', import.meta.url)),
      String(N),
    ],
    {
      encoding: 'utf8',
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    },
  ),
) as {
  documentBytes: number;
  young: number;
  builder: { bound: number; fullGcs: number };
  floor: { bound: number; fullGcs: number };
};
const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
const times = (b: number) => `${(b / memory.documentBytes).toFixed(2)}x`;
console.log(
  `\n2. peak memory (upper bound: old-generation growth + ${mib(memory.young)} young generation, no full GC; see bench/memory.ts)`,
);
console.log(`   document ${mib(memory.documentBytes)}`);
console.log(
  `   builder <= ${mib(memory.builder.bound)} (${times(memory.builder.bound)}), full GCs during: ${memory.builder.fullGcs}`,
);
console.log(
  `   floor   <= ${mib(memory.floor.bound)} (${times(memory.floor.bound)}), full GCs during: ${memory.floor.fullGcs}`,
);
const bounded = memory.builder.fullGcs === 0;
console.log(
  `   target <= 3x the document: ${memory.builder.bound <= 3 * memory.documentBytes ? 'OK' : 'MISSED'}${bounded ? '' : ' (a full GC ran: not a bound)'}`,
);

// 3. Full rebuild from DynamoDB Local.
const ddb = await startDynamoDbLocal();
const client = new DynamoDBClient(dynamoDbClientConfig(ddb));
try {
  const tableName = `bench-records-${Date.now()}`;
  await client.send(new CreateTableCommand(recordsTableInput({ tableName })));
  const loadStart = performance.now();
  const requests: WriteRequest[][] = [];
  for (let i = 0; i < N; i += 25) {
    requests.push(
      Array.from({ length: Math.min(25, N - i) }, (_, k) => {
        const r = syntheticRecord(i + k);
        return {
          PutRequest: {
            Item: {
              pk: { S: r.GroupID },
              sk: { S: r.Hostname },
              Owner: { S: r.Owner },
              Type: { S: r.Type },
              ValidateTime: { S: r.ValidateTime },
              Rev: { N: '1' },
            },
          },
        };
      }),
    );
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < requests.length) {
        let pending = requests[next++]!;
        while (pending.length) {
          const out = await client.send(
            new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }),
          );
          pending = out.UnprocessedItems?.[tableName] ?? [];
        }
      }
    }),
  );
  console.log(
    `\n3. full rebuild of ${N.toLocaleString('en')} records from DynamoDB Local (loaded in ${((performance.now() - loadStart) / 1000).toFixed(1)} s)`,
  );
  const records = connectRecords(client, { tableName });
  for (const segments of [1, 4, 8]) {
    const start = performance.now();
    const rebuilt = await rebuildFromTable(records.asSystem('bench-rebuild').listAll({ segments }));
    const seconds = (performance.now() - start) / 1000;
    if (rebuilt.entries.size !== N) throw new Error(`rebuilt ${rebuilt.entries.size} records`);
    console.log(
      `   rebuildFromTable, ${segments} segment(s): ${seconds.toFixed(2)} s, ${Math.round(N / seconds).toLocaleString('en')} records/s`,
    );
  }
  const rawStart = performance.now();
  let count = 0;
  await Promise.all(
    Array.from({ length: 4 }, async (_, segment) => {
      let startKey: Record<string, never> | undefined;
      do {
        const out = await client.send(
          new ScanCommand({
            TableName: tableName,
            Segment: segment,
            TotalSegments: 4,
            ExclusiveStartKey: startKey,
          }),
        );
        count += out.Items?.length ?? 0;
        startKey = out.LastEvaluatedKey as typeof startKey;
      } while (startKey);
    }),
  );
  const rawSeconds = (performance.now() - rawStart) / 1000;
  console.log(
    `   baseline raw Scan, 4 segments, no decoding: ${rawSeconds.toFixed(2)} s, ${Math.round(count / rawSeconds).toLocaleString('en')} records/s`,
  );
} finally {
  client.destroy();
  await ddb.stop();
}
