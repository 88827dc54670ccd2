import { createRequire } from 'node:module';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { parseDnsServers } from '@symval/dns-claims';
import { createConfiguredApp, readHttpApiConfig, startServer } from '@symval/httpapi';
import {
  assertJavaForDynamoDbLocal,
  type DynamoDbLocal,
  dynamoDbClientConfig,
  type S3Local,
  startDynamoDbLocal,
  startS3,
  startStreamPoller,
} from '@symval/local-services';
import type { ReattestSummary } from '@symval/reattestbatch';
import { DNS_SERVERS } from '@symval/settings';
import type { DynamoDBBatchResponse } from 'aws-lambda';
import { DEMO_MEMBERS } from '../demo/demo-zone.js';
import { seedDemoMembers } from '../demo/seed.js';
import { type DemoDns, startDemoDns } from '../demo/start-demo.js';
import { LocalError } from '../errors.js';
import { errorPayload, startInvokeServer } from '../invoke/invoke-server.js';
import { createLambdaContext } from '../lambda/context.js';
import { type FunctionName, loadFunctions } from '../lambda/functions.js';
import { createLogger, type LineSink } from '../log/logger.js';
import { settingsProblems } from '../preflight/settings.js';
import { scheduledEvent } from '../reattest/scheduled-event.js';
import { createReattestScheduler } from '../reattest/scheduler.js';
import { startSiteServer } from '../site/site-server.js';
import {
  applyEnvironment,
  handlerEnvironment,
  LOCAL_BUCKET,
  LOCAL_RATE_LIMIT_TABLE,
  LOCAL_TABLE,
  SNAPSHOT_KEY,
  SNAPSHOT_STATE_KEY,
} from './environment.js';
import { Lifecycle } from './lifecycle.js';
import { assertPortsFree, stackPorts } from './ports.js';
import { waitUntilAnswering } from './readiness.js';
import { bootstrapSnapshot, ensureRateLimitTable, ensureTable } from './stores.js';

/** Options of {@link startLocalStack}. */
export interface LocalStackOptions {
  /** Keep nothing (DynamoDB Local in memory, s3rver in a temporary directory). */
  memory: boolean;
  /** Where data is kept when not `memory`. */
  dataDir: string | undefined;
  /** The API's port; the other servers take the next four; 0: free ports. */
  basePort: number;
  /** Re-attestation interval; 0: on demand only. */
  reattestIntervalMs: number;
  /** The built site; default `apps/web/dist`. */
  siteRoot?: string;
  /** The handlers' files; default the apps' `dist/` files (docs/configuration.md). */
  functionFiles?: Partial<Record<FunctionName, string>>;
  /**
   * Serve the demo zone from a local DNS server (names outside it as `DNS_SERVERS` or the
   * system resolver would) and seed the demo members once the stack answers.
   */
  demo?: boolean;
  /** Where the components' lines go; the console by default. */
  sink?: LineSink;
  /** Print how long each step of the start took (`--debug`). */
  debug?: boolean;
}

/** A running local stack. */
export interface LocalStack {
  urls: { api: string; site: string; invoke: string; dynamodb: string; s3: string };
  /** The process running DynamoDB Local (its guard shell; Java is its child). */
  dynamodbPid: number;
  /** With `demo`: its DNS, for the lines to print. */
  demo: DemoDns | undefined;
  /** Runs re-attestation now (or joins the run going) and answers its summary. */
  reattestNow(): Promise<ReattestSummary>;
  /** Stops everything, last started first. */
  stop(): Promise<void>;
}

function defaultSiteRoot(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@symval/web/package.json')), 'dist');
}

/** How long one shared rate-limit decision may take locally (2 s on Lambda). */
const LOCAL_RATE_LIMIT_TIMEOUT_MS = 15_000;

// DynamoDB Local starts about twice as fast with the client compiler only and the serial
// collector (measured on a 2-core machine under load: 10-13 s instead of 19-31 s), and a local
// stack never runs it long or hard enough for the server compiler to pay off. `java` reads
// JDK_JAVA_OPTIONS (Java 9+); the user's own options come first and are kept.
const QUICK_START_JAVA = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

function withQuickStartJava(current: string | undefined): string {
  const options = (current ?? '').split(/\s+/).filter(Boolean);
  for (const option of QUICK_START_JAVA) if (!options.includes(option)) options.push(option);
  return options.join(' ');
}

function withDetails(message: string, details?: Record<string, unknown>): string {
  return details && Object.keys(details).length > 0
    ? `${message} ${JSON.stringify(details)}`
    : message;
}

