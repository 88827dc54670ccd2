export type {
  Command,
  CommandContext,
  CommandExample,
  CommandOutcome,
  CommandSpec,
  OperandSpec,
  OptionSpec,
  OptionSpecs,
  OptionValues,
} from './command.js';
export { defineCommand } from './command.js';
export type { CliErrorCode, CliErrorOptions } from './errors.js';
export { CliError } from './errors.js';
export { EXIT_CODE_MEANINGS, ExitCode } from './exit-codes.js';
export type { PlannedCommand, TopHelpInput } from './help.js';
export { formatCommandHelp, formatTopHelp } from './help.js';
export type { CliIo, Env, OutputStream } from './io.js';
export type { ParsedCommandArgs } from './parse.js';
export { parseCommandArgs } from './parse.js';
export type { RunCliOptions } from './run.js';
export { describeErrorChain, runCli } from './run.js';
export type { Style } from './style.js';
export { createStyle, shouldUseColor, styleFor } from './style.js';
