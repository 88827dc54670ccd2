/** Runs async tasks with at most `concurrency` at a time, starting queued tasks in call order. */
export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks running now. */
  readonly active: number;
  /** Tasks waiting for a slot. */
  readonly waiting: number;
}

/** A first-in, first-out concurrency limiter. */
export function createLimiter(concurrency: number): Limiter {
  let active = 0;
  const queue: Array<() => void> = [];
  const release = () => {
    const next = queue.shift();
    // The slot passes straight to the next task, so `active` only drops when nobody waits.
    if (next) next();
    else active--;
  };
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      const start = (): Promise<T> => {
        let result: Promise<T>;
        try {
          result = task();
        } catch (error) {
          result = Promise.reject(error);
        }
        return result.finally(release);
      };
      if (active < concurrency) {
        active++;
        return start();
      }
      return new Promise<T>((resolve, reject) => {
        queue.push(() => start().then(resolve, reject));
      });
    },
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
  };
}
