import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import type { AppEnv } from '../app/env.js';
import { parseViewerAddress, rateLimitSubject } from './address.js';

/** The header the Router adds to every request it passes to the API (`ROUTER_SECRET`). */
export const ROUTER_SECRET_HEADER = 'x-symval-router-secret';
/** The header CloudFront adds with the viewer's address and port (origin request policy). */
export const VIEWER_ADDRESS_HEADER = 'cloudfront-viewer-address';

/** Options of {@link createClientKey}. */
export interface ClientKeyOptions {
  /**
   * The Router's secrets (`ROUTER_SECRET`; two during a rotation). Without any, no request is
   * trusted to name its viewer.
   */
  routerSecrets?: readonly string[];
}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** The address the request came from on its last hop: API Gateway's source IP, or the socket's. */
export function sourceAddress(c: Context<AppEnv>): string {
  const http = (c.env?.event?.requestContext as { http?: { sourceIp?: unknown } } | undefined)
    ?.http;
  if (typeof http?.sourceIp === 'string') return http.sourceIp;
  return c.env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/**
 * Who is asking, for the rate limit. A request that carries the Router's secret came through the
 * Router, so its `CloudFront-Viewer-Address` (set by CloudFront, not by the viewer) names the
 * client; any other request is keyed on the address it came from (API Gateway's source IP on
 * Lambda, the socket on the Node server), whatever it claims in `X-Forwarded-For` or
 * `CloudFront-Viewer-Address`. The secret is compared in constant time (as SHA-256 digests, so
 * neither its content nor its length shows in the timing). IPv6 clients count by their /64.
 *
 * @example
 * const clientKey = createClientKey({ routerSecrets: readSetting(ROUTER_SECRET, source) });
 * createApp({ resolver, store, clientKey });
 */
export function createClientKey(options: ClientKeyOptions = {}): (c: Context<AppEnv>) => string {
  const secrets = (options.routerSecrets ?? []).map(digest);
  const fromRouter = (sent: string | undefined): boolean => {
    if (sent === undefined || secrets.length === 0) return false;
    const candidate = digest(sent);
    // Every secret is compared, so a rotation does not show which one matched.
    let matched = false;
    for (const secret of secrets) matched = timingSafeEqual(candidate, secret) || matched;
    return matched;
  };
  return (c) => {
    const sent = c.req.header(ROUTER_SECRET_HEADER);
    if (fromRouter(sent)) {
      const viewer = parseViewerAddress(c.req.header(VIEWER_ADDRESS_HEADER));
      if (viewer) return rateLimitSubject(viewer);
      // The Router's origin request policy must pass CloudFront-Viewer-Address on; without it
      // every viewer of one edge location would share a limit.
      c.var.log?.warn('router request without a usable CloudFront-Viewer-Address', {
        viewerAddress: c.req.header(VIEWER_ADDRESS_HEADER)?.slice(0, 64) ?? null,
      });
    } else if (sent !== undefined && secrets.length > 0) {
      c.var.log?.warn('router secret did not match; keyed on the source address');
    }
    return rateLimitSubject(sourceAddress(c));
  };
}
