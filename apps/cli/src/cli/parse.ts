import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { Command, OptionSpec, OptionSpecs } from './command.js';
import { CliError } from './errors.js';
import { closestMatch } from './suggest.js';

/** The options every command takes. */
export const COMMON_OPTIONS = {
  json: { type: 'boolean', description: 'Print one JSON document on stdout instead of text' },
  help: { type: 'boolean', short: 'h', description: 'Show this help' },
  debug: {
    type: 'boolean',
    description: 'On an error, also print its stack trace and causes (for reporting a bug)',
  },
} as const satisfies OptionSpecs;

/** A command's arguments after parsing. */
export interface ParsedCommandArgs {
  options: Record<string, string | boolean | string[] | undefined>;
  operands: string[];
}

/** `--owner <url>`, `-h, --help`: how help and errors name an option. */
export function optionLabel(name: string, spec: OptionSpec): string {
  const long = `--${name}${spec.type === 'string' ? ` ${spec.value ?? '<value>'}` : ''}`;
  return spec.short ? `-${spec.short}, ${long}` : long;
}

/** Every option of `command`, its own first, then the common ones. */
export function allOptions(command: Command): OptionSpecs {
  return { ...command.options, ...COMMON_OPTIONS };
}

function parseArgsOptions(specs: OptionSpecs): NonNullable<ParseArgsConfig['options']> {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, spec] of Object.entries(specs)) {
    options[name] = {
      type: spec.type,
      ...(spec.short ? { short: spec.short } : {}),
      ...(spec.multiple ? { multiple: true } : {}),
    };
  }
  return options;
}

function helpHint(command: string): string {
  return `Run 'symval ${command} --help' for its options and examples.`;
}

function validNames(specs: OptionSpecs): string {
  return Object.entries(specs)
    .map(([name, spec]) => optionLabel(name, spec))
    .join(', ');
}

type Token = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];

/**
 * Turns a `parseArgs` strict-mode failure into a message naming the option and what the
 * command accepts. The lenient re-parse only serves to find the culprit among the tokens.
 */
function explainParseError(command: string, specs: OptionSpecs, args: string[], error: unknown) {
  const { tokens = [] } = parseArgs({
    args,
    options: parseArgsOptions(specs),
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const spec = specs[token.name];
    if (!spec) {
      const names = Object.keys(specs);
      const near = token.rawName.startsWith('--') ? closestMatch(token.name, names) : undefined;
      return new CliError(
        'usage.unknown-option',
        `unknown option ${token.rawName} for '${command}'${near ? ` (did you mean --${near}?)` : ''}`,
        { hint: `'${command}' takes: ${validNames(specs)}. ${helpHint(command)}`, cause: error },
      );
    }
    if (spec.type === 'boolean' && token.inlineValue) {
      return new CliError('usage.option-value', `${token.rawName} takes no value`, {
        hint: `Write ${token.rawName} alone. ${helpHint(command)}`,
        cause: error,
      });
    }
    if (spec.type === 'string' && (token.value === undefined || looksLikeOption(token))) {
      const got = token.value === undefined ? '' : `, but the next argument is ${token.value}`;
      return new CliError('usage.option-value', `${token.rawName} needs a value${got}`, {
        hint: `Write ${optionLabel(token.name, spec).replace(/^-\w, /, '')}; a value that starts with "-" goes as --${token.name}=-value. ${helpHint(command)}`,
        cause: error,
      });
    }
  }
  return new CliError('usage.option-value', (error as Error).message, {
    hint: helpHint(command),
    cause: error,
  });
}

function looksLikeOption(token: Token & { kind: 'option' }): boolean {
  return !token.inlineValue && typeof token.value === 'string' && token.value.startsWith('-');
}

/**
 * Parses a command's arguments strictly with `node:util` `parseArgs`: unknown options,
 * missing values, an option given twice that may be given once, missing required options and
 * the wrong number of operands all throw a {@link CliError} (exit code 2) that says what the
 * command accepts.
 */
export function parseCommandArgs(command: Command, args: readonly string[]): ParsedCommandArgs {
  const specs = allOptions(command);
  const argList = [...args];
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argList,
      options: parseArgsOptions(specs),
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      throw explainParseError(command.name, specs, argList, error);
    }
    throw error;
  }

  const seen = new Set<string>();
  for (const token of parsed.tokens ?? []) {
    if (token.kind !== 'option') continue;
    const spec = specs[token.name];
    if (spec && !spec.multiple && spec.type === 'string' && seen.has(token.name)) {
      throw new CliError('usage.repeated-option', `--${token.name} was given more than once`, {
        hint: `Give --${token.name} once. ${helpHint(command.name)}`,
      });
    }
    seen.add(token.name);
  }

  for (const [name, spec] of Object.entries(command.options)) {
    if (spec.required && parsed.values[name] === undefined) {
      const example = command.examples[0]?.command;
      throw new CliError(
        'usage.missing-option',
        `'${command.name}' needs ${optionLabel(name, spec)} (${lowerFirst(spec.description)})`,
        { hint: example ? `For example: ${example}` : helpHint(command.name) },
      );
    }
  }

  const { operands: spec } = command;
  const count = parsed.positionals.length;
  if (spec.max === 0 && count > 0) {
    throw new CliError(
      'usage.operands',
      `'${command.name}' takes no operands, received ${parsed.positionals.map((p) => JSON.stringify(p)).join(' ')}`,
      { hint: `Options go with their values, e.g. --owner <value>. ${helpHint(command.name)}` },
    );
  }
  if (count < spec.min || (spec.max !== undefined && count > spec.max)) {
    const wanted =
      spec.max === undefined
        ? `at least ${spec.min} ${spec.name}${spec.min === 1 ? '' : 's'}`
        : spec.max === spec.min
          ? `exactly ${spec.min} ${spec.name}${spec.min === 1 ? '' : 's'}`
          : `${spec.min} to ${spec.max} ${spec.name}s`;
    throw new CliError(
      'usage.operands',
      `'${command.name}' takes ${wanted} (${spec.description}), received ${count}`,
      { hint: helpHint(command.name) },
    );
  }

  return {
    options: parsed.values as ParsedCommandArgs['options'],
    operands: [...parsed.positionals],
  };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Whether `-h` or `--help` appears before any `--`: help wins over every other problem. */
export function wantsHelp(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

function hasFlag(args: readonly string[], flag: string): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    if (arg === flag) return true;
  }
  return false;
}

/** Whether `--json` appears before any `--`, known even when parsing fails. */
export function wantsJson(args: readonly string[]): boolean {
  return hasFlag(args, '--json');
}

/** Whether `--debug` appears before any `--`, known even when parsing fails. */
export function wantsDebug(args: readonly string[]): boolean {
  return hasFlag(args, '--debug');
}
