import { describe, expect, it } from 'vitest';
import { defineCommand } from './command.js';
import { CliError } from './errors.js';
import { parseCommandArgs, wantsHelp, wantsJson } from './parse.js';
import { closestMatch } from './suggest.js';

const command = defineCommand({
  name: 'demo',
  summary: 'A demo',
  description: 'A demo command.',
  options: {
    owner: { type: 'string', value: '<url>', required: true, description: 'The owner' },
    server: { type: 'string', value: '<host:port>', multiple: true, description: 'A server' },
    dry: { type: 'boolean', description: 'Change nothing' },
  },
  operands: { name: 'domain', description: 'hostnames', min: 1, max: 2 },
  examples: [{ command: 'symval demo --owner https://x.example a.example', description: 'demo' }],
  exitCodes: [[0, 'done']],
  run: async () => ({ exitCode: 0, json: null, human: () => '' }),
});

function usageError(args: string[]): CliError {
  try {
    parseCommandArgs(command, args);
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(args)} to be rejected`);
}

describe('parseCommandArgs', () => {
  it('returns options, repeated ones as arrays, and operands', () => {
    expect(
      parseCommandArgs(command, [
        '--owner',
        'o',
        '--server',
        'a',
        'x.example',
        '--server=b',
        '--json',
      ]),
    ).toEqual({
      options: { owner: 'o', server: ['a', 'b'], json: true },
      operands: ['x.example'],
    });
  });

  it('takes everything after -- as operands', () => {
    expect(parseCommandArgs(command, ['--owner', 'o', '--', '--dry']).operands).toEqual(['--dry']);
  });

  it('rejects an unknown option, naming it, the valid ones and the nearest', () => {
    const error = usageError(['--ownr', 'o', 'x.example']);
    expect(error.code).toBe('usage.unknown-option');
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe("unknown option --ownr for 'demo' (did you mean --owner?)");
    expect(error.hint).toContain(
      "'demo' takes: --owner <url>, --server <host:port>, --dry, --json, -h, --help, --debug.",
    );
  });

  it('rejects an unknown short option', () => {
    const error = usageError(['-x', '--owner', 'o', 'a.example']);
    expect(error.message).toBe("unknown option -x for 'demo'");
  });

  it('says a string option needs a value, also when the next argument is an option', () => {
    expect(usageError(['a.example', '--owner']).message).toBe('--owner needs a value');
    expect(usageError(['--owner', '--dry', 'a.example']).message).toBe(
      '--owner needs a value, but the next argument is --dry',
    );
  });

  it('rejects a value given to a boolean option', () => {
    expect(usageError(['--owner', 'o', '--dry=yes', 'a.example']).message).toBe(
      '--dry takes no value',
    );
  });

  it('rejects an option given twice that takes one value', () => {
    const error = usageError(['--owner', 'a', '--owner', 'b', 'x.example']);
    expect(error.code).toBe('usage.repeated-option');
  });

  it('names a missing required option with an example', () => {
    const error = usageError(['x.example']);
    expect(error.code).toBe('usage.missing-option');
    expect(error.message).toBe("'demo' needs --owner <url> (the owner)");
    expect(error.hint).toBe('For example: symval demo --owner https://x.example a.example');
  });

  it('checks the number of operands', () => {
    expect(usageError(['--owner', 'o']).message).toBe(
      "'demo' takes 1 to 2 domains (hostnames), received 0",
    );
    expect(usageError(['--owner', 'o', 'a', 'b', 'c']).code).toBe('usage.operands');
  });
});

describe('wantsHelp and wantsJson', () => {
  it('see the flag anywhere before --', () => {
    expect(wantsHelp(['--bogus', '-h'])).toBe(true);
    expect(wantsHelp(['--', '--help'])).toBe(false);
    expect(wantsJson(['x', '--json'])).toBe(true);
    expect(wantsJson(['--', '--json'])).toBe(false);
  });
});

describe('closestMatch', () => {
  it('suggests a near name or one the input starts, and nothing for unrelated input', () => {
    expect(closestMatch('atest', ['groupid', 'attest'])).toBe('attest');
    expect(closestMatch('grou', ['groupid', 'attest'])).toBe('groupid');
    expect(closestMatch('zzz', ['groupid', 'attest'])).toBeUndefined();
  });
});
