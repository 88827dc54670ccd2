import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { LocalError } from '../errors.js';

/** A Lambda handler as the local stack calls it: an event and a context in, a result out. */
export type LocalHandler = (event: unknown, context: Context) => Promise<unknown>;

/** A function the local stack can run: its handler and the settings Lambda would give it. */
export interface LocalFunction {
  handler: LocalHandler;
  /** The deployed timeout (infra), given to the handler through its context. */
  timeoutMs: number;
  memoryMB: number;
}

/** The names the invoke endpoint answers to. */
export type FunctionName = 'httpapi' | 'streamer' | 'reattestbatch';

/**
 * Where each handler lives (docs/configuration.md), as built by `tsc` into the app's `dist/`,
 * with the timeout and memory infra deploys it with.
 */
export const FUNCTION_FILES: Record<
  FunctionName,
  { packageName: string; file: string; timeoutMs: number; memoryMB: number }
> = {
  httpapi: {
    packageName: '@symval/httpapi',
    file: 'dist/lambda.js',
    timeoutMs: 20_000,
    memoryMB: 512,
  },
  streamer: {
    packageName: '@symval/streamer',
    file: 'dist/handler.js',
    timeoutMs: 120_000,
    memoryMB: 1024,
  },
  reattestbatch: {
    packageName: '@symval/reattestbatch',
    file: 'dist/handler.js',
    timeoutMs: 900_000,
    memoryMB: 1024,
  },
};

/**
 * Loads the three handlers the way Lambda does: by file, taking the `handler` export. The
 * files read their settings from `process.env` (some at import), so the environment must be
 * set first. `files` replaces the built files of the apps (`pnpm dev` passes its bundles).
 */
export async function loadFunctions(
  files: Partial<Record<FunctionName, string>> = {},
): Promise<Record<FunctionName, LocalFunction>> {
  const require = createRequire(import.meta.url);
  const entries = await Promise.all(
    (Object.keys(FUNCTION_FILES) as FunctionName[]).map(async (name) => {
      const { packageName, file, timeoutMs, memoryMB } = FUNCTION_FILES[name];
      const filePath =
        files[name] ??
        path.join(path.dirname(require.resolve(`${packageName}/package.json`)), file);
      let loaded: { handler?: unknown };
      try {
        loaded = (await import(pathToFileURL(filePath).href)) as { handler?: unknown };
      } catch (error) {
        throw new LocalError(
          'handler.missing',
          (error as { code?: unknown }).code === 'ERR_MODULE_NOT_FOUND'
            ? `cannot load the ${name} handler: ${filePath} is missing; build it first (turbo run build --filter=${packageName})`
            : `the ${name} handler (${filePath}) failed as it loaded: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
      if (typeof loaded.handler !== 'function') {
        throw new LocalError(
          'handler.missing',
          `${filePath} has no exported function "handler" (docs/configuration.md fixes that export), found ${typeof loaded.handler}`,
        );
      }
      const fn: LocalFunction = { handler: loaded.handler as LocalHandler, timeoutMs, memoryMB };
      return [name, fn] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<FunctionName, LocalFunction>;
}
