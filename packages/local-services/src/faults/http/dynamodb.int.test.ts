import {
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  type DynamoDBClientConfig,
  DynamoDBServiceException,
  GetItemCommand,
  InternalServerError,
  LimitExceededException,
  ProvisionedThroughputExceededException,
  PutItemCommand,
  QueryCommand,
  RequestLimitExceeded,
  ThrottlingException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  LimitExceededException as StreamsLimitExceededException,
} from '@aws-sdk/client-dynamodb-streams';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dynamoDbClientConfig } from '../../dynamodb-local.js';
import { uniqueName } from '../../names.js';
import { startFaultProxy } from './proxy.js';
import type { HttpFaultRule } from './types.js';

const info = inject('dynamodb');
const config = dynamoDbClientConfig(info);
const direct = new DynamoDBClient(config);
const TableName = uniqueName('faults');
let streamArn: string;

beforeAll(async () => {
  await direct.send(
    new CreateTableCommand({
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  const table = await direct.send(new DescribeTableCommand({ TableName }));
  streamArn = table.Table!.LatestStreamArn!;
});
// Proxies and clients live until the file ends: tests that run concurrently cannot tell whose
// onTestFinished is whose.
const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()));
  direct.destroy();
});

/** A proxy in front of the shared DynamoDB Local and an SDK client behind it, for one test. */
async function behindProxy(
  rules: HttpFaultRule[],
  clientOptions: Partial<DynamoDBClientConfig> = {},
  seed = 1234,
) {
  const proxy = await startFaultProxy({ target: info, kind: 'dynamodb', seed, rules });
  const client = new DynamoDBClient({ ...config, endpoint: proxy.endpoint, ...clientOptions });
  cleanups.push(
    () => client.destroy(),
    () => proxy.stop(),
  );
  return { proxy, client };
}

/** What an SDK call rejects with: an Error with the SDK's metadata. */
type SdkError = Error & {
  code?: string;
  $fault?: string;
  $metadata: {
    httpStatusCode?: number;
    attempts?: number;
    requestId?: string;
    extendedRequestId?: string;
  };
};

async function rejection(promise: Promise<unknown>): Promise<SdkError> {
  try {
    await promise;
  } catch (error) {
    return error as SdkError;
  }
  throw new Error('expected the call to fail');
}

const key = (pk: string, sk = 'item') => ({ pk: { S: pk }, sk: { S: sk } });

async function stored(pk: string, sk = 'item') {
  return (
    await direct.send(new GetItemCommand({ TableName, Key: key(pk, sk), ConsistentRead: true }))
  ).Item;
}

