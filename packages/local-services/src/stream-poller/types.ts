import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { _Record as StreamsRecord } from '@aws-sdk/client-dynamodb-streams';
import type { Callback, Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { StreamPollerError } from './logic.js';
// `void` as in aws-lambda's own handler types: a handler that returns nothing must fit.
// biome-ignore lint/suspicious/noConfusingVoidType: matches DynamoDBStreamHandler's result
export type HandlerResult = DynamoDBBatchResponse | void;

/**
 * A DynamoDB stream handler as Lambda calls it. A handler typed `DynamoDBStreamHandler` from
 * `aws-lambda` fits; the callback style is not supported (calling `callback` throws).
 */
export type StreamPollerHandler = (
  event: DynamoDBStreamEvent,
  context: Context,
  callback: Callback<HandlerResult>,
) => HandlerResult | Promise<HandlerResult>;

/** Where the poller writes what it does; `console` fits. */
export interface StreamPollerLogger {
  debug?(message: string, details?: Record<string, unknown>): void;
  info?(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

/** Options of {@link startStreamPoller}. Give exactly one of `tableName` and `streamArn`. */
export interface StreamPollerOptions {
  /** DynamoDB client settings: `dynamoDbClientConfig(inject('dynamodb'))` or of a `startDynamoDbLocal()`. */
  clientConfig: DynamoDBClientConfig;
  /** The table whose latest stream is read (its `LatestStreamArn`). */
  tableName?: string;
  /** The stream to read, instead of `tableName`. */
  streamArn?: string;
  /** Called with each batch, one batch at a time; may answer with `batchItemFailures`. */
  handler: StreamPollerHandler;
  /** Most records per event, 1 to 10,000. Default 100 (Lambda's default for DynamoDB). */
  batchSize?: number;
  /** Where to start in shards that are open when the poller starts. Default 'TRIM_HORIZON'. */
  startingPosition?: 'TRIM_HORIZON' | 'LATEST';
  /** Pause between polls when there is nothing new. Default 100 ms. */
  pollIntervalMs?: number;
  /**
   * How often shards are listed again even when none closed (new shards rarely appear
   * otherwise; a closing shard and `waitForIdle` list at once). Default 5000 ms.
   */
  shardListIntervalMs?: number;
  /**
   * Retries of a failed batch (a thrown error, a failure response or `batchItemFailures`)
   * before its records are skipped and `onError` is called. Default 3; `Infinity` never skips.
   */
  maxRetries?: number;
  /** First retry delay; each further retry doubles it. Default 100 ms. */
  retryBaseDelayMs?: number;
  /** Longest retry delay. Default 2000 ms. */
  retryMaxDelayMs?: number;
  /**
   * Called when a batch ran out of retries (`code` 'stream-poller.retries-exhausted', the
   * skipped records in `error.records`) and when reading the stream failed ('stream-poller.read-failed',
   * retried after a back-off). Default: `logger.error`.
   */
  onError?: (error: StreamPollerError) => void;
  /** `context.functionName` given to the handler. Default 'local-stream-handler'. */
  functionName?: string;
  /** What `context.getRemainingTimeInMillis()` counts down from. Not enforced. Default 60 s. */
  functionTimeoutMs?: number;
  /** Default: warnings and errors to `console`, nothing else. */
  logger?: StreamPollerLogger;
}

/** A running stream poller. */
export interface StreamPoller {
  /** The stream being read. */
  readonly streamArn: string;
  /**
   * Resolves once every record written before the call has been delivered and either
   * acknowledged or skipped after its retries ran out: a poll that began after the call has
   * listed the shards and found nothing new in any of them. Rejects with
   * 'stream-poller.stopped' if the poller stops first, or 'stream-poller.idle-timeout'.
   */
  waitForIdle(options?: { timeoutMs?: number }): Promise<void>;
  /** Stops polling: waits for the batch in flight, then releases clients and timers. */
  stop(): Promise<void>;
}

/** A position to read a shard from. */
export type ShardPosition =
  | { type: 'TRIM_HORIZON' | 'LATEST' }
  | { type: 'AFTER_SEQUENCE_NUMBER'; sequenceNumber: string };

/** A shard as listed by DescribeStream. */
export interface SourceShard {
  shardId: string;
  parentShardId?: string | undefined;
  startingSequenceNumber?: string | undefined;
  endingSequenceNumber?: string | undefined;
}

/** What the poller needs from a stream: the Streams API here, an in-memory stream in tests. */
export interface StreamSource {
  listShards(signal: AbortSignal): Promise<SourceShard[]>;
  getShardIterator(
    shardId: string,
    position: ShardPosition,
    signal: AbortSignal,
  ): Promise<string | undefined>;
  getRecords(
    iterator: string,
    limit: number,
    signal: AbortSignal,
  ): Promise<{ records: StreamsRecord[]; nextIterator: string | undefined }>;
  close(): void;
}

/** Settings of {@link runStreamPoller}: the options with every default filled in. */
