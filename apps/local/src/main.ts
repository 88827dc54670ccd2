// `pnpm dev`: the whole symval system on one machine (see README.md). This is the launcher:
// it checks the arguments (answering --help before anything is built), finds or makes the
// dev build, starts the stack process in a process group of its own, passes it signals and
// key presses (so the terminal's Ctrl-C never reaches DynamoDB Local directly), and prints
// what it writes, the handlers' JSON lines made readable unless --json-logs.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { helpText, parseDevArgs } from './args/parse-args.js';
import { createLogger, failureLines } from './log/logger.js';
import {
  BUILD_DIR_ENV,
  BUILD_MS_ENV,
  type LauncherMessage,
  STARTED_AT_ENV,
} from './process/messages.js';

const startedAt = Date.now() - process.uptime() * 1000;
const log = createLogger('local');
const here = path.dirname(fileURLToPath(import.meta.url));
// src/main.ts (run by bin/dev.mjs) and dist/main.js are both three folders under the root.
const root = path.resolve(here, '../../..');
const argv = process.argv.slice(2);

let debug = false;
let jsonLogs = false;
try {
  const options = parseDevArgs(argv, { cwd: process.cwd(), defaultDataDir: '.data' });
  if (options.help) {
    console.log(helpText());
    process.exit(0);
  }
  debug = options.debug;
  jsonLogs = options.jsonLogs;
} catch (error) {
  log.error(`bad arguments: ${failureLines(error)[0]}`);
  console.error('Run pnpm dev -- --help for the options.');
  process.exit(2);
}

const [{ ensureDevBuild }, { BUNDLE_LAYOUT }, { createLogRenderer }, { pipeLines }] =
  await Promise.all([
    import('./build/dev-build.js'),
    import('./build/layout.js'),
    import('./log/render.js'),
    import('./log/line-pipe.js'),
  ]);

let build: Awaited<ReturnType<typeof ensureDevBuild>>;
try {
  build = await ensureDevBuild({
    root,
    onBuild: () => log.info('building the stack (esbuild) and the site (Vite) from source…'),
  });
} catch (error) {
  for (const line of failureLines(error, debug)) log.error(line);
  process.exit(1);
}
if (!build.cached) log.info(`built in ${(build.ms / 1000).toFixed(1)} s`);

const child = spawn(
  process.execPath,
  [
    ...(debug ? ['--enable-source-maps'] : []),
    path.join(build.dir, BUNDLE_LAYOUT.stackProcess),
    ...argv,
  ],
  {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: {
      ...process.env,
      [STARTED_AT_ENV]: String(startedAt),
      [BUILD_DIR_ENV]: build.dir,
      [BUILD_MS_ENV]: String(build.ms),
    },
  },
);
const output = Promise.all([
  pipeLines(child.stdout!, process.stdout, jsonLogs ? undefined : createLogRenderer()),
  pipeLines(child.stderr!, process.stderr, jsonLogs ? undefined : createLogRenderer()),
]);

const send = (message: LauncherMessage) => {
  if (child.connected) child.send(message);
};

let firstSignalAt: number | undefined;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    // The first asks for an orderly stop; another one while stopping means now. Killing the
    // stack process hard is safe: the guard of DynamoDB Local stops Java when it goes.
    // Copies arriving together are one request: on Ctrl-C the terminal signals the whole
    // group and pnpm forwards the same signal a moment later.
    const now = Date.now();
    if (firstSignalAt === undefined) {
      firstSignalAt = now;
      child.kill(signal);
    } else if (now - firstSignalAt > 1000) {
      log.info('stopping now');
      child.kill('SIGKILL');
    }
  });
}

// Whatever started us (pnpm) gone without a signal: stop the stack all the same.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) send({ command: 'stop', reason: 'the parent process is gone' });
}, 1000).unref();

if (process.stdin.isTTY) {
  const input = createInterface({ input: process.stdin });
  input.on('line', (line) => {
    const command = line.trim().toLowerCase();
    if (command === 'r') send({ command: 'reattest' });
    else if (command === 'q') send({ command: 'stop', reason: 'q' });
    else if (command !== '')
      log.info('type r + Enter to re-attest now, q + Enter (or Ctrl-C) to stop');
  });
  child.once('exit', () => input.close());
}

child.once('exit', (code, signal) => {
  // Print everything the stack wrote before it went (a pipe some leftover process still
  // holds open must not keep us here).
  const leave = () => process.exit(code ?? (signal === 'SIGKILL' ? 137 : 1));
  void output.then(leave);
  setTimeout(leave, 2000).unref();
});
