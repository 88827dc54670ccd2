import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  type _Record,
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, AttributeValue as LambdaAttributeValue } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createTable, localClient, localClientConfig } from '../../test/dynamo.js';
import { profiles } from '../../test/fixtures.js';
import { DynamiteError } from '../errors/dynamite-error.js';
import { issuesOf } from '../model/lenient.js';
import type { StreamRecordLike } from './decode-record.js';

const client = localClient();
const streams = new DynamoDBStreamsClient(localClientConfig());
let tableName: string;
const created = new Date('2024-07-08T09:10:11.012Z');
const avatar = new Uint8Array([0, 1, 254, 255]);
let records: _Record[] = [];

/**
 * Reads the stream until `want` records have arrived, from every shard in turn. There is no
 * deadline: the records come, or the suite's hang guard ends the run. Empty reads pause briefly
 * so a stream that is still catching up is not polled in a tight loop.
 */
async function readStream(arn: string, want: number): Promise<_Record[]> {
  const out: _Record[] = [];
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: arn }));
  let iterators: string[] = [];
  for (const shard of StreamDescription?.Shards ?? []) {
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: arn,
        ShardId: shard.ShardId,
        ShardIteratorType: 'TRIM_HORIZON',
      }),
    );
    if (ShardIterator) iterators.push(ShardIterator);
  }
  while (out.length < want) {
    if (iterators.length === 0) throw new Error(`the stream ended after ${out.length} records`);
    const next: string[] = [];
    let arrived = 0;
    for (const iterator of iterators) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
      out.push(...(page.Records ?? []));
      arrived += page.Records?.length ?? 0;
      if (page.NextShardIterator) next.push(page.NextShardIterator);
    }
    iterators = next;
    if (arrived === 0 && out.length < want)
      await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return out;
}

/** The same record as Lambda delivers it: binary as base64 text, time as epoch seconds. */
function toLambdaRecord(record: _Record): DynamoDBRecord {
  const convert = (av: Record<string, unknown>): LambdaAttributeValue => {
    if (av.B instanceof Uint8Array) return { B: Buffer.from(av.B).toString('base64') };
    if (Array.isArray(av.L)) return { L: av.L.map((v) => convert(v as Record<string, unknown>)) };
    if (av.M) return { M: image(av.M as Record<string, Record<string, unknown>>)! };
    return av as LambdaAttributeValue;
  };
  const image = (img: Record<string, Record<string, unknown>> | undefined) =>
    img ? Object.fromEntries(Object.entries(img).map(([k, v]) => [k, convert(v)])) : undefined;
  const d = record.dynamodb!;
  return {
    eventID: record.eventID!,
    eventName: record.eventName as 'INSERT' | 'MODIFY' | 'REMOVE',
    eventSource: 'aws:dynamodb',
    eventVersion: '1.1',
    awsRegion: 'ddblocal',
    eventSourceARN: 'arn:aws:dynamodb:ddblocal:000000000000:table/x/stream/1',
    dynamodb: {
      Keys: image(d.Keys as never)!,
      ...(d.NewImage ? { NewImage: image(d.NewImage as never)! } : {}),
      ...(d.OldImage ? { OldImage: image(d.OldImage as never)! } : {}),
      SequenceNumber: d.SequenceNumber!,
      SizeBytes: d.SizeBytes!,
      StreamViewType: d.StreamViewType as 'NEW_AND_OLD_IMAGES',
      ApproximateCreationDateTime: Math.floor(d.ApproximateCreationDateTime!.getTime() / 1000),
    },
  };
}

beforeAll(async () => {
  tableName = await createTable(client, profiles);
  const db = profiles.connect(client, { tableName }).asSystem('stream-test');
  const { item } = await db.put({
    userId: 'streamer',
    email: 's@example.com',
    displayName: 'Streamer',
    bio: null,
    createdAt: created,
    tags: new Set(['live']),
    balance: 10n ** 30n,
    avatar,
    history: [{ at: created, action: 'joined' }],
  });
  await db.update(
    { userId: 'streamer' },
    { set: { displayName: 'Renamed' }, add: { tags: new Set(['vod']) } },
    { expectedVersion: item.version },
  );
  await db.delete({ userId: 'streamer' }, { expectedVersion: 2 });
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  records = await readStream(Table!.LatestStreamArn!, 3);
});
afterAll(() => {
  client.destroy();
  streams.destroy();
});

describe('decodeStreamRecord', () => {
  it('accepts both record shapes in its types', () => {
    expectTypeOf<DynamoDBRecord>().toExtend<StreamRecordLike>();
    expectTypeOf<_Record>().toExtend<StreamRecordLike>();
  });

  it('decodes INSERT, MODIFY and REMOVE read from the real stream into typed items and keys', () => {
    expect(records.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    const [insert, modify, remove] = records.map((r) => profiles.decodeStreamRecord(r));
    expect(insert).toMatchObject({
      eventName: 'INSERT',
      key: { userId: 'streamer' },
      oldItem: undefined,
    });
    expect(insert!.newItem).toMatchObject({
      displayName: 'Streamer',
      createdAt: created,
      tags: new Set(['live']),
      balance: 10n ** 30n,
      avatar,
      version: 1,
    });
    expect(insert!.newItem!.createdAt).toBeInstanceOf(Date);
    expect(insert!.approximateCreationTime).toBeInstanceOf(Date);
    expect(modify!.eventName).toBe('MODIFY');
    expect(modify!.oldItem).toMatchObject({ displayName: 'Streamer', version: 1 });
    expect(modify!.newItem).toMatchObject({
      displayName: 'Renamed',
      tags: new Set(['live', 'vod']),
      version: 2,
    });
    expect(remove).toMatchObject({
      eventName: 'REMOVE',
      key: { userId: 'streamer' },
      newItem: undefined,
    });
    expect(remove!.oldItem).toMatchObject({ displayName: 'Renamed', version: 2 });
    expect(remove!.sequenceNumber).toBe(records[2]!.dynamodb!.SequenceNumber);
  });

  it('decodes the Lambda event shape of the same records to the same values', () => {
    for (const record of records) {
      const fromApi = profiles.decodeStreamRecord(record);
      const fromLambda = profiles.decodeStreamRecord(toLambdaRecord(record));
      expect(fromLambda.key).toEqual(fromApi.key);
      expect(fromLambda.newItem).toEqual(fromApi.newItem);
      expect(fromLambda.oldItem).toEqual(fromApi.oldItem);
      expect(fromLambda.approximateCreationTime?.getTime()).toBe(
        Math.floor(fromApi.approximateCreationTime!.getTime() / 1000) * 1000,
      );
    }
    const insert = profiles.decodeStreamRecord(toLambdaRecord(records[0]!));
    expect(insert.newItem?.avatar).toEqual(avatar);
  });

  it('validates images strictly unless told to be lenient', () => {
    const record = structuredClone(records[0]!);
    record.dynamodb!.NewImage!.displayName = { N: '5' };
    let error: unknown;
    try {
      profiles.decodeStreamRecord(record);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DynamiteError);
    expect(error).toMatchObject({ code: 'schema.invalid', path: 'NewImage.displayName' });
    const lenient = profiles.decodeStreamRecord(record, { validation: 'lenient' }).newItem!;
    expect(lenient.displayName).toBe(5);
    expect(issuesOf(lenient)).toEqual([
      { path: 'displayName', expected: 'S (a string)', received: { N: '5' } },
    ]);
    expect(() =>
      profiles.decodeStreamRecord({ eventName: 'UPSERT', dynamodb: { Keys: {} } }),
    ).toThrow(/INSERT, MODIFY or REMOVE/);
  });
});
