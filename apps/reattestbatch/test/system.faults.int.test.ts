// The system's promises under faults, as a property over random histories: members attest,
// break their claims, withdraw; the daily re-attestation runs; an owner is erased; the stream
// is delivered to the real streamer in batches that are duplicated, replayed, split and
// retried after failures, as Lambda may deliver them. DynamoDB, S3 and DNS all fail now and
// then through the fault proxies. At the end, with the faults gone and the stream drained:
// - the public snapshot equals the table, record for record;
// - no group whose claims stayed in place and that was stored is missing from the table;
// - every answer the API gave was a success, a clear 4xx, or a 503 with Retry-After.
// Each seed draws one history (fast-check, replayable by seed); `pnpm test:faults` runs many.
import {
  CreateTableCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createDnsClaimResolver } from '@symval/dns-claims';
import { calculateGroupIdV1 } from '@symval/groupid';
import {
  createMemoryLogger as createApiLogger,
  createApp,
  createMemoryMetrics,
  createRecordsGroupStore,
} from '@symval/httpapi';
import {
  type DnsFaultRule,
  dynamoDbClientConfig,
  faultCountsBySource,
  faultSeeds,
  type HttpFaultRule,
  reportFaultRun,
  startDnsFaultProxy,
  startFaultProxy,
  startStreamPoller,
  uniqueName,
} from '@symval/local-services';
import {
  checkpointTableInputs,
  connectRecords,
  createOwnerEraser,
  parseSnapshot,
} from '@symval/records';
import { loadLayoutFromS3 } from '@symval/records/snapshot/s3';
import { createStreamHandler } from '@symval/streamer';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';
import { runReattestBatch } from '../src/run/run-batch.js';
import { startBatchHarness } from './support/batch-harness.js';

const HOUR = 3_600_000;
const INDEX_KEY = 'records/v1/index.json';
const T0 = new Date('2026-11-01T03:00:00.000Z');
const OWNERS = ['https://alice.example', 'https://bob.example'];

/** The groups a history plays with: palindromes, each of one owner. */
const GROUPS = [0, 1, 2, 3, 4, 5].map((n) => {
  const owner = OWNERS[n % 2]!;
  const label = `m${n}`;
  const hostname = `${label}.ab.ba.${[...label].reverse().join('')}`;
  return { owner, hostname, groupId: calculateGroupIdV1(owner, 'a', [hostname]) };
});

type Step =
  | { kind: 'attest'; group: number }
  | { kind: 'break'; group: number }
  | { kind: 'withdraw'; group: number }
  | { kind: 'reattest'; hours: number }
  | { kind: 'erase'; owner: number }
  | { kind: 'deliver'; count: number; how: 'whole' | 'split' | 'duplicate' | 'replay' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('attest' as const), group: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('break' as const), group: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('withdraw' as const), group: fc.nat(5) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('reattest' as const),
      hours: fc.integer({ min: 1, max: 100 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('erase' as const), owner: fc.nat(1) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('deliver' as const),
      count: fc.integer({ min: 1, max: 6 }),
      how: fc.constantFrom(
        'whole' as const,
        'split' as const,
        'duplicate' as const,
        'replay' as const,
      ),
    }),
  },
);

const DYNAMODB_FAULTS: HttpFaultRule[] = [
  {
    match: ['TransactWriteItems', 'UpdateItem', 'DeleteItem'],
    probability: 0.1,
    fault: { type: 'error', code: 'ProvisionedThroughputExceededException' },
  },
  {
    match: ['TransactWriteItems', 'UpdateItem', 'DeleteItem'],
    probability: 0.05,
    fault: { type: 'reset', at: 'response' },
  },
  {
    match: ['Query', 'GetItem'],
    probability: 0.1,
    fault: { type: 'error', code: 'ThrottlingException' },
  },
  { match: '*', probability: 0.03, fault: { type: 'error', code: 'InternalServerError' } },
];
const S3_FAULTS: HttpFaultRule[] = [
  {
    match: ['PutObject', 'CopyObject'],
    probability: 0.15,
    fault: { type: 'error', code: 'SlowDown' },
  },
  { match: 'GetObject', probability: 0.1, fault: { type: 'error', code: 'InternalError' } },
  { match: '*', probability: 0.05, fault: { type: 'reset' } },
];
const DNS_FAULTS: DnsFaultRule[] = [
  { match: 'TXT _suns.*', probability: 0.15, fault: { type: 'servfail' } },
  { match: '*', probability: 0.2, fault: { type: 'truncate' } },
];