function summaryLine(summary: ReattestSummary): string {
  return `${summary.groups} group(s): ${summary.valid} valid, ${summary.invalid} invalid, ${summary.indeterminate} indeterminate; ${summary.updated} updated, ${summary.deleted} deleted, ${summary.skipped} skipped, ${summary.errors} errors`;
}

/**
 * Starts the whole system on loopback, in order: DynamoDB Local and s3rver, the table and
 * bucket, the snapshot (from a scan, when there is none), the handlers (by file, as Lambda
 * loads them), the stream poller feeding the streamer, the API, the site, the invoke
 * endpoint and the re-attestation timer; then waits until each answers. On a failure it
 * stops what had started and throws.
 *
 * @example
 * const stack = await startLocalStack({ memory: true, dataDir: undefined, basePort: 0, reattestIntervalMs: 0 });
 * console.log(stack.urls.site);
 * await stack.stop();
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const sink = options.sink;
  const log = createLogger('local', sink);
  let stepStarted = Date.now();
  const step = (name: string) => {
    if (options.debug) log.info(`${name}: ${Date.now() - stepStarted} ms`);
    stepStarted = Date.now();
  };
  // Before anything starts: settings the handlers would refuse, Java for DynamoDB Local and
  // the fixed ports, checked together; a bad setting is reported first.
  const ports = stackPorts(options.basePort);
  const [problems, java, free] = await Promise.allSettled([
    settingsProblems(process.env),
    assertJavaForDynamoDbLocal(),
    assertPortsFree(ports),
  ]);
  if (problems.status === 'rejected') throw problems.reason;
  if (problems.value.length > 0) {
    throw new LocalError('settings.invalid', problems.value.join('\n'));
  }
  if (java.status === 'rejected') throw java.reason;
  if (free.status === 'rejected') throw free.reason;
  process.env.JDK_JAVA_OPTIONS = withQuickStartJava(process.env.JDK_JAVA_OPTIONS);
  step('checks (settings, Java, ports)');
  const lifecycle = new Lifecycle();
  const dataDir = options.memory ? undefined : options.dataDir;

  try {
    let demo: DemoDns | undefined;
    if (options.demo) {
      try {
        demo = await startDemoDns(parseDnsServers(process.env[DNS_SERVERS.name]));
      } catch (error) {
        throw new LocalError(
          'demo.dns',
          `the demo DNS did not start: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
      lifecycle.add('demo DNS', () => demo!.stop());
      step(`demo DNS (${demo.authority.name})`);
    }
    const [ddbResult, s3Result] = await Promise.allSettled([
      startDynamoDbLocal({
        ...(ports.dynamodb ? { port: ports.dynamodb } : {}),
        ...(dataDir ? { directory: path.join(dataDir, 'dynamodb') } : {}),
      }),
      startS3({
        buckets: [LOCAL_BUCKET],
        ...(ports.s3 ? { port: ports.s3 } : {}),
        ...(dataDir ? { directory: path.join(dataDir, 's3') } : {}),
      }),
    ]);
    if (ddbResult.status === 'fulfilled') lifecycle.add('DynamoDB Local', ddbResult.value.stop);
    if (s3Result.status === 'fulfilled') lifecycle.add('s3rver', s3Result.value.stop);
    if (ddbResult.status === 'rejected') throw ddbResult.reason;
    if (s3Result.status === 'rejected') throw s3Result.reason;
    const ddb: DynamoDbLocal = ddbResult.value;
    step('DynamoDB Local and s3rver');
    const s3Local: S3Local = s3Result.value;

    const dynamo = new DynamoDBClient(dynamoDbClientConfig(ddb));
    const s3 = new S3Client(s3Local.clientConfig);
    lifecycle.add('clients', async () => {
      dynamo.destroy();
      s3.destroy();
    });
    const table = await ensureTable(dynamo, LOCAL_TABLE);
    if (table !== 'existed') log.info(`table ${LOCAL_TABLE}: ${table}`);
    if ((await ensureRateLimitTable(dynamo, LOCAL_RATE_LIMIT_TABLE)) === 'created') {
      log.info(`table ${LOCAL_RATE_LIMIT_TABLE}: created`);
    }
    const place = { bucket: LOCAL_BUCKET, key: SNAPSHOT_KEY, stateKey: SNAPSHOT_STATE_KEY };
    const systemAccess = (event: { system: string; operation: string; tableName: string }) =>
      log.info(`system job ${event.system}: ${event.operation} on ${event.tableName}`);
    if (await bootstrapSnapshot(s3, dynamo, LOCAL_TABLE, place, systemAccess)) {
      log.info(`published ${SNAPSHOT_KEY} from the table (no builder state yet)`);
    }

    applyEnvironment({
      ...handlerEnvironment(process.env, { dynamodb: ddb.endpoint, s3: s3Local.endpoint }),
      ...(demo ? { [DNS_SERVERS.name]: demo.address } : {}),
    });
    step('table and snapshot');
    const functions = await loadFunctions(options.functionFiles);
    step('handlers loaded');

    const streamLog = createLogger('stream', sink);
    const poller = await startStreamPoller({
      clientConfig: dynamoDbClientConfig(ddb),
      tableName: LOCAL_TABLE,
      handler: async (event, context) =>
        (await functions.streamer.handler(event, context)) as DynamoDBBatchResponse | undefined,
      batchSize: 100,
      maxRetries: 5,
      functionName: 'streamer',
      functionTimeoutMs: functions.streamer.timeoutMs,
      logger: {
        warn: (message, details) => streamLog.warn(withDetails(message, details)),
        error: (message, details) => streamLog.error(withDetails(message, details)),
      },
      onError: (error) =>
        error.code === 'stream-poller.read-failed'
          ? streamLog.warn(error.message)
          : streamLog.error('a stream batch was given up', error),
    });
    lifecycle.add('stream poller', () => poller.stop());

    const api = await startServer({
      // DynamoDB Local answers its first requests slowly while its JVM warms up (seconds on a
      // loaded machine), so the shared rate limit waits longer than on Lambda before this
      // instance counts alone and says so.
      app: createConfiguredApp(readHttpApiConfig(process.env), {
        rateLimitTimeoutMs: LOCAL_RATE_LIMIT_TIMEOUT_MS,
      }),
      port: ports.api,
      hostname: '127.0.0.1',
    });
    lifecycle.add('API', () => api.close());

    const site = await startSiteServer({
      root: options.siteRoot ?? defaultSiteRoot(),
      // Relative: the page resolves them against its own origin, whatever host name the
      // browser used (127.0.0.1 or localhost), and the built CSP allows 'self'.
      config: { snapshotUrl: SNAPSHOT_KEY, apiBase: './' },
      records: { s3, bucket: LOCAL_BUCKET },
      apiUrl: api.url,
      port: ports.site,
      logger: createLogger('site', sink),
    });
    lifecycle.add('site', () => site.close());

    const reattestLog = createLogger('reattest', sink);
    const scheduler = createReattestScheduler<ReattestSummary>({
      intervalMs: options.reattestIntervalMs,
      run: async () =>
        (await functions.reattestbatch.handler(
          scheduledEvent(),
          createLambdaContext({
            functionName: 'reattestbatch',
            timeoutMs: functions.reattestbatch.timeoutMs,
            memoryMB: functions.reattestbatch.memoryMB,
          }),
        )) as ReattestSummary,
      onDone: (outcome, ms) => {
        if (outcome.ok) reattestLog.info(`${summaryLine(outcome.value)} (${ms} ms)`);
        else reattestLog.error(`re-attestation failed after ${ms} ms`, outcome.error);
      },
    });

    const invoke = await startInvokeServer({
      functions,
      port: ports.invoke,
      logger: createLogger('invoke', sink),
      routes: {
        'POST /local/reattest': async () => {
          try {
            return { status: 200, body: await scheduler.runNow() };
          } catch (error) {
            return { status: 500, body: errorPayload(error) };
          }
        },
      },
    });
    lifecycle.add('invoke endpoint', () => invoke.close());
    scheduler.start();
    lifecycle.add('re-attestation', () => scheduler.stop());

    step('poller, API, site, invoke endpoint');
    await waitUntilAnswering([
      `${api.url}/api/v1/health`,
      site.url,
      `${site.url}config.json`,
      `${site.url}${SNAPSHOT_KEY}`,
      `${site.url}api/v1/health`,
      `${invoke.url}/local/health`,
    ]);
    step('every part answering');
    if (demo) {
      await seedDemoMembers(
        { apiOrigin: api.url, snapshotUrl: `${site.url}${SNAPSHOT_KEY}` },
        DEMO_MEMBERS,
      );
      step('demo members seeded and in the snapshot');
    }

    return {
      urls: {
        api: `${api.url}/api/v1`,
        site: site.url,
        invoke: invoke.url,
        dynamodb: ddb.endpoint,
        s3: s3Local.endpoint,
      },
      dynamodbPid: ddb.pid,
      demo,
      reattestNow: () => scheduler.runNow(),
      stop: () => lifecycle.stopAll(log),
    };
  } catch (error) {
    await lifecycle.stopAll(log);
    if (error instanceof LocalError) throw error;
    throw new LocalError(
      'stack.start-failed',
      `the local stack did not start: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}
