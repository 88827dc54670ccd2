/** How unprocessed batch items are retried: exponential backoff with full jitter, bounded. */
export interface RetryOptions {
  /** Requests per chunk, the first included. Default 8. */
  maxAttempts?: number;
  /** First backoff ceiling in ms. Default 50. */
  baseDelayMs?: number;
  /** Largest backoff ceiling in ms. Default 2000. */
  maxDelayMs?: number;
}

/** Result of draining one chunk. */
export interface DrainResult<R> {
  /** What was still unprocessed after the last attempt (empty on success). */
  readonly unprocessed: R[];
  readonly requests: number;
}

/** The backoff ceiling before attempt `attempt + 1` (the delay is random below it). */
export function backoffCeiling(attempt: number, options: RetryOptions = {}): number {
  const base = options.baseDelayMs ?? 50;
  const max = options.maxDelayMs ?? 2000;
  return Math.min(max, base * 2 ** attempt);
}

function checkAttempts(value: number | undefined): number {
  const attempts = value ?? 8;
  if (!Number.isSafeInteger(attempts) || attempts < 1) {
    throw new RangeError(`retry.maxAttempts must be a positive integer, got ${String(value)}`);
  }
  return attempts;
}

/**
 * Sends a batch, then resends whatever DynamoDB left unprocessed, sleeping a random time
 * below a doubling ceiling between attempts, up to `maxAttempts` requests.
 */
export async function drainBatch<R>(
  initial: R[],
  send: (pending: R[]) => Promise<R[]>,
  options: RetryOptions = {},
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<DrainResult<R>> {
  const maxAttempts = checkAttempts(options.maxAttempts);
  let pending = initial;
  let requests = 0;
  for (let attempt = 0; attempt < maxAttempts && pending.length > 0; attempt++) {
    if (attempt > 0) await sleep(Math.random() * backoffCeiling(attempt - 1, options));
    pending = await send(pending);
    requests++;
  }
  return { unprocessed: pending, requests };
}
