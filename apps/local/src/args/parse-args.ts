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
  /**
   * `--data-dir`, absolute; `undefined` with `--memory`. With `--demo` the default is the
   * `demo` folder inside the default data directory, so demo members never mix with yours.
   */
  dataDir: string | undefined;
  /** `--reattest-interval` in ms; 0 means only on demand. */
  reattestIntervalMs: number;
  /**
   * `--demo`: serve the demo zone `test.` from a local DNS server, seed a few members and
   * print a group to attest (names outside the zone still resolve as without it).
   */
  demo: boolean;
  /** `--json-logs`: the handlers' JSON lines as they are, as on Lambda, instead of one readable line each. */
  jsonLogs: boolean;
  /** `--debug`: stack traces and causes with every error. */
  debug: boolean;
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

const FLAGS =
  '--demo, --memory, --port <n>, --data-dir <path>, --reattest-interval <duration>, --json-logs, --debug, --help';

/** The text `--help` prints. */
export function helpText(): string {
  return `pnpm dev [-- options]

Starts the whole symval system on loopback: DynamoDB Local, s3rver, the stream poller
feeding the streamer, the API, the site, scheduled re-attestation and a Lambda Invoke
endpoint for the three handlers. Ctrl-C stops everything.

Options:
  --demo                    serve the demo zone test. from a local DNS server (Knot or dnsmasq
                            when installed, a built-in one otherwise), seed a few members and
                            print a group to attest with curl or the join page; other names
                            resolve as without it (DNS_SERVERS or the system resolver)
  --memory                  keep nothing: DynamoDB Local in memory, s3rver in a temp dir
  --data-dir <path>         where data is kept (default .data/ at the repository root;
                            .data/demo/ with --demo)
  --port <n>                the API's port (default ${DEFAULT_BASE_PORT}); the site, DynamoDB Local, the
                            invoke endpoint and s3rver take the next four; 0 picks free ports
  --reattest-interval <d>   re-attest every <d>: 30s, 5m, 1h (default ${formatDuration(DEFAULT_REATTEST_INTERVAL_MS)}); 0 or off: only
                            on demand
  --json-logs               the handlers' log lines as JSON, as on Lambda (default: one
                            readable line per request and per stream batch)
  --debug                   stack traces and causes with errors
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
 * // { memory: true, basePort: 0, dataDir: undefined, reattestIntervalMs: 300000, demo: false, … }
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
        demo: { type: 'boolean' },
        'json-logs': { type: 'boolean' },
        debug: { type: 'boolean' },
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
  const demo = values.demo === true;
  return {
    memory,
    basePort: typeof values.port === 'string' ? readPort(values.port) : DEFAULT_BASE_PORT,
    dataDir: memory
      ? undefined
      : typeof dataDirFlag === 'string'
        ? path.resolve(context.cwd, dataDirFlag)
        : demo
          ? path.join(context.defaultDataDir, 'demo')
          : context.defaultDataDir,
    reattestIntervalMs:
      typeof values['reattest-interval'] === 'string'
        ? parseDuration(values['reattest-interval'], '--reattest-interval')
        : DEFAULT_REATTEST_INTERVAL_MS,
    demo,
    jsonLogs: values['json-logs'] === true,
    debug: values.debug === true,
    help: values.help === true,
  };
}
