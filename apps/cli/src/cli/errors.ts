import { ExitCode } from './exit-codes.js';

/** What a {@link CliError} is about. */
export type CliErrorCode =
  | 'usage.no-command'
  | 'usage.unknown-command'
  | 'usage.planned-command'
  | 'usage.unknown-option'
  | 'usage.option-value'
  | 'usage.repeated-option'
  | 'usage.missing-option'
  | 'usage.operands'
  | 'usage.conflicting-options'
  | 'usage.confirmation'
  | 'input.owner'
  | 'input.type'
  | 'input.hostname'
  | 'input.timeout'
  | 'input.dns-server'
  | 'input.table'
  | 'input.snapshot'
  | 'input.number'
  | 'input.payload'
  | 'input.endpoint'
  | 'input.local-port'
  | 'input.function'
  | 'dns.no-servers'
  | 'input.file'
  | 'input.group-id'
  | 'input.url'
  | 'file.not-found'
  | 'file.unreadable'
  | 'file.invalid'
  | 'file.locked'
  | 'file.write'
  | 'api.unreachable'
  | 'api.refused'
  | 'api.answer'
  | 'snapshot.not-found'
  | 'snapshot.unreadable'
  | 'snapshot.invalid'
  | 'aws.not-found'
  | 'aws.credentials'
  | 'aws.region'
  | 'aws.unreachable'
  | 'aws.denied'
  | 'aws.request'
  | 'records.invalid-item';

/** Options of a {@link CliError}. */
export interface CliErrorOptions {
  /** Default: {@link ExitCode.usage}. */
  exitCode?: ExitCode;
  /** One sentence saying what to do about it. */
  hint?: string;
  cause?: unknown;
}

/**
 * The one error class of the CLI: a failure the user can fix, with the exit code to end with
 * and a hint saying how. Anything else that reaches the top is a bug (exit code 4).
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly code: CliErrorCode;
  readonly exitCode: ExitCode;
  readonly hint: string | undefined;

  constructor(code: CliErrorCode, message: string, options: CliErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.exitCode = options.exitCode ?? ExitCode.usage;
    this.hint = options.hint;
  }
}
