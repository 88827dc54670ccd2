#!/usr/bin/env node
import { ExitCode } from './cli/exit-codes.js';
import { describeErrorChain, runCli } from './cli/index.js';
import { wantsDebug } from './cli/parse.js';

// The AWS SDK warns on stderr, once per process, that its releases after January 2027 need
// Node 22. That is for whoever upgrades the SDK here, not for someone running a command, and
// it would break the promise that --json prints nothing on stderr.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const args = process.argv.slice(2);
const debug = wantsDebug(args);

// runCli turns every failure of a command into a message and an exit code. What escapes it
// (a stream error, a rejection nobody awaited) is a bug: one line and the way to report it,
// the stack only with --debug.
function crash(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `symval: internal error: ${message}\nThis is a bug in symval: please report it with the command you ran${debug ? '' : ' (run it again with --debug to add where it happened)'}.\n`,
  );
  if (debug) process.stderr.write(`${describeErrorChain(error)}\n`);
  process.exit(ExitCode.internal);
}
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

// `symval … | head` closes the pipe early; that is not an error worth a message.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    crash(error);
  });
}

// The exit code is set rather than forced so that buffered output is flushed first.
process.exitCode = await runCli(args, {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  stdin: process.stdin,
});
