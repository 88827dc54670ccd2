import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { calculateGroupIdV1 } from '@symval/groupid';
import { type S3Local, startS3 } from '@symval/local-services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isS3NotFound, isS3PreconditionFailure } from './errors.js';
import { getS3ObjectText } from './get-text.js';
import { loadSnapshotFromS3 } from './load.js';

let s3rver: S3Local;
let s3: S3Client;
const bucket = 'site';

beforeAll(async () => {
  s3rver = await startS3({ buckets: [bucket] });
  s3 = new S3Client(s3rver.clientConfig);
});
afterAll(async () => {
  s3.destroy();
  await s3rver.stop();
});

async function put(key: string, body: string): Promise<string | undefined> {
  return (await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }))).ETag;
}

describe('getS3ObjectText', () => {
  it('gives the text and ETag of an object, and undefined for a missing key', async () => {
    const etag = await put('a/doc.txt', 'héllo');
    expect(await getS3ObjectText(s3, { bucket, key: 'a/doc.txt' })).toEqual({
      text: 'héllo',
      etag,
    });
    expect(await getS3ObjectText(s3, { bucket, key: 'a/missing.txt' })).toBeUndefined();
  });

  it('throws what S3 threw for anything but a missing key: a missing bucket is a wrong setting', async () => {
    const error = await getS3ObjectText(s3, { bucket: 'no-such-bucket', key: 'k' }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ name: 'NoSuchBucket' });
  });
});

describe('loadSnapshotFromS3', () => {
  it('reads a snapshot tolerantly, reporting the bad entry, with its ETag', async () => {
    const owner = 'https://example.net';
    const groupId = calculateGroupIdV1(owner, 'b', ['zq.suns.bz']);
    const body = JSON.stringify(
      [
        {
          Owner: owner,
          Type: 'b',
          Hostname: 'zq.suns.bz',
          GroupID: groupId,
          ValidateTime: '2025-11-01T16:07:20.972821344Z',
        },
        { Owner: owner, Type: 'b', Hostname: 'zq.suns.bz', GroupID: '', ValidateTime: '' },
      ],
      null,
      2,
    );
    const etag = await put('records/domains.json', body);
    const loaded = await loadSnapshotFromS3(s3, { bucket, key: 'records/domains.json' });
    expect(loaded?.etag).toBe(etag);
    expect(loaded?.records.map((r) => r.Hostname)).toEqual(['zq.suns.bz']);
    expect(loaded?.rejected.map((p) => [p.index, p.field])).toEqual([[1, 'GroupID']]);
    expect(await loadSnapshotFromS3(s3, { bucket, key: 'records/none.json' })).toBeUndefined();
  });
});

describe('S3 error shapes', () => {
  it('tells not-found and precondition failures by name or status', () => {
    const status = (code: number) => ({ $metadata: { httpStatusCode: code } });
    expect([{ name: 'NoSuchKey' }, { name: 'NotFound' }, status(404)].map(isS3NotFound)).toEqual([
      true,
      true,
      true,
    ]);
    expect(
      [status(403), { name: 'NoSuchBucket', ...status(404) }, undefined, new Error('x')].map(
        isS3NotFound,
      ),
    ).toEqual([false, false, false, false]);
    expect(
      [
        { name: 'PreconditionFailed' },
        { name: 'ConditionalRequestConflict' },
        status(412),
        status(409),
      ].map(isS3PreconditionFailure),
    ).toEqual([true, true, true, true]);
    expect([status(404), {}].map(isS3PreconditionFailure)).toEqual([false, false]);
  });
});
