import { parseArgs } from 'node:util';
import { COMMANDS, PLANNED_COMMANDS } from '../commands/index.js';
import { createProgressReporter } from '../progress/index.js';
import type { Command, CommandContext, CommandOutcome } from './command.js';
import { canAsk, confirm } from './confirm.js';
import { CliError } from './errors.js';
import { ExitCode } from './exit-codes.js';
import { formatCommandHelp, formatTopHelp, type PlannedCommand } from './help.js';
import type { CliIo } from './io.js';
import { parseCommandArgs, wantsDebug, wantsHelp, wantsJson } from './parse.js';
import { styleFor } from './style.js';
import { closestMatch } from './suggest.js';
import { readVersion } from './version.js';

/** Options of {@link runCli}; tests swap the commands. */
export interface RunCliOptions {
  commands?: readonly Command[];
  planned?: readonly PlannedCommand[];
  version?: string;
}

const GLOBAL_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  json: { type: 'boolean' },
  debug: { type: 'boolean' },
} as const;

function write(stream: CliIo['stdout'], text: string): void {
  stream.write(text.endsWith('\n') ? text : `${text}\n`);
}

function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * The stack of `error` and of each of its causes, for `--debug`: what a bug report needs, and
 * what a person who did not ask for it never sees.
 */
export function describeErrorChain(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 8; depth++) {
    const text =
      current instanceof Error
        ? (current.stack ?? `${current.name}: ${current.message}`)
        : String(current);
    lines.push(depth === 0 ? text : `Caused by: ${text}`);
    current = current instanceof Error ? current.cause : undefined;
  }
  return lines.join('\n');
}

function report(error: unknown, io: CliIo, json: boolean, debug: boolean, where: string): ExitCode {
  const known = error instanceof CliError;
  const exitCode = known ? error.exitCode : ExitCode.internal;
  const message = error instanceof Error ? error.message : String(error);
  const hint = known
    ? error.hint
    : `This is a bug in symval: please report it with the command you ran and this output${debug ? '' : ' (run it again with --debug to add where it happened)'}.`;
  if (json) {
    writeJson(io, {
      error: { code: known ? error.code : 'internal', message, ...(hint ? { hint } : {}) },
    });
  } else {
    const style = styleFor(io.stderr, io.env);
    const label = known ? 'error' : 'internal error';
    write(io.stderr, `${where}: ${style.red(label)}: ${message}${hint ? `\n${hint}` : ''}`);
  }
  // Stacks only when asked for: an expected failure is explained by its message and hint, and
  // even a bug is reported better by a person who chose to see the stack.
  if (debug) write(io.stderr, describeErrorChain(error));
  return exitCode;
}

function print(outcome: CommandOutcome, io: CliIo, json: boolean): ExitCode {
  if (json) {
    writeJson(io, outcome.json);
    return outcome.exitCode;
  }
  write(io.stdout, outcome.human(styleFor(io.stdout, io.env)));
  const style = styleFor(io.stderr, io.env);
  for (const warning of outcome.warnings ?? [])
    write(io.stderr, `${style.yellow('warning')}: ${warning}`);
  return outcome.exitCode;
}

function unknownCommand(
  name: string,
  commands: readonly Command[],
  planned: readonly PlannedCommand[],
) {
  const soon = planned.find((command) => command.name === name);
  if (soon) {
    return new CliError(
      'usage.planned-command',
      `'${name}' is planned but not in this version of symval (${soon.summary.toLowerCase()})`,
      { hint: `Available now: ${commands.map((command) => command.name).join(', ')}.` },
    );
  }
  const near = closestMatch(
    name,
    commands.map((command) => command.name),
  );
  return new CliError(
    'usage.unknown-command',
    `unknown command '${name}'${near ? ` (did you mean '${near}'?)` : ''}`,
    {
      hint: `Commands: ${commands.map((command) => command.name).join(', ')}. Run 'symval --help' for more.`,
    },
  );
}

/**
 * Runs `symval` with `argv` (without `node` and the script) and returns the exit code. It
 * never throws and never exits: output goes to `io`, failures become exit codes.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), {
 *   stdout: process.stdout,
 *   stderr: process.stderr,
 *   env: process.env,
 * });
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  options: RunCliOptions = {},
): Promise<ExitCode> {
  const commands = options.commands ?? COMMANDS;
  const planned = options.planned ?? PLANNED_COMMANDS;
  const json = wantsJson(argv);
  const debug = wantsDebug(argv);
  let where = 'symval';
  const topHelp = () =>
    formatTopHelp({ version: options.version ?? readVersion(), commands, planned });

  try {
    if (argv.length === 0) {
      write(io.stderr, topHelp());
      return ExitCode.usage;
    }
    // Options before the command are global ones (`symval --json groupid …` works too).
    const at = argv.findIndex((arg) => !arg.startsWith('-'));
    const before = at === -1 ? [...argv] : argv.slice(0, at);
    let global: { help?: boolean; version?: boolean; json?: boolean; debug?: boolean };
    try {
      global = parseArgs({ args: before, options: GLOBAL_OPTIONS, strict: true }).values;
    } catch (error) {
      throw new CliError('usage.unknown-option', (error as Error).message, {
        hint: "Before a command, symval takes only -h/--help, --version, --json and --debug. Run 'symval --help'.",
        cause: error,
      });
    }
    const name = at === -1 ? undefined : argv[at];

    if (name === undefined || (name === 'help' && argv.length === at + 1)) {
      if (global.help || name === 'help') {
        write(io.stdout, topHelp());
        return ExitCode.ok;
      }
      if (global.version) {
        const version = options.version ?? readVersion();
        if (json) writeJson(io, { version });
        else write(io.stdout, version);
        return ExitCode.ok;
      }
      throw new CliError('usage.no-command', 'no command given', {
        hint: `Give one of: ${commands.map((command) => command.name).join(', ')}. Run 'symval --help' for examples.`,
      });
    }

    const rest = argv.slice(at + 1);
    const asked = name === 'help' ? rest[0]! : name;
    const command = commands.find((candidate) => candidate.name === asked);
    if (!command) throw unknownCommand(asked, commands, planned);
    where = `symval ${command.name}`;
    if (name === 'help' || global.help || wantsHelp(rest)) {
      write(io.stdout, formatCommandHelp(command));
      return ExitCode.ok;
    }

    const parsed = parseCommandArgs(command, [
      ...(global.json ? ['--json'] : []),
      ...(global.debug ? ['--debug'] : []),
      ...rest,
    ]);
    const streams = { input: io.stdin, output: io.stderr, json };
    const context: CommandContext = {
      env: io.env,
      json,
      interactive: canAsk(streams),
      confirm: (question) => confirm(streams, question),
      note: (text) => {
        if (!json) write(io.stderr, text);
      },
      progress: ({ total, label }) =>
        createProgressReporter({
          stream: io.stderr,
          total,
          label,
          ...(json ? { mode: 'silent' } : {}),
        }),
    };
    const outcome = await command.run(
      { options: parsed.options as never, operands: parsed.operands },
      context,
    );
    return print(outcome, io, json);
  } catch (error) {
    return report(error, io, json, debug, where);
  }
}
