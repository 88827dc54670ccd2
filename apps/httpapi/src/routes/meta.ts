import type { Hono } from 'hono';
import type { AppEnv } from '../app/env.js';
import { buildOpenApiDocument } from '../openapi/document.js';

/** `GET /api/v1/health` and `GET /api/v1/openapi.json`. */
export function registerMeta(app: Hono<AppEnv>): void {
  app.get('/api/v1/health', (c) => c.json({ status: 'ok' }));
  let document: unknown;
  app.get('/api/v1/openapi.json', (c) => {
    document ??= buildOpenApiDocument();
    return c.json(document, 200, { 'Cache-Control': 'public, max-age=300' });
  });
}
