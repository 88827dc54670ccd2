#!/usr/bin/env node
import { runCli } from './cli/index.js';

// The AWS SDK warns on stderr, once per process, that its releases after January 2027 need
// Node 22. That is for whoever upgrades the SDK here, not for someone running a command, and
// it would break the promise that --json prints nothing on stderr.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// `symval … | head` closes the pipe early; that is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// The exit code is set rather than forced so that buffered output is flushed first.
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  stdin: process.stdin,
});
