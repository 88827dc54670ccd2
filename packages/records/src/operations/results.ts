import type { DomainRecord } from '../table/domain-records.js';

/** Outcome of `upsertAttested`. */
export type UpsertAttestedResult =
  | {
      /** Every hostname of the group was written in one transaction; each Rev went up by one. */
      readonly status: 'updated';
      readonly groupId: string;
      readonly hostnames: readonly string[];
    }
  | {
      /** Concurrent transactions on the same items kept cancelling this one; nothing was written. */
      readonly status: 'conflict';
      readonly groupId: string;
      readonly attempts: number;
      /** DynamoDB's cancellation codes of the last attempt, one per hostname. */
      readonly reasons: readonly string[];
    };

/** Outcome of `setValidationIfUnchanged`. */
export type SetValidationResult =
  | { readonly status: 'updated'; readonly record: DomainRecord }
  | {
      /** The stored Rev is not the snapshot's: someone wrote the record since. Nothing changed. */
      readonly status: 'conflict';
      readonly currentRev: number;
      readonly record: DomainRecord;
    }
  | { readonly status: 'missing' };

/** Outcome of `deleteIfUnchanged`. */
export type DeleteIfUnchangedResult =
  | { readonly status: 'deleted'; readonly record: DomainRecord }
  | {
      readonly status: 'conflict';
      readonly currentRev: number;
      readonly record: DomainRecord;
    }
  | { readonly status: 'missing' };

/** Outcome of `addMissingRev`. */
export type AddMissingRevResult =
  /** The record had no Rev; it has Rev 1 now, and nothing else changed. */
  | { readonly status: 'added'; readonly record: DomainRecord }
  /** The record has a Rev (written since it was read, or never without one). Nothing changed. */
  | { readonly status: 'versioned'; readonly currentRev: number; readonly record: DomainRecord }
  | { readonly status: 'missing' };
