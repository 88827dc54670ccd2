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
      const outcome = await records
        .as(attestationViewer(result))
        .upsertAttested(result.records ?? []);
      if (outcome.status === 'conflict') return { status: 'busy' };
      const group = await reader.listGroup(outcome.groupId);
      return { status: 'stored', records: group.map(toStored) };
    },
    async readGroup(groupId: string): Promise<StoredRecord[]> {
      return (await reader.listGroup(groupId)).map(toStored);
    },
    async deleteGroup(group: readonly StoredRecord[]): Promise<DeleteGroupResult> {
      const outcomes = await Promise.all(
        group.map((record) =>
          withdrawer.deleteIfUnchanged(
            { groupId: record.groupId, hostname: record.hostname },
            record.rev,
          ),
        ),
      );
      const deleted = outcomes.filter((outcome) => outcome.status === 'deleted').length;
      return { deleted, conflicts: outcomes.length - deleted };
    },
  };
}
