import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { LocalLogger } from '../log/logger.js';
import { requestTarget } from './static-files.js';

// Headers that describe one connection, not the message: never forwarded.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
]);

function forwardable(headers: IncomingMessage['headers']): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  }
  return out;
}

/**
 * Forwards a request under `/api/` to the API server unchanged (method, path, query, headers,
 * body, streamed both ways), so pages served by the site can call the API on their own origin,
 * which the built site's CSP (`connect-src 'self'`) allows.
 */
export function proxyToApi(
  apiUrl: string,
  request: IncomingMessage,
  response: ServerResponse,
  log: LocalLogger,
): Promise<void> {
  // The API's origin with the request's path and query: a path like //host/api/… stays a path.
  const { pathname, search } = requestTarget(request.url);
  const target = new URL(`${new URL(apiUrl).origin}${pathname}${search}`);
  return new Promise((resolve) => {
    const upstream = httpRequest(
      target,
      { method: request.method, headers: { ...forwardable(request.headers), host: target.host } },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, forwardable(answer.headers));
        answer.pipe(response);
        answer.once('end', resolve);
        answer.once('error', () => {
          response.destroy();
          resolve();
        });
      },
    );
    upstream.once('error', (error) => {
      if (!response.headersSent) {
        log.error(
          `the API at ${apiUrl} did not answer ${request.method} ${target.pathname}`,
          error,
        );
        const body = JSON.stringify({
          error: 'the local API did not answer',
          field: null,
          code: 'bad-gateway',
        });
        response.writeHead(502, { 'Content-Type': 'application/json' }).end(body);
      } else response.destroy();
      resolve();
    });
    // A client that goes away takes its upstream request with it.
    response.once('close', () => {
      if (!response.writableFinished) upstream.destroy();
    });
    request.pipe(upstream);
  });
}
