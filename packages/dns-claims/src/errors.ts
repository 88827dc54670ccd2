/** What a {@link DnsClaimsError} is about. */
export type DnsClaimsErrorCode =
  | 'options.invalid'
  | 'servers.invalid'
  | 'wire.malformed'
  | 'wire.name'
  | 'transport.timeout'
  | 'transport.network';

/**
 * The one error class of `@symval/dns-claims`. It is thrown for programming and configuration
 * mistakes (unknown options, a bad `DNS_SERVERS` entry); a DNS failure is never thrown but
 * returned as a lookup with `status: 'error'`.
 */
export class DnsClaimsError extends Error {
  override readonly name = 'DnsClaimsError';
  readonly code: DnsClaimsErrorCode;

  constructor(code: DnsClaimsErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
