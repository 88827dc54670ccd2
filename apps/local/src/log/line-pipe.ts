import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { LogRenderer } from './render.js';

/**
 * Copies `input` to `output` line by line, through `renderer` when one is given (as it is,
 * for `--json-logs`, when not). Resolves when the input ends.
 */
export function pipeLines(
  input: Readable,
  output: Writable,
  renderer?: LogRenderer,
): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  lines.on('line', (line) => {
    for (const out of renderer ? renderer.render(line) : [line]) output.write(`${out}\n`);
  });
  return new Promise((resolve) => lines.once('close', () => resolve()));
}
