import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startStreamPoller } from '@symval/local-services';
import type {} from '@symval/local-services/vitest-global-setup';
import {
  attestationViewer,
  parseSnapshot,
  publicViewer,
  type RecordsClient,
  reattestationViewer,
  serializeSnapshot,
} from '@symval/records';
import { readLayoutRecords } from '@symval/records/snapshot';
import { s3LayoutFetch } from '@symval/records/snapshot/s3';
import { publicRecords, rebuildFromTable } from '@symval/snapshot-builder';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { attestedGroup, memoryLogger } from '../test/fixtures.js';
import { useStreamerStack } from '../test/stack.js';
import { createStreamHandler } from './stream-handler.js';

const stack = useStreamerStack('streamer');
const { bucket, clientConfig, newTable, location } = stack;

async function published(key: string): Promise<string> {
  const out = await stack.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return out.Body!.transformToString();
}

async function expectedSnapshot(records: RecordsClient): Promise<string> {
  const state = await rebuildFromTable(records.asSystem('verify').listAll({ segments: 2 }));
  return serializeSnapshot(publicRecords(state));
}

/** A day of the club: attestations, re-attestations, conflicts and deletions, some at once. */
async function writeTraffic(records: RecordsClient): Promise<void> {
  const day = (d: number) => new Date(Date.UTC(2025, 9, d, 12, 0, 0, 123));
  const groups = Array.from({ length: 12 }, (_, i) =>
    i % 3 === 0
      ? attestedGroup(
          `https://member${i % 4}.example`,
          'e',
          [`m${i}.example.com`, `com.example.m${i}`],
          day(1),
        )
      : attestedGroup(
          `https://member${i % 4}.example`,
          i % 2 ? 'a' : 'b',
          [`s${i}.suns.bz`],
          day(1),
        ),
  );
  const attest = (group: (typeof groups)[number]) =>
    records.as(attestationViewer({ status: 'valid', records: group })).upsertAttested(group);
  await Promise.all(groups.map(attest));
  const reattest = records.as(reattestationViewer());
  for (const [i, group] of groups.entries()) {
    const stored = await records.as(publicViewer()).listGroup(group[0]!.groupId);
    for (const record of stored) {
      if (i % 4 === 1) await reattest.deleteIfUnchanged(record, record.rev);
      else if (i % 4 === 2) await reattest.setValidationIfUnchanged(record, record.rev, day(2));
      else if (i % 4 === 3) await reattest.setValidationIfUnchanged(record, record.rev + 9, day(3)); // a conflict
    }
  }
  // Re-attest some groups again at the same time as other writes.
  await Promise.all([
    attest(groups[0]!),
    attest(groups[1]!),
    attest(groups[6]!.map((r) => ({ ...r, validateTime: day(4) }))),
  ]);
}

