import { attr, defineItem, type InferItem } from '@symval/dynamite-orm';
import { SYMMETRY_CODES } from './symmetry-code.js';

/**
 * The fields of one stored record. The saved names keep the item shape of the existing Go
 * implementation: `{ pk, sk, Owner, Type, ValidateTime, Rev }`.
 */
export const DomainRecordItem = defineItem({
  groupId: attr
    .string()
    .savedAs('pk')
    .meta({ description: 'v1 group ID: type code, hash of the owner, hash of the hostnames' }),
  hostname: attr.string().savedAs('sk').meta({
    description:
      'one hostname of the group, as its group ID was made from: normalised (lowercase ASCII) for new attestations, as submitted in records of the existing club',
  }),
  owner: attr.string().savedAs('Owner').meta({
    description: 'the owner string the member chose (a URL is recommended); published',
    personalData: 'identifier',
    purpose: 'public membership list',
  }),
  type: attr
    .literal(...SYMMETRY_CODES)
    .savedAs('Type')
    .meta({ description: 'symmetry type code a..h' }),
  validateTime: attr
    .date()
    .savedAs('ValidateTime')
    .meta({ description: 'last successful attestation, RFC 3339' }),
  rev: attr.int().savedAs('Rev').meta({
    description:
      'monotonic revision; every write adds one; absent (read as 0) on items written before it existed',
  }),
});

/** One stored record, as read back (`validateTime` a `Date`, `rev` a number, 0 when absent). */
export type DomainRecordFields = InferItem<(typeof DomainRecordItem)['fields']>;
