import type { AttestResult } from '@symval/attestation';
import { attestationViewer } from '@symval/records';
import { withAwsErrors } from '../aws/errors.js';
import type { Env } from '../cli/io.js';
import { upsertAttestedInFile } from '../records-file/index.js';
import { connectRecordsTable } from './connection.js';

/** What `attest --store` did; `table` or `file` says where. */
export type StoreOutcome =
  | {
      status: 'updated';
      table: string;
      file?: undefined;
      groupId: string;
      hostnames: readonly string[];
    }
  | {
      status: 'updated';
      table?: undefined;
      file: string;
      /** The file did not exist before. */
      created: boolean;
      groupId: string;
      hostnames: readonly string[];
      /** Each record's Rev after the write. */
      records: { hostname: string; rev: number }[];
    }
  | { status: 'conflict'; table: string; file?: undefined; groupId: string; attempts: number }
  | { status: 'not-stored'; table?: string; file?: string; reason: string };

function notStored(result: AttestResult): string | undefined {
  return result.status === 'valid' && result.records
    ? undefined
    : `the group is ${result.status}; only a valid group is stored`;
}

/**
 * Writes a valid attestation's records to a local records file (`attest --store --file`),
 * as the table write does: Rev + 1 (or 1) per hostname, all or nothing. A result that is not
 * valid writes nothing and does not create the file.
 */
export async function storeAttestedInFile(
  result: AttestResult,
  path: string,
): Promise<StoreOutcome> {
  const reason = notStored(result);
  if (reason !== undefined || !result.records) {
    return { status: 'not-stored', file: path, reason: reason ?? 'nothing to store' };
  }
  const written = await upsertAttestedInFile(path, result.records);
  return {
    status: 'updated',
    file: path,
    created: written.created,
    groupId: result.records[0]!.groupId,
    hostnames: result.records.map((record) => record.hostname),
    records: written.records.map(({ hostname, rev }) => ({ hostname, rev })),
  };
}

/**
 * Writes a valid attestation's records to the records table through the attestation viewer:
 * one transaction, `Rev` + 1 (or 1) per hostname, ValidateTime the attestation's time. A
 * result that is not valid writes nothing.
 */
export async function storeAttested(
  result: AttestResult,
  tableName: string,
  env: Env,
): Promise<StoreOutcome> {
  const reason = notStored(result);
  if (reason !== undefined || !result.records) {
    return { status: 'not-stored', table: tableName, reason: reason ?? 'nothing to store' };
  }
  const records = result.records;
  const table = connectRecordsTable(tableName, env);
  try {
    const outcome = await withAwsErrors(table.target, () =>
      table.records.as(attestationViewer(result)).upsertAttested(records),
    );
    return outcome.status === 'updated'
      ? {
          status: 'updated',
          table: tableName,
          groupId: outcome.groupId,
          hostnames: outcome.hostnames,
        }
      : {
          status: 'conflict',
          table: tableName,
          groupId: outcome.groupId,
          attempts: outcome.attempts,
        };
  } finally {
    table.close();
  }
}
