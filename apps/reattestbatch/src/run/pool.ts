/** Runs tasks at most `limit` at a time; `idle()` resolves when every task so far has ended. */
export interface TaskPool {
  run(task: () => Promise<void>): void;
  idle(): Promise<void>;
}

/** A small bounded pool for the conditional writes, which start while attestation goes on. */
export function createTaskPool(limit: number): TaskPool {
  const queue: Array<() => Promise<void>> = [];
  let active = 0;
  let waiters: Array<() => void> = [];
  const settle = (): void => {
    if (active === 0 && queue.length === 0) {
      for (const wake of waiters) wake();
      waiters = [];
    }
  };
  const pump = (): void => {
    while (active < limit && queue.length > 0) {
      const task = queue.shift()!;
      active++;
      // Tasks handle their own errors; a rejection here must still free the slot.
      task()
        .catch(() => undefined)
        .finally(() => {
          active--;
          pump();
          settle();
        });
    }
  };
  return {
    run(task) {
      queue.push(task);
      pump();
    },
    idle() {
      if (active === 0 && queue.length === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
}
