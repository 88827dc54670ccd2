// The calls SST's components make to SST's own CLI during a deploy (`rpc.call` to
// `$SST_SERVER/rpc`, platform/src/components/rpc/rpc.ts), answered here on loopback:
//
// - `Runtime.Build`: the CLI bundles a function's handler with esbuild into
//   `<work>/artifacts/<function>-src/bundle.mjs` and answers `bundle.<export>`
//   (pkg/runtime/node/build.go). Here the handler file is looked up the way the CLI does
//   (relative to the project, with the extensions it tries; "handler not found" otherwise)
//   and a one-line stand-in bundle is written, so SST zips something real.
// - `Provider.Aws.Bootstrap`: the CLI's per-region bootstrap (asset bucket, ECR repository).
//
// Every call is recorded with its arguments. Any other method answers as the CLI does for an
// unknown one, so a component that starts to need a new call fails loudly.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** One call a component made to the CLI. */
export interface CliCall {
  method: string;
  args: Record<string, unknown>;
}

/** Where the stand-in resolves handlers and writes bundles. */
export interface CliStandInOptions {
  /** The real project directory (infra/): handler paths are relative to it. */
  projectDir: string;
  /** `$cli.paths.work`: where bundles go. */
  workDir: string;
  account: string;
}

/** The extensions SST's Node runtime tries for a handler's file, in order. */
const HANDLER_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** Starts the stand-in on a free loopback port; `url` is what `SST_SERVER` is set to. */
export async function startCliStandIn(options: CliStandInOptions): Promise<{
  url: string;
  calls: CliCall[];
  close: () => Promise<void>;
}> {
  const calls: CliCall[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      const { method, params } = JSON.parse(body) as { method: string; params: unknown[] };
      const args = (params[0] ?? {}) as Record<string, unknown>;
      calls.push({ method, args });
      let reply: { result?: unknown; error?: string };
      try {
        reply = { result: answer(method, args, options) };
      } catch (error) {
        reply = { error: (error as Error).message };
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function answer(method: string, args: Record<string, unknown>, options: CliStandInOptions) {
  switch (method) {
    case 'Runtime.Build':
      return build(args, options);
    case 'Provider.Aws.Bootstrap': {
      const region = String(args.region);
      return {
        asset: `sst-asset-${options.account}-${region}`,
        assetEcrRegistryId: options.account,
        assetEcrUrl: `${options.account}.dkr.ecr.${region}.amazonaws.com/sst-asset`,
        state: `sst-state-${options.account}-${region}`,
        appsyncHttp: '',
        appsyncRealtime: '',
      };
    }
    default:
      throw new Error(`rpc: can't find method ${method}`);
  }
}

function build(args: Record<string, unknown>, options: CliStandInOptions) {
  const handler = String(args.handler);
  const functionId = String(args.functionID);
  const dot = handler.lastIndexOf('.');
  const file = handler.slice(0, dot);
  const exportName = handler.slice(dot + 1);
  const found = HANDLER_EXTENSIONS.map((ext) => path.join(options.projectDir, file + ext)).find(
    (candidate) => existsSync(candidate),
  );
  if (!found) throw new Error(`handler not found: ${handler}`);
  const out = path.join(options.workDir, 'artifacts', `${functionId}-src`);
  mkdirSync(out, { recursive: true });
  writeFileSync(
    path.join(out, 'bundle.mjs'),
    `// stand-in for the esbuild bundle of ${path.relative(options.projectDir, found)}\nexport const ${exportName} = async () => undefined;\n`,
  );
  return { handler: `bundle.${exportName}`, out, errors: [], sourcemaps: [] };
}
