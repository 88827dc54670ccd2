// Drives test/erasure-child.ts: starts the erasure in a child process and SIGKILLs it when it
// reports a given step (it may end before, of a fault: a crash like any other).

import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

/** What the child was told to erase, and where. */
export interface ErasureChildRun {
  readonly fixture: 'social' | 'app';
  readonly clientConfig: DynamoDBClientConfig;
  readonly names: unknown;
  readonly subject: string;
  /** The step at whose report the child is killed. */
  readonly killAt: number;
}

/** How the child ended (`SIGKILL`, or `exit <code>`), its plan id if it printed one, and its output. */
export async function runErasureChild(run: ErasureChildRun) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./erasure-child.ts', import.meta.url))],
    {
      env: {
        ...process.env,
        ERASURE_FIXTURE: run.fixture,
        ERASURE_CLIENT_CONFIG: JSON.stringify(run.clientConfig),
        ERASURE_TABLE_NAMES: JSON.stringify(run.names),
        ERASURE_SUBJECT: run.subject,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let planId: string | undefined;
  let stderr = '';
  const lines: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    if (line.startsWith('plan ')) planId = line.split(' ')[1];
    if (line === `progress ${run.killAt}`) child.kill('SIGKILL');
    else if (line.startsWith('progress ')) child.stdin.write('go\n');
  });
  const ended = await new Promise<string>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? `exit ${code}`)),
  );
  return { planId, ended, stderr, lines };
}