describe('records and snapshot under faults, over random histories', () => {
  it.each(faultSeeds([1, 2]))(
    'seed %i: the snapshot equals the table and no claimed group is lost',
    async (seed) => {
      const steps = fc.sample(fc.array(step, { minLength: 15, maxLength: 30 }), {
        seed,
        numRuns: 1,
      })[0]!;
      const h = await startBatchHarness();
      const direct = dynamoDbClientConfig(inject('dynamodb'));
      const checkpointTableName = uniqueName('checkpoints');
      const checkpoint = checkpointTableInputs(checkpointTableName);
      await h.client.send(new CreateTableCommand(checkpoint.create));
      if (checkpoint.timeToLive)
        await h.client.send(new UpdateTimeToLiveCommand(checkpoint.timeToLive));

      const ddbFaults = await startFaultProxy({
        target: inject('dynamodb'),
        kind: 'dynamodb',
        seed,
        rules: DYNAMODB_FAULTS,
      });
      const s3Faults = await startFaultProxy({
        target: h.s3Local,
        kind: 's3',
        seed,
        rules: S3_FAULTS,
      });
      const dnsFaults = await startDnsFaultProxy({ target: h.dns, seed, rules: DNS_FAULTS });
      const faultyDynamo = new DynamoDBClient({ ...direct, endpoint: ddbFaults.endpoint });
      const faultyS3 = new S3Client({ ...h.s3Local.clientConfig, endpoint: s3Faults.endpoint });
      const faultyRecords = connectRecords(faultyDynamo, { tableName: h.tableName });
      const resolver = createDnsClaimResolver({
        servers: [dnsFaults.address],
        timeoutMs: 5000,
        tries: 1,
      });

      let clock = T0;
      const app = createApp({
        resolver,
        store: createRecordsGroupStore(faultyRecords),
        logger: createApiLogger(),
        metrics: createMemoryMetrics(),
        now: () => clock,
      });
      const streamer = createStreamHandler({
        s3: faultyS3,
        location: { ...h.source, indexKey: INDEX_KEY, statePrefix: 'state/v2/' },
        records: connectRecords(h.client, { tableName: h.tableName }),
        logger: { info() {}, warn() {}, error() {} },
      });

      // The stream is collected here and handed to the streamer as the steps say.
      const pending: DynamoDBRecord[] = [];
      const delivered: DynamoDBRecord[][] = [];
      const poller = await startStreamPoller({
        clientConfig: direct,
        tableName: h.tableName,
        handler: async (event: DynamoDBStreamEvent) => {
          pending.push(...event.Records);
          return { batchItemFailures: [] };
        },
        pollIntervalMs: 20,
      });

      const caused: Record<string, number> = {};
      const count = (what: string) => {
        caused[what] = (caused[what] ?? 0) + 1;
      };
      /** Hands a batch to the streamer until it takes all of it, resending from the first failure. */
      async function deliver(records: DynamoDBRecord[]): Promise<void> {
        let rest = records;
        for (let attempt = 0; rest.length > 0; attempt++) {
          expect(attempt, 'a batch the streamer never accepted').toBeLessThan(50);
          let failedFrom = -1;
          try {
            const response = await streamer({ Records: rest });
            const first = response.batchItemFailures[0]?.itemIdentifier;
            failedFrom =
              first === undefined
                ? -1
                : rest.findIndex((r) => r.dynamodb?.SequenceNumber === first);
          } catch {
            failedFrom = 0;
          }
          if (failedFrom === -1) return;
          count('batch retried');
          rest = rest.slice(failedFrom);
        }
      }

      /** Which groups were stored for sure, and whose claims are in place. */
      const stored = new Map<number, 'yes' | 'no' | 'unknown'>();
      const claimed = new Set<number>();
      const setClaims = (g: number, on: boolean) => {
        const { hostname, groupId } = GROUPS[g]!;
        h.dns.setRecord(`_suns.${hostname}`, on ? { txt: [groupId] } : undefined);
        if (on) claimed.add(g);
        else claimed.delete(g);
      };
      async function post(
        path: string,
        body: unknown,
      ): Promise<{ status: number; json: { status?: string } }> {
        const response = await app.request(path, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        count(`${path.slice('/api/v1/'.length)} ${response.status}`);
        if (response.status === 503) {
          expect(response.headers.get('retry-after'), '503 without Retry-After').toMatch(/^\d+$/);
        }
        expect(response.status, `${path} answered ${response.status}`).not.toBe(500);
        return { status: response.status, json: (await response.json()) as { status?: string } };
      }

      try {
        for (const s of steps) {
          if (s.kind === 'attest') {
            const g = GROUPS[s.group]!;
            setClaims(s.group, true);
            const { status, json } = await post('/api/v1/attest', {
              owner: g.owner,
              type: 'palindrome',
              domains: [g.hostname],
            });
            expect([200, 503]).toContain(status);
            if (status === 200 && json.status === 'valid') stored.set(s.group, 'yes');
            else if (stored.get(s.group) !== 'yes') stored.set(s.group, 'unknown');
          } else if (s.kind === 'break') {
            setClaims(s.group, false);
            if (stored.get(s.group) === 'yes') stored.set(s.group, 'unknown'); // the batch may delete it, rightly
          } else if (s.kind === 'withdraw') {
            const g = GROUPS[s.group]!;
            setClaims(s.group, false);
            const { status } = await post('/api/v1/withdraw', {
              owner: g.owner,
              type: 'palindrome',
              domains: [g.hostname],
            });
            expect([200, 404, 409, 503]).toContain(status);
            stored.set(s.group, status === 200 || status === 404 ? 'no' : 'unknown');
          } else if (s.kind === 'reattest') {
            clock = new Date(clock.getTime() + s.hours * HOUR);
            try {
              await runReattestBatch({
                s3: faultyS3,
                source: h.source,
                records: faultyRecords,
                resolver,
                concurrency: 4,
                now: () => clock,
              });
            } catch (error) {
              count(`batch failed: ${(error as Error).name}`);
            }
          } else if (s.kind === 'erase') {
            const owner = OWNERS[s.owner]!;
            const eraser = createOwnerEraser(faultyDynamo, {
              tableName: h.tableName,
              checkpointTableName,
            });
            try {
              await eraser.executeErasure(await eraser.planErasure(owner));
            } catch (error) {
              count(`erasure failed: ${(error as Error).name}`);
              const again = createOwnerEraser(h.client, {
                tableName: h.tableName,
                checkpointTableName,
              });
              for (const p of await again.pendingErasures()) await again.resumeErasure(p.planId);
            }
            GROUPS.forEach((g, index) => {
              if (g.owner === owner) {
                setClaims(index, false);
                stored.set(index, 'no');
              }
            });
          } else {
            await poller.waitForIdle();
            const batch = pending.splice(0, s.count);
            if (batch.length === 0) continue;
            if (s.how === 'split') {
              const half = Math.ceil(batch.length / 2);
              await deliver(batch.slice(0, half));
              await deliver(batch.slice(half));
            } else {
              await deliver(batch);
              if (s.how === 'duplicate') await deliver(batch);
              if (s.how === 'replay' && delivered.length > 0)
                await deliver(delivered[Math.floor(delivered.length / 2)]!);
            }
            delivered.push(batch);
          }
        }

        // Faults over; the rest of the stream delivered, as Lambda eventually does.
        ddbFaults.setRules([]);
        s3Faults.setRules([]);
        dnsFaults.setRules([]);
        await poller.waitForIdle();
        while (pending.length > 0) await deliver(pending.splice(0, 10));

        const table = new Map<string, string>();
        for await (const record of h.records.asSystem('test-read').listAll()) {
          table.set(
            `${record.groupId} ${record.hostname}`,
            JSON.stringify([record.owner, record.type, record.rev, record.validateTime.getTime()]),
          );
        }
        const out = await h.s3.send(
          new GetObjectCommand({ Bucket: h.source.bucket, Key: h.source.key }),
        );
        const published = new Map<string, string>();
        const snapshot = out.Body ? parseSnapshot(await out.Body.transformToString()) : [];
        for (const record of snapshot) {
          published.set(
            `${record.GroupID} ${record.Hostname}`,
            JSON.stringify([
              record.Owner,
              record.Type,
              record.Rev,
              Date.parse(record.ValidateTime),
            ]),
          );
        }
        expect(Object.fromEntries(published)).toEqual(Object.fromEntries(table));
        // The sharded layout says the same, shard by shard.
        const layout = await loadLayoutFromS3(h.s3, {
          bucket: h.source.bucket,
          indexKey: INDEX_KEY,
        });
        const sharded = new Map<string, string>();
        for (const record of layout?.records ?? []) {
          sharded.set(
            `${record.GroupID} ${record.Hostname}`,
            JSON.stringify([
              record.Owner,
              record.Type,
              record.Rev,
              Date.parse(record.ValidateTime),
            ]),
          );
        }
        expect(layout?.rejected ?? []).toEqual([]);
        expect(Object.fromEntries(sharded)).toEqual(Object.fromEntries(table));

        for (const g of claimed) {
          if (stored.get(g) !== 'yes') continue;
          const { groupId, hostname } = GROUPS[g]!;
          expect(
            table.has(`${groupId} ${hostname}`),
            `${hostname} has its claims and was stored, and is gone`,
          ).toBe(true);
        }
        const injected = faultCountsBySource({
          dynamodb: ddbFaults.stats.byFault,
          s3: s3Faults.stats.byFault,
          dns: dnsFaults.stats.byFault,
        });
        expect(Object.keys(injected).length).toBeGreaterThan(0);
        reportFaultRun({ scenario: `system, ${steps.length} steps`, seed, injected, caused });
      } finally {
        await poller.stop();
        faultyDynamo.destroy();
        faultyS3.destroy();
        await Promise.all([ddbFaults.stop(), s3Faults.stop(), dnsFaults.stop()]);
        await h.stop();
      }
    },
  );
});