describe('DynamoDB errors, as the real SDK client parses and retries them', () => {
  const cases = [
    {
      code: 'ProvisionedThroughputExceededException',
      status: 400,
      fault: 'client',
      type: ProvisionedThroughputExceededException,
    },
    { code: 'ThrottlingException', status: 400, fault: 'client', type: ThrottlingException },
    { code: 'RequestLimitExceeded', status: 400, fault: 'client', type: RequestLimitExceeded },
    { code: 'LimitExceededException', status: 400, fault: 'client', type: LimitExceededException },
    { code: 'InternalServerError', status: 500, fault: 'server', type: InternalServerError },
  ] as const;

  it.concurrent.each(cases)(
    '$code: retried by the SDK, and the named error once retries run out',
    async ({ code, status, fault, type }) => {
      const pk = uniqueName(code);
      const { proxy, client } = await behindProxy([
        { match: 'PutItem', probability: 1, fault: { type: 'error', code } },
      ]);
      const put = () => client.send(new PutItemCommand({ TableName, Item: key(pk) }));

      const error = await rejection(put());
      expect(error).toBeInstanceOf(type);
      expect(error.name).toBe(code);
      expect(error.$fault).toBe(fault);
      expect(error.$metadata).toMatchObject({ httpStatusCode: status, attempts: 3 });
      expect(error.$metadata.requestId).toMatch(/^[0-9A-F]{32}$/);
      expect(error.message).toContain('(fault proxy, seed 1234, request #3)');
      expect(proxy.stats.byKind.PutItem).toEqual({
        requests: 3,
        injected: 3,
        faults: { [code]: 3 },
      });
      expect(await stored(pk)).toBeUndefined();

      // The first two attempts fail, the SDK's third gets through.
      proxy.setRules([{ match: 'PutItem', nth: [1, 2], fault: { type: 'error', code } }]);
      const result = await put();
      expect(result.$metadata.attempts).toBe(3);
      expect(await stored(pk)).toEqual(key(pk));
      expect(proxy.log.map((entry) => entry.message).slice(3)).toEqual([
        `seed 1234: request #4 PutItem (#4 of its kind) got ${code}`,
        `seed 1234: request #5 PutItem (#5 of its kind) got ${code}`,
      ]);
    },
  );

  it('is not retried when the code is not one the SDK retries (the control for the counts above)', async () => {
    const { client } = await behindProxy([
      {
        match: 'PutItem',
        probability: 1,
        fault: { type: 'error', code: 'ValidationException', status: 400 },
      },
    ]);
    const error = await rejection(
      client.send(new PutItemCommand({ TableName, Item: key('control') })),
    );
    expect(error).toBeInstanceOf(DynamoDBServiceException);
    expect(error.name).toBe('ValidationException');
    expect(error.$metadata.attempts).toBe(1);
  });

  it('has the wire shape of a DynamoDB error: JSON 1.0, __type with a namespace, a request ID', async () => {
    const { proxy } = await behindProxy([
      {
        match: 'GetItem',
        probability: 1,
        fault: { type: 'error', code: 'ProvisionedThroughputExceededException' },
      },
    ]);
    const ask = (endpoint: string, table: string) =>
      fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.GetItem',
          authorization:
            'AWS4-HMAC-SHA256 Credential=local/20250101/local/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
        },
        body: JSON.stringify({ TableName: table, Key: key('x') }),
      });
    const injected = await ask(proxy.endpoint, TableName);
    // DynamoDB Local's own error, for comparison: same content type, same two fields.
    const genuine = await ask(info.endpoint, uniqueName('missing'));
    expect([injected.status, genuine.status]).toEqual([400, 400]);
    expect(injected.headers.get('content-type')).toBe(genuine.headers.get('content-type'));
    expect(injected.headers.get('x-amzn-requestid')).toMatch(/^[0-9A-F]{32}$/);
    const [injectedBody, genuineBody] = [
      (await injected.json()) as Record<string, string>,
      (await genuine.json()) as Record<string, string>,
    ];
    // DynamoDB Local writes `Message`, the service `message`; the SDK reads either.
    const fields = (body: object) =>
      Object.keys(body)
        .map((name) => name.toLowerCase())
        .sort();
    expect(fields(injectedBody)).toEqual(fields(genuineBody));
    expect(fields(injectedBody)).toEqual(['__type', 'message']);
    expect(injectedBody.__type).toBe(
      'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
    );
    expect(genuineBody.__type).toBe('com.amazonaws.dynamodb.v20120810#ResourceNotFoundException');
  });

  it('adds headers when asked, e.g. a Retry-After', async () => {
    const { proxy } = await behindProxy([
      {
        match: '*',
        probability: 1,
        fault: { type: 'error', code: 'ThrottlingException', headers: { 'retry-after': '2' } },
      },
    ]);
    const response = await fetch(proxy.endpoint, {
      method: 'POST',
      headers: { 'x-amz-target': 'DynamoDB_20120810.ListTables' },
      body: '{}',
    });
    expect(response.headers.get('retry-after')).toBe('2');
    expect(((await response.json()) as { __type: string }).__type).toBe(
      'com.amazon.coral.availability#ThrottlingException',
    );
  });

  it('throttles transactions by their operation, TransactWriteItems', async () => {
    const { proxy, client } = await behindProxy([
      { match: 'Transact*', nth: [1], fault: { type: 'error', code: 'ThrottlingException' } },
    ]);
    const pk = uniqueName('tx');
    const result = await client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName, Item: key(pk, 'a') } },
          { Put: { TableName, Item: key(pk, 'b') } },
        ],
      }),
    );
    expect(result.$metadata.attempts).toBe(2);
    expect(proxy.log.map((entry) => entry.kind)).toEqual(['TransactWriteItems']);
    expect([await stored(pk, 'a'), await stored(pk, 'b')]).toEqual([key(pk, 'a'), key(pk, 'b')]);
  });

  it('throttles the streams endpoint: GetRecords gets LimitExceededException from the streams client', async () => {
    const proxy = await startFaultProxy({
      target: info,
      kind: 'dynamodb',
      seed: 1234,
      rules: [
        {
          match: 'GetRecords',
          nth: [1, 3, 4, 5],
          fault: { type: 'error', code: 'LimitExceededException' },
        },
      ],
    });
    const streams = new DynamoDBStreamsClient({ ...config, endpoint: proxy.endpoint });
    cleanups.push(
      () => streams.destroy(),
      () => proxy.stop(),
    );
    const pk = uniqueName('stream');
    await direct.send(new PutItemCommand({ TableName, Item: key(pk) }));
    const stream = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: stream.StreamDescription!.Shards![0]!.ShardId!,
        ShardIteratorType: 'TRIM_HORIZON',
      }),
    );
    const records = await streams.send(new GetRecordsCommand({ ShardIterator }));
    expect(records.$metadata.attempts).toBe(2);
    expect(records.Records?.some((record) => record.dynamodb?.Keys?.pk?.S === pk)).toBe(true);

    const error = await rejection(streams.send(new GetRecordsCommand({ ShardIterator })));
    expect(error).toBeInstanceOf(StreamsLimitExceededException);
    expect(error.$metadata.attempts).toBe(3);
    expect(proxy.stats.byKind).toMatchObject({
      DescribeStream: { requests: 1, injected: 0 },
      GetShardIterator: { requests: 1, injected: 0 },
      GetRecords: { requests: 5, injected: 4 },
    });
  });
});

