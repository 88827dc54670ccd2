#!/usr/bin/env node
// `pnpm test`: every package's tests through turbo, around one DynamoDB Local for the whole
// run and with pnpm dev's default ports held, so that:
// - ten packages do not start ten Javas at once on a two-core machine (that alone made
//   DynamoDB Local miss its start-up wait);
// - a test that reaches a default port of `pnpm dev` (instead of the server it started)
//   fails, whether or not a stack happens to run on this machine.
//
// SYMVAL_TEST_LOAD=<n> runs <n> CPU-bound stress-ng workers beside the suite (CI does, to
// keep the suite honest about busy machines). Extra arguments go to `turbo run test`.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEV_DEFAULT_PORTS } from './dev-ports.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const turbo = path.join(root, 'node_modules', '.bin', 'turbo');

function fail(message) {
  console.error(`pnpm test: ${message}`);
  process.exit(1);
}

const load = Number(process.env.SYMVAL_TEST_LOAD ?? 0);
if (!Number.isInteger(load) || load < 0) {
  fail(
    `SYMVAL_TEST_LOAD must be a whole number of CPU workers (0 for none), got "${process.env.SYMVAL_TEST_LOAD}"`,
  );
}

// The shared DynamoDB Local and the port watch come from local-services, built first.
const built = spawnSync(
  turbo,
  ['run', 'build', '--filter=@symval/local-services', '--output-logs=errors-only'],
  { cwd: root, stdio: 'inherit' },
);
if (built.status !== 0) process.exit(built.status ?? 1);
const services = await import(
  pathToFileURL(path.join(root, 'packages/local-services/dist/index.js')).href
);

const watch = await services.watchPorts(DEV_DEFAULT_PORTS);
if (watch.busy.length > 0) {
  console.warn(
    `pnpm test: port ${watch.busy.join(', ')} in use (a pnpm dev?); tests that wrongly reach it cannot be caught in this run`,
  );
}
const dynamodb = await services.startDynamoDbLocal();

let stress;
if (load > 0) {
  stress = spawn('stress-ng', ['--cpu', String(load), '--quiet'], { stdio: 'ignore' });
  const started = await new Promise((resolve) => {
    stress.once('spawn', () => resolve(true));
    stress.once('error', () => resolve(false));
  });
  if (!started) {
    await dynamodb.stop();
    fail('SYMVAL_TEST_LOAD needs stress-ng (Debian: apt-get install stress-ng)');
  }
  console.log(`pnpm test: running beside ${load} CPU-bound stress-ng workers`);
}

const child = spawn(turbo, ['run', 'test', '--continue', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, SYMVAL_TEST_DYNAMODB_ENDPOINT: dynamodb.endpoint },
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
const code = await new Promise((resolve) => child.once('close', (status) => resolve(status ?? 1)));

stress?.kill('SIGTERM');
await Promise.all([dynamodb.stop(), watch.stop()]);
if (watch.hits.length > 0) {
  console.error(
    `\npnpm test: ${watch.hits.length} connection(s) reached a default port of pnpm dev; the tests that made them depend on a running stack:`,
  );
  for (const hit of watch.hits) {
    const who = hit.client ? ` (from pid ${hit.client.pid} in ${hit.client.cwd})` : '';
    console.error(`  port ${hit.port}: ${hit.firstLine || '(nothing sent)'}${who}`);
  }
  process.exit(1);
}
process.exit(code);
