// Items in the shapes the existing club (mrled/suns, Go) wrote, for tests that load them raw.
import { type AttributeValue, type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { calculateGroupIdV1 } from '@symval/groupid';

/** One hostname of an existing group: its item as the Go writer stored it. */
export interface ExistingItem {
  groupId: string;
  hostname: string;
  item: Record<string, AttributeValue>;
}

/**
 * The items of a group as the existing club stored them: the ID hashed from the hostnames
 * exactly as submitted, `ValidateTime` in RFC 3339 with nanoseconds. `shape` picks the writer:
 * `first` (the whole record marshalled, so `GroupID` and `Hostname` too, no `Rev`), `dto` (the
 * DTO before `Rev`), `rev` (the DTO with `Rev`).
 */
export function existingGroup(
  owner: string,
  type: string,
  hostnames: readonly string[],
  options: { shape: 'first' | 'dto' | 'rev'; rev?: number; validateTime?: string },
): ExistingItem[] {
  const groupId = calculateGroupIdV1(owner, type, hostnames);
  const validateTime = options.validateTime ?? '2025-10-15T12:34:56.123456789Z';
  return hostnames.map((hostname) => {
    const item: Record<string, AttributeValue> = {
      pk: { S: groupId },
      sk: { S: hostname },
      Owner: { S: owner },
      Type: { S: type },
      ValidateTime: { S: validateTime },
    };
    if (options.shape === 'first') {
      item.GroupID = { S: groupId };
      item.Hostname = { S: hostname };
    }
    if (options.shape === 'rev') item.Rev = { N: String(options.rev ?? 1) };
    return { groupId, hostname, item };
  });
}

/** Writes items as they are, with no mapper in between. */
export async function putRaw(
  client: DynamoDBClient,
  tableName: string,
  items: readonly ExistingItem[],
): Promise<void> {
  for (const { item } of items) {
    await client.send(new PutItemCommand({ TableName: tableName, Item: item }));
  }
}
