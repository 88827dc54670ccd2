// `pnpm bench`: the time to re-attest 1,000 groups end to end (snapshot and state from s3rver,
// claims from the local DNS server, conditional updates in DynamoDB Local), against the same
// groups attested without reading S3 or writing (reattestGroups alone) in the same run.
import os from 'node:os';

// The SDK warns once that Node 20 support ends in 2027; the figures do not need it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { type AttestedRecord, reattestGroups } from '@symval/attestation';
import { createDnsClaimResolver } from '@symval/dns-claims';
import { calculateGroupIdV1 } from '@symval/groupid';
import {
  dynamoDbClientConfig,
  startDnsServer,
  startDynamoDbLocal,
  startS3,
  uniqueName,
} from '@symval/local-services';
import { attestationViewer, connectRecords, recordsTableInput } from '@symval/records';
import { loadState, publishSnapshot, rebuildFromTable } from '@symval/snapshot-builder';
import { runReattestBatch } from '../src/run/run-batch.js';

const GROUPS = 1_000;
const CONCURRENCY = 32;
const OWNER = 'https://bench.example';

const ddb = await startDynamoDbLocal();
const dynamo = new DynamoDBClient(dynamoDbClientConfig(ddb));
const tableName = uniqueName('bench');
await dynamo.send(new CreateTableCommand(recordsTableInput({ tableName })));
const records = connectRecords(dynamo, { tableName });
const bucket = uniqueName('site');
const s3Local = await startS3({ buckets: [bucket] });
const s3 = new S3Client(s3Local.clientConfig);
const source = { bucket, key: 'records/domains.json', stateKey: 'state/snapshot-state.json' };

const yesterday = new Date(Date.now() - 24 * 3_600_000);
const groups = Array.from({ length: GROUPS }, (_, i) => {
  const label = `g${i}`;
  const hostname = `${label}.ab.ba.${[...label].reverse().join('')}`;
  return { hostname, groupId: calculateGroupIdV1(OWNER, 'a', [hostname]) };
});
const dns = await startDnsServer(
  Object.fromEntries(groups.map((g) => [`_suns.${g.hostname}`, { txt: [g.groupId] }])),
);

try {
  // Seed the table and publish the snapshot, as the API and the streamer would.
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < groups.length) {
        const g = groups[next++]!;
        const attested: AttestedRecord[] = [
          {
            owner: OWNER,
            type: 'a',
            hostname: g.hostname,
            groupId: g.groupId,
            validateTime: yesterday,
          },
        ];
        await records
          .as(attestationViewer({ status: 'valid', records: attested }))
          .upsertAttested(attested);
      }
    }),
  );
  const state = await rebuildFromTable(records.asSystem('snapshot-rebuild').listAll());
  await publishSnapshot(s3, { ...source, state, loaded: await loadState(s3, source) });

  const resolver = createDnsClaimResolver({ servers: [dns.address], concurrency: CONCURRENCY * 2 });
  const inputs = groups.map((g) => ({ owner: OWNER, type: 'a', domains: [g.hostname] }));
  await reattestGroups(inputs.slice(0, 100), { resolver, concurrency: CONCURRENCY }); // warm-up

  let t = performance.now();
  const baseline = await reattestGroups(inputs, { resolver, concurrency: CONCURRENCY });
  const baselineMs = performance.now() - t;
  const baselineValid = baseline.filter((o) => o.result.status === 'valid').length;

  t = performance.now();
  const summary = await runReattestBatch({
    s3,
    source,
    records,
    resolver,
    concurrency: CONCURRENCY,
  });
  const fullMs = performance.now() - t;

  const cpus = os.cpus();
  console.log(
    `machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(2)}`,
  );
  console.log(
    `${GROUPS} single-hostname groups, concurrency ${CONCURRENCY}, DNS and storage on loopback`,
  );
  console.log(
    `reattestGroups alone (baseline): ${baselineMs.toFixed(0)} ms (${baselineValid} valid, ${((GROUPS / baselineMs) * 1000).toFixed(0)} groups/s)`,
  );
  console.log(
    `runReattestBatch end to end:     ${fullMs.toFixed(0)} ms (${((GROUPS / fullMs) * 1000).toFixed(0)} groups/s): S3 read, DNS, ${summary.updated} conditional updates`,
  );
  console.log(`ratio to the baseline: ${(fullMs / baselineMs).toFixed(2)}×`);
  console.log(`summary: ${JSON.stringify(summary)}`);
} finally {
  s3.destroy();
  dynamo.destroy();
  await Promise.all([dns.stop(), s3Local.stop(), ddb.stop()]);
}
