// The process that runs the stack. The launcher (main.ts) starts it in a process group of its
// own, so a terminal's Ctrl-C (SIGINT to the whole foreground group) reaches only the
// launcher, which forwards it here: DynamoDB Local's guard shell and Java never see it, and
// the guard stops Java and reaps it as designed. `pnpm dev` runs it from its dev build (an
// esbuild bundle, see build/), with the handlers bundled beside it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDuration } from '../args/duration.js';
import { parseDevArgs } from '../args/parse-args.js';
import { BUNDLE_LAYOUT } from '../build/layout.js';
import { createLogger, failureLines } from '../log/logger.js';
import { BUILD_DIR_ENV, BUILD_MS_ENV, isLauncherMessage, STARTED_AT_ENV } from './messages.js';

// Before the AWS SDK loads: its Node 20 notice says nothing about this stack.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// The launcher reads our output through pipes; if it is killed, writes must not crash us
// before the closed IPC channel stops us in order.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});

const log = createLogger('local');
// The shell's own variables, before the stack points this process at the local stores: the
// CLI line names the credentials it would replace there.
const shellEnv = { ...process.env };
const root = path.resolve(fileURLToPath(import.meta.url), '../../../../..');
const options = parseDevArgs(process.argv.slice(2), {
  cwd: process.env.INIT_CWD ?? process.cwd(),
  defaultDataDir: path.join(root, '.data'),
});
const startedAt = Number(process.env[STARTED_AT_ENV]) || Date.now() - process.uptime() * 1000;
const buildMs = Number(process.env[BUILD_MS_ENV]);
const spawnedAt = Date.now() - process.uptime() * 1000;
const buildDir = process.env[BUILD_DIR_ENV];

const { startLocalStack } = await import('../stack/start-stack.js');
const { LOCAL_BUCKET, LOCAL_TABLE } = await import('../stack/environment.js');
const { demoLines } = await import('../demo/demo-text.js');
const { cliEnvironmentLines } = await import('./cli-env.js');
type Stack = Awaited<ReturnType<typeof startLocalStack>>;

let stack: Stack | undefined;
let stopping = false;

async function shutdown(reason: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info(`${reason}: stopping`);
  await stack?.stop();
  log.info('stopped');
  process.exit(0);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    // A second signal while stopping: leave at once; the guard stops Java when we are gone.
    if (stopping) process.exit(130);
    void shutdown(signal);
  });
}
process.on('message', (message) => {
  if (!isLauncherMessage(message)) return;
  if (message.command === 'stop') void shutdown(message.reason);
  else
    stack?.reattestNow().catch(() => {
      // The scheduler reports failures.
    });
});
// The launcher gone (killed hard): nobody can stop us with a key any more.
process.on('disconnect', () => void shutdown('the launcher is gone'));

try {
  stack = await startLocalStack({
    ...options,
    ...(buildDir
      ? {
          siteRoot: path.join(buildDir, BUNDLE_LAYOUT.site),
          functionFiles: {
            httpapi: path.join(buildDir, BUNDLE_LAYOUT.functions.httpapi),
            streamer: path.join(buildDir, BUNDLE_LAYOUT.functions.streamer),
            reattestbatch: path.join(buildDir, BUNDLE_LAYOUT.functions.reattestbatch),
          },
        }
      : {}),
  });
} catch (error) {
  // Expected failures (a bad setting, no Java, a taken port) read as one line; --debug adds
  // the stacks.
  const [first = 'unknown error', ...rest] = failureLines(error, options.debug);
  log.error(`could not start: ${first}`);
  // Further lines of the message keep the prefix; --debug's stacks are printed as they are.
  for (const line of rest) {
    if (options.debug) console.error(line);
    else log.error(line);
  }
  if (!options.debug) console.error('(pnpm dev -- --debug shows the details)');
  process.exit(1);
}

const { urls } = stack;
const relative = (dir: string) => path.relative(process.env.INIT_CWD ?? process.cwd(), dir) || '.';
const data = options.dataDir ? `data in ${relative(options.dataDir)}` : 'in memory, nothing kept';
const dns = process.env.DNS_SERVERS?.trim();
const cli = cliEnvironmentLines(
  {
    invoke: urls.invoke,
    dynamodb: urls.dynamodb,
    s3: urls.s3,
    ...(stack.demo ? { dns: stack.demo.address } : {}),
  },
  shellEnv,
);
for (const line of [
  `site            ${urls.site}`,
  `API             ${urls.api}   (also ${urls.site}api/v1 on the site's origin)`,
  `Lambda invoke   ${urls.invoke}   functions: httpapi, streamer, reattestbatch`,
  `DynamoDB Local  ${urls.dynamodb}   table ${LOCAL_TABLE} (${data})`,
  `S3 (s3rver)     ${urls.s3}   bucket ${LOCAL_BUCKET}`,
  `DNS             ${stack.demo ? `${stack.demo.address}: the demo zone locally, other names by ${stack.demo.upstream}` : dns ? `DNS_SERVERS=${dns}` : 'the system resolver (set DNS_SERVERS=host:port to change, or try --demo)'}`,
  `re-attestation  ${options.reattestIntervalMs > 0 ? `every ${formatDuration(options.reattestIntervalMs)}` : 'on demand only'}; now: type r + Enter, or curl -X POST ${urls.invoke}/local/reattest`,
  `for the CLI     ${cli.command}`,
  `                (${cli.note})`,
]) {
  log.info(line);
}
if (stack.demo) for (const line of demoLines(stack.demo, urls)) console.log(line);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const split = Number.isFinite(buildMs)
  ? ` (build ${seconds(buildMs)}, start ${seconds(Date.now() - spawnedAt)})`
  : '';
log.info(`ready in ${seconds(Date.now() - startedAt)}${split}; Ctrl-C stops everything`);
