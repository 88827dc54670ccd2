// Evaluates sst.config.ts with SST's real components, the way `sst deploy` does up to the
// point where Pulumi would talk to AWS:
//
// 1. bundle it as SST's CLI does (pkg/project/run.go, pkg/js/js.go): esbuild, ESM for
//    Node, the config behind SST's `run` wrapper, SST's shim injected for `$config`,
//    `$interpolate` and the other `$` helpers, `aws` and `sst` as globals, npm packages
//    left to Node (resolved from the platform's node_modules, as the CLI's NodePaths do);
// 2. run the bundle in a process of its own, as Pulumi runs one program per process, under
//    Pulumi's mock runtime with the CLI's RPC calls answered on loopback
//    (test/sst/program-host.ts), in a sandbox project directory so that nothing SST writes
//    (artifacts, generated types, the site's build output) lands in the repository;
// 3. read back every resource registered with its inputs, every provider function called,
//    every CLI call, the stack outputs, and the error if the program failed.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { assertPlatformInstalled, INFRA_DIR, PLATFORM_DIR } from './paths.js';
import type { EvaluationInput, EvaluationResult } from './program-host.js';

export type { EvaluationResult } from './program-host.js';

/** Where the bundles are written: inside the platform, so that their imports resolve there. */
const BUNDLE_DIR = path.join(PLATFORM_DIR, 'symval-eval');
const HERE = path.join(INFRA_DIR, 'test', 'sst');
const SHIM = path.join(PLATFORM_DIR, 'src/shim/run.js');

/** What SST's CLI puts on top of each bundle, for packages that expect CommonJS names. */
const BANNER = [
  "import { createRequire as topLevelCreateRequire } from 'module';",
  'const require = topLevelCreateRequire(import.meta.url);',
  "import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from 'url';",
  'const __filename = topLevelFileUrlToPath(import.meta.url);',
  "const __dirname = topLevelFileUrlToPath(new topLevelURL('.', import.meta.url));",
].join('\n');

async function bundle(
  name: string,
  contents: string,
  options: { define?: Record<string, string>; inject: string[] },
): Promise<string> {
  assertPlatformInstalled();
  mkdirSync(BUNDLE_DIR, { recursive: true });
  const outfile = path.join(BUNDLE_DIR, `${name}-${process.pid}-${randomUUID()}.mjs`);
  await build({
    stdin: { contents, resolveDir: INFRA_DIR, sourcefile: 'eval.ts', loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'es2023',
    packages: 'external',
    mainFields: ['module', 'main'],
    inject: options.inject,
    define: options.define ?? {},
    banner: { js: BANNER },
    sourcemap: 'inline',
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

/**
 * `app({ stage })`, evaluated as the CLI does before anything else: the config alone, with
 * SST's shim for `$config`.
 */
export async function evaluateApp(stage: string): Promise<Record<string, unknown>> {
  const file = await bundle(
    'app',
    `export { default } from ${JSON.stringify(path.join(INFRA_DIR, 'sst.config.ts'))};`,
    { inject: [SHIM] },
  );
  try {
    const config = (await import(pathToFileURL(file).href)) as {
      default: { app(input: { stage: string }): unknown };
    };
    return (await config.default.app({ stage })) as Record<string, unknown>;
  } finally {
    rmSync(file, { force: true });
  }
}

/** The deploy variables, blank unless a test sets them (the shell running the tests may). */
const BLANK_DEPLOY_ENV = Object.fromEntries(
  [
    'SYMVAL_DOMAIN',
    'SYMVAL_DOMAIN_ALIASES',
    'SYMVAL_ZONE',
    'SYMVAL_ALARM_EMAIL',
    'SYMVAL_CLUB_OWNER',
    'SYMVAL_CLUB_CLAIMS',
    'SYMVAL_ADOPT_TABLE',
    'SYMVAL_ADOPT_BUCKET',
  ].map((name) => [name, '']),
);

/** What to evaluate: a stage, and the environment of the deploy. */
export interface EvaluationOptions {
  stage: string;
  env?: Record<string, string>;
}

/**
 * Evaluates sst.config.ts for `stage` and gives back what it registered. Never throws for an
 * error of the program: that is `result.error`.
 */
export async function evaluateConfig(options: EvaluationOptions): Promise<EvaluationResult> {
  const app = await evaluateApp(options.stage);
  const sandbox = mkdtempSync(path.join(tmpdir(), 'symval-sst-'));
  let program: string | undefined;
  try {
    const root = path.join(sandbox, 'infra');
    // The project as SST sees it: infra/ beside the site's directory (a stand-in with the
    // file SST looks at there: vite.config.ts, which makes it write Vite types).
    mkdirSync(path.join(root, '.sst'), { recursive: true });
    mkdirSync(path.join(sandbox, 'apps', 'web', 'src'), { recursive: true });
    writeFileSync(path.join(sandbox, 'apps', 'web', 'vite.config.ts'), 'export default {};\n');
    const cli = {
      command: 'deploy',
      dev: false,
      paths: {
        home: path.join(sandbox, 'home'),
        root,
        work: path.join(root, '.sst'),
        platform: PLATFORM_DIR,
      },
      state: { version: {} },
    };
    const appGlobal = {
      name: app.name,
      stage: options.stage,
      removal: app.removal ?? 'retain',
      protect: app.protect ?? false,
      home: app.home,
      providers: app.providers ?? { aws: {} },
    };
    program = await bundle(
      'program',
      [
        `import ${JSON.stringify(path.join(HERE, 'program-globals.ts'))};`,
        `import { host } from ${JSON.stringify(path.join(HERE, 'program-host.ts'))};`,
        `import { run } from ${JSON.stringify(path.join(PLATFORM_DIR, 'src/auto/run.ts'))};`,
        `import config from ${JSON.stringify(path.join(INFRA_DIR, 'sst.config.ts'))};`,
        'await host(config, run);',
      ].join('\n'),
      {
        define: {
          $app: JSON.stringify(appGlobal),
          $cli: JSON.stringify(cli),
          $dev: 'false',
        },
        inject: [SHIM],
      },
    );
    const input: EvaluationInput = {
      stage: options.stage,
      env: { ...BLANK_DEPLOY_ENV, ...options.env },
      projectDir: INFRA_DIR,
      workDir: cli.paths.work,
      resultFile: path.join(sandbox, 'result.json'),
    };
    const { code, stderr } = await runNode(program, {
      ...process.env,
      SYMVAL_SST_EVALUATION: JSON.stringify(input),
    });
    let result: EvaluationResult;
    try {
      result = JSON.parse(readFileSync(input.resultFile, 'utf8')) as EvaluationResult;
    } catch {
      throw new Error(`the SST program exited with ${code} and no result:\n${stderr}`);
    }
    return { ...result, app, sandbox: snapshotSandbox(sandbox) };
  } finally {
    rmSync(sandbox, { recursive: true, force: true });
    if (program) rmSync(program, { force: true });
  }
}

/** Files SST wrote into the sandbox that tests look at (relative path to content). */
function snapshotSandbox(sandbox: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const relative of ['apps/web/src/sst-env.d.ts', 'infra/.sst/web-env.d.ts']) {
    try {
      files[relative] = readFileSync(path.join(sandbox, relative), 'utf8');
    } catch {
      // not written
    }
  }
  return files;
}

function runNode(
  file: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--enable-source-maps', file], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      // SYMVAL_SST_DEBUG=1 shows what the program prints while it runs.
      if (process.env.SYMVAL_SST_DEBUG) process.stderr.write(chunk);
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stderr }));
  });
}
