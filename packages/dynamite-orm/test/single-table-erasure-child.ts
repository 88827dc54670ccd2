// Runs one erasure over the single-table fixture in its own process, a step per transaction,
// printing its progress; after each step it waits for a go-ahead line on stdin, so the test
// decides at which step it kills the process (SIGKILL). No timing is involved.
import { createInterface } from 'node:readline';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { connectApp } from './single-table-erasure.js';

const goAhead = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const client = new DynamoDBClient(JSON.parse(process.env.ERASURE_CLIENT_CONFIG!));
const { eraser } = connectApp(client, JSON.parse(process.env.ERASURE_TABLE_NAMES!));
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
