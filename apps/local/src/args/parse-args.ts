import path from 'node:path';
import { parseArgs } from 'node:util';
import { LocalError } from '../errors.js';
import { formatDuration, parseDuration } from './duration.js';

/** The settings `pnpm dev` runs with. */
export interface DevOptions {
  /** `--memory`: DynamoDB Local in memory, s3rver in a temporary directory; nothing kept. */
  memory: boolean;
  /**
   * `--port`: the API's port (default 8787); the site, DynamoDB Local, the invoke endpoint
   * and s3rver take the next four. 0 picks a free port for each.
   */
  basePort: number;
  /** `--data-dir`, absolute; `undefined` with `--memory`. */
  dataDir: string | undefined;
  /** `--reattest-interval` in ms; 0 means only on demand. */
  reattestIntervalMs: number;
  /** `--help`. */
  help: boolean;
}

/** Where relative paths start and what the defaults are. */
export interface ParseDevArgsContext {
  /** The directory relative paths are resolved against. */
  cwd: string;
  /** The data directory when none is given: `.data` at the repository root. */
  defaultDataDir: string;
}

/** The API's default port; the other servers take the next four. */
export const DEFAULT_BASE_PORT = 8787;
/** How often re-attestation runs unless `--reattest-interval` says otherwise. */
export const DEFAULT_REATTEST_INTERVAL_MS = 5 * 60_000;

const FLAGS = '--memory, --port <n>, --data-dir <path>, --reattest-interval <duration>, --help';

/** The text `--help` prints. */
export function helpText(): string {
  return `pnpm dev [-- options]

Starts the whole symval system on loopback: DynamoDB Local, s3rver, the stream poller
feeding the streamer, the API, the site, scheduled re-attestation and a Lambda Invoke
endpoint for the three handlers. Ctrl-C stops everything.

Options:
  --memory                  keep nothing: DynamoDB Local in memory, s3rver in a temp dir
  --data-dir <path>         where data is kept (default .data/ at the repository root)
  --port <n>                the API's port (default ${DEFAULT_BASE_PORT}); the site, DynamoDB Local, the
                            invoke endpoint and s3rver take the next four; 0 picks free ports
  --reattest-interval <d>   re-attest every <d>: 30s, 5m, 1h (default ${formatDuration(DEFAULT_REATTEST_INTERVAL_MS)}); 0 or off: only
                            on demand
  -h, --help                this text

Environment: DNS_SERVERS (host:port, comma-separated; default the system resolver),
LOG_LEVEL, ATTEST_RATE_LIMIT, SITE_ORIGIN, REATTEST_CONCURRENCY, REATTEST_GRACE_HOURS
(docs/configuration.md).

While it runs: type r and Enter to re-attest now (or POST /local/reattest on the invoke
endpoint), q and Enter to stop.`;
}

function readPort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_531) {
    throw new LocalError(
      'args.invalid',
      `--port must be 0 (free ports) or a port from 1 to 65531 (four more are used after it), received ${JSON.stringify(text)}`,
    );
  }
  return port;
}

/**
 * Reads `pnpm dev`'s command line. Unknown flags and conflicting ones are refused with a
 * message listing what is accepted.
 *
 * @example
 * parseDevArgs(['--memory', '--port', '0'], { cwd: '/repo', defaultDataDir: '/repo/.data' });
 * // { memory: true, basePort: 0, dataDir: undefined, reattestIntervalMs: 300000, help: false }
 */
export function parseDevArgs(argv: readonly string[], context: ParseDevArgsContext): DevOptions {
  // `pnpm dev -- --memory` may hand the separator on; it carries no meaning here.
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        memory: { type: 'boolean' },
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        'reattest-interval': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new LocalError(
      'args.invalid',
      `${error instanceof Error ? error.message : String(error)}; the options are ${FLAGS}`,
      { cause: error },
    );
  }
  const memory = values.memory === true;
  const dataDirFlag = values['data-dir'];
  if (memory && typeof dataDirFlag === 'string') {
    throw new LocalError(
      'args.invalid',
      `--memory keeps no data, so --data-dir ${JSON.stringify(dataDirFlag)} has no use with it; give one or the other`,
    );
  }
  if (dataDirFlag === '') {
    throw new LocalError('args.invalid', '--data-dir needs a path, received an empty string');
  }
  return {
    memory,
    basePort: typeof values.port === 'string' ? readPort(values.port) : DEFAULT_BASE_PORT,
    dataDir: memory
      ? undefined
      : typeof dataDirFlag === 'string'
        ? path.resolve(context.cwd, dataDirFlag)
        : context.defaultDataDir,
    reattestIntervalMs:
      typeof values['reattest-interval'] === 'string'
        ? parseDuration(values['reattest-interval'], '--reattest-interval')
        : DEFAULT_REATTEST_INTERVAL_MS,
    help: values.help === true,
  };
}
