// Run by bench/sharded.ts in a child process under --max-old-space-size=512: rebuilds the
// sharded state of N records (default 1,000,000) from a streamed scan into a store that keeps
// nothing, and prints the peak heap seen (sampled every 20 ms and at every shard written) as
// JSON. Finishing at all shows the rebuild fits the heap limit: V8 aborts the process when
// the old generation cannot grow past it.
import v8 from 'node:v8';
import { createShardedBuilder } from '../src/index.js';
import { discardingStore, tableRecords } from './sharded-workload.js';

const n = Number(process.argv[2] ?? 1_000_000);
let peak = 0;
const sample = () => {
  const used = process.memoryUsage().heapUsed;
  if (used > peak) peak = used;
};
const timer = setInterval(sample, 20);
const store = discardingStore();
const put = store.put.bind(store);
store.put = async (key, body, options) => {
  sample();
  return put(key, body, options);
};
const builder = createShardedBuilder({
  store,
  indexKey: 'records/v1/index.json',
  statePrefix: 'state/v2/',
  wholeKey: 'records/domains.json',
});
const start = performance.now();
const result = await builder.rebuild(tableRecords(n));
clearInterval(timer);
sample();
console.log(
  JSON.stringify({
    records: result.records,
    shards: result.shards,
    seconds: (performance.now() - start) / 1000,
    peakHeap: peak,
    heapLimit: v8.getHeapStatistics().heap_size_limit,
    bytesWritten: store.bytes,
  }),
);
