import { LocalError } from '../errors.js';

/** Options of {@link createReattestScheduler}. */
export interface ReattestSchedulerOptions<T> {
  /** One re-attestation run. */
  run: () => Promise<T>;
  /** Pause between the end of one scheduled run and the next; 0: only on demand. */
  intervalMs: number;
  /** Told about each run's outcome, scheduled or on demand. */
  onDone?: (outcome: { ok: true; value: T } | { ok: false; error: unknown }, ms: number) => void;
}

/** Re-attestation on a timer and on demand, one run at a time. */
export interface ReattestScheduler<T> {
  /** Starts the timer (nothing runs at once). */
  start(): void;
  /** Runs now, or joins the run already going. Rejects `reattest.stopped` after {@link stop}. */
  runNow(): Promise<T>;
  /** Stops the timer and waits for a run in flight. */
  stop(): Promise<void>;
}

/**
 * Runs `run` every `intervalMs` (counted from the end of the previous run, so runs never
 * overlap) and whenever `runNow()` is called; a call while a run is going joins it.
 *
 * @example
 * const scheduler = createReattestScheduler({ run: () => invokeReattest(), intervalMs: 300_000 });
 * scheduler.start();
 * await scheduler.runNow();
 * await scheduler.stop();
 */
export function createReattestScheduler<T>(
  options: ReattestSchedulerOptions<T>,
): ReattestScheduler<T> {
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<T> | undefined;
  let stopped = false;

  const schedule = () => {
    if (stopped || options.intervalMs <= 0) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      runNow().catch(() => {
        // Reported through onDone; the timer carries on.
      });
    }, options.intervalMs);
  };

  function runNow(): Promise<T> {
    if (stopped) {
      return Promise.reject(new LocalError('reattest.stopped', 'the local stack is stopping'));
    }
    if (current) return current;
    clearTimeout(timer);
    const started = Date.now();
    const run = (async () => options.run())();
    current = run;
    run.then(
      (value) => options.onDone?.({ ok: true, value }, Date.now() - started),
      (error: unknown) => options.onDone?.({ ok: false, error }, Date.now() - started),
    );
    void run
      .catch(() => undefined)
      .then(() => {
        current = undefined;
        schedule();
      });
    return run;
  }

  return {
    start: schedule,
    runNow,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current?.catch(() => undefined);
    },
  };
}
