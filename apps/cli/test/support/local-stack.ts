// Starts the local stack (`pnpm dev`'s built entry, apps/local/dist/main.js) as a process on
// free ports, as the smoke and withdraw tests run against it. @symval/local is a dev
// dependency of the CLI so that turbo builds it (and everything it serves) before these tests.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built entry of `pnpm dev`. */
export const LOCAL_ENTRY = join(
  dirname(fileURLToPath(import.meta.resolve('@symval/local/package.json'))),
  'dist/main.js',
);

/** A running local stack and the URLs it printed. */
export interface LocalStack {
  site: string;
  /** The API's base URL, `…/api/v1`. */
  api: string;
  dynamodb: string;
  /** Everything it printed. */
  output(): string;
  stop(): Promise<void>;
}

function urlAfter(text: string, label: string): string {
  const match = new RegExp(`^\\[local\\]\\s+${label}\\s+(http://\\S+)`, 'm').exec(text);
  if (!match?.[1]) throw new Error(`the local stack printed no ${label} URL:\n${text}`);
  return match[1];
}

/** The environment of this process without the AWS and DNS settings of the machine. */
function stackEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith('AWS_') && name !== 'DNS_SERVERS')
      env[name] = value;
  }
  return { ...env, ...extra };
}

/**
 * Spawns `node apps/local/dist/main.js --memory --port 0 --reattest-interval off` in a process
 * group of its own and resolves once it prints its `ready` line (the data events are waited
 * on; a stack that never gets ready is ended by the test's hang guard), or rejects with its
 * output when it exits first.
 */
export async function startLocalStack(env: Record<string, string>): Promise<LocalStack> {
  if (!existsSync(LOCAL_ENTRY)) {
    throw new Error(
      `${LOCAL_ENTRY} is missing: build the local stack first (pnpm turbo run build --filter=@symval/cli...; pnpm --filter @symval/cli test does not build).`,
    );
  }
  const child: ChildProcess = spawn(
    process.execPath,
    [LOCAL_ENTRY, '--memory', '--port', '0', '--reattest-interval', 'off'],
    { env: stackEnv(env), detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let text = '';
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      if (/^\[local\]\s+ready in /m.test(text)) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) =>
      reject(new Error(`the local stack exited (${code}) before it was ready:\n${text}`)),
    );
  });
  return {
    site: urlAfter(text, 'site'),
    api: urlAfter(text, 'API').replace(/\/+$/, ''),
    dynamodb: urlAfter(text, 'DynamoDB Local'),
    output: () => text,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGINT');
      await exited;
    },
  };
}
