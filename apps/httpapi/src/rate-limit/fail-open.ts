import type { RateLimitDecision, RateLimiter } from './types.js';

/**
 * The shared limiter, and this instance's own counter while the shared one fails: a request is
 * never refused, nor answered 500, because the counters' table is throttled or down. The limit
 * then holds per instance, as it did before it was shared, and the decision carries
 * `storeFailure` so the API logs and counts it.
 *
 * @example
 * const limiter = failOpen(createDynamoDbRateLimiter({ ... }), createRateLimiter({ count: 10, windowSeconds: 60 }));
 */
export function failOpen(shared: RateLimiter, fallback: RateLimiter): RateLimiter {
  return {
    async take(client, nowMs): Promise<RateLimitDecision> {
      try {
        return await shared.take(client, nowMs);
      } catch (error) {
        const decision = await fallback.take(client, nowMs);
        return {
          ...decision,
          storeFailure: {
            name: error instanceof Error ? error.name : 'Error',
            message: error instanceof Error ? error.message : String(error),
          },
        };
      }
    },
  };
}
