import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { LocalError } from '../errors.js';
import { createLogger, type LocalLogger } from '../log/logger.js';
import { proxyToApi } from './api-proxy.js';
import { type EdgeSettings, LOCAL_EDGE_SETTINGS, loadViewerRequestRules } from './edge/index.js';
import { type RecordsSource, serveRecord } from './records.js';
import { cspHeaderFromHtml, securityHeaders } from './security-headers.js';
import { contentTypeOf, requestTarget, resolveStatic } from './static-files.js';

/** What the site reads from `config.json` (apps/web/README.md). */
export interface SiteRuntimeConfig {
  snapshotUrl?: string;
  apiBase?: string;
  priorityOwner?: string;
}

/** Options of {@link startSiteServer}. */
export interface SiteServerOptions {
  /** The built site (`apps/web/dist`). */
  root: string;
  /** Served as `/config.json` in place of the build's own. */
  config: SiteRuntimeConfig;
  /** `/records/*` comes from this bucket's `records/` prefix. */
  records: RecordsSource;
  /** Where `/api/*` is forwarded; without it `/api/*` is a 404 like any missing file. */
  apiUrl?: string;
  /** Default 8788; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  hostname?: string;
  logger?: LocalLogger;
  /**
   * The settings of the redirect rules (`apps/web/edge/viewer-request.js`, run on every
   * request as the Router's CloudFront Function runs them); default: no host redirects.
   */
  edge?: EdgeSettings;
}

/** A running site server. */
export interface SiteServer {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Serves the built site the way production's Router does on one origin: the redirect rules
 * first (the same file as the Router's viewer-request function), then the static files (a
 * missing one answers the site's `404.html` with status 404), `/records/*` from the bucket, a
 * generated `/config.json`, and (for local use) `/api/*` forwarded to the API. Every answer carries the site's CSP as a header (with
 * `frame-ancestors 'none'`), `nosniff`, `X-Frame-Options: DENY` and `no-referrer`.
 *
 * @example
 * const site = await startSiteServer({ root: 'apps/web/dist', config: { apiBase: './' }, records: { s3, bucket: 'site' }, port: 0 });
 * await fetch(`${site.url}records/domains.json`);
 * await site.close();
 */
export async function startSiteServer(options: SiteServerOptions): Promise<SiteServer> {
  const log = options.logger ?? createLogger('site');
  const root = path.resolve(options.root);
  const index = await readFile(path.join(root, 'index.html'), 'utf8').catch((error: unknown) => {
    throw new LocalError(
      'site.missing',
      `no built site at ${root} (index.html is missing); build it with pnpm --filter @symval/web build`,
      { cause: error },
    );
  });
  const headers = securityHeaders(cspHeaderFromHtml(index));
  const configBody = `${JSON.stringify(options.config, null, 2)}\n`;
  const rules = await loadViewerRequestRules(options.edge ?? LOCAL_EDGE_SETTINGS);

  async function notFound(request: IncomingMessage, response: ServerResponse) {
    const page = await resolveStatic(root, '/404.html');
    if (page.kind !== 'file') {
      response.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(request.method === 'HEAD' ? undefined : 'Not found\n');
      return;
    }
    const body = await readFile(page.file);
    response.writeHead(404, {
      ...headers,
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': String(body.length),
      'Cache-Control': 'no-cache',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  }

  async function serveFile(request: IncomingMessage, response: ServerResponse, pathname: string) {
    const target = await resolveStatic(root, pathname);
    if (target.kind === 'redirect') {
      const query = requestTarget(request.url).search;
      response.writeHead(301, { ...headers, Location: `${target.location}${query}` }).end();
      return;
    }
    if (target.kind === 'missing') {
      await notFound(request, response);
      return;
    }
    const etag = `W/"${target.size.toString(16)}-${Math.floor(target.mtimeMs).toString(16)}"`;
    // no-cache: a rebuild of the site shows on the next load, unchanged files still answer 304.
    const common = { ...headers, ETag: etag, 'Cache-Control': 'no-cache' };
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, common).end();
      return;
    }
    response.writeHead(200, {
      ...common,
      'Content-Type': contentTypeOf(target.file),
      'Content-Length': String(target.size),
    });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    createReadStream(target.file)
      .once('error', (error) => {
        log.error(`reading ${target.file} failed`, error);
        response.destroy(error);
      })
      .pipe(response);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const edge = rules.run(request);
    if (edge.kind === 'respond') {
      request.resume();
      response.writeHead(edge.status, { ...headers, ...edge.headers });
      response.end(request.method === 'HEAD' ? undefined : edge.body);
      return;
    }
    request.url = edge.url;
    const { pathname } = requestTarget(request.url);
    if (options.apiUrl && (pathname === '/api' || pathname.startsWith('/api/'))) {
      await proxyToApi(options.apiUrl, request, response, log);
      return;
    }
    request.resume();
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...headers, Allow: 'GET, HEAD', 'Content-Length': '0' }).end();
      return;
    }
    if (pathname === '/config.json') {
      response.writeHead(200, {
        ...headers,
        'Content-Type': 'application/json',
        'Content-Length': String(Buffer.byteLength(configBody)),
        'Cache-Control': 'no-store',
      });
      response.end(request.method === 'HEAD' ? undefined : configBody);
      return;
    }
    if (pathname === '/records' || pathname.startsWith('/records/')) {
      await serveRecord(options.records, request, response, headers, log);
      return;
    }
    // The rules send a path that names no page (below /owners/) to the 404 page itself: it
    // answers 404 here, as every missing path does.
    if (pathname === '/404.html') {
      await notFound(request, response);
      return;
    }
    await serveFile(request, response, pathname);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log.error(`${request.method} ${request.url} failed`, error);
      if (!response.headersSent) response.writeHead(500, headers).end();
      else response.destroy();
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8788, options.hostname ?? '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      resolve({
        url: `http://${address.address}:${address.port}/`,
        port: address.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
