import { readdirSync, readlinkSync } from 'node:fs';
import {
  CopyObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type S3Local, startS3 } from './index.js';

let s3: S3Local;
let client: S3Client;
const Bucket = 'semantics';

beforeAll(async () => {
  s3 = await startS3({ buckets: [Bucket] });
  client = new S3Client(s3.clientConfig);
});

afterAll(async () => {
  client.destroy();
  await s3.stop();
});

async function statusOf(promise: Promise<unknown>): Promise<number | undefined> {
  try {
    await promise;
    return 200;
  } catch (error) {
    return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  }
}

/** This process's open file descriptors that point into the S3 server's directory. */
function openObjectFiles(): string[] {
  const open: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      if (target.startsWith(s3.directory)) open.push(target);
    } catch {
      // Closed while we looked (the directory listing's own descriptor, say).
    }
  }
  return open;
}

describe('startS3 S3 semantics', () => {
  it('closes the object file of every GET, conditional ones answered 304 included', async () => {
    const Key = 'records/conditional.json';
    const { ETag } = await client.send(new PutObjectCommand({ Bucket, Key, Body: '[1,2,3]' }));
    const url = `${s3.endpoint}/${Bucket}/${Key}`;
    const statuses = new Set<number>();
    for (let i = 0; i < 30; i++) {
      for (const headers of <Record<string, string>[]>[
        { 'If-None-Match': ETag! },
        { 'If-Modified-Since': new Date(Date.now() + 86_400_000).toUTCString() },
        {},
      ]) {
        const response = await fetch(url, { headers });
        await response.arrayBuffer();
        statuses.add(response.status);
      }
    }
    expect([...statuses].sort()).toEqual([200, 304]);
    // Before the fix each 304 left its file open until garbage collection. The last 200's file
    // closes a moment after its body has been sent (the close is asynchronous, later on a busy
    // machine), so this waits for it; a leaked file would stay open.
    await expect.poll(openObjectFiles, { interval: 25 }).toEqual([]);
  });

  it('replaces an object atomically: concurrent readers only see whole bodies', async () => {
    const Key = 'records/domains.json';
    // Bodies of very different sizes, so a torn read could not pass for a whole one.
    const bodies = Array.from({ length: 6 }, (_, i) =>
      JSON.stringify({ version: i, padding: 'x'.repeat(20_000 * (i % 3) + 10) }),
    );
    await client.send(new PutObjectCommand({ Bucket, Key, Body: bodies[0] }));
    let stop = false;
    let reads = 0;
    const torn: string[] = [];
    const reader = async () => {
      const own = new S3Client(s3.clientConfig);
      while (!stop) {
        const out = await own.send(new GetObjectCommand({ Bucket, Key }));
        const body = await out.Body!.transformToString();
        if (!bodies.includes(body)) torn.push(`${body.length} bytes`);
        reads++;
      }
      own.destroy();
    };
    const readers = [reader(), reader()];
    for (let i = 0; i < 150; i++) {
      await client.send(new PutObjectCommand({ Bucket, Key, Body: bodies[i % bodies.length] }));
    }
    stop = true;
    await Promise.all(readers);
    expect(torn).toEqual([]);
    expect(reads).toBeGreaterThan(50);
  });

  it('answers a PUT only once its body is stored', async () => {
    const Key = 'written.json';
    await client.send(new PutObjectCommand({ Bucket, Key, Body: 'y'.repeat(300_000) }));
    const out = await client.send(new GetObjectCommand({ Bucket, Key }));
    expect((await out.Body!.transformToString()).length).toBe(300_000);
  });

  it('honours If-None-Match and If-Match on PutObject', async () => {
    const Key = 'state/lock.json';
    expect(
      await statusOf(
        client.send(new PutObjectCommand({ Bucket, Key, Body: 'a', IfMatch: '"nope"' })),
      ),
    ).toBe(404);
    const first = await client.send(
      new PutObjectCommand({ Bucket, Key, Body: 'a', IfNoneMatch: '*' }),
    );
    expect(
      await statusOf(
        client.send(new PutObjectCommand({ Bucket, Key, Body: 'b', IfNoneMatch: '*' })),
      ),
    ).toBe(412);
    expect(
      await statusOf(
        client.send(new PutObjectCommand({ Bucket, Key, Body: 'b', IfMatch: '"0123"' })),
      ),
    ).toBe(412);
    const second = await client.send(
      new PutObjectCommand({ Bucket, Key, Body: 'b', IfMatch: first.ETag }),
    );
    expect(second.ETag).not.toBe(first.ETag);
    // The first writer's ETag is stale now: its conditional write is refused.
    expect(
      await statusOf(
        client.send(new PutObjectCommand({ Bucket, Key, Body: 'c', IfMatch: first.ETag })),
      ),
    ).toBe(412);
    const out = await client.send(new GetObjectCommand({ Bucket, Key }));
    expect(await out.Body!.transformToString()).toBe('b');
  });

  it('lets exactly one of many racing If-None-Match creates win', async () => {
    const Key = 'race.json';
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        statusOf(
          client.send(new PutObjectCommand({ Bucket, Key, Body: String(i), IfNoneMatch: '*' })),
        ),
      ),
    );
    expect(results.filter((status) => status === 200)).toHaveLength(1);
    expect(results.filter((status) => status === 412)).toHaveLength(7);
  });

  it('honours x-amz-copy-source-if-match and copies atomically', async () => {
    const source = await client.send(new PutObjectCommand({ Bucket, Key: 'tmp/doc', Body: 'doc' }));
    expect(
      await statusOf(
        client.send(
          new CopyObjectCommand({
            Bucket,
            Key: 'pub/doc',
            CopySource: `${Bucket}/tmp/doc`,
            CopySourceIfMatch: '"stale"',
          }),
        ),
      ),
    ).toBe(412);
    await client.send(
      new CopyObjectCommand({
        Bucket,
        Key: 'pub/doc',
        CopySource: `${Bucket}/tmp/doc`,
        CopySourceIfMatch: source.ETag,
      }),
    );
    const out = await client.send(new GetObjectCommand({ Bucket, Key: 'pub/doc' }));
    expect(await out.Body!.transformToString()).toBe('doc');
    const listed = await client.send(new ListObjectsV2Command({ Bucket }));
    expect(listed.Contents?.some((o) => o.Key?.includes('.tmp-'))).toBe(false);
  });
});
