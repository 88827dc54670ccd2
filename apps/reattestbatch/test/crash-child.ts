// Runs one re-attestation in its own process against the test's DynamoDB Local table, s3rver
// bucket and DNS server (passed through CRASH_* variables). Before each lookup it prints
// `lookup <hostname>` and waits for a go-ahead line on stdin, so the test picks the lookup at
// which it kills the process (SIGKILL): no timing is involved.
import { createInterface } from 'node:readline';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { createDnsClaimResolver } from '@symval/dns-claims';
import { connectRecords } from '@symval/records';
import { runReattestBatch } from '../src/run/run-batch.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`crash-child: ${name} is not set`);
  return value;
};

const goAhead = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const dynamo = new DynamoDBClient(JSON.parse(env('CRASH_DYNAMODB_CONFIG')));
const s3 = new S3Client(JSON.parse(env('CRASH_S3_CONFIG')));
const inner = createDnsClaimResolver({ servers: [env('CRASH_DNS')], timeoutMs: 5000, tries: 1 });
const summary = await runReattestBatch({
  s3,
  source: JSON.parse(env('CRASH_SOURCE')),
  records: connectRecords(dynamo, { tableName: env('CRASH_TABLE') }),
  resolver: {
    async lookup(domain) {
      console.log(`lookup ${domain}`);
      await goAhead.next();
      return inner.lookup(domain);
    },
  },
  concurrency: 1,
  graceHours: 72,
  now: () => new Date(env('CRASH_NOW')),
});
console.log(`finished ${JSON.stringify(summary)}`);
s3.destroy();
dynamo.destroy();
process.exit(0);
