import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { installPlatform, type Recording, resolve } from './platform-stub.js';

/** The repository root, which handler paths and docs are read from. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** infra/, where sst.config.ts is and what SST resolves handler paths against. */
export const CONFIG_DIR = fileURLToPath(new URL('../', import.meta.url));

/** What one evaluation of sst.config.ts gave. */
export interface ConfigRun {
  app: SstAppDefinition;
  outputs: Record<string, unknown>;
  recording: Recording;
}

/**
 * Evaluates sst.config.ts as `sst deploy --stage <stage>` would, against the stand-ins:
 * `app({ stage })`, then `run()`. `env` is the environment of the deploy.
 */
export async function runConfig(
  stage: string,
  env: Record<string, string | undefined> = {},
): Promise<ConfigRun> {
  const { recording, uninstall } = installPlatform(stage);
  const saved = {
    SYMVAL_DOMAIN: process.env.SYMVAL_DOMAIN,
    SYMVAL_ALARM_EMAIL: process.env.SYMVAL_ALARM_EMAIL,
  };
  try {
    Object.assign(process.env, { SYMVAL_DOMAIN: '', SYMVAL_ALARM_EMAIL: '', ...env });
    const config = (await import('../sst.config.js')).default as SstConfig;
    const app = await config.app({ stage });
    const outputs = resolve(await config.run()) as Record<string, unknown>;
    return { app, outputs, recording };
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    uninstall();
  }
}

/** A function's recorded arguments, with outputs resolved. */
export interface RecordedFunction {
  handler: string;
  environment: Record<string, string>;
  link: unknown[];
  permissions: {
    effect?: string;
    actions: string[];
    resources: string[];
    conditions?: unknown[];
  }[];
  concurrency?: { reserved?: number };
  timeout?: string;
  logging?: { retention?: string };
  retries?: number;
  [key: string]: unknown;
}

/** The recorded `sst.aws.Function` named `name`, resolved. */
export function functionArgs(recording: Recording, name: string): RecordedFunction {
  return resolve(recording.one('sst.aws.Function', name).args) as RecordedFunction;
}

/** The SST names of the three functions, by their key in docs/configuration.md. */
export const FUNCTION_NAMES = {
  httpapi: 'HttpApi',
  streamer: 'Streamer',
  reattestbatch: 'ReattestBatch',
} as const;

/** docs/configuration.md, read once. */
export function readConfigurationDoc(): string {
  return readFileSync(new URL('docs/configuration.md', `file://${REPO_ROOT}`), 'utf8');
}

/** The rows of the markdown table that follows `heading` in `doc`, as cells without backticks. */
export function markdownTable(doc: string, heading: string): string[][] {
  const start = doc.indexOf(heading);
  if (start < 0) throw new Error(`no section ${heading} in docs/configuration.md`);
  const lines = doc.slice(start).split('\n').slice(1);
  const first = lines.findIndex((line) => line.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim().replaceAll('`', '')),
    );
  }
  // Drop the header and the |---| line.
  return rows.slice(2);
}
