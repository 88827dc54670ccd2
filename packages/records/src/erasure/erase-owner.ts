import type {
  CreateTableCommandInput,
  DynamoDBClient,
  UpdateTimeToLiveCommandInput,
} from '@aws-sdk/client-dynamodb';
import {
  type AnyTableDefinition,
  createEraser,
  createTableInput,
  type Eraser,
  type ErasureReport,
  erasureCheckpoints,
  type SystemAccessLogger,
  timeToLiveInput,
  verifyErasure,
} from '@symval/dynamite-orm';
import { domainRecords } from '../table/domain-records.js';

/** Options of {@link createOwnerEraser}. */
export interface OwnerEraserOptions {
  /** The DomainRecord table's physical name. */
  tableName: string;
  /** The checkpoint table's physical name (infra's `checkpointTable` output). */
  checkpointTableName: string;
  /** Where dynamite reports the erasure job's system access; default dynamite's own. */
  logger?: SystemAccessLogger;
}

/**
 * The eraser for an owner's records: dynamite's exactly-once, resumable eraser over the
 * records table (the owner is the data subject, found through `byOwner`) with its progress in
 * the checkpoint table. Plan first, show it, then execute.
 *
 * @example
 * const eraser = createOwnerEraser(client, { tableName, checkpointTableName });
 * const plan = await eraser.planErasure('https://me.example');
 * await eraser.executeErasure(plan);
 */
export function createOwnerEraser(client: DynamoDBClient, options: OwnerEraserOptions): Eraser {
  const logger = options.logger ? { logger: options.logger } : {};
  return createEraser({
    tables: [domainRecords.connect(client, { tableName: options.tableName, ...logger })],
    checkpoints: erasureCheckpoints.connect(client, {
      tableName: options.checkpointTableName,
      ...logger,
    }),
  });
}

/** The CreateTable and UpdateTimeToLive inputs of the erasure checkpoint table. */
export function checkpointTableInputs(tableName: string): {
  create: CreateTableCommandInput;
  timeToLive: UpdateTimeToLiveCommandInput | undefined;
} {
  return {
    create: createTableInput(erasureCheckpoints, { tableName }),
    timeToLive: timeToLiveInput(erasureCheckpoints, { tableName }),
  };
}

/**
 * dynamite's erasure check on the tables symval deploys: the records table, and with
 * `withCheckpoints` the checkpoint table (whose `none` decision always needs review).
 */
export function verifyRecordsErasure(options: { withCheckpoints?: boolean } = {}): ErasureReport {
  const tables: AnyTableDefinition[] = [domainRecords];
  if (options.withCheckpoints) tables.push(erasureCheckpoints);
  return verifyErasure(tables);
}
