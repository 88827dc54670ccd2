// pnpm bench, part 2: the sharded builder's figures on this machine, each against a baseline
// measured in the same run.
//  4. Bytes written and time per 100-event batch at 10k, 100k and 1M records, sharded builder
//     (in-memory store: bytes and CPU, no network) against today's whole-file path (apply,
//     serialise the public file and the state) at the same sizes. Target: the sharded batch
//     flat within 2x from 10k to 1M.
//  5. Building records/domains.json from the cached fragments after a batch, against
//     JSON.parse + JSON.stringify of the same document (target <= 0.3x).
//  6. Rebuild of 1,000,000 records' sharded state under a 512 MiB heap (child process).
// SHARDED_BENCH_SIZES=10000,100000 runs fewer sizes (the 1M setup takes minutes).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serializeSnapshot } from '@symval/records';
import {
  applyStreamBatch,
  createMemoryStore,
  createShardedBuilder,
  publicRecords,
  serializeState,
} from '../src/index.js';
import { itemKey, parseLeaf } from '../src/sharded/leaf.js';
import { WholeFileCache } from '../src/sharded/whole-file.js';
import { batchAt, tableRecords, tallyingStore } from './sharded-workload.js';
import { syntheticRecord, syntheticState } from './workload.js';

const SIZES = (process.env.SHARDED_BENCH_SIZES ?? '10000,100000,1000000')
  .split(',')
  .map((s) => Number(s.trim()));
const BATCHES = 9;
const mib = (b: number) => `${(b / 2 ** 20).toFixed(2)} MiB`;
const kib = (b: number) => `${(b / 2 ** 10).toFixed(1)} KiB`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

interface Row {
  n: number;
  setupSeconds: number;
  shardedMs: number;
  shardedBytes: number;
  wholeFileBytes: number;
  wholePathMs: number;
  wholePathBytes: number;
}
const rows: Row[] = [];
let fragments: { n: number; buildMs: number; floorMs: number } | undefined;

// Every size's builder is set up first, then the batches run in rounds across the sizes, so a
// change of load on the machine hits every size alike rather than whichever ran at the time.
const location = {
  indexKey: 'records/v1/index.json',
  statePrefix: 'state/v2/',
  wholeKey: 'records/domains.json',
};
const setups = [];
for (const n of SIZES) {
  const memory = createMemoryStore();
  const store = tallyingStore(memory, [location.wholeKey, 'state/v2/domains.json.tmp']);
  const clock = { now: Date.UTC(2025, 9, 16) };
  const builder = createShardedBuilder({ store, ...location, now: () => clock.now });
  const setupStart = performance.now();
  await builder.rebuild(tableRecords(n));
  await builder.flush();
  const setupSeconds = (performance.now() - setupStart) / 1000;
  // The first batch fills the caches (the whole file's fragments, the tree): not measured.
  await builder.applyBatch(batchAt(n, 1));
  setups.push({ n, memory, store, clock, builder, setupSeconds });
  console.log(
    `   ${n.toLocaleString('en').padStart(9)} records set up in ${setupSeconds.toFixed(0)} s`,
  );
}
const measured = setups.map(() => ({
  times: [] as number[],
  bytes: [] as number[],
  whole: [] as number[],
}));
for (let j = 2; j < 2 + BATCHES; j++) {
  for (const [k, { n, store, clock, builder }] of setups.entries()) {
    clock.now += 10_000; // ten seconds a batch: a large whole file waits for its interval
    store.reset();
    const start = performance.now();
    const result = await builder.applyBatch(batchAt(n, j));
    measured[k]!.times.push(performance.now() - start);
    if (result.applied !== 100) throw new Error(`batch ${j} applied ${result.applied} of 100`);
    measured[k]!.bytes.push(store.tally.other);
    measured[k]!.whole.push(store.tally.wholeFile);
  }
}

