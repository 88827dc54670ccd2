// Time from navigation to the first screen of members rendered, in real Chromium: for a
// 1,000,000-record sharded layout (records/v1/, written by the real builder, cached under
// node_modules/.cache), against today's whole-file page at 10,000 records and an empty
// snapshot in the same run; the bytes each first screen transfers (gzip); and the site's
// JavaScript size. Targets: 1,000,000 records under 1 s and under 300 KB gzip; the whole-file
// page under 1 s at 10,000 records.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, symlink } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { formatSizeReport } from '../build/size.js';
import { buildSite, measureBuiltJs } from '../test/support/build-site.js';
import { CHROMIUM_PATH, launchChromium } from '../test/support/chromium.js';
import {
  groupRecords,
  largeFixture,
  PRIORITY_OWNER,
  toSnapshotJson,
} from '../test/support/fixtures.js';
import { startStaticServer } from '../test/support/static-server.js';
import { cachedLayout } from './layout-cache.js';

const RECORDS = 10_000;
const LAYOUT_RECORDS = Number(process.env.WEB_BENCH_LAYOUT_RECORDS ?? 1_000_000);
const TARGET_BYTES = 300 * 1024;
const RUNS = 9;
const TARGET_MS = 1000;

interface Timing {
  /** `members-rendered` mark: the first page of owners is in the DOM (ms after navigation start). */
  rendered: number;
  /** Largest contentful paint, as Chromium reports it. */
  lcp: number;
  /** Wall clock in the test process from `goto` to the ready state being visible. */
  wall: number;
  /** Bytes of every file the page fetched until then, each gzipped as a CDN would send it. */
  gzipBytes: number;
  /** Files fetched. */
  files: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function measure(
  page: Page,
  url: string,
  transferred: () => Promise<{ gzipBytes: number; files: number }>,
): Promise<Timing> {
  const start = performance.now();
  await page.goto(url);
  await page.waitForSelector('main[data-members="ready"], main[data-members="empty"]');
  const wall = performance.now() - start;
  const inPage = await page.evaluate(
    () =>
      new Promise<{ rendered: number; lcp: number }>((resolve) => {
        const rendered =
          performance.getEntriesByName('members-rendered')[0]?.startTime ?? Number.NaN;
        // Wait a frame so the paint that follows the render is reported.
        requestAnimationFrame(() =>
          setTimeout(() => {
            const entries = performance.getEntriesByType('largest-contentful-paint');
            const observer = new PerformanceObserver((list) => {
              const last = list.getEntries().at(-1);
              observer.disconnect();
              resolve({
                rendered,
                lcp: last?.startTime ?? entries.at(-1)?.startTime ?? Number.NaN,
              });
            });
            observer.observe({ type: 'largest-contentful-paint', buffered: true });
          }, 50),
        );
      }),
  );
  return { ...inPage, wall, ...(await transferred()) };
}

function row(label: string, timings: Timing[]): string {
  const m = (key: keyof Timing) =>
    median(timings.map((t) => t[key]))
      .toFixed(0)
      .padStart(6);
  const kb = (median(timings.map((t) => t.gzipBytes)) / 1024).toFixed(1).padStart(6);
  const files = median(timings.map((t) => t.files));
  return `${label.padEnd(30)} rendered ${m('rendered')} ms   LCP ${m('lcp')} ms   wall ${m('wall')} ms   ${kb} KB gzip in ${files} files`;
}

async function main(): Promise<void> {
  const chromiumVersion = execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8' }).trim();
  console.log(
    `web bench on ${os.cpus()[0]?.model ?? 'unknown cpu'} x${os.cpus().length}, node ${process.version}, ${chromiumVersion}`,
  );
  const siteDir = await mkdtemp(join(os.tmpdir(), 'symval-web-bench-'));
  await buildSite(siteDir);
  const js = await measureBuiltJs(siteDir);
  console.log(`\nJavaScript shipped:\n${formatSizeReport(js)}\n`);

  const big = toSnapshotJson([
    ...groupRecords(PRIORITY_OWNER, 'b', ['zq.suns.bz']),
    ...largeFixture(RECORDS - 1),
  ]);
  const layoutDir = await cachedLayout(LAYOUT_RECORDS, console.log);
  const index = JSON.parse(await readFile(join(layoutDir, 'records/v1/index.json'), 'utf8'));
  console.log(
    `layout: ${index.totals.records.toLocaleString('en')} records, ${index.totals.owners.toLocaleString('en')} owners, index level ${index.level}`,
  );
  await mkdir(join(siteDir, 'huge'));
  await symlink(join(layoutDir, 'records'), join(siteDir, 'huge', 'records'));
  const server = await startStaticServer(siteDir);
  const routes = new Map<string, string>([
    ['/big/records/domains.json', big],
    ['/empty/records/domains.json', '[]'],
  ]);
  for (const [path, body] of routes) server.setRoute(path, { body });
  const gzipped = new Map<string, number>();
  // What the page fetched since `from`, each file gzipped (a 404 is the 404 page).
  const transferredSince = (from: number) => async () => {
    const paths = server.requests.slice(from);
    let gzipBytes = 0;
    for (const path of paths) {
      const route = routes.get(path);
      let size = gzipped.get(path);
      if (route !== undefined) size = gzipSync(route).length;
      if (size === undefined) {
        const file = join(siteDir, path.endsWith('/') ? `${path}index.html` : path);
        const found = await stat(file).catch(() => undefined);
        const body = await readFile(found?.isFile() ? file : join(siteDir, '404.html'));
        size = gzipSync(body).length;
        gzipped.set(path, size);
      }
      gzipBytes += size;
    }
    return { gzipBytes, files: paths.length };
  };
  console.log(
    `snapshot: ${RECORDS.toLocaleString('en')} records, ${(big.length / 1024).toFixed(0)} KB (${(gzipSync(big).length / 1024).toFixed(0)} KB gzip)`,
  );

  const chromium = await launchChromium();
  const results = { huge: [] as Timing[], big: [] as Timing[], empty: [] as Timing[] };
  try {
    const page = await chromium.context.newPage();
    for (let run = -1; run < RUNS; run++) {
      // Alternate the two cases so drift on the machine affects both alike; run -1 warms up.
      for (const which of ['huge', 'big', 'empty'] as const) {
        const config = JSON.stringify({ snapshotUrl: `${which}/records/domains.json` });
        routes.set('/config.json', config);
        server.setRoute('/config.json', { body: config });
        const timing = await measure(page, server.url, transferredSince(server.requests.length));
        if (run >= 0) results[which].push(timing);
      }
    }
  } finally {
    await chromium.close();
    await server.close();
    await rm(siteDir, { recursive: true, force: true });
  }

  console.log(`median of ${RUNS} runs, milliseconds after navigation start:`);
  console.log(row(`${LAYOUT_RECORDS.toLocaleString('en')} records, layout`, results.huge));
  console.log(row(`${RECORDS.toLocaleString('en')} records, whole file`, results.big));
  console.log(row('empty snapshot', results.empty));
  const huge = median(results.huge.map((t) => t.rendered));
  const hugeBytes = median(results.huge.map((t) => t.gzipBytes));
  const big10k = median(results.big.map((t) => t.rendered));
  const big10kBytes = median(results.big.map((t) => t.gzipBytes));
  const empty = median(results.empty.map((t) => t.rendered));
  console.log(
    `ratio: ${LAYOUT_RECORDS.toLocaleString('en')} records (layout) take ${(huge / big10k).toFixed(2)}x the time and ${(hugeBytes / big10kBytes).toFixed(2)}x the bytes of today's ${RECORDS.toLocaleString('en')}-record whole-file page; the whole-file page ${(big10k / empty).toFixed(2)}x the empty page`,
  );
  const meets = (ok: boolean) => (ok ? 'meets' : 'MISSES');
  console.log(
    `target: first screen under ${TARGET_MS} ms and ${TARGET_BYTES / 1024} KB gzip for ${LAYOUT_RECORDS.toLocaleString('en')} records: ${meets(huge < TARGET_MS && hugeBytes < TARGET_BYTES)} (${huge.toFixed(0)} ms, ${(hugeBytes / 1024).toFixed(1)} KB)`,
  );
  console.log(
    `target: first screen under ${TARGET_MS} ms for ${RECORDS.toLocaleString('en')} records (whole file): ${meets(big10k < TARGET_MS)} (${big10k.toFixed(0)} ms)`,
  );
  console.log(
    `JavaScript: ${(js.totalGzipBytes / 1024).toFixed(2)} KB gzip of a ${(js.budgetBytes / 1024).toFixed(0)} KB budget`,
  );
  if (big10k >= TARGET_MS || huge >= TARGET_MS || hugeBytes >= TARGET_BYTES || !js.withinBudget)
    process.exitCode = 1;
}

await main();
