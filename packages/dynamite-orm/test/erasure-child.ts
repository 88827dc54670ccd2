// Runs one erasure in its own process, a step per transaction, printing its progress, over the
// fixture ERASURE_FIXTURE names (`social`, the default: test/erasure-env.ts; `app`: the single
// table of test/single-table-erasure.ts). After each step it waits for a go-ahead line on
// stdin, so the test decides at which step it kills the process (SIGKILL) and then resumes
// the run: no timing is involved.
import { createInterface } from 'node:readline';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { connectSocial } from './erasure-env.js';
import { connectApp } from './single-table-erasure.js';

const goAhead = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const client = new DynamoDBClient(JSON.parse(process.env.ERASURE_CLIENT_CONFIG!));
const names = JSON.parse(process.env.ERASURE_TABLE_NAMES!);
const { eraser } =
  process.env.ERASURE_FIXTURE === 'app' ? connectApp(client, names) : connectSocial(client, names);
const plan = await eraser.planErasure(process.env.ERASURE_SUBJECT!);
console.log(`plan ${plan.id} ${plan.steps.length}`);
await eraser.executeErasure(plan, {
  batchSize: 1,
  onProgress: async ({ done }) => {
    console.log(`progress ${done}`);
    await goAhead.next();
  },
});
console.log('finished');
client.destroy();
