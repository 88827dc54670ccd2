import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli } from '../src/cli/index.js';

/** The app's folder: child processes run there so `--import tsx` resolves. */
export const APP_DIR = fileURLToPath(new URL('..', import.meta.url));

/** What a CLI process did. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link runCliProcess}. */
export interface CliRunOptions {
  /** Extra environment; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  /** The entry to run. Default: the TypeScript source through tsx; `bin`: the package's bin. */
  entry?: 'source' | 'bin';
  /** The folder to run in. Default: the app's. */
  cwd?: string;
}

/**
 * The environment a test run of the CLI gets: this process's, without the settings that
 * would point the CLI elsewhere than the test's servers, plus `extra` (`undefined` removes).
 */
function testEnv(extra: CliRunOptions['env'] = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of Object.keys(env)) {
    if (
      ['NO_COLOR', 'FORCE_COLOR', 'DNS_SERVERS'].includes(name) ||
      /^(AWS_(?!SDK_JS_)|DOMAIN_TABLE_NAME$|SNAPSHOT_|ERASURE_CHECKPOINT_TABLE_NAME$|SYMVAL_)/.test(
        name,
      )
    ) {
      delete env[name];
    }
  }
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/**
 * Runs `symval` in this process, through the same `runCli` the bin calls, with output
 * collected: what a user sees, without starting Node and a TypeScript loader per command.
 * Its stdin is not a terminal. The bin itself is tested as a process (bin.int.test.ts).
 */
export async function runSymval(
  args: readonly string[],
  options: Pick<CliRunOptions, 'env'> = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const stdin = new PassThrough();
  stdin.end();
  const code = await runCli(args, {
    stdout: {
      write: (chunk: string) => {
        stdout += chunk;
      },
    },
    stderr: {
      write: (chunk: string) => {
        stderr += chunk;
      },
    },
    env: testEnv(options.env),
    stdin,
  });
  return { code, stdout, stderr };
}

/**
 * Runs `symval` as a child process, as a user would, with colours, DNS and AWS settings of
 * the parent removed unless `env` sets them. Its stdin is not a terminal.
 */
export function runCliProcess(
  args: readonly string[],
  options: CliRunOptions = {},
): Promise<CliRun> {
  const env = testEnv(options.env);
  const entry =
    options.entry === 'bin'
      ? [join(APP_DIR, 'bin/symval.js')]
      : ['--import', 'tsx', join(APP_DIR, 'src/main.ts')];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...entry, ...args], {
      cwd: options.cwd ?? APP_DIR,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
