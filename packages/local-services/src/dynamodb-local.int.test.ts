import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, inject, it } from 'vitest';
import { dynamoDbClientConfig, startDynamoDbLocal } from './index.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

describe('startDynamoDbLocal', () => {
  it('creates a table with a stream and reads the change back from that stream', async () => {
    // The instance shared by the whole run, started by the vitest globalSetup helper.
    const ddb = inject('dynamodb');
    const client = new DynamoDBClient(dynamoDbClientConfig(ddb));
    const streams = new DynamoDBStreamsClient(dynamoDbClientConfig(ddb));
    await client.send(
      new CreateTableCommand({
        TableName: 'streamed',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );
    await client.send(
      new PutItemCommand({ TableName: 'streamed', Item: { pk: { S: 'one' }, n: { N: '7' } } }),
    );
    const table = await client.send(new DescribeTableCommand({ TableName: 'streamed' }));
    const streamArn = table.Table!.LatestStreamArn!;
    const stream = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    const shardId = stream.StreamDescription!.Shards![0]!.ShardId!;
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ShardIteratorType: 'TRIM_HORIZON',
      }),
    );
    const { Records } = await streams.send(new GetRecordsCommand({ ShardIterator }));
    expect(Records?.map((r) => [r.eventName, r.dynamodb?.NewImage])).toEqual([
      ['INSERT', { pk: { S: 'one' }, n: { N: '7' } }],
    ]);
    client.destroy();
    streams.destroy();
  });

  it('shares one database whatever the credentials and region', async () => {
    const ddb = inject('dynamodb');
    const TableName = 'shared-across-keys';
    const first = new DynamoDBClient(dynamoDbClientConfig(ddb));
    await first.send(
      new CreateTableCommand({
        TableName,
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const other = new DynamoDBClient({
      endpoint: ddb.endpoint,
      region: 'eu-west-3',
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    const table = await other.send(new DescribeTableCommand({ TableName }));
    expect(table.Table?.TableName).toBe(TableName);
    first.destroy();
    other.destroy();
  });

  it('leaves no Java process behind after stop()', async () => {
    const second = await startDynamoDbLocal();
    expect(isAlive(second.pid)).toBe(true);
    await second.stop();
    expect(await waitFor(() => !isAlive(second.pid), 5000)).toBe(true);
  });

  it('leaves no Java process behind after a Ctrl-C to the whole process group', async () => {
    // A terminal's Ctrl-C sends SIGINT to every process of the foreground group: Node, the
    // guard shell and Java (which ignores it, being a background job of a shell).
    const entry = fileURLToPath(new URL('./index.ts', import.meta.url));
    const script = `import { startDynamoDbLocal } from ${JSON.stringify(entry)};
      const d = await startDynamoDbLocal(); console.log(JSON.stringify({ pid: d.pid }));
      setInterval(() => {}, 1000);`;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
        detached: true,
      },
    );
    const line = await new Promise<string>((resolve) =>
      child.stdout.once('data', (d) => resolve(String(d))),
    );
    const { pid } = JSON.parse(line) as { pid: number };
    const { execSync } = await import('node:child_process');
    const javaPid = Number(execSync(`pgrep -P ${pid} java`).toString().trim());
    expect(isAlive(javaPid)).toBe(true);
    process.kill(-child.pid!, 'SIGINT');
    expect(await waitFor(() => !isAlive(javaPid), 10_000)).toBe(true);
    if (isAlive(child.pid!)) process.kill(-child.pid!, 'SIGKILL');
  });

  it('leaves no Java process behind when its parent is killed outright', async () => {
    // A child Node process starts DynamoDB Local, prints the guard's pid, then is SIGKILLed.
    const entry = fileURLToPath(new URL('./index.ts', import.meta.url));
    const script = `import { startDynamoDbLocal } from ${JSON.stringify(entry)};
      const d = await startDynamoDbLocal(); console.log(JSON.stringify({ pid: d.pid }));
      setInterval(() => {}, 1000);`;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const line = await new Promise<string>((resolve) =>
      child.stdout.once('data', (d) => resolve(String(d))),
    );
    const { pid } = JSON.parse(line) as { pid: number };
    const { execSync } = await import('node:child_process');
    const javaPid = Number(execSync(`pgrep -P ${pid} java`).toString().trim());
    expect(isAlive(javaPid)).toBe(true);
    child.kill('SIGKILL');
    expect(await waitFor(() => !isAlive(javaPid), 10_000)).toBe(true);
  });
});
