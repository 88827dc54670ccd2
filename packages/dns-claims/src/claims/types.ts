import type { QueryFailureCode } from '../transport/query.js';

/**
 * Why a lookup failed. Every one of them means "unknown", never "no claim": the transport's
 * codes (`timeout`, `servfail`, `refused`, `network`, `formerr`, `notimp`, `malformed`,
 * `truncated`, `other`) and `invalid-hostname` (the input is not a valid hostname; no query
 * was sent).
 */
export type DnsLookupErrorCode = QueryFailureCode | 'invalid-hostname';

/** Why a lookup found no claim. */
export type DnsNoneReason =
  /** The name does not exist (NXDOMAIN), or the CNAME target does not. */
  | 'nxdomain'
  /** The name exists but has no TXT records (NODATA), or the CNAME target has none. */
  | 'nodata'
  /** A CNAME chain of two or more hops: only one hop is followed. */
  | 'cname-chain';

/** TXT records were found at `name`, or at `via` one CNAME hop away. */
export interface DnsClaimFound {
  status: 'found';
  /** The normalised hostname. */
  domain: string;
  /** The name queried: `_suns.<domain>`. */
  name: string;
  /** One string per TXT record (chunks joined, UTF-8), exact duplicates dropped. */
  records: string[];
  /** The CNAME target the records were read from, when one hop was taken. */
  via?: string;
}

/** DNS answered, and there is no claim. */
export interface DnsClaimNone {
  status: 'none';
  domain: string;
  name: string;
  reason: DnsNoneReason;
  /** A sentence saying what was found, e.g. which CNAME chain was not followed. */
  detail: string;
}

/** DNS did not answer usefully: the claims are unknown. */
export interface DnsClaimError {
  status: 'error';
  domain: string;
  name: string;
  code: DnsLookupErrorCode;
  message: string;
}

/** The outcome of one claim lookup. */
export type DnsClaimLookup = DnsClaimFound | DnsClaimNone | DnsClaimError;
