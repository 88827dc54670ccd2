import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startStreamPoller } from '@symval/local-services';
import type {} from '@symval/local-services/vitest-global-setup';
import {
  attestationViewer,
  parseSnapshot,
  type RecordsClient,
  serializeSnapshot,
} from '@symval/records';
import { readLayoutRecords } from '@symval/records/snapshot';
import { s3LayoutFetch } from '@symval/records/snapshot/s3';
import { publicRecords, rebuildFromTable } from '@symval/snapshot-builder';
import { describe, expect, it } from 'vitest';
import { attestedGroup, memoryLogger } from '../test/fixtures.js';
import { useStreamerStack } from '../test/stack.js';
import { createFlushHandler, FLUSH_EVENT_SOURCE, isFlushEvent } from './flush-handler.js';
import {
  createStreamerBuilder,
  createStreamHandler,
  type StreamHandlerDependencies,
} from './stream-handler.js';

const stack = useStreamerStack('flush');
const { bucket, clientConfig, newTable, location } = stack;
const INTERVAL_MS = 300_000;
const event = {
  source: FLUSH_EVENT_SOURCE,
  executionId: 'run-1',
  scheduledTime: '2026-12-02T03:05:00Z',
} as const;

/** The owners of the published whole file, or `undefined` when there is none. */
async function wholeFileOwners(key: string): Promise<string[] | undefined> {
  try {
    const out = await stack.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const owners = parseSnapshot(await out.Body!.transformToString()).map((r) => r.Owner);
    return [...new Set(owners)].sort();
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
    throw error;
  }
}

async function etag(key: string): Promise<string | undefined> {
  return (await stack.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).ETag;
}

async function attest(records: RecordsClient, owner: string, host: string): Promise<void> {
  const group = attestedGroup(owner, 'b', [host], new Date('2026-12-01T10:00:00Z'));
  await records.as(attestationViewer({ status: 'valid', records: group })).upsertAttested(group);
}

/**
 * A table with its stream handled by a streamer whose whole file is always above the
 * threshold (0 bytes), on a clock the test moves: the first batch publishes the whole file
 * (never published yet), the next one only marks it changed.
 */
async function throttledStreamer() {
  const { tableName, records } = await newTable();
  const loc = location();
  const clock = { now: Date.UTC(2026, 11, 2, 3, 0, 0) };
  const deps: StreamHandlerDependencies = {
    s3: stack.s3,
    location: loc,
    records,
    logger: memoryLogger(),
    wholeFileThresholdBytes: 0,
    wholeFileIntervalMs: INTERVAL_MS,
    now: () => clock.now,
  };
  return { records, tableName, loc, clock, deps };
}

