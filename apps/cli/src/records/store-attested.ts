import type { AttestResult } from '@symval/attestation';
import { attestationViewer } from '@symval/records';
import { withAwsErrors } from '../aws/errors.js';
import type { Env } from '../cli/io.js';
import { connectRecordsTable } from './connection.js';

/** What `attest --store` did. */
export type StoreOutcome =
  | { status: 'updated'; table: string; groupId: string; hostnames: readonly string[] }
  | { status: 'conflict'; table: string; groupId: string; attempts: number }
  | { status: 'not-stored'; table: string; reason: string };

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
  if (result.status !== 'valid' || !result.records) {
    return {
      status: 'not-stored',
      table: tableName,
      reason: `the group is ${result.status}; only a valid group is stored`,
    };
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
