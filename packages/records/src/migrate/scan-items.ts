import { type AttributeValue, DescribeTableCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { RecordsClient } from '../operations/records-client.js';
import { auditStoredItem, type StoredItemAudit } from './audit-item.js';

/** Options of {@link auditStoredItems}. */
export interface AuditStoredItemsOptions {
  /** Items per Scan page (DynamoDB's own limit of 1 MB applies too). Default: DynamoDB's. */
  pageSize?: number;
}

/**
 * Every item of the table as stored, audited ({@link auditStoredItem}), by a strongly
 * consistent scan. Unlike `listAll`, an item the schema does not describe is reported, not
 * thrown: a migration must see the whole table. Reads only.
 *
 * @example
 * for await (const item of auditStoredItems(records)) if (item.revMissing) count++;
 */
export async function* auditStoredItems(
  records: RecordsClient,
  options: AuditStoredItemsOptions = {},
): AsyncGenerator<StoredItemAudit> {
  const { client, tableName } = records.db;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        ConsistentRead: true,
        ...(options.pageSize !== undefined ? { Limit: options.pageSize } : {}),
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const raw of page.Items ?? []) yield auditStoredItem(raw);
    start = page.LastEvaluatedKey;
  } while (start);
}

/**
 * DynamoDB's item count of the table: updated about every six hours on AWS, so an estimate
 * (for a progress bar), exact on DynamoDB Local.
 */
export async function approximateItemCount(records: RecordsClient): Promise<number> {
  const { client, tableName } = records.db;
  const out = await client.send(new DescribeTableCommand({ TableName: tableName }));
  return out.Table?.ItemCount ?? 0;
}
