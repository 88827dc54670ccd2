// Timing helpers shared by the benchmarks: alternate the contenders so background load (other
// processes on a 2-core machine) hits them alike, and keep each one's best round.
import os from 'node:os';

/** One line naming the machine, printed before any figure. */
export function machine(): string {
  const cpu = os.cpus();
  return `${cpu[0]?.model ?? 'unknown cpu'} x${cpu.length}, node ${process.version}`;
}

/** Milliseconds one run takes. The result must be non-zero so the work cannot be skipped. */
export async function time(run: () => number | Promise<number>): Promise<number> {
  const start = process.hrtime.bigint();
  if ((await run()) === 0) throw new Error('a benchmark round produced nothing');
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Best time of each contender over `rounds` alternating rounds, after one warm-up each. */
export async function bestOf<K extends string>(
  rounds: number,
  contenders: Record<K, () => number | Promise<number>>,
): Promise<Record<K, number>> {
  const names = Object.keys(contenders) as K[];
  for (const name of names) await contenders[name]();
  const best = Object.fromEntries(names.map((n) => [n, Number.POSITIVE_INFINITY])) as Record<
    K,
    number
  >;
  for (let round = 0; round < rounds; round++) {
    // Alternate which one goes first, so neither always runs on a warmer or colder heap.
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) best[name] = Math.min(best[name], await time(contenders[name]));
  }
  return best;
}

/** A result line: label, total milliseconds and nanoseconds per item. */
export function line(label: string, ms: number, count: number): string {
  return `${label.padEnd(44)} ${ms.toFixed(1).padStart(8)} ms  ${((ms * 1e6) / count).toFixed(0).padStart(6)} ns/item`;
}
