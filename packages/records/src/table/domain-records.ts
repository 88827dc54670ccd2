import { defineTable, type ItemOf, type KeyOf, viewerType } from '@symval/dynamite-orm';
import { DomainRecordItem } from './item.js';
import { recordsPolicies } from './policies.js';
import type { RecordsViewer } from './viewers.js';

export { DomainRecordItem };

/**
 * The DomainRecord table: one item per hostname of an attested group, keyed by group ID and
 * hostname, `Rev` as the optimistic-locking version (absent on items the existing club wrote
 * before it had one: they read as Rev 0), a stream with both images for the
 * snapshot builder, and a keys-only index `byOwner` (not in the original design, which had no
 * index: it lets erasure and per-owner listings query instead of scanning).
 *
 * @example
 * const db = domainRecords.connect(new DynamoDBClient({}), { tableName: process.env.DOMAIN_TABLE_NAME });
 * const group = await db.as(publicViewer()).queryAll({ key: { groupId } });
 */
export const domainRecords = defineTable({
  name: 'domain-records',
  description: 'Attested symmetric domain names, one item per hostname of a group.',
  item: DomainRecordItem,
  partitionKey: 'groupId',
  sortKey: 'hostname',
  version: 'rev',
  // The existing club's table holds items written before it had Rev: they are kept, read as
  // Rev 0 ("never versioned"), and a write expecting 0 requires Rev to be still absent.
  allowMissingVersion: true,
  stream: 'NEW_AND_OLD_IMAGES',
  viewer: viewerType<RecordsViewer>(),
  indexes: {
    byOwner: { partitionKey: 'owner', sortKey: 'groupId', projection: 'keys' },
  },
  policies: recordsPolicies,
  // The owner is the data subject: erasing an owner deletes every record of theirs, found
  // through the byOwner index.
  erasure: { kind: 'subject', index: 'byOwner', key: (owner) => ({ owner }) },
});

/**
 * One stored record, as read back (`validateTime` a `Date`, `rev` a number: 0 for an item
 * written before the table had Rev).
 */
export type DomainRecord = ItemOf<typeof domainRecords>;

/** The primary key of a record: `{ groupId, hostname }`. */
export type DomainRecordKey = KeyOf<typeof domainRecords>;
