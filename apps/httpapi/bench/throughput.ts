// Attest requests per second and p50/p99 latency through the Node server on loopback (claims
// from the local DNS server, records in DynamoDB Local), against GET /health through the same
// server in the same run.
import os from 'node:os';

import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDnsClaimResolver } from '@symval/dns-claims';
import { calculateGroupIdV1 } from '@symval/groupid';
import {
  dynamoDbClientConfig,
  startDnsServer,
  startDynamoDbLocal,
  uniqueName,
} from '@symval/local-services';
import { connectRecords, recordsTableInput } from '@symval/records';
import { createApp } from '../src/app/create-app.js';
import { startServer } from '../src/node/start-server.js';
import type { AppLogger } from '../src/observability/logger.js';
import { createMemoryMetrics } from '../src/observability/metrics.js';
import { createRecordsGroupStore } from '../src/store/records-store.js';

const GROUPS = 500;
const REQUESTS = 2_000;
const CONCURRENCY = 16;
const OWNER = 'https://bench.example';

interface Figures {
  perSecond: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function load(count: number, send: (i: number) => Promise<Response>): Promise<Figures> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        const response = await send(i);
        const text = await response.text();
        latencies.push(performance.now() - t);
        // The attestation's status where there is one, else the HTTP status.
        const status = (JSON.parse(text) as { status?: string }).status ?? String(response.status);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: count / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    statuses,
  };
}

const show = (name: string, f: Figures) =>
  console.log(
    `${name.padEnd(24)} ${f.perSecond.toFixed(0).padStart(6)} req/s   p50 ${f.p50.toFixed(1).padStart(6)} ms   p99 ${f.p99.toFixed(1).padStart(6)} ms   statuses ${JSON.stringify(f.statuses)}`,
  );

const silent: AppLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** Runs the throughput comparison and prints it. */
export async function runThroughput(): Promise<void> {
  const ddb = await startDynamoDbLocal();
  const dynamo = new DynamoDBClient(dynamoDbClientConfig(ddb));
  const tableName = uniqueName('bench');
  await dynamo.send(new CreateTableCommand(recordsTableInput({ tableName })));

  // Palindromes g<i>.ab.ba.<i>g, each with its claim.
  const groups = Array.from({ length: GROUPS }, (_, i) => {
    const label = `g${i}`;
    const hostname = `${label}.ab.ba.${[...label].reverse().join('')}`;
    return { hostname, id: calculateGroupIdV1(OWNER, 'a', [hostname]) };
  });
  const dns = await startDnsServer(
    Object.fromEntries(groups.map((g) => [`_suns.${g.hostname}`, { txt: [g.id] }])),
  );
  const app = createApp({
    resolver: createDnsClaimResolver({ servers: [dns.address], concurrency: 64 }),
    store: createRecordsGroupStore(connectRecords(dynamo, { tableName })),
    logger: silent,
    metrics: createMemoryMetrics(),
    rateLimit: { count: 1_000_000, windowSeconds: 60 },
  });
  const server = await startServer({ app, port: 0 });

  const post = (hostname: string) =>
    fetch(`${server.url}/api/v1/attest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ owner: OWNER, type: 'palindrome', domains: [hostname] }),
    });
  const attest = (i: number) => post(groups[i % GROUPS]!.hostname);
  // A palindrome nobody claimed: one DNS query (NXDOMAIN), nothing written.
  const unclaimed = (i: number) => {
    const label = `u${i}`;
    return post(`${label}.ab.ba.${[...label].reverse().join('')}`);
  };
  const health = () => fetch(`${server.url}/api/v1/health`);

  try {
    // Warm-up: JIT, connections, the table's first writes.
    await load(200, health);
    await load(200, attest);
    const baseline = await load(REQUESTS, health);
    const attestFigures = await load(REQUESTS, attest);
    const unclaimedFigures = await load(REQUESTS, unclaimed);
    const cpus = os.cpus();
    console.log(
      `machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(2)}`,
    );
    console.log(
      `${REQUESTS} requests each, ${CONCURRENCY} at a time, over loopback; ${GROUPS} groups`,
    );
    show('GET /health (baseline)', baseline);
    show('POST /attest valid', attestFigures);
    show('POST /attest unclaimed', unclaimedFigures);
    console.log(
      `attest/health throughput ratio: ${(attestFigures.perSecond / baseline.perSecond).toFixed(3)}×; p50 ratio ${(attestFigures.p50 / baseline.p50).toFixed(1)}×`,
    );
    console.log(
      `a valid attest is 1 DNS query, 1 DynamoDB transaction and 1 consistent query; an unclaimed one is the DNS query alone (${dns.queries.length} queries served in all)`,
    );
  } finally {
    await server.close();
    await dns.stop();
    dynamo.destroy();
    await ddb.stop();
  }
}
