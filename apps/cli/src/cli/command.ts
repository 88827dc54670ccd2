import type { ProgressReporter } from '../progress/index.js';
import type { ExitCode } from './exit-codes.js';
import type { Env } from './io.js';
import type { Style } from './style.js';

/** One option of a command, as `node:util` `parseArgs` takes it plus what help needs. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** May be given several times; the values come back as an array. */
  multiple?: boolean;
  /** Placeholder shown in help, e.g. `<url>`. */
  value?: string;
  /** The command cannot run without it. */
  required?: boolean;
  description: string;
}

/** The option specs of a command, by long name. */
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** The parsed values of `O`: required options are present, repeated ones are arrays. */
export type OptionValues<O extends OptionSpecs> = {
  [K in keyof O]: O[K]['type'] extends 'boolean'
    ? boolean | undefined
    : O[K]['multiple'] extends true
      ? string[] | undefined
      : O[K]['required'] extends true
        ? string
        : string | undefined;
};

/** The positional arguments a command takes, e.g. `<domain...>`. */
export interface OperandSpec {
  name: string;
  description: string;
  min: number;
  /** Default: no limit. */
  max?: number;
}

/** A worked example for `--help` and the README. */
export interface CommandExample {
  command: string;
  description: string;
}

/** What a command run has to work with besides its arguments. */
export interface CommandContext {
  env: Env;
  /** `--json` was given: the outcome's `json` is printed, nothing else. */
  json: boolean;
  /**
   * A progress reporter on stderr for long work: a bar on a terminal, a line every few
   * seconds otherwise, nothing with `--json`. Call `finish()` before returning.
   */
  progress(options: { total: number; label: string }): ProgressReporter;
  /** Whether a person can be asked a question: stdin and stderr are terminals, no `--json`. */
  readonly interactive: boolean;
  /**
   * Asks a yes/no question on stderr and reads the answer from stdin; `false` unless the answer
   * is yes. Throws `CliError` `usage.confirmation` (exit code 2) when no one can be asked, so a
   * destructive command checks its `--yes` first and calls this otherwise.
   */
  confirm(question: string): Promise<boolean>;
  /** Prints a line on stderr in human mode (a plan before a question); nothing with `--json`. */
  note(text: string): void;
}

/** What a command produced; the framework prints one of the two forms. */
export interface CommandOutcome {
  exitCode: ExitCode;
  /** The `--json` document (one value, serialised with `JSON.stringify`). */
  json: unknown;
  /** The human form for stdout, styled for it. */
  human(style: Style): string;
  /** Printed on stderr in human mode; commands put them in `json` themselves when they matter. */
  warnings?: readonly string[];
}

/** A command's definition: its options, help and behaviour. */
export interface CommandSpec<O extends OptionSpecs> {
  name: string;
  /** One line for `symval --help`. */
  summary: string;
  /** A paragraph or two for `symval <name> --help`. */
  description: string;
  /**
   * The usage lines help shows, without the leading `symval <name>`, when the command takes
   * more than one form (flags or positional operands); default: one line made from the specs.
   */
  usage?: readonly string[];
  options: O;
  operands: OperandSpec;
  examples: readonly CommandExample[];
  /** What each exit code means for this command. */
  exitCodes: readonly (readonly [ExitCode, string])[];
  run(
    input: { options: OptionValues<O>; operands: string[] },
    context: CommandContext,
  ): Promise<CommandOutcome>;
}

/** A command with its option types erased, as the registry holds it. */
export type Command = CommandSpec<OptionSpecs>;

/**
 * Declares a command with its option values typed from the specs. One file per command
 * calls this; `src/commands/index.ts` lists the results.
 *
 * @example
 * export const hello = defineCommand({
 *   name: 'hello',
 *   summary: 'Greets',
 *   description: 'Greets someone.',
 *   options: { name: { type: 'string', value: '<name>', required: true, description: 'who' } },
 *   operands: { name: 'extra', description: 'ignored', min: 0 },
 *   examples: [{ command: 'symval hello --name Ada', description: 'greets Ada' }],
 *   exitCodes: [[0, 'greeted']],
 *   async run({ options }) {
 *     return { exitCode: 0, json: { hello: options.name }, human: () => `hello ${options.name}` };
 *   },
 * });
 */
export function defineCommand<const O extends OptionSpecs>(spec: CommandSpec<O>): Command {
  return spec as unknown as Command;
}
