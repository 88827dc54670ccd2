// A soak of `pnpm dev`: the stack's entry (bin/dev.mjs, as the root `pnpm dev` runs it) with
// free ports and claims served by a loopback DNS server (DNS_SERVERS), under the API mix of
// soak/api-mix.ts while Chromium reloads the site's members page in a loop. Every few seconds
// it reads resident memory (VmRSS) and open file descriptors of every process of the stack
// (the launcher and its descendants, DynamoDB Local's Java included), then prints, per
// process, the first reading, the one after warm-up, the peak and the last.
//
// The check (exit 1 when it fails): after warm-up, a process's last RSS may exceed its
// post-warm-up RSS by at most 25 % + 32 MiB, its descriptors by at most 16; any 5xx from the
// API, or a process left behind after Ctrl-C, fails it too. Warm-up is the first fifth of the
// run (at most 2 minutes): the JVM and V8 grow their heaps to a working size first.
//
// Run: pnpm --filter @symval/local bench:soak [-- --minutes <n>] [-- --short]
// (--short: one minute, for trying it out; nothing in `pnpm test` runs it).
import os from 'node:os';
import { parseArgs } from 'node:util';
import { startDnsServer } from '@symval/local-services';
import { launchChromium } from '../test/support/chromium.js';
import { cleanEnv, spawnDev, waitForReady } from '../test/support/dev-process.js';
import { stillThere } from '../test/support/processes.js';
import { createApiMix } from './soak/api-mix.js';
import { printReport } from './soak/report.js';
import { createTreeSampler } from './soak/samples.js';

// `pnpm bench:soak -- --short` passes the `--` on.
const args = process.argv.slice(2).filter((arg) => arg !== '--');
const values = (() => {
  try {
    return parseArgs({
      args,
      options: { minutes: { type: 'string', default: '10' }, short: { type: 'boolean' } },
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
const USERS = 4;
// At most 4 × 20 requests a second: the machine is shared, and a leak shows per request
// served whatever the rate.
const GAP_MS = 50;

const dns = await startDnsServer({});
const dev = spawnDev(
  // Re-attestation every minute rather than every 5: warm-up includes a run, and the soak
  // has ten of them instead of two.
  ['--memory', '--port', '0', '--reattest-interval', '1m'],
  cleanEnv({ DNS_SERVERS: dns.address, ATTEST_RATE_LIMIT: '1000000/60' }),
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
  failures.push(...printReport([...sampler.series.values()], WARM_UP_MS));

  const pids = [...sampler.series.keys()];
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
  await browser?.close();
  stopStack();
  await dev.exited;
  await dns.stop();
}
for (const failure of failures) console.log(`CHECK FAILED: ${failure}`);
if (failures.length === 0) {
  console.log(
    'checks: every process flat after warm-up (RSS within 25 % + 32 MiB, descriptors within 16), no 5xx, nothing left behind',
  );
}
process.exit(failures.length === 0 ? 0 : 1);
