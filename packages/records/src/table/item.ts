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
  hostname: attr
    .string()
    .savedAs('sk')
    .meta({ description: 'one hostname of the group, normalised (lowercase ASCII)' }),
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
  rev: attr.int().savedAs('Rev').meta({ description: 'monotonic revision; every write adds one' }),
});

/** One stored record, as read back (`validateTime` a `Date`, `rev` a number). */
export type DomainRecordFields = InferItem<(typeof DomainRecordItem)['fields']>;
