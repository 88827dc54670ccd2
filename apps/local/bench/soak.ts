// A soak of `pnpm dev`: the stack's entry (bin/dev.mjs, as the root `pnpm dev` runs it) with
// free ports and claims served by a loopback DNS server (DNS_SERVERS), under the API mix of
// soak/api-mix.ts while Chromium reloads the site's members page in a loop. Every few seconds
// it reads resident memory (VmRSS) and open file descriptors of every process of the stack
// (the launcher and its descendants, DynamoDB Local's Java included); every 30 s, the heap of
// each Node and Java process after a forced full GC (soak/heap.ts: the inspector, opened by
// the bench with SIGUSR1, and jcmd). It prints, per process, start, after warm-up, peak, end.
//
// The check (exit 1 when it fails, soak/verdict.ts): in the second half of the run after
// warm-up a steady workload must no longer make a process grow: RSS, heap after GC and
// descriptors each within an allowance there. Growth that stops (V8 and the JVM sizing their
// heaps, a cache filling up) passes; a leak, which grows as long as the workload runs, fails.
// Any 5xx from the API, a failed reload or a process left behind after Ctrl-C fails it too.
// Warm-up is the first fifth of the run (at most 2 minutes).
//
// Run: pnpm --filter @symval/local bench:soak [-- --minutes <n>] [-- --short]
// (--short: one minute, for trying it out; nothing in `pnpm test` runs it).
// --heap-interval <s>: seconds between heap readings (30; 0: only at start, warm-up and end,
// so V8 alone decides when to collect). --snapshots: heap snapshots of the stack process after
// warm-up and at the end, compared by constructor (they cost it native memory, so RSS is not
// judged then); --save-snapshots <dir> keeps them as files for DevTools.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startDnsServer } from '@symval/local-services';
import { launchChromium } from '../test/support/chromium.js';
import { cleanEnv, spawnDev, waitForReady } from '../test/support/dev-process.js';
import { stillThere } from '../test/support/processes.js';
import { createApiMix } from './soak/api-mix.js';
import { createHeapSampler } from './soak/heap.js';
import { heapGrowth, summarizeHeap } from './soak/heap-summary.js';
import { printReport } from './soak/report.js';
import { createTreeSampler } from './soak/samples.js';

