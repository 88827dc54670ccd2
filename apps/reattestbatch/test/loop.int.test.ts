import { GetObjectCommand } from '@aws-sdk/client-s3';
import { createDnsClaimResolver } from '@symval/dns-claims';
import { calculateGroupIdV1 } from '@symval/groupid';
import {
  createMemoryLogger as createApiLogger,
  createApp,
  createMemoryMetrics,
  createRecordsGroupStore,
} from '@symval/httpapi';
import { dynamoDbClientConfig, type StreamPoller, startStreamPoller } from '@symval/local-services';
import { formatValidateTime, type ParsedSnapshotRecord, parseSnapshot } from '@symval/records';
import { createStreamHandler } from '@symval/streamer';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createMemoryLogger } from '../src/observability/logger.js';
import { runReattestBatch } from '../src/run/run-batch.js';
import { type BatchHarness, OWNER, startBatchHarness } from './support/batch-harness.js';

// The whole loop: the API attests into DynamoDB Local, the stream poller feeds the streamer,
// the streamer publishes the snapshot to s3rver, and the batch reads it back.
const HOUR = 3_600_000;
const T0 = new Date('2026-11-20T10:00:00.000Z');
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);

const PAIR = ['me.example.com', 'com.example.me'];
const PAIR_ID = calculateGroupIdV1(OWNER, 'e', PAIR);

let h: BatchHarness;
let poller: StreamPoller;
let clock = T0;
let app: ReturnType<typeof createApp>;
const streamLogger = { info() {}, warn() {}, error() {} };

async function startPoller(): Promise<StreamPoller> {
  return startStreamPoller({
    clientConfig: dynamoDbClientConfig(inject('dynamodb')),
    tableName: h.tableName,
    handler: createStreamHandler({
      s3: h.s3,
      location: { ...h.source, indexKey: 'records/v1/index.json', statePrefix: 'state/v2/' },
      records: h.records,
      logger: streamLogger,
    }),
    pollIntervalMs: 20,
  });
}

async function snapshot(): Promise<ParsedSnapshotRecord[]> {
  const out = await h.s3.send(new GetObjectCommand({ Bucket: h.source.bucket, Key: h.source.key }));
  return parseSnapshot(await out.Body!.transformToString());
}

const ofGroup = async (groupId: string) =>
  (await snapshot()).filter((record) => record.GroupID === groupId);

async function attestThroughApi(owner: string, type: string, domains: string[]) {
  const response = await app.request('/api/v1/attest', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ owner, type, domains }),
  });
  return (await response.json()) as { status: string };
}

function batch(now: Date) {
  const logger = createMemoryLogger();
  return runReattestBatch({
    s3: h.s3,
    source: h.source,
    records: h.records,
    resolver: createDnsClaimResolver({ servers: [h.dns.address], timeoutMs: 5000, tries: 1 }),
    concurrency: 8,
    now: () => now,
    logger,
  });
}

beforeAll(async () => {
  h = await startBatchHarness();
  app = createApp({
    resolver: createDnsClaimResolver({ servers: [h.dns.address], timeoutMs: 5000, tries: 1 }),
    store: createRecordsGroupStore(h.records),
    logger: createApiLogger(),
    metrics: createMemoryMetrics(),
    now: () => clock,
  });
  poller = await startPoller();
});

afterAll(async () => {
  await poller?.stop();
  await h?.stop();
});

