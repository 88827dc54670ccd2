import type { SymmetryCode, SymmetryType } from '../validators/symmetry-types.js';

/**
 * What a {@link ClaimResolver} found for one hostname: the TXT records at `_suns.<hostname>`
 * (`found`, `via` naming a CNAME target when one hop was taken), a definite absence (`none`),
 * or a failure that leaves the claims unknown (`error`). `@symval/dns-claims` returns this
 * shape (with a few more fields).
 */
export type ClaimLookup =
  | { status: 'found'; name: string; records: readonly string[]; via?: string }
  | { status: 'none'; name: string; detail: string }
  | { status: 'error'; name: string; code: string; message: string };

/** Where claims come from. The engine calls `lookup` once per hostname, all at once. */
export interface ClaimResolver {
  /** Claims of a normalised hostname. Should not reject; a rejection counts as an `error`. */
  lookup(domain: string): Promise<ClaimLookup>;
}

/** A request to attest a group. */
export interface AttestInput {
  /** Any string of 1 to 512 characters without control characters; a URL is recommended. */
  owner: string;
  /** A symmetry type name or code, e.g. `'mirrornames'` or `'e'`. */
  type: string;
  /** The group's hostnames, as many as the type needs. */
  domains: readonly string[];
}

/** Options of `attest`. */
export interface AttestOptions {
  resolver: ClaimResolver;
  /** The validation time to record. Default: the current time. */
  now?: Date | (() => Date);
}

/** Why a group is not valid (or not known to be). Every code is listed in the README. */
export type AttestReasonCode =
  | 'input-invalid'
  | 'owner-invalid'
  | 'type-unknown'
  | 'domain-count'
  | 'domain-invalid'
  | 'domain-duplicate'
  | 'symmetry-failed'
  | 'lookup-failed'
  | 'owner-conflict'
  | 'missing-claim';

/**
 * One reason; `domain` names the hostname when the reason is about one, and input reasons name
 * the `field` of `{ owner, type, domains }` at fault (`owner`, `type`, `domains`, `domains[1]`).
 */
export interface AttestReason {
  code: AttestReasonCode;
  domain?: string;
  field?: string;
  message: string;
}

/** The claims seen on one hostname. */
export interface DomainClaims {
  /** The normalised hostname. */
  domain: string;
  lookup: ClaimLookup;
  /** The TXT records that are group IDs, in the order found. */
  groupIds: string[];
}

/** A TXT record that is not a group ID; such records are ignored. */
export interface IgnoredRecord {
  domain: string;
  record: string;
}

/** One stored record of a valid group: one per hostname. */
export interface AttestedRecord {
  owner: string;
  /** The symmetry type code. */
  type: SymmetryCode;
  hostname: string;
  groupId: string;
  validateTime: Date;
}

/** The outcome of an attestation. */
export interface AttestResult {
  /**
   * `valid`: every check passed. `invalid`: a check failed for certain. `indeterminate`: no
   * check failed, but a lookup error left some claims unknown.
   */
  status: 'valid' | 'invalid' | 'indeterminate';
  /** The group ID every hostname must carry; `null` when the input is invalid. */
  expectedId: string | null;
  /** The resolved symmetry type; `null` when unknown. */
  type: SymmetryType | null;
  /** The normalised hostnames (empty when the input is invalid). */
  hostnames: string[];
  /** One entry per hostname looked up, in input order (empty when the input is invalid). */
  claims: DomainClaims[];
  reasons: AttestReason[];
  /** Present when `status` is `valid`: one record per hostname. */
  records?: AttestedRecord[];
  /** TXT records that are not group IDs. */
  ignoredRecords: IgnoredRecord[];
  /** How many distinct group IDs the hostnames carry in all. */
  groupIdCount: number;
}

/** The outcome of attesting checked input: the expected ID and the type are always known. */
export type CheckedAttestResult = AttestResult & { expectedId: string; type: SymmetryType };
