/**
 * What an {@link HttpApiError} is about: `config.invalid` and `options.invalid` at start-up;
 * `store.unavailable` when DynamoDB throttled, failed or could not be reached after the SDK's
 * retries (the API answers 503 with `Retry-After`).
 */
export type HttpApiErrorCode = 'config.invalid' | 'options.invalid' | 'store.unavailable';

/**
 * The one error class of `@symval/httpapi`, thrown for bad configuration or options at start-up,
 * and for a store that cannot answer now. A refused request is an HTTP answer, never this error.
 */
export class HttpApiError extends Error {
  override readonly name = 'HttpApiError';
  readonly code: HttpApiErrorCode;

  constructor(code: HttpApiErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
