// The built site (apps/web/dist) behind the local site server, in Chromium: the old paths of
// the club's first site, its owner page //:sdʇʇɥ, the apex redirect (the Host header, with
// Chromium resolving both names to the server) with the query string kept, and the 404 page.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { calculateGroupIdV1 } from '@symval/groupid';
import { type S3Local, startS3 } from '@symval/local-services';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SiteServer, startSiteServer } from './site-server.js';

const MAIN = 'zq.suns.example';
const APEX = 'suns.example';
const CLUB_OWNER = 'https://zq.suns.bz//:sdʇʇɥ';
const SNAPSHOT = JSON.stringify([
  {
    Owner: CLUB_OWNER,
    Type: 'b',
    Hostname: 'zq.suns.bz',
    GroupID: calculateGroupIdV1(CLUB_OWNER, 'b', ['zq.suns.bz']),
    ValidateTime: '2026-11-20T03:00:00Z',
  },
]);

/** One request with the Host header given (fetch does not let a caller set it). */
function send(
  method: string,
  pathname: string,
  host: string,
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port: site.port, method, path: pathname, headers: { host } },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      },
    );
    request.once('error', reject);
    request.end(method === 'POST' ? '{}' : undefined);
  });
}

const siteRoot = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@symval/web/package.json')),
  'dist',
);

let s3Local: S3Local;
let s3: S3Client;
let site: SiteServer;
let profile: string;
let browser: BrowserContext;

beforeAll(async () => {
  // turbo's test task builds @symval/web first (^build); say so rather than fail obscurely.
  await readFile(path.join(siteRoot, '404.html')).catch(() => {
    throw new Error(
      `no built site with a 404 page at ${siteRoot}: run pnpm --filter @symval/web build`,
    );
  });
  s3Local = await startS3({ buckets: ['site'] });
  s3 = new S3Client(s3Local.clientConfig);
  await s3.send(
    new PutObjectCommand({
      Bucket: 'site',
      Key: 'records/domains.json',
      Body: SNAPSHOT,
      ContentType: 'application/json',
    }),
  );
  site = await startSiteServer({
    root: siteRoot,
    config: { snapshotUrl: 'records/domains.json', apiBase: './' },
    records: { s3, bucket: 'site' },
    port: 0,
    edge: { mainHost: MAIN, redirectHosts: [APEX], scheme: 'http' },
    logger: { info: () => {}, warn: () => {}, error: () => {} },
  });
  profile = await mkdtemp(path.join(os.tmpdir(), 'symval-local-redirects-'));
  browser = await chromium.launchPersistentContext(profile, {
    timeout: 5 * 60_000,
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // Both names reach the site server: the Host header is the name, as behind CloudFront.
      `--host-resolver-rules=MAP ${APEX} 127.0.0.1:${site.port}, MAP ${MAIN} 127.0.0.1:${site.port}`,
    ],
  });
  browser.setDefaultTimeout(5 * 60_000);
});

afterAll(async () => {
  await browser?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
  await site?.close();
  s3?.destroy();
  await s3Local?.stop();
});

/** Opens `url`; answers where the browser ended up, the first status and the page's h1. */
async function visit(url: string) {
  const page = await browser.newPage();
  const statuses: number[] = [];
  page.on('response', (response) => {
    if (response.request().isNavigationRequest()) statuses.push(response.status());
  });
  const response = await page.goto(url);
  const result = {
    url: page.url(),
    statuses,
    status: response?.status(),
    h1: await page.textContent('h1'),
  };
  return { page, result };
}

