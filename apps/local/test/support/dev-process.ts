// Starts `pnpm dev`'s entry (apps/local/bin/dev.mjs, what the root script runs) as a child
// process and reads what it prints. The entry makes or reuses the dev build itself.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The entry the root `pnpm dev` script runs. */
export const ENTRY = fileURLToPath(new URL('../../bin/dev.mjs', import.meta.url));

/** The URLs the stack printed. */
export interface DevUrls {
  site: string;
  api: string;
  invoke: string;
  dynamodb: string;
  s3: string;
}

/** A running `pnpm dev`. */
export interface DevProcess {
  child: ChildProcess;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
}

/** The environment of the test without any AWS settings of the machine. */
export function cleanEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith('AWS_') && name !== 'DNS_SERVERS')
      env[name] = value;
  }
  return { ...env, ...extra };
}

/**
 * Spawns the entry in a process group of its own (as a shell does for a foreground job), so
 * a test can send a terminal's Ctrl-C to the whole group with `process.kill(-pid, 'SIGINT')`.
 */
export function spawnDev(args: readonly string[], env: Record<string, string>): DevProcess {
  const child = spawn(process.execPath, [ENTRY, ...args], {
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  return { child, output: () => text, exited };
}

function urlAfter(text: string, label: string): string {
  const match = new RegExp(`^\\[local\\]\\s+${label}\\s+(http://\\S+)`, 'm').exec(text);
  if (!match?.[1]) throw new Error(`no ${label} URL in the output:\n${text}`);
  return match[1];
}

/**
 * Waits for the "ready" line or the process to end, whichever comes first (no time limit:
 * start-up is slow on a busy machine, and a stack that hangs is ended by the test's hang
 * guard), and reads the URLs printed before it.
 */
export async function waitForReady(dev: DevProcess): Promise<DevUrls> {
  let ended = false;
  void dev.exited.then(() => {
    ended = true;
  });
  while (!/^\[local\]\s+ready in /m.test(dev.output())) {
    if (ended) throw new Error(`pnpm dev ended before it was ready:\n${dev.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const text = dev.output();
  return {
    site: urlAfter(text, 'site'),
    api: urlAfter(text, 'API'),
    invoke: urlAfter(text, 'Lambda invoke'),
    dynamodb: urlAfter(text, 'DynamoDB Local'),
    s3: urlAfter(text, 'S3 \\(s3rver\\)'),
  };
}

/** The ports of the printed URLs. */
export function portsOf(urls: DevUrls): number[] {
  return Object.values(urls).map((url) => Number(new URL(url).port));
}

/**
 * Waits until the output matches `pattern` (a log line is written after the answer it is
 * about, and reaches the test through the launcher a moment later). A line that never comes
 * is caught by the test's hang guard.
 */
export async function waitForOutput(dev: DevProcess, pattern: RegExp): Promise<string> {
  while (!pattern.test(dev.output())) await new Promise((resolve) => setTimeout(resolve, 50));
  return dev.output();
}
