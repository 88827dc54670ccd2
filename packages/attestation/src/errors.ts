/** What an {@link AttestationError} is about. */
export type AttestationErrorCode = 'options.invalid' | 'records.invalid';

/**
 * The one error class of `@symval/attestation`, thrown for programming mistakes such as unknown
 * options. A group that fails attestation is a result (`status: 'invalid'`), never an error.
 */
export class AttestationError extends Error {
  override readonly name = 'AttestationError';
  readonly code: AttestationErrorCode;

  constructor(code: AttestationErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
