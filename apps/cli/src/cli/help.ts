import type { Command } from './command.js';
import { EXIT_CODE_MEANINGS } from './exit-codes.js';
import { allOptions, optionLabel } from './parse.js';

/** A command that is planned but not built yet, with what it will do. */
export interface PlannedCommand {
  name: string;
  summary: string;
}

/** Rows of two columns, the first padded to the widest. */
export function columns(rows: readonly (readonly [string, string])[], indent = '  '): string {
  const width = Math.max(0, ...rows.map(([left]) => left.length));
  return rows
    .map(([left, right]) => `${indent}${left.padEnd(width)}  ${right}`.trimEnd())
    .join('\n');
}

/** `--owner <url> --type <name|code> [options] <domain...>`: the first form of a command. */
export function usageLine(command: Command): string {
  return usageLines(command)[0]!;
}

/** Every form of a command, e.g. the flag form and the positional form of `attest`. */
export function usageLines(command: Command): string[] {
  if (command.usage && command.usage.length > 0) {
    return command.usage.map((form) => `symval ${command.name} ${form}`);
  }
  return [defaultUsageLine(command)];
}

function defaultUsageLine(command: Command): string {
  const required = Object.entries(command.options)
    .filter(([, spec]) => spec.required)
    .map(([name, spec]) => optionLabel(name, spec));
  const { operands } = command;
  const operand = operands.max === 1 ? `<${operands.name}>` : `<${operands.name}...>`;
  return [
    'symval',
    command.name,
    ...required,
    '[options]',
    // A command that takes no operands shows none.
    ...(operands.max === 0 ? [] : [operands.min === 0 ? `[${operand}]` : operand]),
  ].join(' ');
}

function examples(command: Command | { examples: Command['examples'] }): string {
  return command.examples
    .map((example) => `  $ ${example.command}\n      ${example.description}`)
    .join('\n');
}

/** The help of one command: usage, description, options, examples and exit codes. */
export function formatCommandHelp(command: Command): string {
  const options = Object.entries(allOptions(command)).map(
    ([name, spec]) =>
      [
        // Long-only options line up with the long names of those that have a short one.
        `${spec.short ? '' : '    '}${optionLabel(name, spec)}`,
        `${spec.description}${spec.required ? ' (required)' : ''}`,
      ] as const,
  );
  const [first, ...others] = usageLines(command);
  return [
    `Usage: ${first}`,
    ...others.map((line) => `       ${line}`),
    '',
    command.description,
    '',
    'Options:',
    columns(options),
    '',
    'Examples:',
    examples(command),
    '',
    'Exit codes:',
    columns(command.exitCodes.map(([code, meaning]) => [String(code), meaning] as const)),
    '',
  ].join('\n');
}

/** Inputs of {@link formatTopHelp}. */
export interface TopHelpInput {
  version: string;
  commands: readonly Command[];
  planned: readonly PlannedCommand[];
}

/** `symval --help`: the commands, the global options, examples, exit codes and environment. */
export function formatTopHelp({ version, commands, planned }: TopHelpInput): string {
  const topExamples = commands.flatMap((command) => command.examples.slice(0, 1));
  return [
    `symval ${version}: prove and check symmetric domain names for the symval club`,
    '',
    'Usage: symval <command> [options]',
    '       symval <command> --help',
    '',
    'Commands:',
    columns(commands.map((command) => [command.name, command.summary] as const)),
    '',
    ...(planned.length > 0
      ? [
          'Coming next:',
          columns(planned.map((command) => [command.name, command.summary] as const)),
          '',
        ]
      : []),
    'Options:',
    columns([
      ['-h, --help', "Show help (after a command: that command's help)"],
      ['    --version', 'Print the version'],
      ['    --json', 'Machine output: one JSON document on stdout, nothing else there'],
      ['    --debug', 'On an error, also print its stack trace and causes'],
    ]),
    '',
    'Examples:',
    examples({ examples: topExamples }),
    '',
    'Exit codes:',
    columns(EXIT_CODE_MEANINGS.map(([code, meaning]) => [String(code), meaning] as const)),
    '',
    'Environment:',
    columns([
      [
        'DNS_SERVERS',
        'DNS servers for lookups, e.g. "127.0.0.1:5353,[::1]:53" (--dns-server wins)',
      ],
      ['DOMAIN_TABLE_NAME', 'The DynamoDB records table (--table wins)'],
      [
        'SNAPSHOT_BUCKET, SNAPSHOT_KEY',
        'Where the snapshot is (--snapshot wins; default key records/domains.json)',
      ],
      [
        'AWS_ENDPOINT_URL_DYNAMODB',
        'DynamoDB endpoint, e.g. http://127.0.0.1:8000 for DynamoDB Local',
      ],
      ['AWS_ENDPOINT_URL_S3', 'S3 endpoint, e.g. s3rver on loopback (path-style requests)'],
      ['AWS_REGION, AWS_PROFILE', 'The usual AWS settings: region and credentials'],
      ['ERASURE_CHECKPOINT_TABLE_NAME', "erase-owner's checkpoint table (--checkpoint-table wins)"],
      [
        'SYMVAL_LOCAL_PORT',
        'Base port of the local stack (pnpm dev --port) read by default (default 8787)',
      ],
      [
        'SYMVAL_LAMBDA_ENDPOINT',
        "invoke's Lambda API, e.g. http://127.0.0.1:8790 (--endpoint wins)",
      ],
      [
        'NO_COLOR',
        'Set to anything to turn colours off (they are off when stdout is not a terminal)',
      ],
    ]),
    '',
  ].join('\n');
}
