import { InfraError } from '../errors/infra-error.js';

/**
 * Each function's handler as SST reads it: a path relative to `sst.config.ts` (infra/),
 * then `.` and the export. The files are fixed by docs/configuration.md.
 */
export const HANDLERS = {
  httpapi: '../apps/httpapi/src/lambda.handler',
  streamer: '../apps/streamer/src/handler.handler',
  reattestbatch: '../apps/reattestbatch/src/handler.handler',
} as const;

/** The three functions. */
export type FunctionKey = keyof typeof HANDLERS;

/** The extensions SST's Node runtime tries, in order, for a handler's file. */
export const HANDLER_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** Where a handler string points. */
export interface HandlerLocation {
  /** Path relative to `sst.config.ts`, without extension (e.g. `../apps/httpapi/src/lambda`). */
  file: string;
  /** The exported function's name. */
  exportName: string;
}

/**
 * Splits a handler the way SST does: the directory, the file name up to its last `.`,
 * and the export after it.
 *
 * @example
 * locateHandler('../apps/httpapi/src/lambda.handler');
 * // { file: '../apps/httpapi/src/lambda', exportName: 'handler' }
 */
export function locateHandler(handler: string): HandlerLocation {
  const slash = handler.lastIndexOf('/');
  const dot = handler.lastIndexOf('.');
  if (dot <= slash + 1 || dot === handler.length - 1) {
    throw new InfraError(
      'handler.invalid',
      `handler ${JSON.stringify(handler)} must look like "dir/file.export", e.g. "../apps/streamer/src/handler.handler"`,
    );
  }
  return { file: handler.slice(0, dot), exportName: handler.slice(dot + 1) };
}