describe('connection faults', () => {
  const putOnce = (pk: string) =>
    new PutItemCommand({
      TableName,
      Item: key(pk),
      ConditionExpression: 'attribute_not_exists(pk)',
    });

  it('resets a connection before the server sees the request; the retry writes the item', async () => {
    const { proxy, client } = await behindProxy([
      { match: 'PutItem', nth: [1], fault: { type: 'reset' } },
    ]);
    const pk = uniqueName('reset');
    const result = await client.send(putOnce(pk));
    expect(result.$metadata.attempts).toBe(2);
    expect(await stored(pk)).toEqual(key(pk));
    expect(proxy.log.map((entry) => entry.fault)).toEqual(['reset']);
  });

  it('resets after the server wrote: the retry of a conditional put then fails its condition', async () => {
    const { client } = await behindProxy([
      { match: 'PutItem', nth: [1], fault: { type: 'reset', at: 'response' } },
    ]);
    const pk = uniqueName('ambiguous');
    const error = await rejection(client.send(putOnce(pk)));
    expect(error).toBeInstanceOf(ConditionalCheckFailedException);
    expect(error.$metadata.attempts).toBe(2);
    expect(await stored(pk)).toEqual(key(pk));
  });

  it('cuts a response after half its body; the SDK retries the read', async () => {
    const pk = uniqueName('cut');
    await direct.send(
      new PutItemCommand({ TableName, Item: { ...key(pk), note: { S: 'x'.repeat(500) } } }),
    );
    const { proxy, client } = await behindProxy([
      { match: 'GetItem', nth: [1], fault: { type: 'reset', at: 'body' } },
    ]);
    const result = await client.send(new GetItemCommand({ TableName, Key: key(pk) }));
    expect(result.$metadata.attempts).toBe(2);
    expect(result.Item?.note?.S).toHaveLength(500);
    expect(proxy.log.map((entry) => entry.fault)).toEqual(['reset@body']);
  });

  it('names the failure ECONNRESET when every attempt is reset', async () => {
    const { client } = await behindProxy([
      { match: '*', probability: 1, fault: { type: 'reset' } },
    ]);
    const error = await rejection(client.send(new GetItemCommand({ TableName, Key: key('any') })));
    expect(error.code).toBe('ECONNRESET');
    expect(error.$metadata.attempts).toBe(3);
  });

  it('holds a request unanswered until the client’s timeout; the retry gets through', async () => {
    const { proxy, client } = await behindProxy(
      [{ match: 'GetItem', nth: [1], fault: { type: 'timeout' } }],
      {
        requestHandler: { socketTimeout: 1_000 },
      },
    );
    const result = await client.send(new GetItemCommand({ TableName, Key: key('absent') }));
    expect(result.Item).toBeUndefined();
    expect(proxy.log.map((entry) => `${entry.kindSeq} ${entry.fault}`)).toEqual(['1 timeout']);
    // Every attempt the SDK made reached the proxy, and only the first was held.
    expect(result.$metadata.attempts).toBe(proxy.stats.byKind.GetItem!.requests);
    expect(result.$metadata.attempts).toBeGreaterThanOrEqual(2);
  });

  it('lets the server act and drops the answer: an unconditional update then applies twice', async () => {
    const pk = uniqueName('twice');
    const { client } = await behindProxy([
      {
        match: 'UpdateItem',
        nth: [1],
        fault: { type: 'error', code: 'InternalServerError', forward: true },
      },
    ]);
    const result = await client.send(
      new UpdateItemCommand({
        TableName,
        Key: key(pk),
        UpdateExpression: 'ADD hits :one',
        ExpressionAttributeValues: { ':one': { N: '1' } },
      }),
    );
    expect(result.$metadata.attempts).toBe(2);
    expect((await stored(pk))?.hits).toEqual({ N: '2' });
  });

  it('adds latency and then passes the request through', async () => {
    const { proxy, client } = await behindProxy([
      { match: 'GetItem', nth: [1], fault: { type: 'latency', ms: 200 } },
    ]);
    const started = performance.now();
    const result = await client.send(new GetItemCommand({ TableName, Key: key('absent') }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(result.$metadata.attempts).toBe(1);
    expect(proxy.stats.byFault).toEqual({ latency: 1 });
  });
});

describe('pass-through and replay', () => {
  it('passes every request it does not fault through unchanged', async () => {
    const { proxy, client } = await behindProxy([]);
    const pk = uniqueName('batch');
    await client.send(
      new BatchWriteItemCommand({
        RequestItems: {
          [TableName]: Array.from({ length: 25 }, (_, i) => ({
            PutRequest: {
              Item: {
                ...key(pk, String(i).padStart(2, '0')),
                blob: { B: new Uint8Array([0, 255, i]) },
              },
            },
          })),
        },
      }),
    );
    const query = new QueryCommand({
      TableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: pk } },
    });
    const [viaProxy, viaDirect] = [await client.send(query), await direct.send(query)];
    expect(viaProxy.Items).toHaveLength(25);
    expect(viaProxy.Items).toEqual(viaDirect.Items);
    expect(proxy.stats).toMatchObject({ requests: 2, injected: 0 });
  });

  it('gives the same faults for the same seed and request order, so a failure can be replayed', async () => {
    const outcomes = async (seed: number) => {
      const { proxy, client } = await behindProxy(
        [
          {
            match: 'PutItem',
            probability: 0.3,
            fault: { type: 'error', code: 'ThrottlingException' },
          },
        ],
        { maxAttempts: 1 },
        seed,
      );
      const failed: number[] = [];
      for (let i = 1; i <= 30; i++) {
        await client
          .send(new PutItemCommand({ TableName, Item: key(`replay-${seed}`, String(i)) }))
          .catch(() => failed.push(i));
      }
      return { failed, log: proxy.log.map((entry) => entry.message) };
    };
    const first = await outcomes(1234);
    expect(first.failed.length).toBeGreaterThan(0);
    expect(first.log).toHaveLength(first.failed.length);
    expect(first.log[0]).toBe(
      `seed 1234: request #${first.failed[0]} PutItem (#${first.failed[0]} of its kind) got ThrottlingException`,
    );
    expect(await outcomes(1234)).toEqual(first);
    expect((await outcomes(99)).failed).not.toEqual(first.failed);
  });
});
