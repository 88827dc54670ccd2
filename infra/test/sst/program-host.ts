// Runs inside the process that evaluates the bundled sst.config.ts (test/sst/evaluate.ts
// bundles and starts it), in place of what `sst deploy` and Pulumi's Node host would do:
// start the CLI's RPC endpoint (here a stand-in), run `run()` through SST's own wrapper
// (platform/src/auto/run.ts) inside a Pulumi stack under the mock runtime, wait for every
// registration, and write down what happened. `$app` and `$cli` are compiled into the bundle,
// as the CLI does.
import { writeFileSync } from 'node:fs';
import * as pulumi from '@pulumi/pulumi';
import { type CliCall, startCliStandIn } from './cli-stand-in.js';
import { toJson } from './json.js';
import { ACCOUNT, createMocks, type MockRecording, REGION } from './mocks.js';
import { recordRegistrations } from './registrations.js';

/** What the parent asks for (`SYMVAL_SST_EVALUATION`, JSON). */
export interface EvaluationInput {
  stage: string;
  /** The environment `sst deploy` runs in, on top of this process's. */
  env: Record<string, string>;
  /** The real infra/ directory: handlers are resolved against it. */
  projectDir: string;
  /** `$cli.paths.work` (a sandbox): where SST writes artifacts. */
  workDir: string;
  resultFile: string;
}

/** What the evaluation gives back. */
export interface EvaluationResult {
  /** What `app()` returned for the stage. */
  app: Record<string, unknown>;
  outputs: Record<string, unknown> | undefined;
  resources: MockRecording['resources'];
  providerCalls: MockRecording['calls'];
  cliCalls: CliCall[];
  /** Files SST wrote into the sandbox project that tests look at, by relative path. */
  sandbox?: Record<string, string>;
  /** The first error the program failed with, as SST would print it. */
  error?: { name: string; message: string; code?: string };
}

interface Config {
  run(): Promise<unknown>;
}

type Run = (program: () => Promise<unknown>) => Promise<unknown>;

/** Evaluates `config` as `sst deploy --stage <stage>` would; never throws. */
export async function host(config: Config, run: Run): Promise<void> {
  const input = JSON.parse(process.env.SYMVAL_SST_EVALUATION ?? '') as EvaluationInput;
  Object.assign(process.env, input.env);
  const recording: MockRecording = { resources: [], calls: [] };
  const result: EvaluationResult = {
    app: {},
    outputs: undefined,
    resources: recording.resources,
    providerCalls: recording.calls,
    cliCalls: [],
  };
  const errors: unknown[] = [];
  // Errors thrown inside Output callbacks surface as rejections, as in a real deploy.
  process.on('unhandledRejection', (reason) => {
    errors.push(reason);
    if (process.env.SYMVAL_SST_DEBUG) console.error('unhandled rejection', reason);
  });

  const cli = await startCliStandIn({
    projectDir: input.projectDir,
    workDir: input.workDir,
    account: ACCOUNT,
  });
  result.cliCalls = cli.calls;
  const watchdog = watchProgress(recording, cli.calls, errors, (error) => {
    errors.unshift(error);
    finish(result, errors, input.resultFile);
    process.exit(0);
  });
  process.env.SST_SERVER = cli.url;
  process.env.AWS_REGION = REGION;
  try {
    await pulumi.runtime.setMocks(
      createMocks(recording, { simulateBuild: true }),
      $app.name,
      $app.stage,
      false,
    );
    recordRegistrations(pulumi.runtime.getMonitor(), recording);
    const outputs = await pulumi.runtime.runInPulumiStack(() => run(config.run));
    await pulumi.runtime.disconnect();
    result.outputs = toJson(outputs) as Record<string, unknown>;
  } catch (error) {
    errors.unshift(error);
  } finally {
    clearInterval(watchdog);
    await cli.close();
  }
  finish(result, errors, input.resultFile);
}

function finish(result: EvaluationResult, errors: unknown[], resultFile: string): void {
  const [first] = errors;
  if (first !== undefined) {
    const error = first as { name?: string; message?: string; code?: string };
    result.error = {
      name: error.name ?? 'Error',
      message: error.message ?? String(first),
      ...(error.code ? { code: error.code } : {}),
    };
  }
  writeFileSync(resultFile, JSON.stringify(result));
}

/**
 * How long the program may go without registering a resource or calling anything before it
 * is taken to be stuck: after an unhandled rejection (an error thrown inside a promise that
 * nothing awaits, such as an `async` Promise executor in a component, leaves the outputs
 * that waited on it pending for ever, and Pulumi's `disconnect` with them), and without one.
 * An evaluation registers something every few hundred milliseconds even on a loaded machine;
 * a stop this long is a hang, reported as the program's error instead of waiting for ever.
 */
const QUIET_AFTER_REJECTION_MS = 30_000;
const QUIET_MS = 300_000;

function watchProgress(
  recording: MockRecording,
  cliCalls: CliCall[],
  errors: unknown[],
  stuck: (error: Error) => void,
): ReturnType<typeof setInterval> {
  const progress = () => recording.resources.length + recording.calls.length + cliCalls.length;
  let seen = progress();
  let since = Date.now();
  const timer = setInterval(() => {
    const now = progress();
    if (now !== seen) {
      seen = now;
      since = Date.now();
      return;
    }
    const quiet = Date.now() - since;
    const limit = errors.length > 0 ? QUIET_AFTER_REJECTION_MS : QUIET_MS;
    if (quiet < limit) return;
    const last = recording.resources
      .slice(-3)
      .map((resource) => `${resource.type} ${resource.name}`)
      .join(', ');
    stuck(
      Object.assign(
        new Error(
          `the program stopped making progress: nothing registered for ${Math.round(quiet / 1000)} s after ` +
            `${recording.resources.length} resources (last: ${last || 'none'})` +
            (errors.length > 0 ? `, after an unhandled rejection: ${String(errors[0])}` : ''),
        ),
        { name: 'EvaluationStalled' },
      ),
    );
  }, 1_000);
  timer.unref();
  return timer;
}
