/** Codes of {@link InfraError}. */
export type InfraErrorCode =
  | 'env.conflict'
  | 'env.invalid'
  | 'env.missing'
  | 'handler.invalid'
  | 'stage.invalid'
  | 'table.invalid';

/** A deploy setting that cannot be used; the message names the value and what would do. */
export class InfraError extends Error {
  override readonly name = 'InfraError';
  readonly code: InfraErrorCode;

  constructor(code: InfraErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