// `pnpm bench:soak -- --short` passes the `--` on.
const args = process.argv.slice(2).filter((arg) => arg !== '--');
const values = (() => {
  try {
    return parseArgs({
      args,
      options: {
        minutes: { type: 'string', default: '10' },
        short: { type: 'boolean' },
        snapshots: { type: 'boolean' },
        'heap-interval': { type: 'string' },
        'save-snapshots': { type: 'string' },
      },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\noptions: --minutes <n> (default 10), --short`);
    process.exit(2);
  }
})();
const minutes = values.short ? 1 : Number(values.minutes);
if (!Number.isFinite(minutes) || minutes <= 0) {
  console.error(`--minutes must be a number above 0, received ${values.minutes}`);
  process.exit(2);
}
const RUN_MS = minutes * 60_000;
const WARM_UP_MS = Math.min(120_000, RUN_MS / 5);
const SAMPLE_MS = values.short ? 2_000 : 5_000;
// A full GC in the stack every so often: often enough for a trend, rare enough not to matter.
// (--heap-interval <s>; 0: only at the start, after warm-up and at the end, to see what RSS
// does when V8 alone decides when to collect.)
const HEAP_MS = Number(values['heap-interval'] ?? (values.short ? 10 : 30)) * 1000;
if (!Number.isFinite(HEAP_MS) || HEAP_MS < 0) {
  console.error(
    `--heap-interval must be a number of seconds, 0 or more, received ${values['heap-interval']}`,
  );
  process.exit(2);
}
// Taking a heap snapshot costs the process native memory it keeps (RSS up by about five times
// the heap), so snapshots are asked for, never taken in a plain run.
const takeSnapshots = values.snapshots === true || values['save-snapshots'] !== undefined;
const USERS = 4;
// At most 4 × 20 requests a second: the machine is shared, and a leak shows per request
// served whatever the rate.
const GAP_MS = 50;

const dns = await startDnsServer({});
const dev = spawnDev(
  // Re-attestation every minute rather than every 5: warm-up includes a run, and the soak
  // has ten of them instead of two.
  ['--memory', '--port', '0', '--reattest-interval', '1m'],
  // --inspect-port=0: SIGUSR1 opens a process's inspector on a free loopback port (the heap
  // readings, see soak/heap.ts); nothing listens until the bench asks.
  cleanEnv({
    DNS_SERVERS: dns.address,
    ATTEST_RATE_LIMIT: '1000000/60',
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --inspect-port=0`.trim(),
  }),
);
const stopStack = () => {
  if (dev.child.exitCode === null && dev.child.signalCode === null) {
    process.kill(-dev.child.pid!, 'SIGINT');
  }
};
process.once('SIGINT', stopStack);
process.once('SIGTERM', stopStack);

const failures: string[] = [];
let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
let heaps: Awaited<ReturnType<typeof createHeapSampler>> | undefined;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'symval-soak-'));
try {
  const urls = await waitForReady(dev);
  console.log(`pnpm dev ready: API ${urls.api}, site ${urls.site}`);
  const cpus = os.cpus();
  console.log(
    `machine: ${cpus.length} × ${cpus[0]?.model ?? '?'}, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(2)}`,
  );
  const mix = createApiMix(urls.api, dns);
  await mix.seed();

  const began = performance.now();
  const sampler = createTreeSampler(dev.child.pid!, began);
  sampler.sample();
  heaps = await createHeapSampler([...sampler.series.keys()], dev.output, scratch);
  await heaps.read(performance.now() - began);
  const stackPid = [...sampler.series.values()].find((p) =>
    p.command.endsWith('stack-process.js'),
  )?.pid;
  // The stack's heap by constructor after warm-up and at the end: what grew, if anything.
  const snapshotOfStack = async (label: string) => {
    if (!takeSnapshots || !stackPid) return undefined;
    const json = await heaps?.snapshot(stackPid);
    if (!json) return undefined;
    if (values['save-snapshots']) {
      writeFileSync(path.join(values['save-snapshots'], `stack-${label}.heapsnapshot`), json);
    }
    return summarizeHeap(json);
  };
  let warmSnapshot: ReturnType<typeof summarizeHeap> | undefined;
  let heapReading: Promise<void> = Promise.resolve();
  const readHeaps = () => {
    heapReading = heapReading.then(() => heaps?.read(performance.now() - began));
  };
  const heapTimer = HEAP_MS > 0 ? setInterval(readHeaps, HEAP_MS) : undefined;
  const warmTimer = setTimeout(() => {
    if (HEAP_MS === 0) readHeaps();
    heapReading = heapReading.then(async () => {
      warmSnapshot = await snapshotOfStack('warm');
    });
  }, WARM_UP_MS);
  let stopped = false;
  const stop = () => stopped;
  const sampling = setInterval(() => sampler.sample(), SAMPLE_MS);

  browser = await launchChromium();
  const page = await browser.context.newPage();
  let reloads = 0;
  let reloadErrors = 0;
  const reloading = (async () => {
    await page.goto(urls.site);
    while (!stopped) {
      try {
        await page.reload({ waitUntil: 'load' });
        await page.waitForSelector('ul.hostnames bdi');
        reloads++;
      } catch (error) {
        reloadErrors++;
        if (reloadErrors <= 3) console.log(`reload failed: ${(error as Error).message}`);
      }
    }
  })();
  const users = Array.from({ length: USERS }, (_, user) => mix.user(user + 1, GAP_MS, stop));
  console.log(
    `soaking for ${minutes} min (warm-up ${(WARM_UP_MS / 1000).toFixed(0)} s, a sample every ${SAMPLE_MS / 1000} s)`,
  );
  await new Promise((resolve) => setTimeout(resolve, RUN_MS));
  stopped = true;
  await Promise.all([...users, reloading]);
  sampler.sample();
  clearInterval(sampling);
  clearInterval(heapTimer);
  clearTimeout(warmTimer);
  readHeaps();
  await heapReading;
  const endSnapshot = await snapshotOfStack('end');

  let requests = 0;
  for (const [route, statuses] of Object.entries(mix.counts)) {
    const line = Object.entries(statuses)
      .map(([status, n]) => `${status} ×${n}`)
      .join(', ');
    requests += Object.values(statuses).reduce((sum, n) => sum + n, 0);
    console.log(`  ${route.padEnd(22)} ${line}`);
    for (const [status, n] of Object.entries(statuses)) {
      if (Number(status) >= 500) failures.push(`${route}: ${n} answers ${status}`);
    }
  }
  console.log(
    `${requests} requests (${(requests / (RUN_MS / 1000)).toFixed(1)}/s), ${reloads} reloads of the members page, ${reloadErrors} failed`,
  );
  if (reloadErrors > 0) failures.push(`${reloadErrors} reloads of the members page failed`);
  failures.push(
    ...printReport(
      [...sampler.series.values()],
      heaps.series,
      WARM_UP_MS,
      RUN_MS,
      new Set(takeSnapshots && stackPid ? [stackPid] : []),
    ),
  );
  for (const error of heaps.errors.slice(0, 5)) console.log(`heap reading failed: ${error}`);
  if (warmSnapshot && endSnapshot) {
    console.log("\nthe stack process's heap, after warm-up → end, the kinds that grew most:");
    for (const g of heapGrowth(warmSnapshot, endSnapshot)) {
      console.log(
        `  ${g.kind.slice(0, 60).padEnd(61)} ${(g.count >= 0 ? '+' : '') + g.count} (${g.countAfter})  ${(g.bytes / 1024).toFixed(0)} KiB (${(g.bytesAfter / 1048576).toFixed(1)} MiB)`,
      );
    }
  }

  const pids = [...sampler.series.keys()];
  // An inspector session still open at exit would make Node wait for it to go.
  heaps.close();
  heaps = undefined;
  await browser.close();
  browser = undefined;
  stopStack();
  await dev.exited;
  // The launcher leaves once its children have; give nothing else any time.
  const left = stillThere(pids);
  if (left.length > 0) {
    failures.push(`left behind after Ctrl-C: ${left.map((p) => `${p.pid} ${p.name}`).join(', ')}`);
  }
} finally {
  heaps?.close();
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
  stopStack();
  await dev.exited;
  await dns.stop();
}
for (const failure of failures) console.log(`CHECK FAILED: ${failure}`);
if (failures.length === 0) {
  console.log(
    'checks: every process flat in the second half after warm-up (RSS, heap after GC, descriptors), no 5xx, no failed reload, nothing left behind',
  );
}
process.exit(failures.length === 0 ? 0 : 1);
