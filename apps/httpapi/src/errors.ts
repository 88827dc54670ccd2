/** What an {@link HttpApiError} is about. */
export type HttpApiErrorCode = 'config.invalid' | 'options.invalid';

/**
 * The one error class of `@symval/httpapi`, thrown for bad configuration or options at start-up.
 * A refused request is an HTTP answer, never this error.
 */
export class HttpApiError extends Error {
  override readonly name = 'HttpApiError';
  readonly code: HttpApiErrorCode;

  constructor(code: HttpApiErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