describe('the streamer end to end', () => {
  it('publishes exactly the rebuild of the table, despite duplicate deliveries and a failure mid-batch', async () => {
    const { tableName, records } = await newTable();
    const loc = location();
    const logger = memoryLogger();
    // S3 fails once, on the copy to the public key of the second batch.
    const flaky = new S3Client(stack.s3local.clientConfig);
    let copies = 0;
    flaky.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'CopyObjectCommand' && ++copies === 2) {
          throw Object.assign(new Error('injected S3 failure'), { name: 'InternalError' });
        }
        return next(args);
      },
      { step: 'initialize', name: 'injectFailure' },
    );
    const handle = createStreamHandler({ s3: flaky, location: loc, records, logger });
    const delivered: DynamoDBStreamEvent[] = [];
    const responses: [number, number][] = [];
    const poller = await startStreamPoller({
      clientConfig,
      tableName,
      batchSize: 7,
      retryBaseDelayMs: 10,
      handler: async (event, context) => {
        const response = await handle(event, context);
        responses.push([event.Records.length, response.batchItemFailures.length]);
        if (response.batchItemFailures.length === 0) {
          // At-least-once: the same batch again, and an older one.
          expect((await handle(event, context)).batchItemFailures).toEqual([]);
          const older = delivered[(delivered.length * 7) % Math.max(1, delivered.length)];
          if (older) expect((await handle(older, context)).batchItemFailures).toEqual([]);
          delivered.push(event);
        }
        return response;
      },
    });
    try {
      await writeTraffic(records);
      await poller.waitForIdle();
    } finally {
      await poller.stop();
      flaky.destroy();
    }
    const text = await published(loc.key);
    expect(text).toBe(await expectedSnapshot(records));
    expect(parseSnapshot(text).length).toBeGreaterThan(10);
    // The sharded layout holds the same records.
    const layout = await readLayoutRecords(s3LayoutFetch(stack.s3, loc));
    expect(serializeSnapshot(layout!.records)).toBe(text);
    // The failure was reported (every record of that batch), then the batch went through.
    const failed = responses.filter(([, failures]) => failures > 0);
    expect(failed).toHaveLength(1);
    expect(failed[0]![1]).toBe(failed[0]![0]);
    expect(
      logger.lines.filter(
        (l) => l.level === 'error' && l.message.startsWith('stream batch failed'),
      ),
    ).toHaveLength(1);
    const applied = logger.lines.filter((l) => l.message === 'stream batch applied');
    expect(applied.length).toBeGreaterThan(delivered.length);
    expect(applied[0]!.extra).toMatchObject({
      records: expect.any(Number),
      applied: expect.any(Number),
      skipped: expect.any(Number),
      published: true,
    });
    expect(
      applied.some(
        (l) =>
          (l.extra.skipped as number) > 0 && l.extra.applied === 0 && l.extra.published === false,
      ),
    ).toBe(true);
  });

  it('logs and skips a record it cannot decode, and applies the rest of the batch', async () => {
    const { tableName, records } = await newTable();
    const loc = location();
    const logger = memoryLogger();
    // No table for the handler: a missing state starts empty, so the INSERT itself applies.
    const handle = createStreamHandler({ s3: stack.s3, location: loc, logger });
    const events: DynamoDBStreamEvent[] = [];
    const poller = await startStreamPoller({
      clientConfig,
      tableName,
      handler: async (event) => void events.push(event),
    });
    const group = attestedGroup(
      'https://decode.example',
      'a',
      ['abba.example'],
      new Date('2025-10-15T00:00:00Z'),
    );
    await records.as(attestationViewer({ status: 'valid', records: group })).upsertAttested(group);
    await poller.waitForIdle();
    await poller.stop();
    const good = events.flatMap((e) => e.Records);
    const broken = structuredClone(good[0]!);
    broken.dynamodb!.NewImage!.ValidateTime = { S: 'not a time' };
    broken.dynamodb!.SequenceNumber = '1';
    const response = await handle({ Records: [broken, ...good] });
    expect(response).toEqual({ batchItemFailures: [] });
    expect(parseSnapshot(await published(loc.key)).map((r) => r.Hostname)).toEqual([
      'abba.example',
    ]);
    const error = logger.lines.find(
      (l) => l.message === 'skipped a stream record that cannot be decoded',
    );
    expect(error?.extra).toMatchObject({ index: 0, sequenceNumber: '1' });
    expect(logger.lines.find((l) => l.message === 'stream batch applied')?.extra).toMatchObject({
      undecodable: 1,
      applied: 1,
    });
  });

  it('rebuilds a missing state from the table before applying the batch', async () => {
    const { tableName, records } = await newTable();
    const loc = location();
    const logger = memoryLogger();
    const before = attestedGroup(
      'https://early.example',
      'b',
      ['zq.suns.bz'],
      new Date('2025-10-01T00:00:00Z'),
    );
    await records
      .as(attestationViewer({ status: 'valid', records: before }))
      .upsertAttested(before);
    // Only the changes after this point reach the handler (a stream read from LATEST).
    const poller = await startStreamPoller({
      clientConfig,
      tableName,
      startingPosition: 'LATEST',
      handler: createStreamHandler({ s3: stack.s3, location: loc, records, logger }),
    });
    const after = attestedGroup(
      'https://late.example',
      'a',
      ['xox.example'],
      new Date('2025-10-02T00:00:00Z'),
    );
    await records.as(attestationViewer({ status: 'valid', records: after })).upsertAttested(after);
    await poller.waitForIdle();
    await poller.stop();
    expect(await published(loc.key)).toBe(await expectedSnapshot(records));
    // The scan already holds both groups, so the one stream record is skipped as not newer.
    expect(
      logger.lines.find((l) => l.message.startsWith('builder state missing: rebuilt'))?.extra,
    ).toMatchObject({ items: 2 });
    expect(logger.lines.find((l) => l.message === 'stream batch applied')?.extra).toMatchObject({
      stateSource: 'rebuilt',
      skipped: 1,
    });
    const layout = await readLayoutRecords(s3LayoutFetch(stack.s3, loc));
    expect(layout?.records.map((r) => r.Owner).sort()).toEqual([
      'https://early.example',
      'https://late.example',
    ]);
  });

  it('refuses to start empty over an existing snapshot when no table is configured', async () => {
    const loc = location();
    await stack.s3.send(new PutObjectCommand({ Bucket: bucket, Key: loc.key, Body: '[]' }));
    const logger = memoryLogger();
    const handle = createStreamHandler({ s3: stack.s3, location: loc, logger });
    const record = {
      eventName: 'INSERT' as const,
      dynamodb: { Keys: { pk: { S: 'x' }, sk: { S: 'y' } }, SequenceNumber: '100' },
    };
    const response = await handle({
      Records: [record, { ...record, dynamodb: { ...record.dynamodb, SequenceNumber: '101' } }],
    });
    expect(response).toEqual({
      batchItemFailures: [{ itemIdentifier: '100' }, { itemIdentifier: '101' }],
    });
    expect(logger.lines.at(-1)?.extra.error).toMatch(/DOMAIN_TABLE_NAME/);
    expect(await published(loc.key)).toBe('[]');
  });
});
