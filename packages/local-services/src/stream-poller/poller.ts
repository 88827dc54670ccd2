import type { Callback, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import {
  type BatchOutcome,
  createLambdaContext,
  interpretBatchResponse,
  orderShardsByLineage,
  retryDelayMs,
  StreamPollerError,
  toLambdaStreamRecord,
} from './logic.js';
import { createSdkStreamSource, resolveStreamArn } from './sdk-source.js';
import { GET_RECORDS_LIMIT, resolveSettings, type StreamPollerSettings } from './settings.js';
import type {
  HandlerResult,
  ShardPosition,
  SourceShard,
  StreamPoller,
  StreamPollerOptions,
  StreamSource,
} from './types.js';

export async function startStreamPoller(options: StreamPollerOptions): Promise<StreamPoller> {
  const settings = resolveSettings(options);
  const streamArn =
    settings.tableName === undefined
      ? settings.streamArn
      : await resolveStreamArn(options.clientConfig, settings.tableName);
  const source = createSdkStreamSource(options.clientConfig, streamArn);
  try {
    return await runStreamPoller(source, { ...settings, streamArn });
  } catch (error) {
    source.close();
    throw error;
  }
}

interface Buffered {
  sequenceNumber: string;
  record: DynamoDBRecord;
}

interface ShardState {
  shardId: string;
  parentShardId: string | undefined;
  startingSequenceNumber: string | undefined;
  initialPosition: 'TRIM_HORIZON' | 'LATEST';
  iterator: string | undefined;
  lastReadSequence: string | undefined;
  /** No more records will come from the stream (no NextShardIterator). */
  closed: boolean;
  /** Closed and every record delivered: children may start. */
  finished: boolean;
  buffer: Buffered[];
  /** Failed deliveries in a row with the same record at the head; read failures in a row. */
  failures: number;
  readFailures: number;
  notBefore: number;
  /** The last pass in which a read found nothing new and nothing was waiting. */
  caughtUpPass: number;
}

function isStaleIterator(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name;
  return name === 'ExpiredIteratorException' || name === 'TrimmedDataAccessException';
}

interface IdleWaiter {
  pass: number;
  resolve: () => void;
  reject: (error: StreamPollerError) => void;
}

/**
 * Runs a poller over any {@link StreamSource}. `startStreamPoller` uses the DynamoDB Streams
 * API; tests use an in-memory stream to exercise shard lineage DynamoDB Local never produces.
 */
export async function runStreamPoller(
  source: StreamSource,
  settings: StreamPollerSettings,
): Promise<StreamPoller> {
  const { streamArn, batchSize, logger } = settings;
  const region = streamArn.split(':')[3] || 'local';
  const aborter = new AbortController();
  const shards = new Map<string, ShardState>();
  let ordered: ShardState[] = [];
  let passCount = 0;
  let listedPass = -1;
  let needListing = false;
  let nextListingAt = 0;
  let listingFailures = 0;
  let listingRetryAt = 0;
  let stopping = false;
  let wake: (() => void) | undefined;
  const waiters = new Set<IdleWaiter>();

  const report = (error: StreamPollerError) => {
    try {
      settings.onError(error);
    } catch (thrown) {
      logger.error('stream poller: onError threw', { error: String(thrown) });
    }
  };

  const addShards = (listed: SourceShard[], firstListing: boolean) => {
    for (const shard of listed) {
      if (shards.has(shard.shardId)) continue;
      // With LATEST, history is skipped: shards already closed at start are done, open ones
      // start at their tip. Shards that appear later are new, so they are read from the start.
      const latest = firstListing && settings.startingPosition === 'LATEST';
      const skip = latest && shard.endingSequenceNumber !== undefined;
      shards.set(shard.shardId, {
        shardId: shard.shardId,
        parentShardId: shard.parentShardId,
        startingSequenceNumber: shard.startingSequenceNumber,
        initialPosition: latest ? 'LATEST' : 'TRIM_HORIZON',
        iterator: undefined,
        lastReadSequence: undefined,
        closed: skip,
        finished: skip,
        buffer: [],
        failures: 0,
        readFailures: 0,
        notBefore: 0,
        caughtUpPass: -1,
      });
    }
    ordered = orderShardsByLineage([...shards.values()]);
  };

  const listShards = async (pass: number, firstListing: boolean) => {
    addShards(await source.listShards(aborter.signal), firstListing);
    listedPass = pass;
    needListing = false;
    nextListingAt = Date.now() + settings.shardListIntervalMs;
  };

  const isReady = (shard: ShardState) => {
    if (shard.finished) return false;
    const parent = shard.parentShardId === undefined ? undefined : shards.get(shard.parentShardId);
    return parent === undefined || parent === shard || parent.finished;
  };

  const obtainIterator = async (shard: ShardState) => {
    const position: ShardPosition =
      shard.lastReadSequence === undefined
        ? { type: shard.initialPosition }
        : { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: shard.lastReadSequence };
    shard.iterator = await source.getShardIterator(shard.shardId, position, aborter.signal);
    // No iterator for a shard means nothing can ever be read from it.
    if (shard.iterator === undefined) shard.closed = true;
  };

  const fill = async (shard: ShardState, pass: number) => {
    if (shard.iterator === undefined) await obtainIterator(shard);
    while (shard.iterator !== undefined && shard.buffer.length < batchSize) {
      const limit = Math.min(GET_RECORDS_LIMIT, batchSize - shard.buffer.length);
      let page: Awaited<ReturnType<StreamSource['getRecords']>>;
      try {
        page = await source.getRecords(shard.iterator, limit, aborter.signal);
      } catch (error) {
        // An expired iterator is replaced at the next pass, after the last record read. So is
        // one DynamoDB Local calls trimmed: it answers TrimmedDataAccessException for an
        // iterator taken while the shard was empty, once the first record arrives, and the
        // same iterator fails forever (aws/aws-sdk-java#2923); a fresh one reads it all.
        if (isStaleIterator(error)) shard.iterator = undefined;
        throw error;
      }
      for (const record of page.records) {
        const sequenceNumber = record.dynamodb?.SequenceNumber ?? '';
        shard.buffer.push({ sequenceNumber, record: toLambdaStreamRecord(record, streamArn) });
        shard.lastReadSequence = sequenceNumber;
      }
      shard.iterator = page.nextIterator;
      if (page.nextIterator === undefined) shard.closed = true;
      if (page.records.length === 0) {
        if (shard.buffer.length === 0) shard.caughtUpPass = pass;
        break;
      }
      if (page.records.length < limit) break;
    }
  };

  const callback: Callback<HandlerResult> = () => {
    throw new StreamPollerError(
      'stream-poller.unsupported',
      'the handler called its callback; the stream poller needs a handler that returns a promise',
    );
  };

  const deliver = async (shard: ShardState) => {
    const batch = shard.buffer.slice(0, batchSize);
    const sequenceNumbers = batch.map((b) => b.sequenceNumber);
    // A fresh copy per delivery: a handler that mutates its event must not change a retry.
    const event: DynamoDBStreamEvent = { Records: batch.map((b) => structuredClone(b.record)) };
    const context = createLambdaContext({
      functionName: settings.functionName,
      region,
      timeoutMs: settings.functionTimeoutMs,
    });
    let outcome: BatchOutcome;
    let cause: unknown;
    try {
      outcome = interpretBatchResponse(
        await settings.handler(event, context, callback),
        sequenceNumbers,
      );
      if (outcome.outcome === 'failure') cause = new Error(outcome.reason);
    } catch (error) {
      outcome = { outcome: 'failure', reason: `the handler threw: ${String(error)}` };
      cause = error;
    }
    if (outcome.outcome === 'success') {
      shard.buffer.splice(0, batch.length);
      shard.failures = 0;
      logger.debug?.('stream poller: batch delivered', {
        shardId: shard.shardId,
        records: batch.length,
      });
      return;
    }
    const retryFrom = outcome.outcome === 'partial' ? outcome.retryFrom : 0;
    if (outcome.outcome === 'partial') {
      cause = new Error(`the handler reported record ${sequenceNumbers[retryFrom]} as failed`);
    }
    // Records before the first failed one are done; a new record at the head starts a new count.
    shard.buffer.splice(0, retryFrom);
    if (retryFrom > 0) shard.failures = 0;
    shard.failures += 1;
    if (shard.failures > settings.maxRetries) {
      const skipped = shard.buffer.splice(0, batch.length - retryFrom);
      shard.failures = 0;
      report(
        new StreamPollerError(
          'stream-poller.retries-exhausted',
          `stream poller: skipped ${skipped.length} record(s) of shard ${shard.shardId} from ${skipped[0]?.sequenceNumber} after ${settings.maxRetries} retries: ${outcome.outcome === 'failure' ? outcome.reason : 'reported as failed'}`,
          { cause, records: skipped.map((b) => b.record), shardId: shard.shardId },
        ),
      );
      return;
    }
    const delay = retryDelayMs(shard.failures, settings.retryBaseDelayMs, settings.retryMaxDelayMs);
    shard.notBefore = Date.now() + delay;
    logger.warn('stream poller: batch failed, retrying', {
      shardId: shard.shardId,
      from: shard.buffer[0]?.sequenceNumber,
      retry: shard.failures,
      delayMs: delay,
      reason: outcome.outcome === 'failure' ? outcome.reason : 'batchItemFailures',
    });
  };

  const readFailed = (shard: ShardState | undefined, error: unknown) => {
    // A stale iterator (see `fill`) is replaced at once; that is recovery, not a failure worth
    // telling anyone about. Only a second one in a row, with a fresh iterator, is reported.
    if (shard && shard.readFailures === 0 && isStaleIterator(error)) {
      shard.readFailures = 1;
      shard.notBefore = 0;
      return;
    }
    const failures = shard ? ++shard.readFailures : ++listingFailures;
    const delay = retryDelayMs(failures, settings.retryBaseDelayMs, settings.retryMaxDelayMs);
    if (shard) shard.notBefore = Date.now() + delay;
    else listingRetryAt = Date.now() + delay;
    report(
      new StreamPollerError(
        'stream-poller.read-failed',
        `stream poller: reading ${shard ? `shard ${shard.shardId}` : 'the shard list'} of ${streamArn} failed (${String(error)}); retrying in ${delay} ms`,
        { cause: error, ...(shard ? { shardId: shard.shardId } : {}) },
      ),
    );
  };

  /** One step for one shard: top up its records, then deliver one batch. True if delivered. */
  const step = async (shard: ShardState, pass: number): Promise<boolean> => {
    try {
      if (!shard.closed && shard.buffer.length < batchSize) await fill(shard, pass);
      shard.readFailures = 0;
    } catch (error) {
      if (!stopping) readFailed(shard, error);
      return false;
    }
    if (shard.buffer.length === 0) {
      if (shard.closed) {
        shard.finished = true;
        needListing = true; // its children, if any, may now be listed and started
        logger.info?.('stream poller: shard finished', { shardId: shard.shardId });
      }
      return false;
    }
    if (stopping) return false;
    await deliver(shard);
    return true;
  };

  const runPass = async (pass: number): Promise<boolean> => {
    const now = Date.now();
    // A waiter needs a listing that began after it was registered: shards that hold its
    // records are in that listing.
    const waiterNeedsListing = [...waiters].some((w) => listedPass < w.pass);
    if ((needListing || waiterNeedsListing || now >= nextListingAt) && now >= listingRetryAt) {
      try {
        await listShards(pass, false);
        listingFailures = 0;
      } catch (error) {
        if (!stopping) readFailed(undefined, error);
      }
    }
    let delivered = false;
    for (const shard of ordered) {
      if (stopping) break;
      if (!isReady(shard) || shard.notBefore > Date.now()) continue;
      if (await step(shard, pass)) delivered = true;
    }
    return delivered;
  };

  const isIdleSince = (pass: number) =>
    listedPass >= pass && ordered.every((s) => s.finished || s.caughtUpPass >= pass);

  const settleWaiters = () => {
    for (const waiter of waiters) {
      if (isIdleSince(waiter.pass)) {
        waiters.delete(waiter);
        waiter.resolve();
      }
    }
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        wake = undefined;
        resolve();
      }, ms);
      wake = () => {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      };
    });

  const nextDelay = () => {
    let delay = settings.pollIntervalMs;
    const now = Date.now();
    for (const shard of ordered) {
      if (shard.notBefore > now && isReady(shard)) delay = Math.min(delay, shard.notBefore - now);
    }
    return delay;
  };

  const loop = async () => {
    while (!stopping) {
      passCount += 1;
      let delivered = false;
      try {
        delivered = await runPass(passCount);
      } catch (error) {
        // Not expected (reads and handlers are caught above): keep the loop alive, say so.
        logger.error('stream poller: unexpected failure', { error: String(error) });
      }
      settleWaiters();
      if (stopping) break;
      // Behind on a shard: go again at once; otherwise wait for new records.
      if (delivered) await new Promise<void>((resolve) => setImmediate(resolve));
      else await sleep(nextDelay());
    }
  };

  try {
    await listShards(0, true);
    if (settings.startingPosition === 'LATEST') {
      // Take the tips now, so records written once start resolves are not missed.
      for (const shard of ordered) if (!shard.finished) await obtainIterator(shard);
    }
  } catch (error) {
    throw new StreamPollerError(
      'stream-poller.no-stream',
      `cannot read stream ${streamArn} (${String(error)}); expected the LatestStreamArn of a table with a stream`,
      { cause: error },
    );
  }
  logger.info?.('stream poller: started', { streamArn, shards: ordered.length });
  const running = loop();

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      stopping = true;
      wake?.();
      aborter.abort();
      await running;
      source.close();
      for (const waiter of waiters) {
        waiter.reject(
          new StreamPollerError(
            'stream-poller.stopped',
            'the stream poller stopped before it was idle',
          ),
        );
      }
      waiters.clear();
      logger.info?.('stream poller: stopped', { streamArn });
    })();
    return stopped;
  };

  const waitForIdle = (options: { timeoutMs?: number } = {}) => {
    if (stopping) {
      return Promise.reject(
        new StreamPollerError('stream-poller.stopped', 'waitForIdle() was called after stop()'),
      );
    }
    return new Promise<void>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter: IdleWaiter = {
        pass: passCount + 1,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      if (options.timeoutMs !== undefined) {
        timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(
            new StreamPollerError(
              'stream-poller.idle-timeout',
              `the stream poller was not idle within ${options.timeoutMs} ms`,
            ),
          );
        }, options.timeoutMs);
      }
      waiters.add(waiter);
      wake?.(); // start the next pass now instead of after the poll interval
    });
  };

  return { streamArn, waitForIdle, stop };
}
