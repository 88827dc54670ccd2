import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { type S3Local, startS3, startStreamPoller, uniqueName } from '@symval/local-services';
import type {} from '@symval/local-services/vitest-global-setup';
import {
  attestationViewer,
  connectRecords,
  parseSnapshot,
  recordsTableInput,
} from '@symval/records';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { attestedGroup } from '../test/fixtures.js';

// The Lambda entry configured only through the environment, as docs/configuration.md says:
// one set of credentials for both services, so the table is made with s3rver's.
const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
let s3local: S3Local;
const saved = { ...process.env };

beforeAll(async () => {
  s3local = await startS3({ buckets: ['site'] });
});
afterAll(async () => {
  process.env = saved;
  await s3local.stop();
});

describe('handler (apps/streamer/src/handler.ts)', () => {
  it('is the exported handler function infra points at', async () => {
    const module = await import('./handler.js');
    expect(typeof module.handler).toBe('function');
  });

  it('publishes the snapshot with settings from the environment only', async () => {
    const { endpoint } = inject('dynamodb');
    const tableName = uniqueName('env-streamer');
    const dynamo = new DynamoDBClient({ endpoint, region: 'local', credentials });
    await dynamo.send(new CreateTableCommand(recordsTableInput({ tableName })));
    Object.assign(process.env, {
      SNAPSHOT_BUCKET: 'site',
      SNAPSHOT_KEY: 'records/domains.json',
      SNAPSHOT_STATE_KEY: 'state/snapshot-state.json',
      DOMAIN_TABLE_NAME: tableName,
      AWS_ENDPOINT_URL_S3: s3local.endpoint,
      AWS_ENDPOINT_URL_DYNAMODB: endpoint,
      AWS_REGION: 'local',
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      LOG_LEVEL: 'ERROR',
    });
    const { handler } = await import('./handler.js');
    const poller = await startStreamPoller({
      clientConfig: { endpoint, region: 'local', credentials },
      tableName,
      handler,
    });
    const records = connectRecords(dynamo, { tableName });
    const group = attestedGroup(
      'https://env.example',
      'e',
      ['me.example.com', 'com.example.me'],
      new Date('2025-10-15T12:34:56Z'),
    );
    await records.as(attestationViewer({ status: 'valid', records: group })).upsertAttested(group);
    await poller.waitForIdle();
    await poller.stop();
    const s3 = new S3Client(s3local.clientConfig);
    const out = await s3.send(
      new GetObjectCommand({ Bucket: 'site', Key: 'records/domains.json' }),
    );
    expect(out.ContentType).toBe('application/json');
    expect(out.CacheControl).toBe('max-age=60');
    const snapshot = parseSnapshot(await out.Body!.transformToString());
    expect(snapshot.map((r) => [r.Hostname, r.Rev, r.ValidateTime])).toEqual([
      ['com.example.me', 1, '2025-10-15T12:34:56Z'],
      ['me.example.com', 1, '2025-10-15T12:34:56Z'],
    ]);
    // The flush schedule's event reaches the flush, not the stream handler: the batch above
    // published the small whole file already, so there is nothing to flush.
    expect(await handler({ source: 'symval.snapshot-flush', executionId: 'x' })).toEqual({
      published: false,
      attempts: 1,
    });
    s3.destroy();
    dynamo.destroy();
  });
});
