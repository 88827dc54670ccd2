import type { _Record as StreamsRecord } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamHandler } from 'aws-lambda';
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  createLambdaContext,
  interpretBatchResponse,
  orderShardsByLineage,
  retryDelayMs,
  StreamPollerError,
  toLambdaStreamRecord,
} from './logic.js';
import { runStreamPoller, startStreamPoller } from './poller.js';
import type { StreamPollerSettings } from './settings.js';
import type { ShardPosition, SourceShard, StreamPollerHandler, StreamSource } from './types.js';

const ARN = 'arn:aws:dynamodb:ddblocal:000000000000:table/t/stream/2026-01-01T00:00:00.000';

describe('toLambdaStreamRecord', () => {
  it('builds the record Lambda delivers: epoch seconds, base64 binaries, the stream ARN', () => {
    const record: StreamsRecord = {
      eventID: 'e-1',
      eventName: 'MODIFY',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'eu-west-1',
      dynamodb: {
        ApproximateCreationDateTime: new Date('2026-11-23T10:00:07.900Z'),
        Keys: { pk: { S: 'a' } },
        NewImage: {
          pk: { S: 'a' },
          bin: { B: new Uint8Array([1, 2, 255]) },
          set: { BS: [new Uint8Array([0]), new Uint8Array([104, 105])] },
          list: { L: [{ N: '1' }, { M: { inner: { B: new Uint8Array([7]) } } }] },
          flag: { BOOL: true },
          none: { NULL: true },
        },
        OldImage: { pk: { S: 'a' }, ns: { NS: ['1', '2'] } },
        SequenceNumber: '000000000000000000042',
        SizeBytes: 31,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      userIdentity: { Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' },
    };
    const built = toLambdaStreamRecord(record, ARN);
    expect(built).toEqual({
      eventID: 'e-1',
      eventName: 'MODIFY',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'eu-west-1',
      dynamodb: {
        ApproximateCreationDateTime: Date.parse('2026-11-23T10:00:07Z') / 1000,
        Keys: { pk: { S: 'a' } },
        NewImage: {
          pk: { S: 'a' },
          bin: { B: 'AQL/' },
          set: { BS: ['AA==', 'aGk='] },
          list: { L: [{ N: '1' }, { M: { inner: { B: 'Bw==' } } }] },
          flag: { BOOL: true },
          none: { NULL: true },
        },
        OldImage: { pk: { S: 'a' }, ns: { NS: ['1', '2'] } },
        SequenceNumber: '000000000000000000042',
        SizeBytes: 31,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' },
      eventSourceARN: ARN,
    });
    expect(Object.keys(built)).toEqual([
      'eventID',
      'eventName',
      'eventVersion',
      'eventSource',
      'awsRegion',
      'dynamodb',
      'userIdentity',
      'eventSourceARN',
    ]);
    // The result survives JSON, as a Lambda event must.
    expect(JSON.parse(JSON.stringify(built))).toEqual(built);
  });

  it('leaves out the images a record does not have instead of setting them to undefined', () => {
    const built = toLambdaStreamRecord(
      {
        eventID: 'e-2',
        eventName: 'REMOVE',
        dynamodb: { Keys: { pk: { S: 'a' } }, SequenceNumber: '7', StreamViewType: 'KEYS_ONLY' },
      },
      ARN,
    );
    expect(Object.keys(built.dynamodb ?? {})).toEqual(['Keys', 'SequenceNumber', 'StreamViewType']);
    expect(built.eventVersion).toBe('1.1');
    expect(built.eventSource).toBe('aws:dynamodb');
    expect('userIdentity' in built).toBe(false);
  });
});

describe('interpretBatchResponse', () => {
  const seqs = ['10', '20', '30', '40'];

  it.each([
    ['no response', undefined],
    ['a null response', null],
    ['an empty object', {}],
    ['a null list', { batchItemFailures: null }],
    ['an empty list', { batchItemFailures: [] }],
  ])('takes %s as a full success', (_name, response) => {
    expect(interpretBatchResponse(response, seqs)).toEqual({ outcome: 'success' });
  });

  it('retries from the earliest reported record, whatever order the failures come in', () => {
    expect(
      interpretBatchResponse(
        { batchItemFailures: [{ itemIdentifier: '40' }, { itemIdentifier: '20' }] },
        seqs,
      ),
    ).toEqual({ outcome: 'partial', retryFrom: 1 });
  });

  it.each([
    ['an empty identifier', { batchItemFailures: [{ itemIdentifier: '' }] }, '""'],
    ['a null identifier', { batchItemFailures: [{ itemIdentifier: null }] }, 'null'],
    ['a wrong key name', { batchItemFailures: [{ id: '20' }] }, 'undefined'],
    [
      'a sequence number not in the batch',
      { batchItemFailures: [{ itemIdentifier: '99' }] },
      '"99"',
    ],
  ])('fails the whole batch for %s', (_name, response, shown) => {
    const outcome = interpretBatchResponse(response, seqs);
    expect(outcome.outcome).toBe('failure');
    expect(outcome.outcome === 'failure' && outcome.reason).toContain(`itemIdentifier is ${shown}`);
  });

  it('fails the whole batch when batchItemFailures is not a list', () => {
    expect(interpretBatchResponse({ batchItemFailures: '20' }, seqs)).toEqual({
      outcome: 'failure',
      reason: 'batchItemFailures is "20"; expected an array of { itemIdentifier }',
    });
  });
});

describe('orderShardsByLineage', () => {
  it('puts parents before children and siblings by starting sequence number', () => {
    const shards = [
      { shardId: 'd', parentShardId: 'b', startingSequenceNumber: '500' },
      { shardId: 'c', parentShardId: 'a', startingSequenceNumber: '300' },
      { shardId: 'b', parentShardId: 'a', startingSequenceNumber: '200' },
      { shardId: 'a', parentShardId: 'trimmed', startingSequenceNumber: '100' },
      { shardId: 'z', startingSequenceNumber: '90' },
    ];
    expect(orderShardsByLineage(shards).map((s) => s.shardId)).toEqual(['z', 'a', 'b', 'c', 'd']);
  });

  it('compares sequence numbers as numbers, not as text', () => {
    const shards = [
      { shardId: 'x', startingSequenceNumber: '1000' },
      { shardId: 'y', startingSequenceNumber: '999' },
    ];
    expect(orderShardsByLineage(shards).map((s) => s.shardId)).toEqual(['y', 'x']);
  });

  it('keeps every shard once, parents first, whatever order they are listed in', () => {
    // A random forest: shard i has no parent, a trimmed one, or one of the shards before it.
    const shardSpec = fc.record({
      parent: fc.option(fc.nat(), { nil: undefined }),
      trimmedParent: fc.boolean(),
      seq: fc.bigInt({ min: 0n, max: 10n ** 30n }),
    });
    const listed = fc
      .array(shardSpec, { maxLength: 30 })
      .chain((spec) =>
        fc.tuple(
          fc.constant(spec),
          fc.shuffledSubarray([...spec.keys()], { minLength: spec.length, maxLength: spec.length }),
        ),
      );
    fc.assert(
      fc.property(listed, ([spec, listingOrder]) => {
        const shards = spec.map((s, i) => ({
          shardId: `s${i}`,
          parentShardId:
            i > 0 && s.parent !== undefined
              ? `s${s.parent % i}`
              : s.trimmedParent
                ? 'trimmed'
                : undefined,
          startingSequenceNumber: String(s.seq),
        }));
        const ordered = orderShardsByLineage(listingOrder.map((i) => shards[i]!));
        const ids = ordered.map((s) => s.shardId);
        expect([...ids].sort()).toEqual(shards.map((s) => s.shardId).sort());
        for (const shard of shards) {
          if (shard.parentShardId === undefined || shard.parentShardId === 'trimmed') continue;
          expect(ids.indexOf(shard.parentShardId)).toBeLessThan(ids.indexOf(shard.shardId));
        }
        expect(ordered).toEqual(orderShardsByLineage(shards));
      }),
    );
  });
});

describe('retryDelayMs', () => {
  it('doubles from the base delay up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(n, 100, 1000))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });
});

describe('createLambdaContext', () => {
  it('gives each invocation its own request id and a deadline that counts down', () => {
    const first = createLambdaContext({
      functionName: 'streamer',
      region: 'ddblocal',
      timeoutMs: 5000,
    });
    const second = createLambdaContext({
      functionName: 'streamer',
      region: 'ddblocal',
      timeoutMs: 5000,
    });
    expect(first.functionName).toBe('streamer');
    expect(first.functionVersion).toBe('$LATEST');
    expect(first.invokedFunctionArn).toBe('arn:aws:lambda:ddblocal:000000000000:function:streamer');
    expect(first.logGroupName).toBe('/aws/lambda/streamer');
    expect(first.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.awsRequestId).not.toBe(second.awsRequestId);
    const remaining = first.getRemainingTimeInMillis();
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThanOrEqual(5000);
    expect(() => first.succeed('x')).toThrow(StreamPollerError);
  });
});

describe('startStreamPoller options', () => {
  const base = {
    clientConfig: { endpoint: 'http://127.0.0.1:1', region: 'local' },
    tableName: 'never-read',
    handler: async () => {},
  };

  it.each([
    [{ ...base, batchsize: 10 }, 'unknown option "batchsize"'],
    [{ ...base, batchSize: 0 }, 'batchSize is 0; expected an integer from 1 to 10000'],
    [{ ...base, batchSize: 2.5 }, 'batchSize is 2.5'],
    [{ ...base, streamArn: ARN }, 'expected exactly one of them'],
    [{ ...base, startingPosition: 'AT_TIMESTAMP' }, 'startingPosition is "AT_TIMESTAMP"'],
    [{ ...base, handler: 'streamer' }, 'handler is string; expected a function'],
  ])('rejects bad options before touching the network (%#)', async (options, message) => {
    const error = await startStreamPoller(options as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamPollerError);
    expect((error as StreamPollerError).code).toBe('stream-poller.options-invalid');
    expect((error as StreamPollerError).message).toContain(message);
  });

  it('accepts a handler typed DynamoDBStreamHandler from aws-lambda', () => {
    expectTypeOf<DynamoDBStreamHandler>().toExtend<StreamPollerHandler>();
  });
});

// DynamoDB Local never splits or rolls a shard (20,000 writes stayed in one), so lineage is
// exercised here on an in-memory stream with the same contract as the Streams API.
interface MemoryShard {
  shardId: string;
  parentShardId?: string;
  start: bigint;
  records: StreamsRecord[];
  closed: boolean;
}

class MemoryStream implements StreamSource {
  readonly shards: MemoryShard[] = [];
  reads: string[] = [];
  closedByPoller = false;
  /** Iterators handed out before this many records exist fail as DynamoDB Local's do. */
  trimIteratorsTakenWhileEmpty = false;
  /** Every iterator reads as trimmed once the shard has records: a shard that stays broken. */
  trimAlways = false;
  private next = 1n;

  addShard(shardId: string, parentShardId?: string): MemoryShard {
    const shard: MemoryShard = { shardId, start: this.next, records: [], closed: false };
    if (parentShardId !== undefined) shard.parentShardId = parentShardId;
    // Newest first, so the poller cannot rely on the listing order.
    this.shards.unshift(shard);
    return shard;
  }

  write(shard: MemoryShard, key: string): void {
    const seq = String(this.next++).padStart(21, '0');
    shard.records.push({
      eventID: `id-${seq}`,
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'ddblocal',
      dynamodb: { Keys: { pk: { S: key } }, SequenceNumber: seq, StreamViewType: 'KEYS_ONLY' },
    });
  }

  async listShards(): Promise<SourceShard[]> {
    return this.shards.map((s) => ({
      shardId: s.shardId,
      parentShardId: s.parentShardId,
      startingSequenceNumber: String(s.start).padStart(21, '0'),
      endingSequenceNumber: s.closed
        ? (s.records.at(-1)?.dynamodb?.SequenceNumber ?? '0')
        : undefined,
    }));
  }

  async getShardIterator(shardId: string, position: ShardPosition): Promise<string> {
    const shard = this.shards.find((s) => s.shardId === shardId)!;
    if (this.trimAlways || (this.trimIteratorsTakenWhileEmpty && shard.records.length === 0))
      return `${shardId}#trimmed`;
    if (position.type === 'AFTER_SEQUENCE_NUMBER') {
      const at = shard.records.findIndex(
        (r) => r.dynamodb?.SequenceNumber === position.sequenceNumber,
      );
      return `${shardId}#${at + 1}`;
    }
    return `${shardId}#${position.type === 'LATEST' ? shard.records.length : 0}`;
  }

  async getRecords(iterator: string, limit: number) {
    const [shardId, at] = iterator.split('#') as [string, string];
    const shard = this.shards.find((s) => s.shardId === shardId)!;
    if (at === 'trimmed') {
      if (shard.records.length === 0) return { records: [], nextIterator: iterator };
      throw Object.assign(new Error('read past the oldest stream record'), {
        name: 'TrimmedDataAccessException',
      });
    }
    const from = Number(at);
    const records = shard.records.slice(from, from + limit);
    const end = from + records.length;
    this.reads.push(shardId);
    const done = shard.closed && end >= shard.records.length;
    return { records, nextIterator: done ? undefined : `${shardId}#${end}` };
  }

  close(): void {
    this.closedByPoller = true;
  }
}

function settings(
  handler: StreamPollerSettings['handler'],
  overrides: Partial<StreamPollerSettings> = {},
): StreamPollerSettings {
  return {
    streamArn: ARN,
    handler,
    batchSize: 100,
    startingPosition: 'TRIM_HORIZON',
    pollIntervalMs: 5,
    // Only a closing shard or waitForIdle lists shards in these tests, never the clock.
    shardListIntervalMs: Number.POSITIVE_INFINITY,
    maxRetries: 3,
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 5,
    onError: (error) => {
      throw error;
    },
    functionName: 'test',
    functionTimeoutMs: 1000,
    logger: { warn: () => {}, error: () => {} },
    ...overrides,
  };
}

function keysOf(records: DynamoDBRecord[]): string[] {
  return records.map((r) => r.dynamodb?.Keys?.pk?.S ?? '?');
}

describe('runStreamPoller shard lineage', () => {
  it('reads a closed parent to its end before either child, and a grandchild after its parent', async () => {
    const stream = new MemoryStream();
    const a = stream.addShard('shard-a');
    stream.write(a, 'a1');
    stream.write(a, 'a2');
    a.closed = true;
    const b = stream.addShard('shard-b', 'shard-a');
    const c = stream.addShard('shard-c', 'shard-a');
    stream.write(b, 'b1');
    stream.write(c, 'c1');
    stream.write(b, 'b2');
    b.closed = true;
    const d = stream.addShard('shard-d', 'shard-b');
    stream.write(d, 'd1');
    c.closed = true;

    const seen: string[] = [];
    // One record per batch, so a shard started too early would show up between its parent's.
    const poller = await runStreamPoller(
      stream,
      settings(
        async (event) => {
          seen.push(...keysOf(event.Records));
        },
        { batchSize: 1 },
      ),
    );
    await poller.waitForIdle();
    await poller.stop();

    expect([...seen].sort()).toEqual(['a1', 'a2', 'b1', 'b2', 'c1', 'd1']);
    const at = (key: string) => seen.indexOf(key);
    expect(at('a1')).toBeLessThan(at('a2'));
    expect(at('a2')).toBeLessThan(Math.min(at('b1'), at('c1')));
    expect(at('b1')).toBeLessThan(at('b2'));
    expect(at('b2')).toBeLessThan(at('d1'));
    expect(stream.closedByPoller).toBe(true);
  });

  it('follows a shard that closes while the poller runs into the child that replaces it', async () => {
    const stream = new MemoryStream();
    const first = stream.addShard('shard-1');
    stream.write(first, 'k1');
    const seen: string[] = [];
    const poller = await runStreamPoller(
      stream,
      settings(async (event) => {
        seen.push(...keysOf(event.Records));
      }),
    );
    await poller.waitForIdle();
    expect(seen).toEqual(['k1']);

    // A rollover: the open shard gets its last record and closes, a child takes over.
    stream.write(first, 'k2');
    first.closed = true;
    const second = stream.addShard('shard-2', 'shard-1');
    stream.write(second, 'k3');
    await poller.waitForIdle();
    await poller.stop();

    expect(seen).toEqual(['k1', 'k2', 'k3']);
  });

  it('finds a shard that appears without any shard closing at the next waitForIdle', async () => {
    const stream = new MemoryStream();
    stream.write(stream.addShard('shard-1'), 'k1');
    const seen: string[] = [];
    const poller = await runStreamPoller(
      stream,
      settings(async (event) => {
        seen.push(...keysOf(event.Records));
      }),
    );
    await poller.waitForIdle();
    stream.write(stream.addShard('shard-2'), 'k2');
    // The periodic re-listing never comes here (settings): waitForIdle itself lists again.
    await poller.waitForIdle();
    await poller.stop();
    expect(seen).toEqual(['k1', 'k2']);
  });

  it('with LATEST skips shards already closed and history, but reads children from their start', async () => {
    const stream = new MemoryStream();
    const old = stream.addShard('shard-old');
    stream.write(old, 'old');
    old.closed = true;
    const open = stream.addShard('shard-open', 'shard-old');
    stream.write(open, 'before-start');
    const seen: string[] = [];
    const poller = await runStreamPoller(
      stream,
      settings(
        async (event) => {
          seen.push(...keysOf(event.Records));
        },
        { startingPosition: 'LATEST' },
      ),
    );
    stream.write(open, 'after-start');
    open.closed = true;
    const child = stream.addShard('shard-child', 'shard-open');
    stream.write(child, 'in-child');
    await poller.waitForIdle();
    await poller.stop();

    expect(seen).toEqual(['after-start', 'in-child']);
    expect(stream.reads).not.toContain('shard-old');
  });

  it('gives up waiting for idle after timeoutMs with stream-poller.idle-timeout', async () => {
    const stream = new MemoryStream();
    stream.write(stream.addShard('shard-1'), 'stuck');
    const poller = await runStreamPoller(
      stream,
      settings(
        async () => {
          throw new Error('always');
        },
        { maxRetries: Number.POSITIVE_INFINITY },
      ),
    );
    // The handler never succeeds, so the poller never becomes idle: any timeout must fire.
    await expect(poller.waitForIdle({ timeoutMs: 1 })).rejects.toMatchObject({
      code: 'stream-poller.idle-timeout',
    });
    await poller.stop();
  });

  it('takes a fresh iterator when an iterator taken on an empty shard turns trimmed, as DynamoDB Local does', async () => {
    const stream = new MemoryStream();
    stream.trimIteratorsTakenWhileEmpty = true;
    const shard = stream.addShard('shard-1');
    const seen: string[] = [];
    const errors: string[] = [];
    const poller = await runStreamPoller(
      stream,
      settings(
        async (event) => {
          seen.push(...keysOf(event.Records));
        },
        { onError: (error) => errors.push(error.code) },
      ),
    );
    await poller.waitForIdle();
    stream.write(shard, 'k1');
    stream.write(shard, 'k2');
    await poller.waitForIdle();
    await poller.stop();
    // Replacing the stale iterator is recovery: nothing is reported.
    expect({ seen, errors }).toEqual({ seen: ['k1', 'k2'], errors: [] });
  });

  it('reports a shard that reads as trimmed again with a fresh iterator, and keeps retrying it', async () => {
    const stream = new MemoryStream();
    stream.trimAlways = true;
    const shard = stream.addShard('shard-1');
    stream.write(shard, 'k1');
    const errors: string[] = [];
    let resolveReported = () => {};
    const reported = new Promise<void>((resolve) => {
      resolveReported = resolve;
    });
    const poller = await runStreamPoller(
      stream,
      settings(async () => {}, {
        onError: (error) => {
          errors.push(error.code);
          if (errors.length === 2) resolveReported();
        },
      }),
    );
    await reported;
    await poller.stop();
    expect(errors.slice(0, 2)).toEqual(['stream-poller.read-failed', 'stream-poller.read-failed']);
  });
});
