// The soak's table and its check: per process, resident memory, the heap after a full GC
// (Node and Java) and open descriptors, each as start / after warm-up / peak / end, with the
// growth of the first and second half after warm-up; the check is verdict.ts's.
import type { HeapReading } from './heap.js';
import type { ProcessSeries } from './samples.js';
import { ALLOWANCE, type Judgement, judge, type Point } from './verdict.js';

const mib = (kib: number) => (kib / 1024).toFixed(0);
const signed = (text: string) => (text.startsWith('-') ? text : `+${text}`);

function line(name: string, j: Judgement, unit: (n: number) => string): string {
  return `  ${name.padEnd(18)} ${[j.start, j.warm, j.peak, j.end].map(unit).join(' / ').padEnd(20)} growth after warm-up: first half ${signed(unit(j.firstHalfGrowth))}, second half ${signed(unit(j.secondHalfGrowth))} (allowed ${unit(j.allowed)}) ${j.flat ? 'flat' : 'GROWING'}`;
}

/** Prints the table and returns what failed the check. */
export function printReport(
  series: ProcessSeries[],
  heaps: Map<number, HeapReading[]>,
  warmUpMs: number,
  runMs: number,
  /** Processes whose RSS is shown but not judged (a heap snapshot was taken of them). */
  rssNotJudged: ReadonlySet<number> = new Set(),
): string[] {
  const failures: string[] = [];
  console.log(
    '\nper process: start / after warm-up / peak / end (MiB, descriptors), and the growth of the fitted line in each half of the run after warm-up',
  );
  for (const process of series) {
    const { readings } = process;
    console.log(`${process.pid} ${process.name} (${process.command})`);
    const heap = heaps.get(process.pid) ?? [];
    const checks: Array<[string, Point[], (level: number) => number, (n: number) => string]> = [
      ['RSS', readings.map((r) => ({ at: r.at, value: r.rssKiB })), ALLOWANCE.rss, mib],
      [
        'heap after GC',
        // V8's heap and its external memory (Buffers): what a leak of JS objects or buffers
        // keeps alive. Java: the heap in use after GC.run.
        heap.map((r) => ({ at: r.at, value: r.heapKiB + (r.externalKiB ?? 0) })),
        process.name === 'java' ? ALLOWANCE.javaHeap : ALLOWANCE.heap,
        mib,
      ],
      [
        'descriptors',
        readings.map((r) => ({ at: r.at, value: r.fds })),
        ALLOWANCE.fds,
        (n) => n.toFixed(0),
      ],
    ];
    for (const [name, points, allowance, unit] of checks) {
      if (points.length === 0) continue;
      const judgement = judge(points, warmUpMs, runMs, allowance);
      if (!judgement) {
        console.log(`  ${name.padEnd(18)} not there through the whole soak: not judged`);
        continue;
      }
      console.log(line(name, judgement, unit));
      if (name === 'RSS' && rssNotJudged.has(process.pid)) {
        console.log('  (RSS not judged: heap snapshots were taken of this process)');
      } else if (!judgement.flat) {
        failures.push(
          `${process.pid} ${process.command}: ${name} still growing in the second half after warm-up (${signed(unit(judgement.secondHalfGrowth))}, allowed ${unit(judgement.allowed)})`,
        );
      }
    }
    // The trend, a reading a minute: a leak climbs, a heap finding its size levels off.
    const byMinute = readings.filter(
      (r, i) =>
        i === readings.length - 1 ||
        Math.floor(r.at / 60_000) !== Math.floor((readings[i + 1]?.at ?? 0) / 60_000),
    );
    if (byMinute.length > 2) {
      console.log(
        `  by minute: RSS ${byMinute.map((r) => mib(r.rssKiB)).join(' ')}; descriptors ${byMinute.map((r) => r.fds).join(' ')}`,
      );
    }
    if (heap.length > 2) {
      const v8 = heap[0]!.heapTotalKiB !== undefined;
      console.log(
        `  heap after GC, each reading: ${heap.map((r) => mib(r.heapKiB + (r.externalKiB ?? 0))).join(' ')}${v8 ? `; RSS right after it: ${heap.map((r) => mib(r.rssAfterGcKiB!)).join(' ')}` : ''}`,
      );
    }
  }
  return failures;
}
