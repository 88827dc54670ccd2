import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createReattestScheduler } from './scheduler.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the re-attestation scheduler', () => {
  it('runs nothing at start, then once per interval counted from the end of each run', async () => {
    let runs = 0;
    const scheduler = createReattestScheduler({
      run: async () => ++runs,
      intervalMs: 60_000,
    });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(59_999);
    expect(runs).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toBe(2);
    await scheduler.stop();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(runs).toBe(2);
  });

  it('joins a run already going instead of starting a second one', async () => {
    const gate = deferred<string>();
    let runs = 0;
    const scheduler = createReattestScheduler({
      run: () => {
        runs++;
        return gate.promise;
      },
      intervalMs: 0,
    });
    const first = scheduler.runNow();
    const second = scheduler.runNow();
    expect(second).toBe(first);
    gate.resolve('summary');
    await expect(first).resolves.toBe('summary');
    expect(runs).toBe(1);
    await scheduler.runNow();
    expect(runs).toBe(2);
  });

  it('restarts the interval after a run on demand, so runs never crowd together', async () => {
    const times: number[] = [];
    const scheduler = createReattestScheduler({
      run: async () => times.push(Date.now()),
      intervalMs: 10_000,
    });
    const start = Date.now();
    scheduler.start();
    await vi.advanceTimersByTimeAsync(8_000);
    await scheduler.runNow();
    await vi.advanceTimersByTimeAsync(9_999);
    expect(times.map((t) => t - start)).toEqual([8_000]);
    await vi.advanceTimersByTimeAsync(1);
    expect(times.map((t) => t - start)).toEqual([8_000, 18_000]);
    await scheduler.stop();
  });

  it('reports each outcome, failures included, and keeps the timer going after a failure', async () => {
    const outcomes: string[] = [];
    let fail = true;
    const scheduler = createReattestScheduler({
      run: async () => {
        if (fail) throw new Error('DNS down');
        return 'ok';
      },
      intervalMs: 1_000,
      onDone: (outcome) =>
        outcomes.push(
          outcome.ok ? `ok ${outcome.value}` : `failed ${(outcome.error as Error).message}`,
        ),
    });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(1_000);
    fail = false;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(outcomes).toEqual(['failed DNS down', 'ok ok']);
    await scheduler.stop();
  });

  it('waits for the run in flight on stop, and refuses runs afterwards', async () => {
    const gate = deferred<void>();
    const scheduler = createReattestScheduler({ run: () => gate.promise, intervalMs: 0 });
    void scheduler.runNow();
    let stopped = false;
    const stopping = scheduler.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(10);
    expect(stopped).toBe(false);
    gate.resolve();
    await stopping;
    expect(stopped).toBe(true);
    await expect(scheduler.runNow()).rejects.toMatchObject({ code: 'reattest.stopped' });
  });
});
