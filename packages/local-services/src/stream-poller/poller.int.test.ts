import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  CreateTableCommand,
  DeleteItemCommand,
  DescribeTableCommand,
  DynamoDBClient,
  PutItemCommand,
  UpdateItemCommand,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, afterEach, describe, expect, inject, it, onTestFinished } from 'vitest';
import {
  dynamoDbClientConfig,
  type StreamPoller,
  type StreamPollerError,
  type StreamPollerOptions,
  startStreamPoller,
  uniqueName,
} from '../index.js';

const ddb = inject('dynamodb');
const clientConfig = dynamoDbClientConfig(ddb);
const client = new DynamoDBClient(clientConfig);
const quiet = { warn: () => {}, error: () => {} };

afterAll(() => client.destroy());

const running: StreamPoller[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.stop()));
});

async function createTable(prefix: string, stream: boolean | 'KEYS_ONLY' = true): Promise<string> {
  const name = uniqueName(prefix);
  await client.send(
    new CreateTableCommand({
      TableName: name,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      ...(stream
        ? {
            StreamSpecification: {
              StreamEnabled: true,
              StreamViewType: stream === true ? 'NEW_AND_OLD_IMAGES' : stream,
            },
          }
        : {}),
    }),
  );
  return name;
}

async function put(table: string, pk: string, extra: Record<string, unknown> = {}) {
  await client.send(
    new PutItemCommand({ TableName: table, Item: { pk: { S: pk }, ...(extra as object) } }),
  );
}

async function start(options: Omit<StreamPollerOptions, 'clientConfig'>): Promise<StreamPoller> {
  const poller = await startStreamPoller({
    clientConfig,
    pollIntervalMs: 20,
    retryBaseDelayMs: 10,
    retryMaxDelayMs: 50,
    logger: quiet,
    ...options,
  });
  running.push(poller);
  return poller;
}

const pkOf = (record: DynamoDBRecord) => record.dynamodb?.Keys?.pk?.S;

