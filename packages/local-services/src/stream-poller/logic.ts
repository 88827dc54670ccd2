// The pure parts of the stream poller: building Lambda-shaped records from Streams API
// records, reading a handler's batch response, ordering shards by lineage, the Lambda
// context. Kept apart from the code that polls so they are tested without a server.
import { randomBytes, randomUUID } from 'node:crypto';
import type {
  AttributeValue as StreamsAttributeValue,
  _Record as StreamsRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, Context, DynamoDBRecord, StreamRecord } from 'aws-lambda';
import { LocalServicesError } from '../errors.js';

/** What went wrong in a stream poller; `code` says which kind of failure it is. */
export type StreamPollerErrorCode =
  | 'stream-poller.options-invalid'
  | 'stream-poller.no-stream'
  | 'stream-poller.read-failed'
  | 'stream-poller.retries-exhausted'
  | 'stream-poller.stopped'
  | 'stream-poller.idle-timeout'
  | 'stream-poller.unsupported';

/**
 * The error class of the stream poller. A `'stream-poller.retries-exhausted'` error carries
 * the records that were skipped in `records` and the last handler failure in `cause`.
 */
export class StreamPollerError extends LocalServicesError<StreamPollerErrorCode> {
  override name = 'StreamPollerError';
  /** The records this error is about (skipped records for `retries-exhausted`), else empty. */
  readonly records: DynamoDBRecord[];
  /** The shard the error happened on, when there is one. */
  readonly shardId: string | undefined;

  constructor(
    code: StreamPollerErrorCode,
    message: string,
    options: { cause?: unknown; records?: DynamoDBRecord[]; shardId?: string } = {},
  ) {
    super(code, message, options.cause === undefined ? undefined : { cause: options.cause });
    this.records = options.records ?? [];
    this.shardId = options.shardId;
  }
}

// The SDK decodes binary attributes to Uint8Array; Lambda events carry them as base64 text.
function toLambdaAttribute(value: StreamsAttributeValue): AttributeValue {
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BS !== undefined) return { BS: value.BS.map((b) => Buffer.from(b).toString('base64')) };
  if (value.L !== undefined) return { L: value.L.map(toLambdaAttribute) };
  if (value.M !== undefined) return { M: toLambdaImage(value.M) };
  return { ...value } as AttributeValue;
}

function toLambdaImage(
  image: Record<string, StreamsAttributeValue>,
): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(image)) out[name] = toLambdaAttribute(value);
  return out;
}

/**
 * Builds the record Lambda would put in a `DynamoDBStreamEvent` from a record returned by the
 * DynamoDB Streams `GetRecords` call: binary values as base64, `ApproximateCreationDateTime`
 * as epoch seconds, `userIdentity` with Lambda's lower-case keys, `eventSourceARN` added.
 *
 * @example
 * const { Records = [] } = await streams.send(new GetRecordsCommand({ ShardIterator }));
 * const event = { Records: Records.map((r) => toLambdaStreamRecord(r, streamArn)) };
 */
export function toLambdaStreamRecord(record: StreamsRecord, streamArn: string): DynamoDBRecord {
  const source = record.dynamodb ?? {};
  const dynamodb: StreamRecord = {};
  if (source.ApproximateCreationDateTime !== undefined) {
    dynamodb.ApproximateCreationDateTime = Math.floor(
      source.ApproximateCreationDateTime.getTime() / 1000,
    );
  }
  if (source.Keys !== undefined) dynamodb.Keys = toLambdaImage(source.Keys);
  if (source.NewImage !== undefined) dynamodb.NewImage = toLambdaImage(source.NewImage);
  if (source.OldImage !== undefined) dynamodb.OldImage = toLambdaImage(source.OldImage);
  if (source.SequenceNumber !== undefined) dynamodb.SequenceNumber = source.SequenceNumber;
  if (source.SizeBytes !== undefined) dynamodb.SizeBytes = source.SizeBytes;
  if (source.StreamViewType !== undefined) dynamodb.StreamViewType = source.StreamViewType;

  // Key order follows the events Lambda delivers, so a logged event reads the same.
  const out: DynamoDBRecord = {};
  if (record.eventID !== undefined) out.eventID = record.eventID;
  if (record.eventName !== undefined) out.eventName = record.eventName;
  out.eventVersion = record.eventVersion ?? '1.1';
  out.eventSource = record.eventSource ?? 'aws:dynamodb';
  if (record.awsRegion !== undefined) out.awsRegion = record.awsRegion;
  out.dynamodb = dynamodb;
  if (record.userIdentity !== undefined) {
    out.userIdentity = {
      type: record.userIdentity.Type,
      principalId: record.userIdentity.PrincipalId,
    };
  }
  out.eventSourceARN = streamArn;
  return out;
}

