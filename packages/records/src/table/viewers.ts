import type { SymmetryCode } from './symmetry-code.js';

/**
 * One record of a valid attestation, as `@symval/attestation`'s `AttestedRecord` has it
 * (structurally: this package may not import attestation).
 */
export interface AttestedRecordLike {
  readonly owner: string;
  readonly type: SymmetryCode;
  readonly hostname: string;
  readonly groupId: string;
  readonly validateTime: Date;
}

/**
 * The part of an attestation result a write check reads (`AttestResult` fits): only a
 * `valid` result carrying records lets anything be written.
 */
export interface AttestationResultLike {
  readonly status: string;
  readonly records?: readonly AttestedRecordLike[];
}

/**
 * Who operations on the DomainRecord table are made for.
 *
 * - `attestation`: the API after an attestation; may write only the hostnames (with the owner,
 *   type and group ID) of the `valid` result it carries.
 * - `reattestation`: the daily job; may only change `ValidateTime` (and so `Rev`) or delete.
 * - `migration`: `symval migrate --apply`; may only give `Rev` to records that have none.
 * - `public`: anyone else (the site, the CLI); may read.
 *
 * Trusted jobs that need neither (the snapshot rebuild) use `asSystem(name)`.
 */
export type RecordsViewer =
  | { readonly kind: 'attestation'; readonly result: AttestationResultLike }
  | { readonly kind: 'reattestation' }
  | { readonly kind: 'migration' }
  | { readonly kind: 'public' };

/**
 * The viewer for writes after an attestation.
 *
 * @example
 * const result = await attest(input, { resolver });
 * await records.as(attestationViewer(result)).upsertAttested(result.records ?? []);
 */
export function attestationViewer(result: AttestationResultLike): RecordsViewer {
  return Object.freeze({ kind: 'attestation', result });
}

/** The viewer of the re-attestation job: Rev-conditional validation updates and deletes. */
export function reattestationViewer(): RecordsViewer {
  return Object.freeze({ kind: 'reattestation' });
}

/**
 * The viewer of a migration of existing data: it may add `Rev` (as 1) to records written
 * before the table had it, and change nothing else.
 */
export function migrationViewer(): RecordsViewer {
  return Object.freeze({ kind: 'migration' });
}

/** A viewer with no write rights (the site, the CLI, anyone). */
export function publicViewer(): RecordsViewer {
  return Object.freeze({ kind: 'public' });
}
