// Runs one erasure in its own process, a step per transaction, slowly, printing its progress:
// the test kills it part-way with SIGKILL and resumes the run.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { connectSocial } from './erasure-env.js';

const client = new DynamoDBClient(JSON.parse(process.env.ERASURE_CLIENT_CONFIG!));
const { eraser } = connectSocial(client, JSON.parse(process.env.ERASURE_TABLE_NAMES!));
const plan = await eraser.planErasure(process.env.ERASURE_SUBJECT!);
console.log(`plan ${plan.id} ${plan.steps.length}`);
await eraser.executeErasure(plan, {
  batchSize: 1,
  onProgress: async ({ done }) => {
    console.log(`progress ${done}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  },
});
console.log('finished');
client.destroy();
