// `pnpm dev`: the whole symval system on one machine (see README.md). This is the launcher:
// it checks the arguments, starts the stack process in a process group of its own and passes
// it signals and key presses, so the terminal's Ctrl-C never reaches DynamoDB Local directly.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { helpText, parseDevArgs } from './args/parse-args.js';
import { createLogger } from './log/logger.js';
import { type LauncherMessage, STARTED_AT_ENV } from './process/messages.js';

const startedAt = Date.now() - process.uptime() * 1000;
const log = createLogger('local');
const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);

try {
  const options = parseDevArgs(argv, { cwd: process.cwd(), defaultDataDir: '.data' });
  if (options.help) {
    console.log(helpText());
    process.exit(0);
  }
} catch (error) {
  log.error('bad arguments', error);
  console.error('Run pnpm dev -- --help for the options.');
  process.exit(2);
}

const child = spawn(process.execPath, [path.join(here, 'process', 'stack-process.js'), ...argv], {
  detached: true,
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  env: { ...process.env, [STARTED_AT_ENV]: String(startedAt) },
});

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
  process.exit(code ?? (signal === 'SIGKILL' ? 137 : 1));
});
