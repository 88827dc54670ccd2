import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { isChecked, issuesOf, type ReadIssue } from '@symval/dynamite-orm';
import { type DomainRecord, domainRecords } from '../table/domain-records.js';

/**
 * One stored item as a migration sees it: whether it reads as a record, what of the existing
 * club's shapes it has, and its fields as stored even when it does not read.
 */
export interface StoredItemAudit {
  /** `pk` as stored, when it is a string. */
  readonly groupId: string | undefined;
  /** `sk` as stored, when it is a string. */
  readonly hostname: string | undefined;
  /** `Owner` as stored, when it is a string. */
  readonly owner: string | undefined;
  /** `Type` as stored, when it is a string (a code `a`..`h` or not). */
  readonly type: string | undefined;
  /** The record, when the item reads strictly (`rev` 0 when it has no `Rev`). */
  readonly record: DomainRecord | undefined;
  /** Why it does not read as a record; empty when `record` is set. */
  readonly issues: readonly ReadIssue[];
  /** The item has no `Rev` attribute: written before the table had one. */
  readonly revMissing: boolean;
  /**
   * Stored attributes the schema does not name, sorted. The existing club's first writer also
   * stored `GroupID` and `Hostname`; reads drop them and writes leave them alone.
   */
  readonly extraAttributes: readonly string[];
}

const KNOWN = new Set(domainRecords.model.codec.fields.map((field) => field.savedAs));

function text(av: AttributeValue | undefined): string | undefined {
  return av?.S;
}

/**
 * Reads one raw stored item of the DomainRecord table the way a migration reports it: never
 * throws for an item the schema does not describe, and says what of it is amiss.
 *
 * @example
 * auditStoredItem({ pk: { S: id }, sk: { S: 'ZQ.suns.bz' }, Owner: { S: owner }, Type: { S: 'b' }, ValidateTime: { S: t } });
 * // { record: { ..., rev: 0 }, revMissing: true, issues: [], extraAttributes: [] }
 */
export function auditStoredItem(raw: Record<string, AttributeValue>): StoredItemAudit {
  const read = domainRecords.unmarshal(raw, { validation: 'lenient' });
  const checked = isChecked(read);
  return {
    groupId: text(raw.pk),
    hostname: text(raw.sk),
    owner: text(raw.Owner),
    type: text(raw.Type),
    record: checked ? read : undefined,
    issues: checked ? [] : issuesOf(read),
    revMissing: raw.Rev === undefined,
    extraAttributes: Object.keys(raw)
      .filter((name) => !KNOWN.has(name))
      .sort(),
  };
}
