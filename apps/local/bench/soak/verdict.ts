// Whether a series of readings is flat: the soak's check. A leak grows as long as the workload
// runs; a heap or cache finding its working size grows and then stops. So the check looks at
// the second half of the run after warm-up, where a steady workload must no longer make a
// process grow: the growth there (the least-squares line's rise over that half, which random
// ups and downs of a GC'd heap do not move) must stay within an allowance. The first half's
// growth is reported, not judged: it is where bounded growth happens.

/** One reading: when (ms since the soak began) and the value (KiB, or a count). */
export interface Point {
  at: number;
  value: number;
}

/** What a series did, and whether it was flat. */
export interface Judgement {
  start: number;
  /** The first reading at or after warm-up. */
  warm: number;
  peak: number;
  end: number;
  /** The line's rise from warm-up to half-way through the rest of the run. */
  firstHalfGrowth: number;
  /** The line's rise over the second half: what the check judges. */
  secondHalfGrowth: number;
  /** How much the second half may rise. */
  allowed: number;
  flat: boolean;
}

/** The rise of the least-squares line through `points` from its first to its last. */
function rise(points: readonly Point[]): number {
  if (points.length < 2) return 0;
  const n = points.length;
  const meanAt = points.reduce((sum, p) => sum + p.at, 0) / n;
  const meanValue = points.reduce((sum, p) => sum + p.value, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const p of points) {
    covariance += (p.at - meanAt) * (p.value - meanValue);
    variance += (p.at - meanAt) ** 2;
  }
  if (variance === 0) return 0;
  return (covariance / variance) * (points.at(-1)!.at - points[0]!.at);
}

/**
 * Judges `points` of a run of `runMs` with `warmUpMs` of warm-up. `allowance(level)` is how
 * much the second half may rise for a process at `level` (its mean in that half). Undefined
 * when the series does not cover both halves (a process that came or went): not judged.
 */
export function judge(
  points: readonly Point[],
  warmUpMs: number,
  runMs: number,
  allowance: (level: number) => number,
): Judgement | undefined {
  const mid = warmUpMs + (runMs - warmUpMs) / 2;
  const first = points.filter((p) => p.at >= warmUpMs && p.at <= mid);
  const second = points.filter((p) => p.at >= mid);
  if (first.length === 0 || second.length < 2) return undefined;
  const level = second.reduce((sum, p) => sum + p.value, 0) / second.length;
  const secondHalfGrowth = rise(second);
  const allowed = allowance(level);
  return {
    start: points[0]!.value,
    warm: first[0]!.value,
    peak: Math.max(...points.map((p) => p.value)),
    end: points.at(-1)!.value,
    firstHalfGrowth: rise(first),
    secondHalfGrowth,
    allowed,
    flat: secondHalfGrowth <= allowed,
  };
}

const MiB = 1024;

/**
 * The allowances (KiB, or descriptors) for the second half of the run after warm-up. That half
 * of a 10-minute run is 4 minutes: at the soak's 20-40 requests a second, 5,000-10,000
 * requests, so a leak of 1 KiB a request adds 5-10 MiB to the heap and one of 5 KiB a request
 * 25-50 MiB to RSS, past either allowance.
 */
export const ALLOWANCE = {
  /** Resident memory: allocators and V8 keep pages a while, so more room than the heap. */
  rss: (level: number) => level * 0.1 + 16 * MiB,
  /**
   * V8's heap after a full GC: what the program holds. Readings of a steady process differ by
   * a MiB or two, so little room.
   */
  heap: (level: number) => level * 0.02 + 2 * MiB,
  /**
   * The JVM's heap after GC.run: DynamoDB Local keeps serving between the collection and the
   * reading, so readings jump by ±5 MiB around their level; the line through them moves less.
   */
  javaHeap: (level: number) => level * 0.05 + 4 * MiB,
  /** Descriptors: connections come and go; a leak of one per request passes this at once. */
  fds: () => 16,
};