for (const [k, { n, memory, setupSeconds }] of setups.entries()) {
  const { times, bytes, whole } = measured[k]!;
  console.log(
    `   ${n.toLocaleString('en').padStart(9)} records (setup ${setupSeconds.toFixed(0)} s): sharded ${median(times).toFixed(1)} ms, ${kib(median(bytes))} + whole file ${mib(median(whole))}`,
  );

  if (n === 100_000 || (fragments === undefined && n === SIZES.at(-1))) {
    // 5. The whole file from the fragments of every private shard, after a batch's changes.
    const leaves = [...memory.objects]
      .filter(([key]) => key.startsWith('state/v2/shards/'))
      .map(([key, o]) => parseLeaf(o.body, key));
    const doc = memory.objects.get(location.wholeKey)!.body;
    const changes = new Map(
      Array.from({ length: 100 }, (_, k) => {
        const r = syntheticRecord((k * 7919) % n, 50);
        return [itemKey(r.GroupID, r.Hostname), r] as const;
      }),
    );
    const cache = WholeFileCache.fromLeaves(leaves);
    cache.build();
    const build: number[] = [];
    const floor: number[] = [];
    for (let round = 0; round < 7; round++) {
      let start = performance.now();
      cache.apply(changes);
      cache.build();
      build.push(performance.now() - start);
      start = performance.now();
      JSON.stringify(JSON.parse(doc), null, 2);
      floor.push(performance.now() - start);
    }
    fragments = { n, buildMs: median(build), floorMs: median(floor) };
  }

  // Today's whole-file path at the same size: apply to the whole state, serialise the public
  // file and the state, both written in full.
  const state = syntheticState(n);
  const batch = batchAt(n, 2);
  const path: number[] = [];
  let pathBytes = 0;
  for (let round = 0; round < 3; round++) {
    const start = performance.now();
    const applied = applyStreamBatch(state, batch).state;
    const doc = serializeSnapshot(publicRecords(applied));
    const stateText = serializeState(applied);
    path.push(performance.now() - start);
    pathBytes = Buffer.byteLength(doc) + Buffer.byteLength(stateText);
  }
  rows.push({
    n,
    setupSeconds,
    shardedMs: median(times),
    shardedBytes: median(bytes),
    wholeFileBytes: median(whole),
    wholePathMs: median(path),
    wholePathBytes: pathBytes,
  });
  const r = rows.at(-1)!;
  console.log(
    `   ${n.toLocaleString('en').padStart(9)} records: whole-file path ${r.wholePathMs.toFixed(0)} ms, ${mib(r.wholePathBytes)}`,
  );
}

console.log("\n4. per 100-event batch (median of 9), sharded vs today's whole-file path");
console.log(
  '   records     sharded ms  layout+state bytes  whole file bytes   whole-file path ms  bytes      ratio time  ratio bytes',
);
for (const r of rows) {
  console.log(
    `   ${r.n.toLocaleString('en').padStart(9)}  ${r.shardedMs.toFixed(1).padStart(10)}  ${kib(r.shardedBytes).padStart(18)}  ${mib(r.wholeFileBytes).padStart(16)}  ${r.wholePathMs.toFixed(0).padStart(18)}  ${mib(r.wholePathBytes).padStart(10)}  ${(r.shardedMs / r.wholePathMs).toFixed(3).padStart(9)}x  ${(r.shardedBytes / r.wholePathBytes).toFixed(4).padStart(10)}x`,
  );
}
if (rows.length > 1) {
  const first = rows[0]!;
  const last = rows.at(-1)!;
  const t = last.shardedMs / first.shardedMs;
  const b = last.shardedBytes / first.shardedBytes;
  const ok = t <= 2 && b <= 2;
  console.log(
    `   sharded ${last.n.toLocaleString('en')} / ${first.n.toLocaleString('en')}: time ${t.toFixed(2)}x, bytes ${b.toFixed(2)}x (target flat within 2x) ${ok ? 'OK' : 'MISSED'}`,
  );
  console.log(
    '   (the whole file, above SNAPSHOT_WHOLE_FILE_THRESHOLD_BYTES, is published at most once per interval, not per batch: its bytes are shown apart)',
  );
}

if (fragments) {
  const ratio = fragments.buildMs / fragments.floorMs;
  console.log(
    `\n5. records/domains.json from cached fragments at ${fragments.n.toLocaleString('en')} records: ${fragments.buildMs.toFixed(1)} ms (100 changes merged + build + SHA-256) vs JSON.parse + JSON.stringify ${fragments.floorMs.toFixed(1)} ms: ${ratio.toFixed(2)}x (target <= 0.3x) ${ratio <= 0.3 ? 'OK' : 'MISSED'}`,
  );
}

const REBUILD_N = Number(process.env.SHARDED_BENCH_REBUILD ?? 1_000_000);
const rebuild = JSON.parse(
  execFileSync(
    process.execPath,
    [
      '--max-old-space-size=512',
      '--import',
      'tsx',
      fileURLToPath(new URL('./rebuild-memory.ts', import.meta.url)),
      String(REBUILD_N),
    ],
    {
      encoding: 'utf8',
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    },
  ),
) as { records: number; shards: number; seconds: number; peakHeap: number; heapLimit: number };
console.log(
  `\n6. rebuild of ${rebuild.records.toLocaleString('en')} records' state (${rebuild.shards.toLocaleString('en')} shards) under --max-old-space-size=512: ${rebuild.seconds.toFixed(0)} s, peak heap used ${mib(rebuild.peakHeap)} of a ${mib(rebuild.heapLimit)} limit (target < 512 MiB) ${rebuild.peakHeap < 512 * 2 ** 20 ? 'OK' : 'MISSED'}`,
);
