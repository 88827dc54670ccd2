import type { AttestResult } from '@symval/attestation';
import {
  attestationViewer,
  type DomainRecord,
  formatValidateTime,
  publicViewer,
  type RecordsClient,
  reattestationViewer,
} from '@symval/records';
import type {
  DeleteGroupResult,
  GroupStore,
  SaveAttestedResult,
  StoredRecord,
} from './group-store.js';
import { guardStore, isStoreUnavailable } from './unavailable.js';

function toStored(record: DomainRecord): StoredRecord {
  return {
    owner: record.owner,
    type: record.type,
    hostname: record.hostname,
    groupId: record.groupId,
    validateTime: formatValidateTime(record.validateTime),
    rev: record.rev,
  };
}

/**
 * The API's storage on the DomainRecord table: writes as the attestation viewer, reads as the
 * public viewer (consistently), withdrawals as Rev-conditional deletes by the re-attestation
 * viewer.
 *
 * @example
 * const store = createRecordsGroupStore(connectRecords(new DynamoDBClient({}), { tableName }));
 */
export function createRecordsGroupStore(records: RecordsClient): GroupStore {
  const reader = records.as(publicViewer());
  // A withdrawal is what the daily job does to a group whose claims are gone, only sooner:
  // Rev-conditional deletes after DNS showed no claim. The re-attestation viewer's policy
  // allows exactly that (conditional deletes and ValidateTime updates, nothing else).
  const withdrawer = records.as(reattestationViewer());
  return {
    async saveAttested(result: AttestResult): Promise<SaveAttestedResult> {
      // One transaction for the whole group: under any fault it is written entirely or not at
      // all, and a retried request carries the same idempotency token.
      const outcome = await guardStore('the attested group', () =>
        records.as(attestationViewer(result)).upsertAttested(result.records ?? []),
      );
      if (outcome.status === 'conflict') return { status: 'busy' };
      const group = await guardStore('the read-back of the group', () =>
        reader.listGroup(outcome.groupId),
      );
      return { status: 'stored', records: group.map(toStored) };
    },
    async readGroup(groupId: string): Promise<StoredRecord[]> {
      return (await guardStore('the group read', () => reader.listGroup(groupId))).map(toStored);
    },
    async deleteGroup(group: readonly StoredRecord[]): Promise<DeleteGroupResult> {
      // Record by record (each conditional on its Rev): one that fails stays stored, and the
      // caller is told how many went, so a second withdrawal finishes what the first began.
      const settled = await Promise.allSettled(
        group.map((record) =>
          withdrawer.deleteIfUnchanged(
            { groupId: record.groupId, hostname: record.hostname },
            record.rev,
          ),
        ),
      );
      let deleted = 0;
      let conflicts = 0;
      const failures: Error[] = [];
      for (const outcome of settled) {
        if (outcome.status === 'rejected') {
          if (!isStoreUnavailable(outcome.reason)) throw outcome.reason;
          failures.push(outcome.reason as Error);
        } else if (outcome.value.status === 'deleted') deleted++;
        else conflicts++;
      }
      return {
        deleted,
        conflicts,
        ...(failures.length > 0
          ? { unavailable: { count: failures.length, failure: failures[0]! } }
          : {}),
      };
    },
  };
}
