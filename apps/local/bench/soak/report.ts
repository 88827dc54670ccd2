// The soak's table and its check: per process, first reading, after warm-up, peak and last.
import type { ProcessSeries, Reading } from './samples.js';

/** How far a last reading may exceed the one after warm-up. */
export const BOUND = {
  rss: (warm: number) => warm * 1.25 + 32 * 1024,
  fds: (warm: number) => warm + 16,
};

const mib = (kib: number) => `${(kib / 1024).toFixed(0)}`;

/** Prints the table and returns what failed the check. */
export function printReport(series: ProcessSeries[], warmUpMs: number): string[] {
  const failures: string[] = [];
  console.log(
    '\nprocess                                   RSS MiB: start / warm / peak / end   fds: start / warm / peak / end',
  );
  for (const process of series) {
    const { readings } = process;
    const first = readings[0]!;
    const last = readings.at(-1)!;
    const warm = readings.find((r) => r.at >= warmUpMs);
    const peak = (key: keyof Reading) => Math.max(...readings.map((r) => r[key]));
    const label = `${process.pid} ${process.name} (${process.command})`.slice(0, 40).padEnd(41);
    const rss = [first.rssKiB, warm?.rssKiB, peak('rssKiB'), last.rssKiB];
    const fds = [first.fds, warm?.fds, peak('fds'), last.fds];
    const show = (values: Array<number | undefined>, unit: (n: number) => string) =>
      values.map((v) => (v === undefined ? '-' : unit(v))).join(' / ');
    console.log(`${label} ${show(rss, mib).padStart(30)}   ${show(fds, String).padStart(20)}`);
    // The trend, a reading a minute: a leak climbs, a heap finding its size levels off.
    const byMinute = readings.filter(
      (r, i) =>
        i === readings.length - 1 ||
        Math.floor(r.at / 60_000) !== Math.floor((readings[i + 1]?.at ?? 0) / 60_000),
    );
    if (byMinute.length > 2) {
      console.log(
        `  by minute: RSS ${byMinute.map((r) => mib(r.rssKiB)).join(' ')}; fds ${byMinute.map((r) => r.fds).join(' ')}`,
      );
    }
    // A process must be there after warm-up and at the end for the check to mean anything.
    if (!warm || warm === last) {
      console.log(`  (${process.pid} was not there through the whole soak: not checked)`);
      continue;
    }
    if (last.rssKiB > BOUND.rss(warm.rssKiB)) {
      failures.push(
        `${process.pid} ${process.command}: RSS ${mib(warm.rssKiB)} → ${mib(last.rssKiB)} MiB after warm-up`,
      );
    }
    if (last.fds > BOUND.fds(warm.fds)) {
      failures.push(
        `${process.pid} ${process.command}: descriptors ${warm.fds} → ${last.fds} after warm-up`,
      );
    }
  }
  return failures;
}
