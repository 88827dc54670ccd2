import { readSetting, SettingsError, SYMVAL_LOCAL_PORT } from '@symval/settings';
import { CliError } from '../cli/errors.js';
import type { Env } from '../cli/io.js';

/**
 * Addresses of the local stack (`pnpm dev`, apps/local). From its base port (default 8787,
 * `pnpm dev -- --port <n>`): the API on the base port, the site on the next, then DynamoDB
 * Local, the Lambda Invoke API and s3rver. They must match what apps/local serves; change both
 * together. `SYMVAL_LOCAL_PORT` tells the CLI about a stack started on another base port.
 */
export const LOCAL_BASE_PORT = readSetting(SYMVAL_LOCAL_PORT, { env: {} });

/** Where the local stack on `basePort` serves what the CLI reads. */
export interface LocalStackAddresses {
  /** The API's base URL, as `pnpm dev` serves it on its base port. */
  apiUrl: string;
  /** The site. */
  siteUrl: string;
  /** The snapshot as the local site serves it (from the local bucket's `records/` prefix). */
  snapshotUrl: string;
  /** The Lambda Invoke API (functions `httpapi`, `streamer`, `reattestbatch`). */
  lambdaEndpoint: string;
}

function addresses(basePort: number): LocalStackAddresses {
  return {
    apiUrl: `http://127.0.0.1:${basePort}/api/v1`,
    siteUrl: `http://127.0.0.1:${basePort + 1}/`,
    snapshotUrl: `http://127.0.0.1:${basePort + 1}/records/domains.json`,
    lambdaEndpoint: `http://127.0.0.1:${basePort + 3}`,
  };
}

/** The default stack's addresses, for help texts. */
export const LOCAL_SNAPSHOT_URL = addresses(LOCAL_BASE_PORT).snapshotUrl;
export const LOCAL_LAMBDA_ENDPOINT = addresses(LOCAL_BASE_PORT).lambdaEndpoint;
export const LOCAL_API_URL = addresses(LOCAL_BASE_PORT).apiUrl;

/**
 * The local stack's addresses, from `SYMVAL_LOCAL_PORT` (its base port) or the default.
 *
 * @throws CliError `input.local-port` when the variable is not a port the stack could use.
 */
export function localStackAddresses(env: Env): LocalStackAddresses {
  try {
    return addresses(readSetting(SYMVAL_LOCAL_PORT, { env }));
  } catch (cause) {
    if (!(cause instanceof SettingsError)) throw cause;
    throw new CliError('input.local-port', cause.message, {
      hint: `It is the --port given to pnpm dev (default ${LOCAL_BASE_PORT}).`,
      cause,
    });
  }
}