describe('the scheduled flush of the whole file', () => {
  it('recognises the schedule’s event and nothing else', () => {
    expect(isFlushEvent(event)).toBe(true);
    expect(isFlushEvent({ source: 'symval.reattest-daily' })).toBe(false);
    expect(isFlushEvent({ Records: [] })).toBe(false);
    expect(isFlushEvent(null)).toBe(false);
  });

  it('publishes the change a throttled batch left unpublished once the interval has passed, and only then', async () => {
    const { records: table, tableName, loc, clock, deps } = await throttledStreamer();
    // One builder for both, as in the Lambda's container.
    const builder = createStreamerBuilder(deps);
    const flush = createFlushHandler(deps, builder);
    const poller = await startStreamPoller({
      clientConfig,
      tableName,
      handler: createStreamHandler(deps, builder),
    });

    await attest(table, 'https://first.example', 'first.suns.bz');
    await poller.waitForIdle();
    expect(await wholeFileOwners(loc.key)).toEqual(['https://first.example']);

    clock.now += 60_000;
    await attest(table, 'https://second.example', 'second.suns.bz');
    await poller.waitForIdle();
    // The layout has the second member; the throttled whole file does not yet.
    const layout = await readLayoutRecords(s3LayoutFetch(stack.s3, loc));
    expect(layout?.records.map((r) => r.Owner).sort()).toEqual([
      'https://first.example',
      'https://second.example',
    ]);
    expect(await wholeFileOwners(loc.key)).toEqual(['https://first.example']);

    // Before the interval has passed the flush leaves it alone.
    expect(await flush(event)).toEqual({ published: false, attempts: 1 });
    expect(await wholeFileOwners(loc.key)).toEqual(['https://first.example']);

    clock.now += INTERVAL_MS;
    expect(await flush(event)).toEqual({ published: true, attempts: 1 });
    const state = await rebuildFromTable(table.asSystem('verify').listAll({ segments: 2 }));
    const whole = await stack.s3.send(new GetObjectCommand({ Bucket: bucket, Key: loc.key }));
    expect(await whole.Body!.transformToString()).toBe(serializeSnapshot(publicRecords(state)));
    expect(whole.CacheControl).toBe('max-age=60');
    expect(whole.ContentType).toBe('application/json');

    // Idempotent: a second flush (a duplicate delivery, the next schedule) writes nothing.
    const before = [await etag(loc.key), await etag(`${loc.statePrefix}root.json`)];
    clock.now += INTERVAL_MS;
    expect(await flush(event)).toEqual({ published: false, attempts: 1 });
    expect([await etag(loc.key), await etag(`${loc.statePrefix}root.json`)]).toEqual(before);
    await poller.stop();

    const logger = deps.logger as ReturnType<typeof memoryLogger>;
    expect(
      logger.lines.filter((l) => l.message === 'whole file flush').map((l) => l.extra.published),
    ).toEqual([false, true, false]);
    expect(logger.lines.find((l) => l.message === 'whole file flush')?.extra).toMatchObject({
      executionId: 'run-1',
      scheduledTime: '2026-12-02T03:05:00Z',
    });
  });

  it('writes nothing when there is no builder state yet', async () => {
    const { deps, loc } = await throttledStreamer();
    expect(await createFlushHandler(deps)(event)).toEqual({ published: false, attempts: 1 });
    expect(await wholeFileOwners(loc.key)).toBeUndefined();
    const listed = await readLayoutRecords(s3LayoutFetch(stack.s3, loc));
    expect(listed).toBeUndefined();
  });

  it('flushes again on the new state when a batch commits in between, publishing that batch too', async () => {
    const { records: table, tableName, loc, clock, deps } = await throttledStreamer();
    // The stream's container, and the flush's own (another container, a later clock).
    const poller = await startStreamPoller({
      clientConfig,
      tableName,
      handler: createStreamHandler(deps),
    });
    await attest(table, 'https://first.example', 'first.suns.bz');
    await poller.waitForIdle();
    clock.now += 60_000;
    await attest(table, 'https://second.example', 'second.suns.bz');
    await poller.waitForIdle();
    expect(await wholeFileOwners(loc.key)).toEqual(['https://first.example']);

    // The flush's S3 client lets a third batch commit just before the flush checks the root.
    const racing = new S3Client(stack.s3local.clientConfig);
    let raced = false;
    racing.middlewareStack.add(
      (next, context) => async (args) => {
        const input = (args as { input?: { Key?: string } }).input;
        if (
          !raced &&
          context.commandName === 'HeadObjectCommand' &&
          input?.Key === `${loc.statePrefix}root.json`
        ) {
          raced = true;
          await attest(table, 'https://third.example', 'third.suns.bz');
          await poller.waitForIdle();
        }
        return next(args);
      },
      { step: 'initialize', name: 'raceABatch' },
    );
    const flushLogger = memoryLogger();
    const later = { now: () => clock.now + INTERVAL_MS };
    const flush = createFlushHandler({ ...deps, s3: racing, logger: flushLogger, ...later });
    expect(await flush(event)).toEqual({ published: true, attempts: 2 });
    await poller.stop();
    racing.destroy();
    expect(raced).toBe(true);
    expect(flushLogger.lines.map((l) => l.message)).toEqual([
      'another writer saved the builder state; flushing again',
      'whole file flush',
    ]);
    expect(await wholeFileOwners(loc.key)).toEqual([
      'https://first.example',
      'https://second.example',
      'https://third.example',
    ]);
  });
});
