import {
  CreateTableCommand,
  DescribeTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { checkpointTableInputs, createOwnerEraser, type Eraser } from '@symval/records';
import { withAwsErrors } from '../aws/errors.js';
import type { RecordsConnection } from './connection.js';

/** The eraser over the records table, with the checkpoint table it keeps its progress in. */
export interface RecordsEraser {
  eraser: Eraser;
  checkpointTable: string;
}

// Dynamite logs a system job's first use of each operation on stderr. Here the job is the
// command the operator ran: it prints the plan and the result itself, and the checkpoint
// table keeps the proof, so those lines would only break `--json`'s clean stderr.
const quiet = () => {};

/** Binds dynamite's eraser to the records table and a checkpoint table on the same client. */
export function createRecordsEraser(
  table: RecordsConnection,
  checkpointTable: string,
): RecordsEraser {
  const eraser = createOwnerEraser(table.client, {
    tableName: table.tableName,
    checkpointTableName: checkpointTable,
    logger: quiet,
  });
  return { eraser, checkpointTable };
}

function isNotFound(error: unknown): boolean {
  return (error as { name?: string }).name === 'ResourceNotFoundException';
}

/**
 * Creates the checkpoint table (with its TTL) unless it exists, and waits until it is active.
 * Returns whether it was created.
 */
export async function ensureCheckpointTable(
  table: RecordsConnection,
  checkpointTable: string,
): Promise<boolean> {
  const target = {
    what: `DynamoDB table "${checkpointTable}" (erasure checkpoints)`,
    where: table.target.where,
    fix: 'Check --checkpoint-table or ERASURE_CHECKPOINT_TABLE_NAME',
  };
  return withAwsErrors(target, async () => {
    try {
      await table.client.send(new DescribeTableCommand({ TableName: checkpointTable }));
      return false;
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    const inputs = checkpointTableInputs(checkpointTable);
    await table.client.send(new CreateTableCommand(inputs.create));
    await waitUntilTableExists(
      { client: table.client, maxWaitTime: 300 },
      { TableName: checkpointTable },
    );
    if (inputs.timeToLive) await table.client.send(new UpdateTimeToLiveCommand(inputs.timeToLive));
    return true;
  });
}
