import type { AttestResult } from '@symval/attestation';
import type {
  DeleteGroupResult,
  GroupStore,
  SaveAttestedResult,
  StoredRecord,
} from '../../src/store/group-store.js';

/** A GroupStore in a Map, for tests of HTTP behaviour where the table plays no part. */
export interface MemoryGroupStore extends GroupStore {
  readonly records: Map<string, StoredRecord>;
}

export function createMemoryGroupStore(): MemoryGroupStore {
  const records = new Map<string, StoredRecord>();
  const key = (groupId: string, hostname: string): string => `${groupId} ${hostname}`;
  return {
    records,
    async saveAttested(result: AttestResult): Promise<SaveAttestedResult> {
      if (result.status !== 'valid' || !result.records) throw new Error('only valid results');
      const stored = result.records.map((record) => {
        const previous = records.get(key(record.groupId, record.hostname));
        const stored: StoredRecord = {
          owner: record.owner,
          type: record.type,
          hostname: record.hostname,
          groupId: record.groupId,
          validateTime: record.validateTime.toISOString(),
          rev: (previous?.rev ?? 0) + 1,
        };
        records.set(key(record.groupId, record.hostname), stored);
        return stored;
      });
      return { status: 'stored', records: stored };
    },
    async readGroup(groupId: string): Promise<StoredRecord[]> {
      return [...records.values()].filter((record) => record.groupId === groupId);
    },
    async deleteGroup(group: readonly StoredRecord[]): Promise<DeleteGroupResult> {
      let deleted = 0;
      let conflicts = 0;
      for (const record of group) {
        const current = records.get(key(record.groupId, record.hostname));
        if (current?.rev === record.rev) {
          records.delete(key(record.groupId, record.hostname));
          deleted++;
        } else conflicts++;
      }
      return { deleted, conflicts };
    },
  };
}
