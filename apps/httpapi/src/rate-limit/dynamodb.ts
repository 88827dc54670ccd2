import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { HttpApiError } from '../errors.js';
import { type CounterRequest, counterKey, countRequest, startWindowRequest } from './requests.js';
import { checkRateLimitSetting } from './setting.js';
import { RATE_LIMIT_USED_ATTRIBUTE, RATE_LIMIT_WINDOW_ATTRIBUTE } from './table.js';
import { type RateLimitDecision, type RateLimitSetting, secondsLeft } from './types.js';

/** Options of {@link createDynamoDbRateLimiter}. */
export interface DynamoDbRateLimiterOptions extends RateLimitSetting {
  client: DynamoDBClient;
  /** A table made from `rateLimitTableInput`. */
  tableName: string;
  /** Part of every key, so several limits can share the table. Default `attest`. */
  scope?: string;
  /**
   * How long one decision may take, retries included, before it counts as a store failure (and
   * this instance's own counter decides). Default 2000 ms: a cold start's first request to
   * DynamoDB (TLS, credentials) fits in it.
   */
  timeoutMs?: number;
}

/** The shared limiter: every decision is a conditional write, so it throws when the table fails. */
export interface DynamoDbRateLimiter {
  take(client: string, nowMs: number): Promise<RateLimitDecision>;
}

function numberOf(value: { N?: string } | undefined): number | undefined {
  const n = value?.N === undefined ? Number.NaN : Number(value.N);
  return Number.isFinite(n) ? n : undefined;
}

// Counting and starting a window race with other instances only when a window turns over;
// each lost race means the other instance's write is there to count against, so this ends.
const MAX_ROUNDS = 4;

/**
 * A window per client, shared by every instance through a DynamoDB counter (the window starts
 * with the client's first counted request, as in the in-memory limiter). One conditional
 * `UpdateItem` per request while a window is live; a `PutItem` to start the next. The limit
 * holds however many instances serve the client: each increment is checked against the count
 * by DynamoDB itself.
 *
 * @throws HttpApiError `options.invalid` for a bad limit; `take` rejects when the table cannot
 *   be reached in `timeoutMs` (see `failOpen` for what the API then does).
 * @example
 * const limiter = createDynamoDbRateLimiter({ client, tableName: 'rate-limits', count: 10, windowSeconds: 60 });
 * await limiter.take('198.51.100.7', Date.now()); // { allowed: true, remaining: 9 }
 */
export function createDynamoDbRateLimiter(
  options: DynamoDbRateLimiterOptions,
): DynamoDbRateLimiter {
  checkRateLimitSetting(options);
  if (typeof options.tableName !== 'string' || options.tableName === '') {
    throw new HttpApiError('options.invalid', 'a shared rate limit needs its tableName');
  }
  const { client, tableName, count } = options;
  const windowMs = options.windowSeconds * 1000;
  const scope = options.scope ?? 'attest';
  const timeoutMs = options.timeoutMs ?? 2000;

  return {
    async take(clientKey, nowMs) {
      const request: CounterRequest = {
        tableName,
        key: counterKey(scope, clientKey),
        count,
        windowMs,
        nowMs,
      };
      const abortSignal = AbortSignal.timeout(timeoutMs);
      for (let round = 0; round < MAX_ROUNDS; round++) {
        try {
          const out = await client.send(new UpdateItemCommand(countRequest(request)), {
            abortSignal,
          });
          const used = numberOf(out.Attributes?.[RATE_LIMIT_USED_ATTRIBUTE]) ?? count;
          return { allowed: true, remaining: Math.max(0, count - used) };
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
          const startMs = numberOf(error.Item?.[RATE_LIMIT_WINDOW_ATTRIBUTE]);
          if (startMs !== undefined && startMs > nowMs - windowMs) {
            return { allowed: false, retryAfterSeconds: secondsLeft(startMs, windowMs, nowMs) };
          }
        }
        try {
          await client.send(new PutItemCommand(startWindowRequest(request)), { abortSignal });
          return { allowed: true, remaining: count - 1 };
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
      }
      throw new HttpApiError(
        'store.unavailable',
        `the rate-limit counter kept changing under ${MAX_ROUNDS} attempts to count one request`,
      );
    },
  };
}
