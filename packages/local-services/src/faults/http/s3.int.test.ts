import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type S3Local, startS3 } from '../../s3.js';
import { startFaultProxy } from './proxy.js';
import type { HttpFaultRule } from './types.js';

let s3: S3Local;
let direct: S3Client;
const cleanups: Array<() => Promise<void> | void> = [];

beforeAll(async () => {
  s3 = await startS3({ buckets: ['site'] });
  direct = new S3Client(s3.clientConfig);
});
afterAll(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()));
  direct.destroy();
  await s3.stop();
});

async function behindProxy(rules: HttpFaultRule[], clientOptions: Partial<S3ClientConfig> = {}) {
  const proxy = await startFaultProxy({ target: s3, kind: 's3', seed: 7, rules });
  const client = new S3Client({ ...s3.clientConfig, endpoint: proxy.endpoint, ...clientOptions });
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

async function read(key: string): Promise<string | undefined> {
  try {
    const object = await direct.send(new GetObjectCommand({ Bucket: 'site', Key: key }));
    return await object.Body!.transformToString();
  } catch (error) {
    if ((error as Error).name === 'NoSuchKey') return undefined;
    throw error;
  }
}

const put = (Key: string, Body = 'body') => new PutObjectCommand({ Bucket: 'site', Key, Body });

describe('S3 errors, as the real SDK client parses and retries them', () => {
  const cases = [
    { code: 'SlowDown', status: 503, fault: 'server' },
    { code: 'InternalError', status: 500, fault: 'server' },
    { code: 'ServiceUnavailable', status: 503, fault: 'server' },
    { code: 'RequestTimeout', status: 400, fault: 'client' },
  ] as const;

  it.concurrent.each(cases)(
    '$code ($status): retried by the SDK, and the named error once retries run out',
    async ({ code, status, fault }) => {
      const key = `records/${code}.json`;
      const { proxy, client } = await behindProxy([
        { match: 'PutObject', probability: 1, fault: { type: 'error', code } },
      ]);
      const error = await rejection(client.send(put(key)));
      expect(error).toBeInstanceOf(S3ServiceException);
      expect(error.name).toBe(code);
      expect(error.$fault).toBe(fault);
      expect(error.$metadata).toMatchObject({ httpStatusCode: status, attempts: 3 });
      expect(error.$metadata.requestId).toMatch(/^[0-9A-F]{32}$/);
      expect(error.$metadata.extendedRequestId).toMatch(/^[A-Za-z0-9+/]+=*$/);
      expect(await read(key)).toBeUndefined();

      proxy.setRules([{ match: 'PutObject', nth: [1, 2], fault: { type: 'error', code } }]);
      expect((await client.send(put(key, 'stored'))).$metadata.attempts).toBe(3);
      expect(await read(key)).toBe('stored');
      expect(proxy.stats.byKind.PutObject).toEqual({
        requests: 6,
        injected: 5,
        faults: { [code]: 5 },
      });
    },
  );

  it('sends the XML Error document S3 sends, with its request IDs', async () => {
    const { proxy } = await behindProxy([
      { match: 'GetObject', probability: 1, fault: { type: 'error', code: 'SlowDown' } },
    ]);
    const response = await fetch(`${proxy.endpoint}/site/records/domains.json`);
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/xml');
    expect(response.headers.get('x-amz-request-id')).toMatch(/^[0-9A-F]{32}$/);
    expect(await response.text()).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>SlowDown<\/Code><Message>Please reduce your request rate\. \(fault proxy, seed 7, request #1\)<\/Message><Resource>\/site\/records\/domains\.json<\/Resource><RequestId>[0-9A-F]{32}<\/RequestId><HostId>[^<]+<\/HostId><\/Error>$/,
    );
  });

  it('answers HEAD without a body, as S3 does: the SDK names the error from the status alone', async () => {
    await direct.send(put('head.txt'));
    const { client } = await behindProxy([
      { match: 'HeadObject', probability: 1, fault: { type: 'error', code: 'SlowDown' } },
    ]);
    const error = await rejection(
      client.send(new HeadObjectCommand({ Bucket: 'site', Key: 'head.txt' })),
    );
    expect(error.name).toBe('Unknown');
    expect(error.$metadata).toMatchObject({ httpStatusCode: 503, attempts: 3 });
  });

  it('sends an error inside a 200 for CopyObject, which the SDK turns into a retried InternalError', async () => {
    await direct.send(put('records/source.json', 'copied'));
    const { client } = await behindProxy([
      {
        match: 'CopyObject',
        nth: [1],
        fault: { type: 'error', code: 'InternalError', status: 200 },
      },
    ]);
    const result = await client.send(
      new CopyObjectCommand({
        Bucket: 'site',
        Key: 'records/copy.json',
        CopySource: 'site/records/source.json',
      }),
    );
    expect(result.$metadata.attempts).toBe(2);
    expect(await read('records/copy.json')).toBe('copied');
  });
});

describe('S3 request matching', () => {
  it('matches by method and key glob, or by operation', async () => {
    const { proxy, client } = await behindProxy(
      [
        { match: 'PUT records/*', probability: 1, fault: { type: 'error', code: 'SlowDown' } },
        {
          match: { operation: 'GetObject', bucket: 'site', key: '*.html' },
          probability: 1,
          fault: { type: 'error', code: 'InternalError' },
        },
      ],
      { maxAttempts: 1 },
    );
    await direct.send(put('index.html'));
    await direct.send(put('records/from.json'));
    const outcome = (promise: Promise<unknown>) =>
      promise.then(
        () => 'ok',
        (error: Error) => error.name,
      );
    expect(
      await Promise.all([
        outcome(client.send(put('records/a.json'))),
        outcome(client.send(put('other/a.json'))),
        outcome(
          client.send(
            new CopyObjectCommand({
              Bucket: 'site',
              Key: 'records/b.json',
              CopySource: 'site/records/from.json',
            }),
          ),
        ),
        outcome(client.send(new GetObjectCommand({ Bucket: 'site', Key: 'index.html' }))),
        outcome(client.send(new GetObjectCommand({ Bucket: 'site', Key: 'records/from.json' }))),
      ]),
    ).toEqual(['SlowDown', 'ok', 'SlowDown', 'InternalError', 'ok']);
    expect(
      proxy.log.map((entry) => `${entry.kind} ${entry.resource} ${entry.fault}`).sort(),
    ).toEqual([
      'CopyObject site/records/b.json SlowDown',
      'GetObject site/index.html InternalError',
      'PutObject site/records/a.json SlowDown',
    ]);
  });
});

describe('S3 pass-through', () => {
  it('streams a large upload and download through unchanged', async () => {
    const { proxy, client } = await behindProxy([]);
    const bytes = randomBytes(8 * 1024 * 1024 + 3);
    const digest = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
    await client.send(
      new PutObjectCommand({
        Bucket: 'site',
        Key: 'big.bin',
        // A stream of unknown chunks: the SDK sends it as it reads it.
        Body: Readable.from([bytes.subarray(0, 1_000_000), bytes.subarray(1_000_000)]),
        ContentLength: bytes.length,
      }),
    );
    const object = await client.send(new GetObjectCommand({ Bucket: 'site', Key: 'big.bin' }));
    const back = await object.Body!.transformToByteArray();
    expect(back.length).toBe(bytes.length);
    expect(digest(back)).toBe(digest(bytes));
    expect(proxy.stats).toMatchObject({ requests: 2, injected: 0 });
  });
});
