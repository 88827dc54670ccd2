// The soak's check (bench/soak/verdict.ts) on series shaped like what it measures: a leak
// climbs to the end, a cache or heap finding its size climbs and levels off, a GC'd heap jumps
// up and down around a level.
import { describe, expect, it } from 'vitest';
import { ALLOWANCE, judge, type Point } from '../bench/soak/verdict.js';

const MIN = 60_000;
const RUN = 10 * MIN;
const WARM = 2 * MIN;
/** A reading every 30 s over the run, `value(at)` KiB. */
const series = (value: (at: number) => number): Point[] =>
  Array.from({ length: RUN / 30_000 + 1 }, (_, i) => ({
    at: i * 30_000,
    value: value(i * 30_000),
  }));

describe('the soak verdict', () => {
  it('finds a heap that grows by 1 KiB a request at 38 requests a second still growing', () => {
    const leak = series((at) => 40 * 1024 + (at / 1000) * 38);
    const j = judge(leak, WARM, RUN, ALLOWANCE.heap)!;
    expect(j.flat).toBe(false);
    // 4 minutes × 38 requests a second × 1 KiB.
    expect(j.secondHalfGrowth).toBeCloseTo(240 * 38, 0);
  });

  it('finds a heap still growing 1.5 MiB a minute (a cache of 1,024 stale shards filling up)', () => {
    const j = judge(
      series((at) => 39 * 1024 + (at / MIN) * 1.5 * 1024),
      WARM,
      RUN,
      ALLOWANCE.heap,
    )!;
    expect(j.secondHalfGrowth).toBeCloseTo(6 * 1024, 0);
    expect(j.flat).toBe(false);
  });

  it('passes growth that stops in the first half after warm-up (a cache filling up)', () => {
    const filling = series((at) => 40 * 1024 + Math.min(at, 5 * MIN) * (20 / MIN) * 1024);
    const j = judge(filling, WARM, RUN, ALLOWANCE.heap)!;
    expect(j.firstHalfGrowth).toBeGreaterThan(30 * 1024);
    expect(j.secondHalfGrowth).toBe(0);
    expect(j.flat).toBe(true);
  });

  it('passes a level with readings jumping 10 MiB either way (a JVM between collections)', () => {
    const noisy = series((at) => 25 * 1024 + ((at / 30_000) % 2 === 0 ? 10 : -10) * 1024);
    const j = judge(noisy, WARM, RUN, ALLOWANCE.javaHeap)!;
    expect(j.peak).toBe(35 * 1024);
    expect(Math.abs(j.secondHalfGrowth)).toBeLessThan(2 * 1024);
    expect(j.flat).toBe(true);
  });

  it('reports start, warm-up, peak and end, and does not judge a process that left', () => {
    const j = judge(
      series((at) => at / 1000),
      WARM,
      RUN,
      ALLOWANCE.rss,
    )!;
    expect([j.start, j.warm, j.peak, j.end]).toEqual([0, 120, 600, 600]);
    const gone = series((at) => at / 1000).filter((p) => p.at < 5 * MIN);
    expect(judge(gone, WARM, RUN, ALLOWANCE.rss)).toBeUndefined();
  });
});
