import { createInterface } from 'node:readline';
import { CliError } from './errors.js';
import type { InputStream, OutputStream } from './io.js';

/** Where a confirmation is asked: the question on `output`, the answer from `input`. */
export interface ConfirmStreams {
  input: InputStream | undefined;
  output: OutputStream;
  /** `--json` was given: nothing but the JSON document may be printed, so no question. */
  json: boolean;
}

/** Whether a person can be asked: both streams are terminals and the output is not JSON. */
export function canAsk(streams: ConfirmStreams): boolean {
  return !streams.json && streams.input?.isTTY === true && streams.output.isTTY === true;
}

/** Reads one line from `input`; `undefined` when it ends first. */
function readLine(input: InputStream): Promise<string | undefined> {
  // terminal: false so readline neither echoes nor takes over the terminal's modes.
  const lines = createInterface({ input, terminal: false });
  return new Promise((resolve) => {
    let answered = false;
    lines.once('line', (line) => {
      answered = true;
      lines.close();
      resolve(line);
    });
    lines.once('close', () => {
      if (!answered) resolve(undefined);
    });
  });
}

/**
 * Asks `question` and waits for yes or no; anything but `y` or `yes` (any case) is no, so
 * Enter alone declines. Destructive commands call it unless `--yes` was given.
 *
 * @throws CliError `usage.confirmation` (exit code 2) when no one can be asked (no terminal,
 *   or `--json`): such runs must say `--yes` up front.
 */
export async function confirm(
  streams: ConfirmStreams,
  question: string,
  yesFlag = '--yes',
): Promise<boolean> {
  if (!canAsk(streams) || !streams.input) {
    throw new CliError(
      'usage.confirmation',
      `this would change stored data and there is no terminal to confirm on${streams.json ? ' (--json never asks)' : ''}`,
      { hint: `Run it in a terminal to be asked, or pass ${yesFlag} to go ahead without asking.` },
    );
  }
  streams.output.write(`${question} [y/N] `);
  const answer = await readLine(streams.input);
  if (answer === undefined) streams.output.write('\n');
  return /^\s*y(es)?\s*$/i.test(answer ?? '');
}
