import type { ClaimResolver } from '@symval/attestation';
import type { Context } from 'hono';
import type { AppMetrics } from '../observability/metrics.js';
import type { RateLimiter } from '../rate-limit/types.js';
import type { GroupStore } from '../store/group-store.js';
import type { AppEnv } from './env.js';
import { problem } from './problem.js';

/** What the routes work with, fixed when the app is made. */
export interface RouteDeps {
  resolver: ClaimResolver;
  store: GroupStore;
  limiter: RateLimiter;
  metrics: AppMetrics;
  now: () => Date;
  clientKey: (c: Context<AppEnv>) => string;
  /** Seconds a client should wait after an indeterminate answer. */
  retryAfterSeconds: number;
  /** Seconds a client should wait when the table is throttled or failing. */
  storeRetryAfterSeconds: number;
}

/**
 * Counts a request that is about to cost DNS queries against its client's limit; returns the
 * 429 to send when the client is over it. Refused input costs nothing and is not counted.
 * When the shared counter could not be asked, this instance's own counter has decided: that is
 * logged and counted, never an error for the client.
 */
export async function enforceRateLimit(
  c: Context<AppEnv>,
  deps: RouteDeps,
  route: string,
): Promise<Response | undefined> {
  const decision = await deps.limiter.take(deps.clientKey(c), deps.now().getTime());
  if (decision.storeFailure) {
    deps.metrics.rateLimitStoreFailed();
    c.var.log.warn('rate limit store unavailable; counted in this instance', {
      route,
      error: decision.storeFailure,
    });
  }
  if (decision.allowed) return undefined;
  deps.metrics.rateLimited(route);
  c.var.log.warn('rate limited', { route, retryAfterSeconds: decision.retryAfterSeconds });
  return problem(
    c,
    429,
    {
      field: null,
      code: 'rate-limited',
      error: `too many requests from this client; try again in ${decision.retryAfterSeconds} s`,
    },
    { 'Retry-After': String(decision.retryAfterSeconds) },
  );
}
