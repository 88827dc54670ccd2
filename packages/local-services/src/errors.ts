/** What went wrong starting DynamoDB Local. */
export type DynamoDbLocalErrorCode = 'java.missing' | 'java.too-old' | 'dynamodb-local.start';

/**
 * The error class of this package: every error it throws on purpose is one, with a string
 * `code` (`java.missing`, `stream-poller.*`, `faults.*`, …). `StreamPollerError` and
 * `FaultError` extend it with the payloads of their codes.
 */
export class LocalServicesError<Code extends string = string> extends Error {
  override name = 'LocalServicesError';
  readonly code: Code;

  constructor(code: Code, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
