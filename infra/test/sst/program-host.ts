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
  process.on('unhandledRejection', (reason) => errors.push(reason));

  const cli = await startCliStandIn({
    projectDir: input.projectDir,
    workDir: input.workDir,
    account: ACCOUNT,
  });
  result.cliCalls = cli.calls;
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
    await cli.close();
  }
  const [first] = errors;
  if (first !== undefined) {
    const error = first as { name?: string; message?: string; code?: string };
    result.error = {
      name: error.name ?? 'Error',
      message: error.message ?? String(first),
      ...(error.code ? { code: error.code } : {}),
    };
  }
  writeFileSync(input.resultFile, JSON.stringify(result));
}