describe('attest → stream → snapshot → re-attest → delete', () => {
  it('keeps a group while it is valid or within grace, and deletes it once invalid past grace', async () => {
    h.dns.setRecord(`_suns.${PAIR[0]}`, { txt: [PAIR_ID] });
    h.dns.setRecord(`_suns.${PAIR[1]}`, { txt: [PAIR_ID] });
    clock = T0;
    expect(await attestThroughApi(OWNER, 'mirrornames', PAIR)).toMatchObject({ status: 'valid' });
    await poller.waitForIdle();
    expect(await ofGroup(PAIR_ID)).toEqual([
      {
        Owner: OWNER,
        Type: 'e',
        Hostname: PAIR[1],
        GroupID: PAIR_ID,
        ValidateTime: formatValidateTime(T0),
        Rev: 1,
      },
      {
        Owner: OWNER,
        Type: 'e',
        Hostname: PAIR[0],
        GroupID: PAIR_ID,
        ValidateTime: formatValidateTime(T0),
        Rev: 1,
      },
    ]);

    // A day later: still valid, ValidateTime refreshed.
    const refreshed = await batch(at(24));
    expect(refreshed).toMatchObject({ valid: 1, updated: 2, deleted: 0, skipped: 0, errors: 0 });
    await poller.waitForIdle();
    expect((await ofGroup(PAIR_ID)).map((r) => [r.ValidateTime, r.Rev])).toEqual([
      [formatValidateTime(at(24)), 2],
      [formatValidateTime(at(24)), 2],
    ]);

    // One TXT record goes. Within grace (72 h from the refresh) nothing is deleted.
    h.dns.setRecord(`_suns.${PAIR[1]}`, undefined);
    const withinGrace = await batch(at(24 + 71));
    expect(withinGrace).toMatchObject({ invalid: 1, updated: 0, deleted: 0 });
    await poller.waitForIdle();
    expect(await ofGroup(PAIR_ID)).toHaveLength(2);

    // Past grace the group is deleted, and the snapshot stops listing it.
    const pastGrace = await batch(at(24 + 73));
    expect(pastGrace).toMatchObject({ invalid: 1, deleted: 2, skipped: 0, errors: 0 });
    await poller.waitForIdle();
    expect(await ofGroup(PAIR_ID)).toEqual([]);
    expect(await h.table()).not.toHaveProperty(PAIR[0]!);
  });
});

describe('what the batch must not delete', () => {
  it('deletes nothing for a group past grace whose DNS answers SERVFAIL or nothing at all', async () => {
    const servfail = 'zq.suns.bz';
    const silent = 'zb.snus.suns.bz';
    h.dns.setRecord(`_suns.${servfail}`, { txt: [calculateGroupIdV1(OWNER, 'b', [servfail])] });
    h.dns.setRecord(`_suns.${silent}`, { txt: [calculateGroupIdV1(OWNER, 'a', [silent])] });
    clock = T0;
    await attestThroughApi(OWNER, 'flip180', [servfail]);
    await attestThroughApi(OWNER, 'palindrome', [silent]);
    await poller.waitForIdle();
    h.dns.setRecord(`_suns.${servfail}`, { behaviour: 'servfail' });
    h.dns.setRecord(`_suns.${silent}`, { behaviour: 'silent' });

    const summary = await batch(at(24 * 30));
    expect(summary).toMatchObject({ indeterminate: 2, deleted: 0, updated: 0 });
    await poller.waitForIdle();
    const hostnames = (await snapshot()).map((r) => r.Hostname);
    expect(hostnames).toEqual(expect.arrayContaining([servfail, silent]));
  });

  it('skips, rather than deletes, a group re-attested through the API after the snapshot was taken', async () => {
    const hostname = 'sos.sos';
    const groupId = calculateGroupIdV1(OWNER, 'a', [hostname]);
    h.dns.setRecord(`_suns.${hostname}`, { txt: [groupId] });
    clock = T0;
    await attestThroughApi(OWNER, 'palindrome', [hostname]);
    await poller.waitForIdle();
    expect((await ofGroup(groupId))[0]?.Rev).toBe(1);

    // The snapshot stays as it is (the streamer is held back) while the member re-attests.
    await poller.stop();
    clock = at(24 * 10);
    expect(await attestThroughApi(OWNER, 'palindrome', [hostname])).toMatchObject({
      status: 'valid',
    });
    // Then the claim flickers away just as the batch runs, on the old snapshot.
    h.dns.setRecord(`_suns.${hostname}`, undefined);
    const summary = await batch(at(24 * 10 + 1));
    expect(summary).toMatchObject({ skipped: 1, deleted: 0 });
    expect((await h.table())[hostname]).toEqual({
      rev: 2,
      validateTime: at(24 * 10).toISOString(),
    });

    // The streamer catches up and the snapshot lists the re-attested record.
    poller = await startPoller();
    await poller.waitForIdle();
    expect((await ofGroup(groupId)).map((r) => [r.Rev, r.ValidateTime])).toEqual([
      [2, formatValidateTime(at(24 * 10))],
    ]);
  });
});
