import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { canAsk, confirm } from './confirm.js';
import { CliError } from './errors.js';

function terminal(answer?: string, isTTY = true) {
  const input = Object.assign(new PassThrough(), { isTTY });
  if (answer === undefined) input.end();
  else input.end(answer);
  const written: string[] = [];
  const output = { isTTY, write: (chunk: string) => written.push(chunk) };
  return { input, output, written };
}

describe('confirm', () => {
  it.each([
    ['y\n', true],
    ['YES\n', true],
    [' yes \n', true],
    ['n\n', false],
    ['\n', false],
    ['yep\n', false],
  ])('answers %j as %s', async (answer, expected) => {
    const { input, output, written } = terminal(answer);
    expect(await confirm({ input, output, json: false }, 'Delete 2 records?')).toBe(expected);
    expect(written.join('')).toBe('Delete 2 records? [y/N] ');
  });

  it('takes the end of input as no', async () => {
    const { input, output } = terminal(undefined);
    expect(await confirm({ input, output, json: false }, 'Go?')).toBe(false);
  });

  it('refuses to ask without a terminal or with --json, saying to pass --yes', async () => {
    const piped = terminal('y\n', false);
    expect(canAsk({ input: piped.input, output: piped.output, json: false })).toBe(false);
    const tty = terminal('y\n');
    expect(canAsk({ input: tty.input, output: tty.output, json: true })).toBe(false);
    const error = await confirm(
      { input: piped.input, output: piped.output, json: false },
      'Go?',
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).code).toBe('usage.confirmation');
    expect((error as CliError).hint).toContain('--yes');
    expect(piped.written).toEqual([]);
  });
});
