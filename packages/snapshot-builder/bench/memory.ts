// Run by bench/index.ts in a child process: node --expose-gc --max-semi-space-size=1
// --initial-old-space-size=4096. The young generation is 1 MiB, so garbage that dies young
// (the per-record strings) is collected as it is made, and what survives is promoted to the
// old generation, which is large enough from the start that no full GC runs. Then, when no
// full GC ran during the operation (checked), nothing live was ever freed from the old
// generation, so at every moment the live heap was at most the old generation's final growth
// plus the young generation: peak <= growth + young generation capacity.
import { constants, PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import { serializeSnapshot } from '@symval/records';
import { applyStreamBatch, publicRecords } from '../src/index.js';
import { syntheticBatch, syntheticState } from './workload.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const n = Number(process.argv[2] ?? 100_000);
const state = syntheticState(n);
const batch = syntheticBatch(n, 100);
const doc = serializeSnapshot(publicRecords(state));
let full = 0;
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
    if (kind !== constants.NODE_PERFORMANCE_GC_MINOR) full++;
  }
});
const young = v8
  .getHeapSpaceStatistics()
  .filter((s) => s.space_name === 'new_space')
  .reduce((sum, s) => sum + s.space_size, 0);

async function measure(run: () => unknown): Promise<{ bound: number; fullGcs: number }> {
  gc!();
  gc!();
  full = 0;
  observer.observe({ entryTypes: ['gc'] });
  const before = process.memoryUsage().heapUsed;
  const result = run();
  const after = process.memoryUsage().heapUsed;
  // gc entries are delivered asynchronously.
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  if (result === undefined) throw new Error('keep the result alive');
  return { bound: after - before + young, fullGcs: full };
}

const builder = await measure(() =>
  serializeSnapshot(publicRecords(applyStreamBatch(state, batch).state)),
);
const floor = await measure(() => JSON.stringify(JSON.parse(doc), null, 2));
process.stdout.write(
  JSON.stringify({ documentBytes: Buffer.byteLength(doc), young, builder, floor }),
);
