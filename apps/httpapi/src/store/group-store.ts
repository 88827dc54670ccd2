import type { AttestResult } from '@symval/attestation';

/** A record as the API shows it: one hostname of a group, with its revision. */
export interface StoredRecord {
  owner: string;
  /** The symmetry type code. */
  type: string;
  hostname: string;
  groupId: string;
  /** RFC 3339. */
  validateTime: string;
  rev: number;
}

/** What became of a withdrawal's conditional deletes. */
export interface DeleteGroupResult {
  deleted: number;
  /** Records that changed (or went) since they were read: left alone. */
  conflicts: number;
  /**
   * Records whose delete the store could not take now (throttled, failing, unreachable): still
   * stored, so withdrawing again finishes the job. `failure` is the first such error.
   */
  unavailable?: { count: number; failure: Error };
}

/** What became of storing a valid attestation. */
export type SaveAttestedResult =
  | { status: 'stored'; records: StoredRecord[] }
  /** Concurrent writes to the same records kept cancelling this one; nothing was written. */
  | { status: 'busy' };

/**
 * The storage the API needs; `@symval/records` provides it (see `createRecordsGroupStore`).
 * A store that cannot answer now rejects with `HttpApiError` `store.unavailable` (503).
 */
export interface GroupStore {
  /**
   * Stores the records of a valid attestation through the attestation viewer (whose policy
   * lets only a valid result's own records be written), then reads the group back.
   */
  saveAttested(result: AttestResult): Promise<SaveAttestedResult>;
  /** A group's records, read consistently; `[]` when there are none. */
  readGroup(groupId: string): Promise<StoredRecord[]>;
  /** Deletes records that still have the Rev they were read with. */
  deleteGroup(records: readonly StoredRecord[]): Promise<DeleteGroupResult>;
}
