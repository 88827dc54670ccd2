// The proxy in front of a plain Node server, to see exactly what it passes on.
import { once } from 'node:events';
import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultError } from '../errors.js';
import { startFaultProxy } from './proxy.js';
import type { FaultProxy } from './types.js';

interface Seen {
  rawHeaders: string[];
  body: Buffer;
}

let upstream: http.Server;
let proxy: FaultProxy;
const seen: Seen[] = [];
/** Resolved by the test when the client has the first half of a streamed response. */
let firstHalfArrived: () => void = () => {};

beforeAll(async () => {
  upstream = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    seen.push({ rawHeaders: req.rawHeaders, body: Buffer.concat(chunks) });
    if (req.url === '/stream') {
      // The second half is only sent once the client has the first: a proxy that buffered
      // whole responses would never let this one finish.
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'X-Upstream-Case': 'Kept' });
      const arrived = new Promise<void>((resolve) => {
        firstHalfArrived = resolve;
      });
      res.write(Buffer.from([1, 2, 3]));
      await arrived;
      res.end(Buffer.from([4, 5, 6]));
      return;
    }
    res.writeHead(201, 'Made', {
      'x-echo-length': String(chunks.reduce((n, c) => n + c.length, 0)),
    });
    res.end(Buffer.concat(chunks));
  });
  upstream.listen(0, '127.0.0.1');
  await once(upstream, 'listening');
  const { port } = upstream.address() as AddressInfo;
  proxy = await startFaultProxy({ target: `http://127.0.0.1:${port}`, kind: 's3', seed: 1 });
});
afterAll(async () => {
  await proxy.stop();
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
});

function send(
  options: http.RequestOptions,
  body?: Buffer[],
): Promise<{ response: IncomingMessage; body: Buffer; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const url = new URL(proxy.endpoint);
    const request = http.request({ host: url.hostname, port: url.port, ...options }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ response, body: Buffer.concat(chunks), reused: request.reusedSocket }),
      );
    });
    request.on('error', reject);
    for (const chunk of body ?? []) request.write(chunk);
    request.end();
  });
}

describe('pass-through', () => {
  it('passes a chunked body on byte for byte, with the headers in their order and case', async () => {
    seen.length = 0;
    const body = [Buffer.from([0, 255, 13, 10]), Buffer.from('0\r\n\r\n'), Buffer.alloc(70_000, 7)];
    const result = await send(
      {
        method: 'PUT',
        path: '/site/records/a.json?x-id=PutObject',
        // As an array, Node sends the headers exactly so (and adds no Host of its own).
        headers: [
          'Host',
          new URL(proxy.endpoint).host,
          'X-Amz-Date',
          '20250101T000000Z',
          'Transfer-Encoding',
          'chunked',
          'x-amz-meta-Mixed',
          'Case',
          'Connection',
          'keep-alive',
        ],
      },
      body,
    );
    expect(result.response.statusCode).toBe(201);
    expect(result.response.statusMessage).toBe('Made');
    expect(result.body.equals(Buffer.concat(body))).toBe(true);
    const [received] = seen;
    expect(received!.body.equals(Buffer.concat(body))).toBe(true);
    const names = received!.rawHeaders.filter((_, i) => i % 2 === 0);
    // Hop-by-hop Connection is the proxy's own business; everything else arrives as sent.
    expect(names.filter((name) => name !== 'Connection')).toEqual([
      'Host',
      'X-Amz-Date',
      'Transfer-Encoding',
      'x-amz-meta-Mixed',
    ]);
    expect(received!.rawHeaders[received!.rawHeaders.indexOf('Host') + 1]).toBe(
      new URL(proxy.endpoint).host,
    );
  });

  it('streams a response as it comes instead of buffering it', async () => {
    const chunks: number[][] = [];
    const url = new URL(proxy.endpoint);
    const done = new Promise<IncomingMessage>((resolve, reject) => {
      http
        .get({ host: url.hostname, port: url.port, path: '/stream' }, (response) => {
          response.on('data', (chunk: Buffer) => {
            chunks.push([...chunk]);
            firstHalfArrived();
          });
          response.on('end', () => resolve(response));
        })
        .on('error', reject);
    });
    const response = await done;
    expect(chunks.flat()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(response.rawHeaders).toContain('X-Upstream-Case');
  });

  it('keeps the client’s connection alive across requests', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const results = [];
      for (let i = 0; i < 3; i++) {
        results.push(
          await send({ method: 'PUT', path: `/site/k${i}`, agent }, [Buffer.from(`#${i}`)]),
        );
      }
      expect(results.map((result) => result.body.toString())).toEqual(['#0', '#1', '#2']);
      expect(results.map((result) => result.reused)).toEqual([false, true, true]);
    } finally {
      agent.destroy();
    }
  });
});

describe('options', () => {
  it('rejects what it cannot use, naming the option and what would do', async () => {
    const failure = (options: unknown) =>
      startFaultProxy(options as Parameters<typeof startFaultProxy>[0]).then(
        () => 'started',
        (error: FaultError) => `${error.code}: ${error.message}`,
      );
    expect(await failure({ target: 'localhost:8000', kind: 'dynamodb' })).toBe(
      "faults.invalid-options: target: 'localhost:8000' must be an http:// URL",
    );
    expect(await failure({ target: proxy.endpoint, kind: 'sqs' })).toBe(
      "faults.invalid-options: kind: 'sqs' is not one of dynamodb, s3",
    );
    expect(await failure({ target: proxy.endpoint, kind: 's3', seed: 1.5 })).toBe(
      'faults.invalid-options: seed: 1.5 is not an integer',
    );
    expect(await failure({ target: proxy.endpoint, kind: 's3', rule: [] })).toBe(
      "faults.invalid-options: startFaultProxy: unknown key 'rule'; allowed: target, kind, seed, rules",
    );
    expect(
      await failure({
        target: proxy.endpoint,
        kind: 's3',
        rules: [{ match: 'PutObject', nth: [1], fault: { type: 'error', code: 'Throttled' } }],
      }),
    ).toBe(
      "faults.invalid-rule: rules[0].fault.code: 'Throttled' has no known status; known codes: SlowDown, InternalError, ServiceUnavailable, RequestTimeout, or give `status`",
    );
  });

  it('picks a seed when given none and reports it', async () => {
    const unseeded = await startFaultProxy({ target: proxy.endpoint, kind: 's3' });
    try {
      expect(Number.isInteger(unseeded.seed)).toBe(true);
      expect(unseeded.stats.seed).toBe(unseeded.seed);
    } finally {
      await unseeded.stop();
    }
  });
});
