import { existsSync } from 'node:fs';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { startS3 } from './index.js';

describe('startS3', () => {
  it('stores an object and returns the same bytes and headers', async () => {
    const s3 = await startS3({ buckets: ['fixtures'] });
    const client = new S3Client(s3.clientConfig);
    const body = JSON.stringify([{ Hostname: 'zq.suns.bz' }]);
    await client.send(
      new PutObjectCommand({
        Bucket: 'fixtures',
        Key: 'records/domains.json',
        Body: body,
        ContentType: 'application/json',
      }),
    );
    const got = await client.send(
      new GetObjectCommand({ Bucket: 'fixtures', Key: 'records/domains.json' }),
    );
    expect(got.ContentType).toBe('application/json');
    expect(await got.Body!.transformToString()).toBe(body);
    client.destroy();
    await s3.stop();
    expect(existsSync(s3.directory)).toBe(false);
  });
});
