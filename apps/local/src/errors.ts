/** Why the local stack could not do what was asked. */
export type LocalErrorCode =
  | 'args.invalid'
  | 'settings.invalid'
  | 'build.failed'
  | 'demo.dns'
  | 'port.in-use'
  | 'handler.missing'
  | 'site.missing'
  | 'stack.start-failed'
  | 'reattest.stopped';

/** The one error class of `@symval/local`; `code` says what was wrong. */
export class LocalError extends Error {
  override readonly name = 'LocalError';
  readonly code: LocalErrorCode;

  constructor(code: LocalErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
