/** What a {@link ReattestBatchError} is about. */
export type ReattestBatchErrorCode = 'config.invalid' | 'options.invalid';

/**
 * The one error class of `@symval/reattestbatch`: bad configuration or options. A group that
 * fails re-attestation, or a write that loses a Rev race, is counted in the summary instead.
 */
export class ReattestBatchError extends Error {
  override readonly name = 'ReattestBatchError';
  readonly code: ReattestBatchErrorCode;

  constructor(code: ReattestBatchErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
