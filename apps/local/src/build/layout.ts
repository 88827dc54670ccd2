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
} as const;