describe('startStreamPoller on DynamoDB Local', () => {
  it('delivers INSERT, MODIFY and REMOVE in order, shaped as Lambda delivers them', async () => {
    const table = await createTable('poller-shape');
    const events: DynamoDBStreamEvent[] = [];
    const contexts: Context[] = [];
    const poller = await start({
      tableName: table,
      functionName: 'streamer',
      handler: async (event, context) => {
        events.push(event);
        contexts.push(context);
      },
    });
    const before = Math.floor(Date.now() / 1000);
    await put(table, 'k1', { n: { N: '1' }, bin: { B: new Uint8Array([1, 2, 255]) } });
    await client.send(
      new UpdateItemCommand({
        TableName: table,
        Key: { pk: { S: 'k1' } },
        UpdateExpression: 'SET n = :two',
        ExpressionAttributeValues: { ':two': { N: '2' } },
      }),
    );
    await client.send(new DeleteItemCommand({ TableName: table, Key: { pk: { S: 'k1' } } }));
    await poller.waitForIdle();

    const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
    expect(poller.streamArn).toBe(Table?.LatestStreamArn);
    const records = events.flatMap((e) => e.Records);
    expect(records.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    for (const record of records) {
      expect(record).toMatchObject({
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: 'ddblocal',
        eventSourceARN: poller.streamArn,
      });
      expect(typeof record.eventID).toBe('string');
      const when = record.dynamodb?.ApproximateCreationDateTime;
      expect(typeof when).toBe('number');
      // DynamoDB Local rounds the time down to the minute; Lambda gives whole seconds.
      expect(Number.isInteger(when)).toBe(true);
      expect(when).toBeGreaterThan(before - 120);
      expect(when).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
      expect(record.dynamodb?.Keys).toEqual({ pk: { S: 'k1' } });
      expect(record.dynamodb?.StreamViewType).toBe('NEW_AND_OLD_IMAGES');
      expect(record.dynamodb?.SizeBytes).toBeGreaterThan(0);
    }
    const [insert, modify, remove] = records as [DynamoDBRecord, DynamoDBRecord, DynamoDBRecord];
    const image1 = { pk: { S: 'k1' }, n: { N: '1' }, bin: { B: 'AQL/' } };
    const image2 = { ...image1, n: { N: '2' } };
    expect(insert.dynamodb?.NewImage).toEqual(image1);
    expect('OldImage' in (insert.dynamodb ?? {})).toBe(false);
    expect(modify.dynamodb?.OldImage).toEqual(image1);
    expect(modify.dynamodb?.NewImage).toEqual(image2);
    expect(remove.dynamodb?.OldImage).toEqual(image2);
    expect('NewImage' in (remove.dynamodb ?? {})).toBe(false);
    const sequence = records.map((r) => BigInt(r.dynamodb?.SequenceNumber ?? '-1'));
    expect(sequence[0]! < sequence[1]! && sequence[1]! < sequence[2]!).toBe(true);

    const context = contexts[0]!;
    expect(context.functionName).toBe('streamer');
    expect(context.invokedFunctionArn).toBe(
      'arn:aws:lambda:ddblocal:000000000000:function:streamer',
    );
    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(0);
    expect(new Set(contexts.map((c) => c.awsRequestId)).size).toBe(contexts.length);
  });

  it('splits what is waiting into batches of at most batchSize, in write order', async () => {
    const table = await createTable('poller-batches');
    for (let i = 1; i <= 7; i++) await put(table, `k${i}`);
    const batches: string[][] = [];
    const poller = await start({
      tableName: table,
      batchSize: 3,
      handler: async (event) => {
        batches.push(event.Records.map((r) => pkOf(r) ?? '?'));
      },
    });
    await poller.waitForIdle();
    expect(batches).toEqual([['k1', 'k2', 'k3'], ['k4', 'k5', 'k6'], ['k7']]);
  });

  it('delivers the record reported in batchItemFailures and every later one again, not earlier ones', async () => {
    const table = await createTable('poller-partial');
    for (let i = 1; i <= 5; i++) await put(table, `k${i}`);
    const calls: string[][] = [];
    const poller = await start({
      tableName: table,
      handler: async (event) => {
        calls.push(event.Records.map((r) => pkOf(r) ?? '?'));
        if (calls.length > 1) return { batchItemFailures: [] };
        // k4 and k3 fail (listed out of order): the earliest, k3, is where the retry starts.
        const failed = event.Records.filter((r) => pkOf(r) === 'k4' || pkOf(r) === 'k3');
        return {
          batchItemFailures: failed.reverse().map((r) => ({
            itemIdentifier: r.dynamodb?.SequenceNumber ?? '',
          })),
        };
      },
    });
    await poller.waitForIdle();
    expect(calls).toEqual([
      ['k1', 'k2', 'k3', 'k4', 'k5'],
      ['k3', 'k4', 'k5'],
    ]);
  });

  it('delivers the same batch again when the handler throws', async () => {
    const table = await createTable('poller-throw');
    for (let i = 1; i <= 3; i++) await put(table, `k${i}`);
    const calls: DynamoDBRecord[][] = [];
    const poller = await start({
      tableName: table,
      handler: async (event) => {
        calls.push(event.Records);
        if (calls.length < 3) throw new Error('S3 is down');
      },
    });
    await poller.waitForIdle();
    expect(calls).toHaveLength(3);
    expect(calls[1]).toEqual(calls[0]);
    expect(calls[2]).toEqual(calls[0]);
    expect(calls[0]?.map(pkOf)).toEqual(['k1', 'k2', 'k3']);
  });

  it('fails the whole batch for an itemIdentifier that is not in it', async () => {
    const table = await createTable('poller-bad-id');
    await put(table, 'k1');
    await put(table, 'k2');
    const calls: string[][] = [];
    const poller = await start({
      tableName: table,
      handler: async (event) => {
        calls.push(event.Records.map((r) => pkOf(r) ?? '?'));
        if (calls.length === 1) return { batchItemFailures: [{ itemIdentifier: 'k2' }] };
      },
    });
    await poller.waitForIdle();
    expect(calls).toEqual([
      ['k1', 'k2'],
      ['k1', 'k2'],
    ]);
  });

  it('skips a batch that keeps failing after maxRetries, tells onError, and goes on', async () => {
    const table = await createTable('poller-exhausted');
    for (const pk of ['k1', 'poison', 'k3']) await put(table, pk);
    const delivered: string[] = [];
    const errors: StreamPollerError[] = [];
    const poller = await start({
      tableName: table,
      batchSize: 1,
      maxRetries: 2,
      onError: (error) => errors.push(error),
      handler: async (event) => {
        const pk = pkOf(event.Records[0]!) ?? '?';
        delivered.push(pk);
        if (pk === 'poison') throw new Error('cannot decode poison');
      },
    });
    await poller.waitForIdle();
    expect(delivered).toEqual(['k1', 'poison', 'poison', 'poison', 'k3']);
    expect(errors).toHaveLength(1);
    const error = errors[0]!;
    expect(error.code).toBe('stream-poller.retries-exhausted');
    expect(error.records.map(pkOf)).toEqual(['poison']);
    expect((error.cause as Error).message).toBe('cannot decode poison');
    expect(error.message).toContain('after 2 retries');
  });

  it('skips only the records from the failed one on when partial failures run out of retries', async () => {
    const table = await createTable('poller-partial-exhausted');
    for (const pk of ['k1', 'poison', 'k3']) await put(table, pk);
    const calls: string[][] = [];
    const errors: StreamPollerError[] = [];
    const poller = await start({
      tableName: table,
      maxRetries: 1,
      onError: (error) => errors.push(error),
      handler: async (event) => {
        calls.push(event.Records.map((r) => pkOf(r) ?? '?'));
        const poison = event.Records.find((r) => pkOf(r) === 'poison');
        return { batchItemFailures: [{ itemIdentifier: poison?.dynamodb?.SequenceNumber ?? '' }] };
      },
    });
    await poller.waitForIdle();
    expect(calls).toEqual([
      ['k1', 'poison', 'k3'],
      ['poison', 'k3'],
    ]);
    expect(errors.map((e) => e.records.map(pkOf))).toEqual([['poison', 'k3']]);
  });

  it('waitForIdle resolves only after every record written before it was handled', async () => {
    const table = await createTable('poller-idle');
    const seen: string[] = [];
    let gate = Promise.resolve();
    let open = () => {};
    const poller = await start({
      tableName: table,
      batchSize: 7,
      handler: async (event) => {
        // Held until the writes are done, so the poller is many batches behind at the call.
        await gate;
        seen.push(...event.Records.map((r) => pkOf(r) ?? '?'));
      },
    });
    for (const round of ['a', 'b']) {
      gate = new Promise<void>((resolve) => {
        open = resolve;
      });
      const keys = Array.from({ length: 40 }, (_, i) => `${round}${i}`);
      for (const pk of keys) await put(table, pk);
      const idle = poller.waitForIdle();
      open();
      await idle;
      expect(seen.slice(-40)).toEqual(keys);
    }
    expect(seen).toHaveLength(80);
  });

  it('waitForIdle does not resolve while a record keeps failing', async () => {
    const table = await createTable('poller-not-idle');
    await put(table, 'stuck');
    let calls = 0;
    const poller = await start({
      tableName: table,
      maxRetries: Number.POSITIVE_INFINITY,
      handler: async () => {
        calls += 1;
        throw new Error('always');
      },
    });
    let idle = false;
    const waiting = poller.waitForIdle().then(
      () => {
        idle = true;
      },
      (error: StreamPollerError) => error.code,
    );
    // The event that matters: the handler failed and was retried, again and again.
    while (calls < 5) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(idle).toBe(false);
    await poller.stop();
    expect(await waiting).toBe('stream-poller.stopped');
  });

  it('with LATEST delivers only records written after it started', async () => {
    const table = await createTable('poller-latest');
    await put(table, 'before');
    const seen: string[] = [];
    const poller = await start({
      tableName: table,
      startingPosition: 'LATEST',
      handler: async (event) => {
        seen.push(...event.Records.map((r) => pkOf(r) ?? '?'));
      },
    });
    await put(table, 'after');
    await poller.waitForIdle();
    expect(seen).toEqual(['after']);
  });

  it('delivers the rest of a shard that closes (stream disabled) and then finishes it', async () => {
    const table = await createTable('poller-closed', 'KEYS_ONLY');
    const seen: string[] = [];
    const finished: unknown[] = [];
    const poller = await start({
      tableName: table,
      logger: {
        ...quiet,
        info: (message, details) => {
          if (message.includes('shard finished')) finished.push(details?.shardId);
        },
      },
      handler: async (event) => {
        seen.push(...event.Records.map((r) => pkOf(r) ?? '?'));
      },
    });
    await put(table, 'k1');
    await poller.waitForIdle();
    expect(finished).toEqual([]);
    await put(table, 'k2');
    await client.send(
      new UpdateTableCommand({ TableName: table, StreamSpecification: { StreamEnabled: false } }),
    );
    await poller.waitForIdle();
    expect(seen).toEqual(['k1', 'k2']);
    expect(finished).toHaveLength(1);
    expect(String(finished[0])).toMatch(/^shardId-/);
  });

  it('stop() waits for the batch in flight and delivers nothing afterwards', async () => {
    const table = await createTable('poller-stop');
    let release: () => void = () => {};
    let entered: () => void = () => {};
    const inHandler = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const order: string[] = [];
    const poller = await start({
      tableName: table,
      handler: async (event) => {
        order.push(`handler ${event.Records.map(pkOf).join(',')}`);
        entered();
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        order.push('handler done');
      },
    });
    await put(table, 'k1');
    await inHandler;
    const idle = poller.waitForIdle().catch((e: StreamPollerError) => e.code);
    const stopped = poller.stop().then(() => order.push('stopped'));
    await put(table, 'k2');
    release();
    await stopped;
    expect(await idle).toBe('stream-poller.stopped');
    // Give a poller that wrongly kept going several poll intervals to show it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(order).toEqual(['handler k1', 'handler done', 'stopped']);
    await expect(poller.waitForIdle()).rejects.toMatchObject({ code: 'stream-poller.stopped' });
  });

  it('rejects a missing table or stream with a StreamPollerError naming it', async () => {
    const missingTable = uniqueName('poller-missing');
    await expect(
      startStreamPoller({ clientConfig, tableName: missingTable, handler: async () => {} }),
    ).rejects.toMatchObject({
      code: 'stream-poller.no-stream',
      message: expect.stringContaining(missingTable),
    });
    const missingStream = `arn:aws:dynamodb:ddblocal:000000000000:table/${missingTable}/stream/2026-01-01T00:00:00.000`;
    await expect(
      startStreamPoller({ clientConfig, streamArn: missingStream, handler: async () => {} }),
    ).rejects.toMatchObject({
      code: 'stream-poller.no-stream',
      message: expect.stringContaining(missingStream),
    });
  });

  it('rejects a table without a stream, naming it', async () => {
    const table = await createTable('poller-no-stream', false);
    await expect(
      startStreamPoller({ clientConfig, tableName: table, handler: async () => {} }),
    ).rejects.toMatchObject({
      code: 'stream-poller.no-stream',
      message: expect.stringContaining(table),
    });
  });

  it('leaves nothing behind after stop(): a process that used it exits on its own', async () => {
    const entry = fileURLToPath(new URL('../index.ts', import.meta.url));
    // The script never calls process.exit: it ends only if no timer or socket is left.
    const script = `
      import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
      import { dynamoDbClientConfig, startStreamPoller, uniqueName } from ${JSON.stringify(entry)};
      const config = dynamoDbClientConfig(JSON.parse(process.env.DDB_INFO));
      const client = new DynamoDBClient(config);
      const TableName = uniqueName('poller-exit');
      await client.send(new CreateTableCommand({
        TableName, BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
      }));
      let count = 0;
      const poller = await startStreamPoller({ clientConfig: config, tableName: TableName,
        handler: async (event) => { count += event.Records.length; } });
      for (const pk of ['a', 'b', 'c']) await client.send(new PutItemCommand({ TableName, Item: { pk: { S: pk } } }));
      await poller.waitForIdle();
      await poller.stop();
      client.destroy();
      const timers = process.getActiveResourcesInfo().filter((r) => r === 'Timeout');
      console.log(JSON.stringify({ count, timers }));
    `;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
        env: {
          ...process.env,
          DDB_INFO: JSON.stringify(ddb),
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += String(d);
    });
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    // A process that never exits is the failure: the hang guard ends the test, and this kills it.
    onTestFinished(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    const exit = await new Promise<number>((resolve) =>
      child.once('exit', (code) => resolve(code ?? -1)),
    );
    // DynamoDB Local's trimmed fresh stream is replaced without a word, so stderr stays empty.
    expect({ exit, stderr }).toEqual({ exit: 0, stderr: '' });
    expect(JSON.parse(stdout)).toEqual({ count: 3, timers: [] });
  });
});
