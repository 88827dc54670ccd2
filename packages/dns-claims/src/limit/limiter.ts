import pLimit from 'p-limit';

/** Runs async tasks with at most `concurrency` at a time, starting queued tasks in call order. */
export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks running now. */
  readonly active: number;
  /** Tasks waiting for a slot. */
  readonly waiting: number;
}

/**
 * A first-in, first-out concurrency limiter: `p-limit` (see the README for why) behind the
 * small interface the resolver uses, so the library stays a detail of this folder.
 */
export function createLimiter(concurrency: number): Limiter {
  const limit = pLimit(concurrency);
  return {
    run: (task) => limit(task),
    get active() {
      return limit.activeCount;
    },
    get waiting() {
      return limit.pendingCount;
    },
  };
}
