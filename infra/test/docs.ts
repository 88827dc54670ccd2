import { readFileSync } from 'node:fs';
import { REPO_ROOT } from './sst/paths.js';

export { INFRA_DIR as CONFIG_DIR, REPO_ROOT } from './sst/paths.js';

/** The SST names of the three functions, by their key in docs/configuration.md. */
export const FUNCTION_NAMES = {
  httpapi: 'HttpApi',
  streamer: 'Streamer',
  reattestbatch: 'ReattestBatch',
} as const;

/** docs/configuration.md, read once. */
export function readConfigurationDoc(): string {
  return readFileSync(`${REPO_ROOT}docs/configuration.md`, 'utf8');
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
