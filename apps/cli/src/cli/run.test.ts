import { describe, expect, it } from 'vitest';
import { defineCommand } from './command.js';
import { ExitCode } from './exit-codes.js';
import type { Env } from './io.js';
import { runCli } from './run.js';

function capture(isTTY = false) {
  const chunks: string[] = [];
  return {
    isTTY,
    columns: 80,
    write: (chunk: string) => chunks.push(chunk),
    text: () => chunks.join(''),
  };
}

const work = defineCommand({
  name: 'work',
  summary: 'Does some work',
  description: 'Does three items of work.',
  options: { fail: { type: 'boolean', description: 'Throw a bug' } },
  operands: { name: 'item', description: 'ignored', min: 0 },
  examples: [{ command: 'symval work', description: 'works' }],
  exitCodes: [[ExitCode.ok, 'worked']],
  async run({ options }, context) {
    if (options.fail) throw new TypeError('boom');
    const progress = context.progress({ total: 3, label: 'work' });
    progress.increment(3);
    progress.finish();
    return {
      exitCode: ExitCode.ok,
      json: { items: 3 },
      human: (style) => `${style.green('done')}: 3 items`,
      warnings: ['careful'],
    };
  },
});

async function run(args: string[], { tty = false, env = {} as Env } = {}) {
  const stdout = capture(tty);
  const stderr = capture(tty);
  const code = await runCli(
    args,
    { stdout, stderr, env },
    {
      commands: [work],
      planned: [{ name: 'later', summary: 'Comes later' }],
      version: '1.2.3',
    },
  );
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe('output modes', () => {
  it('prints the human form on stdout, warnings and progress on stderr', async () => {
    const result = await run(['work']);
    expect(result).toEqual({
      code: 0,
      stdout: 'done: 3 items\n',
      stderr: 'work: 3/3 (100%) in 0s\nwarning: careful\n',
    });
  });

  it('prints exactly one JSON document with --json, and nothing on stderr', async () => {
    const result = await run(['work', '--json']);
    expect(JSON.parse(result.stdout)).toEqual({ items: 3 });
    expect(result.stderr).toBe('');
  });

  it('takes --json before the command too', async () => {
    expect(JSON.parse((await run(['--json', 'work'])).stdout)).toEqual({ items: 3 });
  });

  it('colours a terminal, draws a progress bar there, and honours NO_COLOR', async () => {
    const coloured = await run(['work'], { tty: true });
    expect(coloured.stdout).toBe('\u001b[32mdone\u001b[39m: 3 items\n');
    expect(coloured.stderr).toContain('work [########################################] 3/3 100%');
    const plain = await run(['work'], { tty: true, env: { NO_COLOR: '1' } });
    expect(plain.stdout).toBe('done: 3 items\n');
  });
});

describe('errors', () => {
  it('reports a bug as exit code 4 with the message and a request to report it, without a stack', async () => {
    const result = await run(['work', '--fail']);
    expect(result.code).toBe(ExitCode.internal);
    expect(result.stderr).toBe(
      'symval work: internal error: boom\nThis is a bug in symval: please report it with the command you ran and this output (run it again with --debug to add where it happened).\n',
    );
    const json = await run(['work', '--fail', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'internal', message: 'boom' } });
  });

  it('prints the stack and its causes only with --debug, before or after the command', async () => {
    for (const args of [
      ['work', '--fail', '--debug'],
      ['--debug', 'work', '--fail'],
    ]) {
      const result = await run(args);
      expect(result.code).toBe(ExitCode.internal);
      expect(result.stderr).toMatch(
        /^symval work: internal error: boom\nThis is a bug in symval: please report it with the command you ran and this output\.\nTypeError: boom\n {4}at /,
      );
    }
  });

  it('never prints a stack for an expected failure, and with --debug adds its cause', async () => {
    const plain = await run(['work', '--bogus']);
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    const debug = await run(['work', '--bogus', '--debug']);
    expect(debug.code).toBe(ExitCode.usage);
    expect(debug.stderr).toMatch(/\nCliError: unknown option --bogus for 'work'\n {4}at /);
    expect(debug.stderr).toMatch(/\nCaused by: TypeError: Unknown option '--bogus'/);
  });

  it('reports a usage error as one JSON document with --json', async () => {
    const result = await run(['work', '--bogus', '--json']);
    expect(result.code).toBe(ExitCode.usage);
    expect(JSON.parse(result.stdout)).toEqual({
      error: {
        code: 'usage.unknown-option',
        message: "unknown option --bogus for 'work'",
        hint: "'work' takes: --fail, --json, -h, --help, --debug. Run 'symval work --help' for its options and examples.",
      },
    });
  });

  it('says a planned command is not in this version yet', async () => {
    const result = await run(['later']);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toBe(
      "symval: error: 'later' is planned but not in this version of symval (comes later)\nAvailable now: work.\n",
    );
  });

  it('rejects an unknown option before the command', async () => {
    const result = await run(['--verbose', 'work']);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toContain('--verbose');
    expect(result.stderr).toContain(
      'Before a command, symval takes only -h/--help, --version, --json and --debug',
    );
  });

  it('asks for a command when given only global options', async () => {
    const result = await run(['--json']);
    expect(result.code).toBe(ExitCode.usage);
    expect(JSON.parse(result.stdout).error.code).toBe('usage.no-command');
  });
});

describe('help and version', () => {
  it('prints the top help on stderr with exit code 2 when run without arguments', async () => {
    const result = await run([]);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Usage: symval <command> [options]');
  });

  it("prints a command's help for help <command>, <command> --help and --help <command>", async () => {
    const outputs = await Promise.all([
      run(['help', 'work']),
      run(['work', '--help']),
      run(['-h', 'work']),
      run(['work', '--bogus', '-h']),
    ]);
    for (const output of outputs) {
      expect(output.code).toBe(0);
      expect(output.stdout).toContain('Usage: symval work [options] [<item...>]');
    }
  });

  it('prints the version, as JSON with --json', async () => {
    expect(await run(['--version'])).toEqual({ code: 0, stdout: '1.2.3\n', stderr: '' });
    expect(JSON.parse((await run(['--version', '--json'])).stdout)).toEqual({ version: '1.2.3' });
  });
});
