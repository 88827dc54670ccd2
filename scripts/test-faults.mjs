#!/usr/bin/env node
// `pnpm test:faults`: the soak of the fault tests. Every test file with `faults` in its path
// (the property tests under injected faults, and the proxies' own tests) runs through
// `pnpm test`'s harness with many seeds instead of the few `pnpm test` runs, and prints one
// line per seed: the seed, the faults injected by kind, and what they caused.
//
// SYMVAL_FAULT_SEEDS=<n> runs seeds 1..n (default 25); a list (17,4242) replays exactly those.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const child = spawn(
  process.execPath,
  [
    path.join(here, 'test.mjs'),
    '--concurrency=1',
    // Neither has fault tests; both have a costly set-up (SST evaluations, a Vite build).
    '--filter=!@symval/infra',
    '--filter=!@symval/web',
    '--',
    '--passWithNoTests',
    'faults',
    ...process.argv.slice(2),
  ],
  {
    stdio: 'inherit',
    env: {
      ...process.env,
      SYMVAL_FAULT_SEEDS: process.env.SYMVAL_FAULT_SEEDS ?? '25',
      SYMVAL_FAULT_REPORT: '1',
    },
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.once('close', (status) => process.exit(status ?? 1));
