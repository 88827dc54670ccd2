import type { Context } from 'hono';
import type { RouteDeps } from './deps.js';
import type { AppEnv } from './env.js';
import { problem } from './problem.js';

/** The route a path belongs to, as metrics name it. */
function routeOf(path: string): string {
  if (path.startsWith('/api/v1/groups/')) return 'groups';
  return path.replace(/^\/api\/v1\//, '') || 'unknown';
}

/**
 * The answer when the table is throttled, failing or unreachable after the SDK's retries: 503
 * with `Retry-After` and a JSON error, logged as a warning with the store's error (never a
 * stack for the client) and counted as `StoreUnavailable`. What was written stays consistent:
 * a group is one transaction, so it is stored entirely or not at all.
 */
export function storeUnavailable(
  c: Context<AppEnv>,
  deps: RouteDeps,
  error: Error,
  extra: Record<string, unknown> = {},
): Response {
  const route = routeOf(c.req.path);
  const cause = error.cause instanceof Error ? error.cause : error;
  deps.metrics.storeUnavailable(route);
  c.var.log.warn('store unavailable', {
    route,
    error: { name: cause.name, message: cause.message },
    retryAfterSeconds: deps.storeRetryAfterSeconds,
  });
  return problem(
    c,
    503,
    {
      field: null,
      code: 'store-unavailable',
      error: `the record store is busy or failing; a group is always stored entirely or not at all, so try again in ${deps.storeRetryAfterSeconds} s`,
      ...extra,
    },
    { 'Retry-After': String(deps.storeRetryAfterSeconds) },
  );
}
