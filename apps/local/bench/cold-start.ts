// Cold start of `pnpm dev` from a fresh clone, measured (not asserted): clone the repository
// into a temporary folder, install it offline from the store, then time
//
//   1. `pnpm dev -- --help` (must build nothing);
//   2. the old way's build of the same things, `turbo run build --filter=@symval/local...
//      --filter=@symval/cli... --force` (tsc of every package the stack and the CLI use), as
//      the baseline;
//   3. `pnpm dev -- --demo --memory --port 0` with no dev build yet: build, start and total,
//      as its ready line reports them, and the wall time from spawning pnpm to that line;
//   4. the same again, with the build reused.
//
// Run: pnpm --filter @symval/local bench. The machine is noted (cores, load average before
// and after): on a shared machine absolute figures move with the load, the ratio of the two
// builds, measured back to back, much less.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repository = fileURLToPath(new URL('../../..', import.meta.url));
const env: NodeJS.ProcessEnv = {};
for (const [name, value] of Object.entries(process.env)) {
  if (!name.startsWith('AWS_') && name !== 'DNS_SERVERS') env[name] = value;
}

function timed(
  command: string,
  args: string[],
  cwd: string,
): Promise<{ ms: number; output: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} failed:\n${stdout}${stderr}`));
      else resolve({ ms: performance.now() - started, output: `${stdout}${stderr}` });
    });
  });
}

interface DevRun {
  wallMs: number;
  ready: string;
  build: number;
  start: number;
  total: number;
}

async function devToReady(cwd: string): Promise<DevRun> {
  const started = performance.now();
  const child: ChildProcess = spawn('pnpm', ['dev', '--', '--demo', '--memory', '--port', '0'], {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const add = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const drained = new Promise<void>((resolve) => child.stdout?.once('close', () => resolve()));
  let ended = false;
  void exited.then(() => {
    ended = true;
  });
  const READY = /^\[local\]\s+(ready in ([\d.]+) s \(build ([\d.]+) s, start ([\d.]+) s\))/m;
  let match = READY.exec(output);
  while (!match) {
    if (ended) throw new Error(`pnpm dev ended before it was ready:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    match = READY.exec(output);
  }
  const wallMs = performance.now() - started;
  process.kill(-child.pid!, 'SIGINT');
  await exited;
  // pnpm may leave before the stack has stopped; the next run must not share the cores with
  // it. The pipe ends when the last process holding it (the launcher) is gone.
  await drained;
  return {
    wallMs,
    ready: match[1]!,
    total: Number(match[2]),
    build: Number(match[3]),
    start: Number(match[4]),
  };
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const load = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');

const folder = await mkdtemp(path.join(os.tmpdir(), 'symval-cold-start-'));
const clone = path.join(folder, 'symval');
console.log(
  `machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}`,
);
console.log(`load average (1, 5, 15 min) before: ${load()}`);
try {
  await timed('git', ['clone', '--quiet', repository, clone], folder);
  const install = await timed('pnpm', ['install', '--offline', '--frozen-lockfile'], clone);
  console.log(`pnpm install --offline (not part of the cold start): ${s(install.ms)}`);

  const help = await timed('pnpm', ['--silent', 'dev', '--', '--help'], clone);
  console.log(`pnpm dev -- --help: ${s(help.ms)} (builds nothing)`);

  const cold = await devToReady(clone);
  console.log(
    `pnpm dev -- --demo, fresh clone: ${cold.ready}; ${s(cold.wallMs)} from spawning pnpm to ready`,
  );
  console.log(
    `target: under 30 s from a fresh clone, build included: ${cold.total < 30 ? 'met' : 'not met'} (${cold.total.toFixed(1)} s)`,
  );
  const warm = await devToReady(clone);
  console.log(
    `pnpm dev -- --demo, build reused: ${warm.ready}; ${s(warm.wallMs)} from spawning pnpm to ready`,
  );

  // The baseline: what `pnpm dev` ran before it bundled from source.
  const tsc = await timed(
    'pnpm',
    [
      'exec',
      'turbo',
      'run',
      'build',
      '--filter=@symval/local...',
      '--filter=@symval/cli...',
      '--force',
      '--output-logs=none',
    ],
    clone,
  );
  console.log(
    `baseline, turbo run build --filter=@symval/local... --filter=@symval/cli... --force (tsc): ${s(tsc.ms)}`,
  );
  console.log(
    `dev build / tsc build: ${(cold.build / (tsc.ms / 1000)).toFixed(2)} (${cold.build.toFixed(1)} s vs ${s(tsc.ms)})`,
  );
  console.log(
    `cold start with the tsc build instead (baseline build + this run's start): ${s(tsc.ms + cold.start * 1000)}; with the dev build: ${s(cold.total * 1000)}`,
  );
} finally {
  console.log(`load average (1, 5, 15 min) after: ${load()}`);
  await rm(folder, { recursive: true, force: true });
}