/** How a batch went, read from what the handler returned (Lambda's ReportBatchItemFailures). */
export type BatchOutcome =
  | { outcome: 'success' }
  /** Records before `retryFrom` are done; that record and every later one are delivered again. */
  | { outcome: 'partial'; retryFrom: number }
  | { outcome: 'failure'; reason: string };

/**
 * Reads a handler's response the way Lambda does for stream sources: no response, no
 * `batchItemFailures` or an empty list is a success; an item identifier that is missing,
 * empty or not the SequenceNumber of a record in the batch fails the whole batch; otherwise
 * the batch is retried from the earliest failed record.
 */
export function interpretBatchResponse(
  response: unknown,
  sequenceNumbers: readonly string[],
): BatchOutcome {
  if (response === null || typeof response !== 'object') return { outcome: 'success' };
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return { outcome: 'success' };
  if (!Array.isArray(failures)) {
    return {
      outcome: 'failure',
      reason: `batchItemFailures is ${JSON.stringify(failures)}; expected an array of { itemIdentifier }`,
    };
  }
  if (failures.length === 0) return { outcome: 'success' };
  let retryFrom = Number.POSITIVE_INFINITY;
  for (const [i, failure] of failures.entries()) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    const index = typeof id === 'string' && id !== '' ? sequenceNumbers.indexOf(id) : -1;
    if (index === -1) {
      return {
        outcome: 'failure',
        reason: `batchItemFailures[${i}].itemIdentifier is ${JSON.stringify(id)}; expected the SequenceNumber of a record in the batch`,
      };
    }
    retryFrom = Math.min(retryFrom, index);
  }
  return { outcome: 'partial', retryFrom };
}

/** The lineage facts of a shard, as DescribeStream gives them. */
export interface ShardLineage {
  shardId: string;
  parentShardId?: string | undefined;
  startingSequenceNumber?: string | undefined;
}

function compareShards(a: ShardLineage, b: ShardLineage): number {
  const sa = a.startingSequenceNumber;
  const sb = b.startingSequenceNumber;
  if (sa !== sb) {
    if (sa === undefined) return 1;
    if (sb === undefined) return -1;
    // Sequence numbers are decimal strings of up to 40 digits: compare them as numbers.
    const na = /^\d+$/.test(sa) ? BigInt(sa) : undefined;
    const nb = /^\d+$/.test(sb) ? BigInt(sb) : undefined;
    if (na !== undefined && nb !== undefined && na !== nb) return na < nb ? -1 : 1;
  }
  return a.shardId < b.shardId ? -1 : a.shardId > b.shardId ? 1 : 0;
}

/**
 * Orders shards so every parent comes before its children; shards whose parent is not in the
 * list (a root, or a parent already trimmed) start their own line. Among shards that may go
 * next, the one with the lowest starting sequence number (then shard id) goes first, so the
 * result does not depend on the order DescribeStream listed them in.
 */
export function orderShardsByLineage<T extends ShardLineage>(shards: readonly T[]): T[] {
  const byId = new Map<string, T>();
  for (const shard of shards) if (!byId.has(shard.shardId)) byId.set(shard.shardId, shard);
  const children = new Map<string, T[]>();
  let ready: T[] = [];
  for (const shard of byId.values()) {
    const parent = shard.parentShardId;
    if (parent !== undefined && parent !== shard.shardId && byId.has(parent)) {
      const siblings = children.get(parent) ?? [];
      siblings.push(shard);
      children.set(parent, siblings);
    } else {
      ready.push(shard);
    }
  }
  const ordered: T[] = [];
  const placed = new Set<string>();
  while (ready.length > 0) {
    ready.sort(compareShards);
    const next = ready.shift()!;
    ordered.push(next);
    placed.add(next.shardId);
    ready = ready.concat(children.get(next.shardId) ?? []);
  }
  // Only a parent cycle (never produced by DynamoDB) leaves shards unplaced; keep them last.
  const rest = [...byId.values()].filter((s) => !placed.has(s.shardId)).sort(compareShards);
  return ordered.concat(rest);
}

/** The delay before retry number `failures` (1, 2, …): doubling from `baseMs`, at most `maxMs`. */
export function retryDelayMs(failures: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
}

function unsupported(name: string): never {
  throw new StreamPollerError(
    'stream-poller.unsupported',
    `context.${name}() is not supported by the stream poller; return a promise from the handler instead`,
  );
}

/** A Lambda `Context` for one invocation: a fresh request id and a deadline `timeoutMs` away. */
export function createLambdaContext(options: {
  functionName: string;
  region: string;
  timeoutMs: number;
}): Context {
  const { functionName, region, timeoutMs } = options;
  const deadline = Date.now() + timeoutMs;
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:000000000000:function:${functionName}`,
    memoryLimitInMB: '128',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `${day}/[$LATEST]${randomBytes(16).toString('hex')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => unsupported('done'),
    fail: () => unsupported('fail'),
    succeed: () => unsupported('succeed'),
  };
}
