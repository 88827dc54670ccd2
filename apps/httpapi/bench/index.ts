// `pnpm bench`: the attest throughput against GET /health (ratios in one run), then the load
// test of a mix of routes, normal, with the store throttled and recovered. `BENCH_ONLY=load` or
// `BENCH_ONLY=throughput` runs one; `BENCH_SECONDS` sets the load's normal phase (default 20).
// Exits 1 when the load test's checks fail.

// The SDK warns once that Node 20 support ends in 2027; the figures do not need it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const only = process.env.BENCH_ONLY;
if (only !== undefined && only !== 'load' && only !== 'throughput') {
  console.error(`BENCH_ONLY must be "load" or "throughput", received ${JSON.stringify(only)}`);
  process.exit(2);
}
let ok = true;
if (only !== 'load') await (await import('./throughput.js')).runThroughput();
if (only !== 'throughput') ok = await (await import('./load.js')).runLoad();
process.exitCode = ok ? 0 : 1;
