import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SystemAccessLogger, TableClient } from '@symval/dynamite-orm';
import { domainRecords } from '../table/domain-records.js';
import type { RecordsViewer } from '../table/viewers.js';
import { RecordOperations } from './record-operations.js';
import { infoSystemAccessLogger } from './system-access-log.js';

/** Options of {@link connectRecords}. */
export interface ConnectRecordsOptions {
  /** The physical table name (`DOMAIN_TABLE_NAME` or the linked `DomainTable`). */
  tableName: string;
  /**
   * Receives one event per operation a system job (`asSystem`) makes, before it is sent
   * (dynamite's `connect` option `logger`). Default {@link infoSystemAccessLogger}: an `INFO`
   * JSON line on stdout the first time each job makes each kind of operation.
   */
  systemAccessLogger?: SystemAccessLogger;
}

/** The DomainRecord table bound to a client; operations go through a viewer. */
export interface RecordsClient {
  /** The dynamite connection, for anything the operations do not cover. */
  readonly db: TableClient<(typeof domainRecords)['~shape']>;
  /** Operations made for a viewer (see `attestationViewer`, `reattestationViewer`, `publicViewer`). */
  as(viewer: RecordsViewer): RecordOperations;
  /** Operations made by a named trusted job (e.g. `'snapshot-rebuild'`). */
  asSystem(name: string): RecordOperations;
}

/**
 * Connects the DomainRecord table.
 *
 * @example
 * const records = connectRecords(new DynamoDBClient({}), { tableName: 'symval-domains' });
 * const group = await records.as(publicViewer()).listGroup(groupId);
 */
export function connectRecords(
  client: DynamoDBClient,
  options: ConnectRecordsOptions,
): RecordsClient {
  const db = domainRecords.connect(client, {
    tableName: options.tableName,
    logger: options.systemAccessLogger ?? infoSystemAccessLogger(),
  });
  return Object.freeze({
    db,
    as: (viewer: RecordsViewer) => new RecordOperations(db.as(viewer)),
    asSystem: (name: string) => new RecordOperations(db.asSystem(name)),
  });
}
