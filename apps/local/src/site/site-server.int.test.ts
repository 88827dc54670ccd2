import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { type S3Local, startS3 } from '@symval/local-services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalLogger } from '../log/logger.js';
import { type SiteServer, startSiteServer } from './site-server.js';

const POLICY = "default-src 'none'; script-src 'self'; connect-src 'self'";
const SNAPSHOT = '[{"Owner":"https://me.example"}]';
const INDEX = `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${POLICY}"><title>Members</title></head><body>members</body></html>`;

let root: string;
let s3Local: S3Local;
let s3: S3Client;
let api: Server;
let apiUrl: string;
let site: SiteServer;
const errors: string[] = [];
const logger: LocalLogger = {
  info: () => {},
  warn: (message) => errors.push(message),
  error: (message) => errors.push(message),
};

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'symval-site-'));
  await mkdir(path.join(root, 'join'));
  await mkdir(path.join(root, 'assets'));
  await writeFile(path.join(root, 'index.html'), INDEX);
  await writeFile(path.join(root, 'join', 'index.html'), '<!doctype html><title>Join</title>');
  await mkdir(path.join(root, 'owners', '_'), { recursive: true });
  await writeFile(
    path.join(root, 'owners', '_', 'index.html'),
    '<!doctype html><title>Owner</title>',
  );
  await writeFile(path.join(root, 'assets', 'app-1234.js'), 'console.log(1);\n');
  await writeFile(path.join(root, 'config.json'), '{"apiBase":"https://elsewhere.example"}');
  await writeFile(path.join(root, '.env'), 'SECRET=1');

  s3Local = await startS3({ buckets: ['site'] });
  s3 = new S3Client(s3Local.clientConfig);
  await s3.send(
    new PutObjectCommand({
      Bucket: 'site',
      Key: 'records/domains.json',
      Body: SNAPSHOT,
      ContentType: 'application/json',
      CacheControl: 'max-age=60',
    }),
  );
  await s3.send(
    new PutObjectCommand({ Bucket: 'site', Key: 'state/snapshot-state.json', Body: '{}' }),
  );

  // A stand-in API that echoes what reached it.
  api = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      response.writeHead(201, { 'Content-Type': 'application/json', 'X-Request-Id': 'abc12345' });
      response.end(
        JSON.stringify({
          method: request.method,
          url: request.url,
          contentType: request.headers['content-type'],
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;

  site = await startSiteServer({
    root,
    config: { snapshotUrl: 'records/domains.json', apiBase: './' },
    records: { s3, bucket: 'site' },
    apiUrl,
    port: 0,
    logger,
  });
});

afterAll(async () => {
  await site?.close();
  await new Promise((resolve) => api?.close(resolve));
  s3?.destroy();
  await s3Local?.stop();
  await rm(root, { recursive: true, force: true });
});

describe('the site server', () => {
  it('serves index.html at / with the page CSP as a header, plus frame-ancestors and nosniff', async () => {
    const response = await fetch(site.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toBe(INDEX);
    expect(response.headers.get('content-security-policy')).toBe(
      `${POLICY}; frame-ancestors 'none'`,
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('serves a directory index and redirects a directory without its slash, keeping the query', async () => {
    const page = await fetch(`${site.url}join/`);
    expect(await page.text()).toBe('<!doctype html><title>Join</title>');
    const redirect = await fetch(`${site.url}join?x=1`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/join/?x=1');
  });

  it('serves the owner page at /owners/<id>/ for any page id, through the edge rules', async () => {
    const id = 'DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk';
    for (const url of [`owners/${id}/`, `owners/${'A'.repeat(43)}/index.html`]) {
      const page = await fetch(`${site.url}${url}`);
      expect({ url, status: page.status, body: await page.text() }).toEqual({
        url,
        status: 200,
        body: '<!doctype html><title>Owner</title>',
      });
    }
    const redirect = await fetch(`${site.url}owners/${id}`, { redirect: 'manual' });
    expect([redirect.status, redirect.headers.get('location')]).toEqual([301, `/owners/${id}/`]);
    // Not a page id: the 404 page.
    expect((await fetch(`${site.url}owners/nobody/`)).status).toBe(404);
  });

  it('serves assets with their type, and answers 304 to a matching If-None-Match', async () => {
    const first = await fetch(`${site.url}assets/app-1234.js`);
    expect(first.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await first.text()).toBe('console.log(1);\n');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/"/);
    const again = await fetch(`${site.url}assets/app-1234.js`, {
      headers: { 'If-None-Match': etag ?? '' },
    });
    expect(again.status).toBe(304);
  });

  it('serves the generated config.json instead of the one in the build', async () => {
    const response = await fetch(`${site.url}config.json`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ snapshotUrl: 'records/domains.json', apiBase: './' });
  });

  it('serves records/* from the bucket with open CORS and no-cache', async () => {
    const response = await fetch(`${site.url}records/domains.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.json()).toEqual([{ Owner: 'https://me.example' }]);
    const etag = response.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await fetch(`${site.url}records/domains.json`, {
      headers: { 'If-None-Match': etag ?? '' },
    });
    expect(again.status).toBe(304);
  });

  it('answers HEAD on a record with its length and no body', async () => {
    const response = await fetch(`${site.url}records/domains.json`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(SNAPSHOT)));
    expect(await response.text()).toBe('');
  });

  it('answers 404 for a missing record, and never reaches the private state/ prefix', async () => {
    for (const pathname of [
      'records/missing.json',
      'records/',
      'records',
      'records/..%2Fstate/snapshot-state.json',
      'records/%2E%2E/state/snapshot-state.json',
      'state/snapshot-state.json',
    ]) {
      const response = await fetch(`${site.url}${pathname}`);
      expect({ pathname, status: response.status }).toEqual({ pathname, status: 404 });
      expect(await response.text()).not.toContain('{}');
    }
  });

  it('never serves dot-files or anything outside the root', async () => {
    for (const pathname of ['.env', '..%2Fetc%2Fpasswd', '%2E%2E/x', 'assets/%00.js']) {
      const response = await fetch(`${site.url}${pathname}`);
      expect({ pathname, status: response.status }).toEqual({ pathname, status: 404 });
    }
  });

  it('refuses methods other than GET and HEAD outside /api/', async () => {
    const response = await fetch(site.url, { method: 'POST', body: 'x' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('forwards /api/* to the API with method, path, query, headers and body', async () => {
    const response = await fetch(`${site.url}api/v1/attest?dry=1`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"owner":"https://me.example"}',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBe('abc12345');
    expect(await response.json()).toEqual({
      method: 'POST',
      url: '/api/v1/attest?dry=1',
      contentType: 'application/json',
      body: '{"owner":"https://me.example"}',
    });
  });

  it('keeps a path that starts with // a path: it never names another host for the API proxy', async () => {
    // new URL('//other.invalid/api/v1/health', base) is the host other.invalid: such a path
    // once went past the /api/ check and was proxied there.
    const status = await new Promise<number>((resolve, reject) => {
      httpRequest(
        { host: '127.0.0.1', port: site.port, path: '//other.invalid/api/v1/health' },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      )
        .once('error', reject)
        .end();
    });
    expect(status).toBe(404);
    expect(errors).toEqual([]);
  });

  it('answers 502 in the API error shape when the API is not there', async () => {
    const lonely = await startSiteServer({
      root,
      config: {},
      records: { s3, bucket: 'site' },
      apiUrl: 'http://127.0.0.1:9',
      port: 0,
      logger,
    });
    try {
      const response = await fetch(`${lonely.url}api/v1/health`);
      expect(response.status).toBe(502);
      expect(await response.json()).toEqual({
        error: 'the local API did not answer',
        field: null,
        code: 'bad-gateway',
      });
    } finally {
      await lonely.close();
    }
  });

  it('refuses to start without a built site, saying how to build it', async () => {
    await expect(
      startSiteServer({
        root: path.join(root, 'nowhere'),
        config: {},
        records: { s3, bucket: 'site' },
        port: 0,
      }),
    ).rejects.toMatchObject({
      code: 'site.missing',
      message: expect.stringContaining('pnpm --filter @symval/web build'),
    });
  });
});