describe('the local site server, in Chromium', () => {
  it('takes every old page of the first site to its new place, with the query kept', async () => {
    const cases: [string, string, string][] = [
      [
        `http://${MAIN}/groupid/?owner=https%3A%2F%2Fa.example&x`,
        `http://${MAIN}/group-id/?owner=https%3A%2F%2Fa.example&x`,
        'Group IDs',
      ],
      [`http://${MAIN}/groupid`, `http://${MAIN}/group-id/`, 'Group IDs'],
      [`http://${MAIN}/home/`, `http://${MAIN}/`, 'Members'],
      [`http://${MAIN}/design/`, `http://${MAIN}/how-it-works/`, 'How it works'],
    ];
    for (const [from, to, h1] of cases) {
      const { page, result } = await visit(from);
      expect({ from, ...result }).toEqual({ from, url: to, statuses: [301, 200], status: 200, h1 });
      await page.close();
    }
  });

  it('leads the club’s owner URL //:sdʇʇɥ (and its variants) to the members page, which loads', async () => {
    for (const owner of ['//:sdʇʇɥ?ref=ring', '/:sdʇʇɥ?ref=ring', '//:sdʇʇɥ/?ref=ring']) {
      const { page, result } = await visit(`http://${MAIN}${owner}`);
      expect({ owner, ...result }).toEqual({
        owner,
        url: `http://${MAIN}/?ref=ring`,
        statuses: [301, 200],
        status: 200,
        h1: 'Members',
      });
      await page.waitForSelector('main[data-members]:not([data-members="loading"])');
      expect(await page.getAttribute('main', 'data-members')).toBe('ready');
      expect(await page.locator('#member-list .owner-name').allTextContents()).toEqual([
        CLUB_OWNER,
      ]);
      await page.close();
    }
  });

  it('still answers every link of the first site’s navigation and pages (mrled/suns www/)', async () => {
    // Its nav linked /, /symmetries/ and /groupid/; its pages linked join, symmetries and
    // groupid, and named the owner URL and records/domains.json. Hugo also answered each
    // page without its trailing slash.
    const cases: [string, string, number[], string][] = [
      [`http://${MAIN}/`, `http://${MAIN}/`, [200], 'Members'],
      [`http://${MAIN}/symmetries/`, `http://${MAIN}/symmetries/`, [200], 'Symmetries'],
      [`http://${MAIN}/symmetries`, `http://${MAIN}/symmetries/`, [301, 200], 'Symmetries'],
      [`http://${MAIN}/join/`, `http://${MAIN}/join/`, [200], 'Join'],
      [`http://${MAIN}/join`, `http://${MAIN}/join/`, [301, 200], 'Join'],
      [`http://${MAIN}/groupid/`, `http://${MAIN}/group-id/`, [301, 200], 'Group IDs'],
      [`http://${MAIN}/home`, `http://${MAIN}/`, [301, 200], 'Members'],
      [`http://${MAIN}/design`, `http://${MAIN}/how-it-works/`, [301, 200], 'How it works'],
      [`http://${MAIN}//:sdʇʇɥ`, `http://${MAIN}/`, [301, 200], 'Members'],
    ];
    for (const [from, to, statuses, h1] of cases) {
      const { page, result } = await visit(from);
      expect({ from, ...result }).toEqual({
        from,
        url: to,
        statuses,
        status: 200,
        h1,
      });
      await page.close();
    }
    const records = await fetch(`http://127.0.0.1:${site.port}/records/domains.json`, {
      headers: { host: MAIN },
    });
    expect(records.status).toBe(200);
    expect(await records.json()).toEqual(JSON.parse(SNAPSHOT));
  });

  it('sends the apex to the main name with path and query in one hop', async () => {
    for (const [from, to, h1] of [
      [`http://${APEX}/join/?q=1&b=%20`, `http://${MAIN}/join/?q=1&b=%20`, 'Join'],
      [`http://${APEX}/groupid/?x=1`, `http://${MAIN}/group-id/?x=1`, 'Group IDs'],
      [`http://${APEX}/`, `http://${MAIN}/`, 'Members'],
    ] as const) {
      const { page, result } = await visit(from);
      expect({ from, ...result }).toEqual({ from, url: to, statuses: [301, 200], status: 200, h1 });
      await page.close();
    }
  });

  it('answers a missing page with the 404 page and status 404, styled at any depth', async () => {
    // Below /owners/, a path that is no owner page id too (the rules send it to the 404 page).
    for (const missing of ['/game/', '/a/b/c', '/todo', '/owners/short/', '/owners/']) {
      const { page, result } = await visit(`http://${MAIN}${missing}`);
      expect({ missing, ...result }).toEqual({
        missing,
        url: `http://${MAIN}${missing}`,
        statuses: [404],
        status: 404,
        h1: 'Page not found',
      });
      expect(await page.evaluate('getComputedStyle(document.body).maxWidth')).not.toBe('none');
      await page.close();
    }
  });
});

describe('the local site server, over HTTP', () => {
  it('keeps a POST to the apex a POST (308), and a HEAD gets the redirect without a body', async () => {
    const post = await send('POST', '/api/v1/attest?x=1', APEX);
    expect({ status: post.status, location: post.headers.location }).toEqual({
      status: 308,
      location: `http://${MAIN}/api/v1/attest?x=1`,
    });
    const head = await send('HEAD', '/groupid/', MAIN);
    expect(head).toMatchObject({
      status: 301,
      body: '',
      headers: {
        location: '/group-id/',
        'cache-control': 'max-age=3600',
        'x-content-type-options': 'nosniff',
      },
    });
  });

  it('serves the 404 page’s own bytes with status 404, and no body to HEAD', async () => {
    const page = await fetch(`${site.url}ideas/`);
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toBe(await readFile(path.join(siteRoot, '404.html'), 'utf8'));
    const head = await fetch(`${site.url}ideas/`, { method: 'HEAD' });
    expect(head.status).toBe(404);
    expect(await head.text()).toBe('');
  });

  it('redirects old paths with the default settings too, as pnpm dev starts it', async () => {
    const plain = await startSiteServer({
      root: siteRoot,
      config: {},
      records: { s3, bucket: 'site' },
      port: 0,
      logger: { info: () => {}, warn: () => {}, error: () => {} },
    });
    try {
      const moved = await fetch(`${plain.url}home/`, {
        redirect: 'manual',
        headers: { host: APEX },
      });
      expect(moved.status).toBe(301);
      // No main name locally: the apex is not redirected, the path rules still are.
      expect(moved.headers.get('location')).toBe('/');
    } finally {
      await plain.close();
    }
  });
});
