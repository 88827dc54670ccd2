import type { FunctionName } from '../lambda/functions.js';

/** Where the bundled stack puts each part, relative to the build directory. */
export const BUNDLE_LAYOUT = {
  stackProcess: 'process/stack-process.js',
  functions: {
    httpapi: 'functions/httpapi.js',
    streamer: 'functions/streamer.js',
    reattestbatch: 'functions/reattestbatch.js',
  } satisfies Record<FunctionName, string>,
  site: 'site',
  /** The `symval` CLI, one file; `pnpm dev` installs it as `apps/cli/dist/main.js`. */
  cli: 'cli/main.js',
} as const;
